// In a real browser: an author saves an include that many pages use and, while the
// rebuild goes on, follows the "Next" link. The page opens with the save in it and
// is not reloaded when the rebuild ends. The compiled weft, with the first part held
// in its render thread until the link was followed (src of the hold:
// test/helpers/render-gate.ts), so that the link is followed mid-rebuild on any machine.

import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import type { DevServer } from '../../src/dev/dev.js'
import type { BuildOutcome } from '../../src/project/project.js'
import { launchBrowser } from '../helpers/browser.js'
import { createRenderGate } from '../helpers/render-gate.js'
import { openRenderLog, warmedUp, type RenderLog } from '../helpers/render-log.js'
import { makeSite, repoRoot } from '../helpers/site.js'

const fm = (title: string, order: number) => `---\ntitle: ${title}\nmenu_order: ${order}\n---\n`

let browser: Browser
let server: DevServer
let root: string
let log: RenderLog
const gate = createRenderGate('part-001.md')
const rebuilds: BuildOutcome[] = []
let onRebuilt: () => void = () => {}

beforeAll(async () => {
  const files: Record<string, string> = {
    'weft.config.js': gate.config('Clicked'),
    'content/index.md': `${fm('Home', 0)}Welcome.\n`,
    'includes/note.md': 'Shared note: the first.\n',
  }
  for (let part = 1; part <= 80; part++) {
    const filler = 'A paragraph of filler text.\n\n'.repeat(20)
    files[`content/part-${String(part).padStart(3, '0')}.md`] = `${fm(`Part ${part}`, part)}{{ include "./includes/note.md" }}\n\nText of part ${part}.\n\n${filler}`
  }
  root = makeSite(files)
  browser = await launchBrowser()
  log = openRenderLog(2)
  const { startDev } = (await import(path.join(repoRoot, 'lib', 'dev', 'dev.js'))) as typeof import('../../src/dev/dev.js')
  server = await startDev({ root, port: 0, log: () => {}, onRebuild: (outcome) => outcome && rebuilds.push(outcome) && onRebuilt() })
  // Render threads are started after the first build: the save goes to them once each has rendered its warm-up page.
  await log.waitFor(warmedUp(2), 'the render threads to warm up')
}, 120_000)

afterAll(async () => {
  gate.disarm()
  log?.close()
  await server?.close()
  await browser?.close()
})

/** Wraps the page's EventSource: each `update` is kept with whether the live-reload script asked for a reload on it. */
function recordUpdates(): void {
  const Original = window.EventSource
  const kept: { changed: string[]; reloading: boolean }[] = []
  ;(window as unknown as { updates: typeof kept }).updates = kept
  window.EventSource = class extends Original {
    constructor(url: string | URL, init?: EventSourceInit) {
      super(url, init)
      // Added after the script's own listener (it adds it as the constructor returns): its reload has been asked for then.
      queueMicrotask(() =>
        this.addEventListener('update', (event) => {
          const reloading = sessionStorage.getItem('weft:scroll:' + location.pathname) !== null
          kept.push({ changed: JSON.parse((event as MessageEvent).data).changed, reloading })
        }),
      )
    }
  }
}

it('opens a page the rebuild has not reached yet with the save in it, and does not reload it after', async () => {
  const page = await browser.newPage()
  await page.addInitScript(recordUpdates)
  const before = server.connections
  await page.goto(new URL('part-040/', server.url).href)
  await page.waitForFunction(() => document.readyState === 'complete')
  await expect.poll(() => server.connections, { timeout: 30_000 }).toBeGreaterThan(before)
  const rebuilt = new Promise<void>((resolve) => (onRebuilt = resolve))
  const note = 'Shared note: saved while many pages render.'
  gate.arm()
  fs.writeFileSync(path.join(root, 'includes', 'note.md'), `${note}\n`)
  // The open page is rendered first and reloads; the other 79 are still to come (the first is held).
  await page.waitForFunction((text) => document.querySelector('main')?.textContent?.includes(text), note, { timeout: 30_000 })
  expect(rebuilds).toHaveLength(0)
  await Promise.all([page.waitForURL(/\/part-041\/(index\.html)?$/), page.click('a[rel="next"]')])
  expect(await page.locator('main').textContent()).toContain(note)
  expect(rebuilds).toHaveLength(0)
  // Marked after it opened: a reload when the rebuild ends would lose the mark.
  await page.evaluate(() => ((window as unknown as { opened: boolean }).opened = true))
  let navigations = 0
  page.on('framenavigated', (frame) => frame === page.mainFrame() && navigations++)
  gate.open()
  await rebuilt
  await server.idle()
  expect(rebuilds[0]!.rendered).toHaveLength(80)
  // The update that ends the rebuild (it names the print view) reached this page, which did not ask to reload.
  await page.waitForFunction(() => (window as unknown as { updates: { changed: string[] }[] }).updates.some((update) => update.changed.includes('print/index.html')), undefined, { timeout: 30_000 })
  const updates = await page.evaluate(() => (window as unknown as { updates: { changed: string[]; reloading: boolean }[] }).updates)
  expect(updates.filter((update) => update.reloading)).toEqual([])
  expect(updates.flatMap((update) => update.changed)).not.toContain('part-041/index.html')
  expect(await page.evaluate(() => (window as unknown as { opened?: boolean }).opened)).toBe(true)
  expect(navigations).toBe(0)
  await page.close()
}, 120_000)
