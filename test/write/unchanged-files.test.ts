// A build after a small change links the files of the last site it would write the
// same, instead of writing them again, and still swaps in a whole new folder: the
// result is byte for byte a fresh build's, the last site is never written through
// a link, and a file edited by hand in the output is written again.

import fs from 'node:fs'
import path from 'node:path'
import { Liquid } from 'liquidjs'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { build } from '../../src/index.js'
import { Staging } from '../../src/write/write-site.js'
import { Templater } from '../../src/project/templater.js'
import { byTag, makeSite, parseHtml, repoRoot, tempDir, textOf } from '../helpers/site.js'

const fm = (title: string, order: number) => `---\ntitle: ${title}\nmenu_order: ${order}\n---\n`

function site() {
  const files: Record<string, string> = { 'content/index.md': `${fm('Home', 0)}Welcome.\n` }
  for (let index = 1; index <= 6; index++) files[`content/page-${index}.md`] = `${fm(`Page ${index}`, index)}Text of page ${index}.\n`
  const root = makeSite(files)
  const out = path.join(root, 'dist')
  const run = (config: Record<string, unknown> = {}) => build({ root, config: { search: false, ...config } })
  const inode = (output: string) => fs.statSync(path.join(out, output)).ino
  return { root, out, run, inode }
}

/** Every file of a folder, by its path: its bytes as text. */
function contents(folder: string): Map<string, string> {
  const names = (fs.readdirSync(folder, { recursive: true }) as string[]).filter((name) => fs.statSync(path.join(folder, name)).isFile())
  return new Map(names.sort().map((name) => [name, fs.readFileSync(path.join(folder, name), 'latin1')]))
}

describe('a build after a small change', () => {
  it('links the files it would write the same, and makes the same site as a fresh build', async () => {
    const { root, out, run, inode } = site()
    expect((await run()).ok).toBe(true)
    const before = new Map(['page-1/index.html', 'page-4/index.html', 'page-5/index.html', 'assets/weft.css'].map((output) => [output, inode(output)]))

    fs.appendFileSync(path.join(root, 'content', 'page-4.md'), '\nA paragraph more.\n')
    const result = await run()
    expect(result.ok).toBe(true)
    expect(result.written).toBe(true)
    // The same files as before, not copies: page 4 is new, and so are the pages that show its text (none here).
    expect(inode('page-1/index.html')).toBe(before.get('page-1/index.html'))
    expect(inode('page-5/index.html')).toBe(before.get('page-5/index.html'))
    expect(inode('assets/weft.css')).toBe(before.get('assets/weft.css'))
    expect(inode('page-4/index.html')).not.toBe(before.get('page-4/index.html'))
    expect(textOf(byTag(parseHtml(fs.readFileSync(path.join(out, 'page-4', 'index.html'))), 'article')[0]!)).toContain('A paragraph more.')

    const fresh = tempDir()
    expect((await build({ root, out: fresh, cache: false, config: { search: false } })).ok).toBe(true)
    expect(contents(out)).toEqual(contents(fresh))
  })

  it('writes again a file edited or removed in the output, and drops one added there', async () => {
    const { root, out, run, inode } = site()
    await run()
    const page2 = path.join(out, 'page-2', 'index.html')
    const original = fs.readFileSync(page2, 'utf8')
    // Edited in place, same size: only its time tells.
    fs.writeFileSync(page2, original.replace('Text of page 2', 'TEXT OF PAGE 2'))
    fs.rmSync(path.join(out, 'page-3', 'index.html'))
    fs.writeFileSync(path.join(out, 'stray.html'), 'not made by weft')
    fs.appendFileSync(path.join(root, 'content', 'page-6.md'), '\nMore.\n')
    const linked = inode('page-1/index.html')

    expect((await run()).ok).toBe(true)
    expect(fs.readFileSync(page2, 'utf8')).toBe(original)
    expect(fs.existsSync(path.join(out, 'page-3', 'index.html'))).toBe(true)
    expect(fs.existsSync(path.join(out, 'stray.html'))).toBe(false)
    expect(inode('page-1/index.html')).toBe(linked)
  })

  it('keeps linking after a build that failed, which left the output as it was', async () => {
    const { root, out, run, inode } = site()
    await run()
    const linked = inode('page-1/index.html')
    const page5 = path.join(root, 'content', 'page-5.md')
    const text = fs.readFileSync(page5, 'utf8')
    fs.writeFileSync(page5, `${text}\n{{ include "missing.md" }}\n`)
    const failed = await run()
    expect(failed.ok).toBe(false)
    expect(inode('page-1/index.html')).toBe(linked)
    expect(fs.readFileSync(path.join(out, 'page-5', 'index.html'), 'utf8')).not.toContain('missing')

    fs.writeFileSync(page5, `${text}\nFixed.\n`)
    expect((await run()).ok).toBe(true)
    expect(inode('page-1/index.html')).toBe(linked)
  })

  it('writes every file anew without the cache', async () => {
    const { root, run, inode } = site()
    await run()
    const before = inode('page-1/index.html')
    fs.appendFileSync(path.join(root, 'content', 'page-4.md'), '\nA paragraph more.\n')
    expect((await build({ root, cache: false, config: { search: false } })).ok).toBe(true)
    expect(inode('page-1/index.html')).not.toBe(before)
  })
})

