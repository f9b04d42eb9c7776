// A `templates/` folder made while `weft dev` runs is the site's theme from then on:
// its first file shows in the pages, and later saves to it too, without a restart.

import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startDev, type DevServer } from '../../src/dev/dev.js'
import type { BuildOutcome } from '../../src/project/project.js'
import { makeSite } from '../helpers/site.js'

let server: DevServer
let root: string
const rebuilds: (BuildOutcome | undefined)[] = []

beforeAll(async () => {
  root = makeSite({
    'content/index.md': '---\ntitle: Home\n---\nWelcome.\n',
    'content/guide.md': '---\ntitle: Guide\n---\nThe guide.\n',
  })
  server = await startDev({ root, port: 0, config: { search: false }, log: () => {}, onRebuild: (outcome) => rebuilds.push(outcome) })
})

afterAll(async () => {
  await server?.close()
})

async function footerOf(route: string): Promise<string> {
  const html = await (await fetch(new URL(route, server.url))).text()
  return /<footer[\s\S]*?<\/footer>/.exec(html)?.[0] ?? ''
}

/** Waits until the page's footer says `text` (the watcher and the rebuild take a moment). */
async function waitForFooter(route: string, text: string): Promise<string> {
  const until = Date.now() + 10_000
  let footer = await footerOf(route)
  while (!footer.includes(text) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 50))
    await server.idle()
    footer = await footerOf(route)
  }
  return footer
}

it('takes up a templates/ folder made after it started, and saves to it', async () => {
  expect(fs.existsSync(path.join(root, 'templates'))).toBe(false)
  expect(await footerOf('guide/')).not.toContain('Our own footer')

  fs.mkdirSync(path.join(root, 'templates', 'partials'), { recursive: true })
  fs.writeFileSync(path.join(root, 'templates', 'partials', 'footer.liquid'), '<footer><p>Our own footer, first</p></footer>\n')
  expect(await waitForFooter('guide/', 'Our own footer, first')).toContain('Our own footer, first')

  fs.writeFileSync(path.join(root, 'templates', 'partials', 'footer.liquid'), '<footer><p>Our own footer, second</p></footer>\n')
  expect(await waitForFooter('guide/', 'Our own footer, second')).toContain('Our own footer, second')
  expect(await footerOf('index.html')).toContain('Our own footer, second')
  // Two saves, each seen in the pages: at least two rebuilds, and every one of them good.
  expect(rebuilds.length).toBeGreaterThanOrEqual(2)
  expect(rebuilds.every((outcome) => outcome?.ok)).toBe(true)
})
