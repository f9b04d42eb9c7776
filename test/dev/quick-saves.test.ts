// Two saves of one page in quick succession: chokidar reports no second change to
// a file within 50 ms of the first, so without a second look `weft dev` would serve
// the first save's page until the next one.

import fs from 'node:fs'
import path from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { startDev, type DevServer } from '../../src/dev/dev.js'
import { makeSite } from '../helpers/site.js'

let server: DevServer | undefined

afterEach(async () => {
  await server?.close()
})

async function servedUntil(url: URL, text: string): Promise<string> {
  const deadline = Date.now() + 10_000
  let body = ''
  while (Date.now() < deadline) {
    body = await (await fetch(url)).text()
    if (body.includes(text)) break
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return body
}

it('serves the second of two saves made right after the first one rebuilt', async () => {
  const page = (text: string) => `---\ntitle: Guide\n---\n\n${text}\n`
  const root = makeSite({ 'content/index.md': '---\ntitle: Home\n---\n\nHome.\n', 'content/guide.md': page('Version 0.') })
  const file = path.join(root, 'content', 'guide.md')
  let second: string | undefined
  server = await startDev({
    root,
    port: 0,
    config: { search: false },
    log: () => {},
    quietMs: 0,
    // The second save lands as soon as the first is rebuilt: on a small site, inside
    // chokidar's 50 ms (a slower rebuild makes the test pass without saying much).
    onRebuild: () => {
      if (second === undefined) return
      fs.writeFileSync(file, page(second))
      second = undefined
    },
  })
  const url = new URL('guide/', server.url)
  // A first save warms the rebuild up, so that the next one is quick.
  fs.writeFileSync(file, page('Warm.'))
  expect(await servedUntil(url, 'Warm.')).toContain('Warm.')
  await server.idle()
  second = 'Version 2.'
  fs.writeFileSync(file, page('Version 1.'))
  expect(await servedUntil(url, 'Version 2.')).toContain('Version 2.')
})
