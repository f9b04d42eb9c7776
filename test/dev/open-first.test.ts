// A save that touches many pages reaches the page open in the browser first: weft
// dev renders the open pages, sends their update, then renders the others.

import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startDev, type DevServer } from '../../src/dev/dev.js'
import { listenForUpdates } from '../helpers/live-reload.js'
import { makeSite } from '../helpers/site.js'

const fm = (title: string, order: number) => `---\ntitle: ${title}\nmenu_order: ${order}\n---\n`
const parts = Array.from({ length: 12 }, (_, index) => index + 1)

let server: DevServer
let root: string

beforeAll(async () => {
  root = makeSite({
    'content/index.md': `${fm('Home', 0)}Welcome.\n`,
    ...Object.fromEntries(parts.map((part) => [`content/part-${part}.md`, `${fm(`Part ${part}`, part)}{{ include "./includes/note.md" }}\n\nText of part ${part}.\n`])),
    'includes/note.md': 'Shared note: version 1.\n',
  })
  server = await startDev({ root, port: 0, config: { search: false }, log: () => {} })
})

afterAll(async () => {
  await server?.close()
})

it('renders and shows the open page before the other pages the save touched', async () => {
  const before = server.connections
  const open = await listenForUpdates(server.url, 'part-7/index.html')
  while (server.connections <= before) await new Promise((resolve) => setTimeout(resolve, 10))
  fs.writeFileSync(path.join(root, 'includes', 'note.md'), 'Shared note: version 2.\n')
  const until = Date.now() + 10_000
  while (open.updates.length < 2 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10))
  await server.idle()
  open.close()
  const [first, rest] = open.updates
  expect(first).toEqual(['part-7/index.html'])
  // The others, in the update that ends the build; the open page is not sent again (it did not change since).
  expect(rest).toContain('part-1/index.html')
  expect(rest).toContain('part-12/index.html')
  expect(rest).not.toContain('part-7/index.html')
  const page = await (await fetch(new URL('part-7/', server.url))).text()
  expect(page).toContain('version 2')
})
