// A page opened while a save rebuilds many pages: weft dev renders it ahead of its
// turn and serves it new, instead of the last build's page and a reload later.
// Once in this thread (the TypeScript sources), once with the compiled weft's
// render threads, which have some of the pages in hand when the page is asked for.
// A page of the rebuild is held until the answer is in, so the rebuild is still going
// on however fast or busy the machine; the tests wait for events, not for times.

import fs from 'node:fs'
import path from 'node:path'
import { expect, it } from 'vitest'
import type { DevServer } from '../../src/dev/dev.js'
import type { BuildOutcome } from '../../src/project/project.js'
import { listenForUpdates, type LiveReloadListener } from '../helpers/live-reload.js'
import { createRenderGate, type RenderGate } from '../helpers/render-gate.js'
import { openRenderLog, warmedUp, type RenderLog } from '../helpers/render-log.js'
import { byTag, makeSite, parseHtml, repoRoot, textOf } from '../helpers/site.js'

const fm = (title: string, order: number) => `---\ntitle: ${title}\nmenu_order: ${order}\n---\n`

/** `count` parts that include one note; part `held` is held by the gate while it is armed. */
function site(count: number, held: number): { root: string; gate: RenderGate } {
  const gate = createRenderGate(`part-${String(held).padStart(3, '0')}.md`)
  const files: Record<string, string> = {
    'weft.config.js': gate.config('Asked'),
    'content/index.md': `${fm('Home', 0)}Welcome.\n`,
    'includes/note.md': 'Shared note: the first.\n',
  }
  for (let part = 1; part <= count; part++) {
    files[`content/part-${String(part).padStart(3, '0')}.md`] = `${fm(`Part ${part}`, part)}{{ include "./includes/note.md" }}\n\nText of part ${part}, with \`code\`.\n\n${'A paragraph of filler text.\n\n'.repeat(20)}\`\`\`yaml\npart: ${part}\n\`\`\`\n`
  }
  return { root: makeSite(files), gate }
}

const mainText = (html: string) => textOf(byTag(parseHtml(html), 'main')[0]!)

interface Asking {
  /** The page to ask for, as a browser opening it does. */
  asked: string
  /**
   * A page open in a browser before the save: the page is asked for when it is shown (rendered
   * first, before the rest go to the render threads). Without one, when the rebuild has kept its first page.
   */
  open?: string
  /** Render threads to wait for (their warm-up pages) after the first build. */
  threads?: { log: RenderLog; count: number }
}

/**
 * Saves the include all parts use and asks for a page during the rebuild, which the gate holds until
 * the answer is in. Returns what was served, how many pages the rebuild had kept then, the most it
 * counted, and the rebuild's outcome.
 */
async function askDuringRebuild(start: typeof import('../../src/dev/dev.js').startDev, { root, gate }: { root: string; gate: RenderGate }, { asked, open, threads }: Asking) {
  const progress = { done: 0, total: 0, most: 0 }
  let answer: Promise<{ html: string; doneThen: number; rebuiltThen: boolean }> | undefined
  let server: DevServer | undefined
  let rebuiltThen = false
  let onAsked!: () => void
  const wasAsked = new Promise<void>((resolve) => (onAsked = resolve))
  let onRebuilt!: (outcome: BuildOutcome | undefined) => void
  const rebuilt = new Promise<BuildOutcome | undefined>((resolve) => (onRebuilt = resolve))
  const ask = () => {
    answer ??= fetch(new URL(asked, server!.url))
      .then((response) => response.text())
      .then((html) => ({ html, doneThen: progress.done, rebuiltThen }))
    onAsked()
  }
  server = await start({
    root,
    port: 0,
    log: () => {},
    onRebuild: (outcome) => {
      rebuiltThen = true
      onRebuilt(outcome)
    },
    onProgress: (done, total) => {
      Object.assign(progress, { done, total, most: Math.max(progress.most, done) })
      if (!open && server && total > 1 && done === 1) ask()
    },
  })
  const browsers: LiveReloadListener[] = []
  try {
    if (threads) await threads.log.waitFor(warmedUp(threads.count), 'the render threads to warm up')
    const connected = server.connections
    if (open) browsers.push(await listenForUpdates(server.url, open, ask))
    expect(server.connections).toBe(connected + browsers.length)
    progress.most = 0
    gate.arm()
    fs.writeFileSync(path.join(root, 'includes', 'note.md'), `Shared note: version ${Date.now()}.\n`)
    await wasAsked
    const served = await answer!
    // A browser now shows the page: the update that ends the rebuild must not reload it.
    const browser = await listenForUpdates(server.url, asked.replace(/\/$/, '/index.html'))
    browsers.push(browser)
    gate.open()
    const outcome = await rebuilt
    await server.idle()
    const note = fs.readFileSync(path.join(root, 'includes', 'note.md'), 'utf8').trim()
    return { note, served, total: progress.total, most: progress.most, outcome: outcome!, updates: browser.updates }
  } finally {
    gate.disarm()
    for (const browser of browsers) browser.close()
    await server.close()
  }
}

it('serves a page opened during a rebuild new, before the rebuild reaches it (this thread)', async () => {
  const { startDev } = await import('../../src/dev/dev.js')
  // The second part is held: the first kept, the last asked for, the rebuild goes on until the answer is in.
  const result = await askDuringRebuild(startDev, site(40, 2), { asked: 'part-040/' })
  expect(mainText(result.served.html)).toContain(result.note)
  // Rendered ahead of its turn: it is the last page, and the rebuild was not over.
  expect(result.served.rebuiltThen).toBe(false)
  expect(result.served.doneThen).toBeLessThan(result.total)
  // Each page kept once, and the page not sent again to the browser showing it.
  expect(result.outcome.ok).toBe(true)
  expect(result.outcome.rendered).toHaveLength(40)
  expect(result.most).toBe(result.total)
  expect(result.updates.flat()).not.toContain('part-040/index.html')
  expect(result.updates.flat()).toContain('part-001/index.html')
}, 120_000)

it('serves a page opened during a rebuild new while render threads have the rest (compiled weft)', async () => {
  const log = openRenderLog(2)
  try {
    const { startDev } = (await import(path.join(repoRoot, 'lib', 'dev', 'dev.js'))) as typeof import('../../src/dev/dev.js')
    // The first part is held in a render thread, with the rest of its batch, until the answer is in. Asked
    // for as the open page is shown, the last part is still in the queue, and the second in a thread's
    // hands: rendered here too, it must be kept once.
    const built = site(80, 1)
    for (const asked of ['part-080/', 'part-002/']) {
      const result = await askDuringRebuild(startDev, built, { asked, open: 'part-040/index.html', threads: { log, count: 2 } })
      expect(mainText(result.served.html), asked).toContain(result.note)
      expect(result.served.rebuiltThen).toBe(false)
      expect(result.served.doneThen).toBeLessThan(result.total)
      expect(result.outcome.ok).toBe(true)
      expect(result.outcome.rendered).toHaveLength(80)
      expect(result.most, 'each page kept once').toBe(result.total)
      expect(result.updates.flat()).not.toContain(`${asked}index.html`)
    }
    // The held part was rendered in a render thread, at each save.
    expect(log.entries().filter((entry) => entry.kind === 'page' && entry.file.endsWith('part-001.md')).length).toBeGreaterThanOrEqual(2)
  } finally {
    log.close()
  }
}, 180_000)
