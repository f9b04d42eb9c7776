// Many pages render in worker threads; the site they make is the one a single
// thread makes, byte for byte, messages included.

import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { threadId } from 'node:worker_threads'
import { expect, it } from 'vitest'
import { openRenderLog, warmedUp } from '../helpers/render-log.js'
import { makeSite, repoRoot } from '../helpers/site.js'

function site(): string {
  const files: Record<string, string> = {
    'weft.config.js': "export default { title: 'Pool', search: false }\n",
    'content/index.md': '---\ntitle: Home\n---\n\n{{ include "./includes/links.md" }}\n\nSee [the first page][first].\n',
    'includes/links.md': '[first]: ./page-0.md\n[unused]: ./page-1.md\n',
    'includes/shared.md': '## Shared part\n\nShared text with `code`.\n',
  }
  for (let index = 0; index < 80; index++) {
    files[`content/page-${index}.md`] = `---\ntitle: Page ${index}\nmenu_order: ${index % 40}\n---\n\n{{ include "./includes/shared.md" }}\n\n[[ open_details ]]\n\nDetails of ${index}, [next](page-${(index + 1) % 80}.md#shared-part).\n\n[[ close_details ]]\n\n\`\`\`yaml\nkey: ${index}\n\`\`\`\n`
  }
  return makeSite(files)
}

it('gives the same site and messages with and without worker threads', () => {
  const root = site()
  const run = (workers: string, out: string) => spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'weft.js'), 'build', '--root', root, '--out', path.join(root, out), '--timings', '--no-cache'], { encoding: 'utf8', env: { ...process.env, WEFT_WORKERS: workers } })
  const single = run('0', 'single')
  const pooled = run('2', 'pooled')
  expect(single.status).toBe(0)
  expect(pooled.status).toBe(0)
  // The pooled build did render in workers, the other did not.
  expect(pooled.stdout).toContain('parse (workers)')
  expect(single.stdout).not.toContain('(workers)')
  // Same warnings (duplicate menu_order, the unused definition), same order.
  expect(pooled.stderr).toBe(single.stderr)
  expect(single.stderr).toContain('unused-definition')
  const list = (folder: string) => (fs.readdirSync(folder, { recursive: true }) as string[]).sort()
  expect(list(path.join(root, 'pooled'))).toEqual(list(path.join(root, 'single')))
  for (const name of list(path.join(root, 'single'))) {
    const file = path.join(root, 'single', name)
    if (fs.statSync(file).isFile()) expect(fs.readFileSync(path.join(root, 'pooled', name)).equals(fs.readFileSync(file)), name).toBe(true)
  }
}, 120_000)

it('renders a page too large for a thread\'s heap in the main thread, the same as one thread', () => {
  const root = site()
  // Plain sections: about 400,000 characters that micromark parses in linear time.
  const sections = Array.from({ length: 2600 }, (_, index) => `## Section ${index}\n\nA paragraph with *emphasis*, a [link](page-1.md) and \`code\` number ${index}, and more words after it.\n`)
  fs.writeFileSync(path.join(root, 'content', 'large.md'), `---\ntitle: Large\n---\n\n${sections.join('\n')}`)
  const run = (env: Record<string, string>, out: string) => spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'weft.js'), 'build', '--root', root, '--out', path.join(root, out), '--timings', '--no-cache'], { encoding: 'utf8', env: { ...process.env, ...env } })
  const single = run({ WEFT_WORKERS: '0' }, 'single')
  // A heap the other pages fit in, and the large one does not.
  const pooled = run({ WEFT_WORKERS: '2', WEFT_WORKER_HEAP_MB: '32' }, 'pooled')
  expect(single.status).toBe(0)
  expect(pooled.status, pooled.stderr).toBe(0)
  // Most pages rendered in the threads, the large one here.
  expect(pooled.stdout).toMatch(/parse \(workers\)/)
  expect(pooled.stdout).toMatch(/^ {2}parse {2,}\d+ ms$/m)
  expect(pooled.stderr).toBe(single.stderr)
  const large = (out: string) => fs.readFileSync(path.join(root, out, 'large', 'index.html'), 'utf8')
  expect(large('pooled')).toContain('id="section-2599"')
  expect(large('pooled')).toBe(large('single'))
}, 120_000)

