// `weft dev` on a bench site (`npm run bench -- 1000 --generate-only` writes one):
// saves includes/teardown.md six times and, while each rebuild runs, fetches
// another page that includes it. Prints when the page came and whether the save
// was in it, and when the rebuild ended.
//
//   node bench/probes/asked-during-rebuild.js SITE
//
// WEFT_LIB=DIR takes weft's compiled lib/ from another checkout (to compare two);
// NO_ASK=1 fetches nothing (the rebuild alone); DELAY_MS (default 60) is how long
// after each save the page is asked for.

import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = process.argv[2]
if (!root) {
  process.stderr.write('usage: node bench/probes/asked-during-rebuild.js SITE\n')
  process.exit(2)
}
const lib = process.env.WEFT_LIB ?? fileURLToPath(new URL('../../lib', import.meta.url))
const { startDev } = await import(path.join(lib, 'dev', 'dev.js'))
const include = path.join(root, 'includes', 'teardown.md')
const original = fs.readFileSync(include, 'utf8')
const content = path.join(root, 'content')
const includers = fs
  .readdirSync(content, { recursive: true })
  .filter((file) => file.endsWith('.md') && fs.readFileSync(path.join(content, file), 'utf8').includes('teardown.md'))
  .sort()
const outputOf = (file) => file.replace(/\.md$/, '/index.html')
// A browser shows the first page that includes it; the others are asked for in turn.
const open = outputOf(includers[0])
const asked = [includers.length - 1, 25, 10].map((index) => outputOf(includers[index]))
let rebuiltAt = 0
const server = await startDev({ root, port: 0, log: () => {}, onRebuild: () => (rebuiltAt = performance.now()) })
await new Promise((resolve) => http.get(new URL(`/__weft/events?page=${encodeURIComponent(open)}`, server.url), resolve))
await new Promise((resolve) => setTimeout(resolve, 3000))
const delay = Number(process.env.DELAY_MS ?? 60)
try {
  for (let run = 1; run <= 6; run++) {
    const mark = `Marker ${Date.now()} of run ${run}.`
    const page = asked[run % asked.length]
    rebuiltAt = 0
    fs.writeFileSync(include, `${original}\n${mark}\n`)
    const saved = performance.now()
    await new Promise((resolve) => setTimeout(resolve, delay))
    const sent = performance.now()
    const body = process.env.NO_ASK ? '' : await (await fetch(new URL(page.replace(/index\.html$/, ''), server.url))).text()
    const got = performance.now()
    await server.idle()
    const answer = process.env.NO_ASK ? '' : `${page} asked ${(sent - saved).toFixed(0)} ms after the save, answered in ${(got - sent).toFixed(0)} ms (${(got - saved).toFixed(0)} after the save), ${body.includes(mark) ? 'NEW' : 'old'}; `
    console.log(`run ${run}: ${answer}rebuild over ${(rebuiltAt - saved).toFixed(0)} ms after the save`)
    await new Promise((resolve) => setTimeout(resolve, 1500))
  }
} finally {
  fs.writeFileSync(include, original)
  await server.close()
}
