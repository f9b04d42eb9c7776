// In a real browser: an author saves an include that many pages use and, while the
// rebuild goes on, follows the "Next" link. The page opens with the save in it and
// is not reloaded when the rebuild ends. The compiled weft, with its render thread
// held for a while by a long page, so that the link is followed mid-rebuild.

import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import type { DevServer } from '../../src/dev/dev.js'
import type { BuildOutcome } from '../../src/project/project.js'
import { launchBrowser } from '../helpers/browser.js'
import { makeSite, repoRoot } from '../helpers/site.js'

const fm = (title: string, order: number) => `---\ntitle: ${title}\nmenu_order: ${order}\n---\n`

let browser: Browser
let server: DevServer
let root: string
const rebuilds: BuildOutcome[] = []

beforeAll(async () => {
  const files: Record<string, string> = {
    'weft.config.js': "export default { title: 'Clicked', search: false }\n",
    'content/index.md': `${fm('Home', 0)}Welcome.\n`,
    'includes/note.md': 'Shared note: the first.\n',
  }
  for (let part = 1; part <= 80; part++) {
    const filler = 'A paragraph of filler text.\n\n'.repeat(part === 1 ? 6_000 : 20)
    files[`content/part-${String(part).padStart(3, '0')}.md`] = `${fm(`Part ${part}`, part)}{{ include "./includes/note.md" }}\n\nText of part ${part}.\n\n${filler}`
  }
  root = makeSite(files)
  browser = await launchBrowser()
  const { startDev } = (await import(path.join(repoRoot, 'lib', 'dev', 'dev.js'))) as typeof import('../../src/dev/dev.js')
  server = await startDev({ root, port: 0, log: () => {}, onRebuild: (outcome) => outcome && rebuilds.push(outcome) })
  // Render threads are started after the first build: give them time to be ready.
  await new Promise((resolve) => setTimeout(resolve, 3000))
}, 120_000)

afterAll(async () => {
  await server?.close()
  await browser?.close()
})

it('opens a page the rebuild has not reached yet with the save in it, and does not reload it after', async () => {
  const page = await browser.newPage()
  const before = server.connections
  await page.goto(new URL('part-040/', server.url).href)
  while (server.connections <= before) await new Promise((resolve) => setTimeout(resolve, 10))
  const note = 'Shared note: saved while many pages render.'
  fs.writeFileSync(path.join(root, 'includes', 'note.md'), `${note}\n`)
  // The open page is rendered first and reloads; the other 79 are still to come.
  await page.waitForFunction((text) => document.querySelector('main')?.textContent?.includes(text), note, { timeout: 30_000 })
  expect(rebuilds).toHaveLength(0)
  await Promise.all([page.waitForURL(/\/part-041\/(index\.html)?$/), page.click('a[rel="next"]')])
  expect(await page.locator('main').textContent()).toContain(note)
  // Marked after it opened: a reload when the rebuild ends would lose the mark.
  await page.evaluate(() => ((window as unknown as { opened: boolean }).opened = true))
  const until = Date.now() + 60_000
  while (rebuilds.length === 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20))
  await server.idle()
  expect(rebuilds[0]!.rendered).toHaveLength(80)
  await new Promise((resolve) => setTimeout(resolve, 300))
  expect(await page.evaluate(() => (window as unknown as { opened?: boolean }).opened)).toBe(true)
  await page.close()
}, 120_000)