it('renders a save that touches many pages in the threads weft dev started, the same as one thread', async () => {
  const root = site()
  // The compiled weft: worker threads run compiled code only. Two threads, each logging the pages it renders.
  const log = openRenderLog(2)
  const { startDev } = (await import(path.join(repoRoot, 'lib', 'dev', 'dev.js'))) as typeof import('../../src/dev/dev.js')
  const { build } = await import('../../src/index.js')
  const rebuilt: { rendered: string[] }[] = []
  let saved: (() => void) | undefined
  const rebuiltAfterSave = new Promise<void>((resolve) => (saved = resolve))
  const server = await startDev({ root, port: 0, log: () => {}, onRebuild: (outcome) => outcome && rebuilt.push(outcome) && saved?.() })
  try {
    // The threads are started after the first build: the save goes to them once each has rendered its warm-up page.
    await log.waitFor(warmedUp(2), 'the render threads to warm up')
    const before = log.entries().length
    fs.writeFileSync(path.join(root, 'includes', 'shared.md'), '## Shared part\n\nShared text, edited in dev.\n')
    await rebuiltAfterSave
    await server.idle()
    expect(rebuilt.at(-1)!.rendered).toHaveLength(80)
    // Every page the save touched was rendered in a render thread (this thread's renders are not logged), once.
    const renders = log.entries().slice(before)
    expect(renders.every((entry) => entry.kind === 'page')).toBe(true)
    expect(renders.map((entry) => path.relative(root, entry.file)).sort()).toEqual(Array.from({ length: 80 }, (_, index) => path.join('content', `page-${index}.md`)).sort())
    expect(renders.every((entry) => entry.thread !== threadId)).toBe(true)
    const fresh = await build({ root, write: false, cache: false })
    for (const [output, html] of fresh.files) {
      if (!output.endsWith('.html') || output.startsWith('print/')) continue
      const served = await (await fetch(new URL(output, server.url))).text()
      expect(served.replace('<script src="/__weft/client.js" defer></script>', ''), output).toBe(html)
    }
  } finally {
    await server.close()
    log.close()
  }
}, 120_000)

it('keeps the pages rendered in the threads in the cache: a build after a one-page edit renders that page alone', () => {
  const root = site()
  const run = () => spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'weft.js'), 'build', '--root', root, '--timings'], { encoding: 'utf8', env: { ...process.env, WEFT_WORKERS: '2' } })
  const first = run()
  expect(first.status, first.stderr).toBe(0)
  expect(first.stdout).toContain('parse (workers)')
  // The process's start is a phase of its own; with nothing in the cache, no page came from it.
  expect(first.stdout).toMatch(/^ {2}start {2,}\d+ ms$/m)
  expect(first.stdout).not.toContain('cached pages')
  // A rendered page and the record that finds it from the page's files, for each of the 81 pages.
  const sites = path.join(root, 'node_modules', '.cache', 'weft', 'sites')
  const render = path.join(sites, fs.readdirSync(sites)[0]!, 'render')
  const entries = (fs.readdirSync(render, { recursive: true }) as string[]).filter((name) => name.endsWith('.json'))
  expect(entries.filter((name) => name.startsWith(`pages${path.sep}`))).toHaveLength(81)
  expect(entries.filter((name) => !name.startsWith(`pages${path.sep}`))).toHaveLength(81)
  expect(fs.readdirSync(render, { recursive: true }).filter((name) => String(name).endsWith('.tmp'))).toEqual([])
  fs.appendFileSync(path.join(root, 'content', 'page-7.md'), '\nOne more line.\n')
  const second = run()
  expect(second.status, second.stderr).toBe(0)
  // One page to render: in this thread, with no threads started; the other 80 came from the cache.
  expect(second.stdout).not.toContain('(workers)')
  expect(second.stdout).toMatch(/^ {2}parse {2,}\d+ ms$/m)
  expect(second.stdout).toMatch(/^ {2}cached pages \(wall\) +\d+ ms$/m)
  expect(fs.readFileSync(path.join(root, 'dist', 'page-7', 'index.html'), 'utf8')).toContain('One more line.')
}, 120_000)