describe('a page whose template inputs did not change', () => {
  afterEach(() => vi.restoreAllMocks())

  /** Pages put into the `page` template by `run`. */
  async function templated(run: () => Promise<{ ok: boolean }>): Promise<number> {
    const render = vi.spyOn(Liquid.prototype, 'renderFileSync')
    expect((await run()).ok).toBe(true)
    const count = render.mock.calls.filter(([template]) => template === 'page').length
    render.mockRestore()
    return count
  }

  const sameAsFresh = async (root: string, out: string) => {
    const fresh = tempDir()
    expect((await build({ root, out: fresh, cache: false, config: { search: false } })).ok).toBe(true)
    expect(contents(out)).toEqual(contents(fresh))
  }

  it('is linked without being templated, until something it shows changes', async () => {
    const { root, out, run } = site()
    expect(await templated(run)).toBe(7)
    fs.appendFileSync(path.join(root, 'content', 'page-4.md'), '\nA paragraph more.\n')
    expect(await templated(run)).toBe(1)
    await sameAsFresh(root, out)

    // A title shows in every page's navigation (a small site lists every page).
    const page4 = path.join(root, 'content', 'page-4.md')
    fs.writeFileSync(page4, fs.readFileSync(page4, 'utf8').replace('title: Page 4', 'title: Page Four'))
    expect(await templated(run)).toBe(7)
    await sameAsFresh(root, out)

    // The site's own template, and the config's title.
    fs.mkdirSync(path.join(root, 'templates'))
    fs.writeFileSync(path.join(root, 'templates', 'page.liquid'), fs.readFileSync(path.join(repoRoot, 'templates', 'page.liquid'), 'utf8').replace('</main>', '<p class="note">Note</p></main>'))
    expect(await templated(run)).toBe(7)
    expect(fs.readFileSync(path.join(out, 'page-1', 'index.html'), 'utf8')).toContain('<p class="note">Note</p>')
    expect(await templated(() => run({ title: 'Other title' }))).toBe(7)
    expect(await templated(() => run({ title: 'Other title' }))).toBe(0)
  })

  it('is templated again when its own front matter changes, though its text renders the same', async () => {
    const { root, out, run } = site()
    expect(await templated(run)).toBe(7)
    const page2 = path.join(root, 'content', 'page-2.md')
    fs.writeFileSync(page2, fs.readFileSync(page2, 'utf8').replace('menu_order: 2', 'menu_order: 2\ndescription: About page two'))
    expect(await templated(run)).toBe(1)
    const meta = byTag(parseHtml(fs.readFileSync(path.join(out, 'page-2', 'index.html'))), 'meta').find((element) => element.properties.name === 'description')
    expect(meta?.properties.content).toBe('About page two')
    await sameAsFresh(root, out)
  })

  it('is linked without its context being made, when nothing the context is made of changed', async () => {
    const { root, run } = site()
    expect((await run()).ok).toBe(true)
    fs.appendFileSync(path.join(root, 'content', 'page-4.md'), '\nA paragraph more.\n')
    const context = vi.spyOn(Templater.prototype, 'context')
    expect((await run()).ok).toBe(true)
    expect(context.mock.calls.map(([page]) => path.basename(page.file))).toEqual(['page-4.md'])
  })

  it('is templated at every build when a template reads the clock', async () => {
    const { root, run } = site()
    fs.mkdirSync(path.join(root, 'templates'))
    fs.writeFileSync(path.join(root, 'templates', 'page.liquid'), fs.readFileSync(path.join(repoRoot, 'templates', 'page.liquid'), 'utf8').replace('</main>', `<p>Built {{ 'now' | date: '%Y' }}</p></main>`))
    expect(await templated(run)).toBe(7)
    fs.appendFileSync(path.join(root, 'content', 'page-4.md'), '\nA paragraph more.\n')
    expect(await templated(run)).toBe(7)
  })
})

describe('the staging folder', () => {
  it('never writes through a link into the last site', () => {
    const outDir = path.join(tempDir(), 'dist')
    fs.mkdirSync(outDir)
    const file = path.join(outDir, 'page.html')
    fs.writeFileSync(file, 'last site')
    const stat = fs.statSync(file)
    const first = new Staging(outDir)
    first.write('page.html', 'last site')
    const previous = new Map([['page.html', { size: stat.size, time: stat.mtimeMs, digest: first.digests.get('page.html')! }]])
    first.discard()

    const staging = new Staging(outDir, previous)
    staging.write('page.html', 'last site')
    expect(fs.statSync(path.join(staging.folder, 'page.html')).ino).toBe(stat.ino)
    staging.write('page.html', 'new text')
    staging.writeParts('page.html', ['new ', 'text, in parts'])
    expect(fs.readFileSync(file, 'utf8')).toBe('last site')
    expect(fs.readFileSync(path.join(staging.folder, 'page.html'), 'utf8')).toBe('new text, in parts')
    staging.discard()
  })
})
