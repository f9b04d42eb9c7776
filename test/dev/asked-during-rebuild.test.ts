// A page opened while a save rebuilds many pages: weft dev renders it ahead of its
// turn and serves it new, instead of the last build's page and a reload later.
// Once in this thread (the TypeScript sources), once with the compiled weft's
// render threads, which have some of the pages in hand when the page is asked for.

import fs from 'node:fs'
import path from 'node:path'
import { expect, it } from 'vitest'
import type { DevServer } from '../../src/dev/dev.js'
import type { BuildOutcome } from '../../src/project/project.js'
import { listenForUpdates, type LiveReloadListener } from '../helpers/live-reload.js'
import { byTag, makeSite, parseHtml, repoRoot, textOf } from '../helpers/site.js'

const fm = (title: string, order: number) => `---\ntitle: ${title}\nmenu_order: ${order}\n---\n`

/** `count` parts that include one note; `heavy` names a part made long, which keeps its batch in a render thread for a while. */
function site(count: number, heavy?: number): string {
  const files: Record<string, string> = {
    'weft.config.js': "export default { title: 'Asked', search: false }\n",
    'content/index.md': `${fm('Home', 0)}Welcome.\n`,
    'includes/note.md': 'Shared note: the first.\n',
  }
  for (let part = 1; part <= count; part++) {
    files[`content/part-${String(part).padStart(3, '0')}.md`] = `${fm(`Part ${part}`, part)}{{ include "./includes/note.md" }}\n\nText of part ${part}, with \`code\`.\n\n${'A paragraph of filler text.\n\n'.repeat(part === heavy ? 6_000 : 20)}\`\`\`yaml\npart: ${part}\n\`\`\`\n`
  }
  return makeSite(files)
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
  /** How long to let render threads start after the first build. */
  warmMs?: number
}

/**
 * Saves the include all parts use and asks for a page during the rebuild. Returns what was served,
 * how many pages the rebuild had kept then, the most it counted, and the rebuild's outcome.
 */
async function askDuringRebuild(start: typeof import('../../src/dev/dev.js').startDev, root: string, { asked, open, warmMs = 0 }: Asking) {
  const progress = { done: 0, total: 0, most: 0 }
  let outcome: BuildOutcome | undefined
  let answer: Promise<{ html: string; doneThen: number; rebuiltThen: boolean }> | undefined
  let server: DevServer | undefined
  const ask = () => {
    answer ??= fetch(new URL(asked, server!.url))
      .then((response) => response.text())
      .then((html) => ({ html, doneThen: progress.done, rebuiltThen: outcome !== undefined }))
  }
  server = await start({
    root,
    port: 0,
    log: () => {},
    onRebuild: (rebuilt) => (outcome = rebuilt),
    onProgress: (done, total) => {
      Object.assign(progress, { done, total, most: Math.max(progress.most, done) })
      if (!open && server && total > 1 && done === 1) ask()
    },
  })
  const browsers: LiveReloadListener[] = []
  try {
    if (warmMs > 0) await new Promise((resolve) => setTimeout(resolve, warmMs))
    if (open) browsers.push(await listenForUpdates(server.url, open, ask))
    const connected = server.connections
    while (server.connections < connected) await new Promise((resolve) => setTimeout(resolve, 10))
    progress.most = 0
    fs.writeFileSync(path.join(root, 'includes', 'note.md'), `Shared note: version ${Date.now()}.\n`)
    const until = Date.now() + 60_000
    while (!answer && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10))
    expect(answer, 'the page was asked for').toBeDefined()
    const served = await answer!
    // A browser now shows the page: the update that ends the rebuild must not reload it.
    const browser = await listenForUpdates(server.url, asked.replace(/\/$/, '/index.html'))
    while (!outcome && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10))
    await server.idle()
    const note = fs.readFileSync(path.join(root, 'includes', 'note.md'), 'utf8').trim()
    return { note, served, total: progress.total, most: progress.most, outcome: outcome!, updates: browser.updates }
  } finally {
    for (const browser of browsers) browser.close()
    await server.close()
  }
}

it('serves a page opened during a rebuild new, before the rebuild reaches it (this thread)', async () => {
  const { startDev } = await import('../../src/dev/dev.js')
  const result = await askDuringRebuild(startDev, site(40), { asked: 'part-040/' })
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
  const { startDev } = (await import(path.join(repoRoot, 'lib', 'dev', 'dev.js'))) as typeof import('../../src/dev/dev.js')
  // The long first part keeps its batch in a render thread for seconds. Asked for as the open page
  // is shown, the last part is still in the queue, and the second in a thread's hands: rendered here
  // too, it must be kept once.
  const root = site(80, 1)
  for (const asked of ['part-080/', 'part-002/']) {
    const result = await askDuringRebuild(startDev, root, { asked, open: 'part-040/index.html', warmMs: 3000 })
    expect(mainText(result.served.html), asked).toContain(result.note)
    expect(result.served.rebuiltThen).toBe(false)
    expect(result.served.doneThen).toBeLessThan(result.total)
    expect(result.outcome.ok).toBe(true)
    expect(result.outcome.rendered).toHaveLength(80)
    expect(result.most, 'each page kept once').toBe(result.total)
    expect(result.updates.flat()).not.toContain(`${asked}index.html`)
  }
}, 180_000)
