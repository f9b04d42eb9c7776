// After a change to some pages' text, the print view is the last one with their
// sections swapped: the print template is not run again, and the file is byte for
// byte what a fresh build writes. Anything else the template gets (a title, the
// order, the theme, the config) makes it again.

import fs from 'node:fs'
import path from 'node:path'
import { Liquid } from 'liquidjs'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { build } from '../../src/index.js'
import { layOut, spliceLast, type PrintParts } from '../../src/render/print-layout.js'
import { makeSite, repoRoot, tempDir } from '../helpers/site.js'

const fm = (title: string, order: number) => `---\ntitle: ${title}\nmenu_order: ${order}\n---\n`

function site() {
  const files: Record<string, string> = { 'content/index.md': `${fm('Home', 0)}Welcome.\n` }
  for (let index = 1; index <= 6; index++) files[`content/page-${index}.md`] = `${fm(`Page ${index}`, index)}Text of page ${index}, ${'with words '.repeat(index * 20)}.\n`
  const root = makeSite(files)
  const print = path.join(root, 'dist', 'print', 'index.html')
  return { root, print }
}

describe('the print view after a change', () => {
  afterEach(() => vi.restoreAllMocks())

  /** Builds; says whether the print template ran, and what the print view is then. */
  async function buildSite(root: string, config: Record<string, unknown> = {}): Promise<boolean> {
    const render = vi.spyOn(Liquid.prototype, 'renderFileSync')
    expect((await build({ root, config: { search: false, ...config } })).ok).toBe(true)
    const ran = render.mock.calls.some(([template]) => template === 'print')
    render.mockRestore()
    return ran
  }

  async function fresh(root: string, config: Record<string, unknown> = {}): Promise<string> {
    const out = tempDir()
    expect((await build({ root, out, cache: false, config: { search: false, ...config } })).ok).toBe(true)
    return fs.readFileSync(path.join(out, 'print', 'index.html'), 'utf8')
  }

  it('swaps the changed sections into the last one, and is what a fresh build makes', async () => {
    const { root, print } = site()
    expect(await buildSite(root)).toBe(true)
    // Longer and shorter: every later section moves.
    fs.appendFileSync(path.join(root, 'content', 'page-2.md'), `\nA paragraph more, ${'and more '.repeat(50)}.\n`)
    fs.writeFileSync(path.join(root, 'content', 'page-5.md'), `${fm('Page 5', 5)}Short now.\n`)
    expect(await buildSite(root)).toBe(false)
    expect(fs.readFileSync(print, 'utf8')).toBe(await fresh(root))
    expect(fs.readFileSync(print, 'utf8')).toContain('A paragraph more')
    // Again, from the file the splice wrote.
    fs.appendFileSync(path.join(root, 'content', 'page-6.md'), '\nThe end.\n')
    expect(await buildSite(root)).toBe(false)
    expect(fs.readFileSync(print, 'utf8')).toBe(await fresh(root))
  })

  it('runs the template again when what it gets changes', async () => {
    const { root, print } = site()
    expect(await buildSite(root)).toBe(true)
    const page3 = path.join(root, 'content', 'page-3.md')
    fs.writeFileSync(page3, fs.readFileSync(page3, 'utf8').replace('title: Page 3', 'title: Page Three'))
    expect(await buildSite(root)).toBe(true)
    expect(fs.readFileSync(print, 'utf8')).toBe(await fresh(root))
    expect(await buildSite(root, { title: 'Another title' })).toBe(true)
    expect(fs.readFileSync(print, 'utf8')).toBe(await fresh(root, { title: 'Another title' }))
    // A theme of its own, whose print template differs.
    fs.mkdirSync(path.join(root, 'templates'))
    fs.writeFileSync(path.join(root, 'templates', 'print.liquid'), fs.readFileSync(path.join(repoRoot, 'templates', 'print.liquid'), 'utf8').replace('Contents', 'In this series'))
    fs.appendFileSync(path.join(root, 'content', 'page-2.md'), '\nMore.\n')
    expect(await buildSite(root, { title: 'Another title' })).toBe(true)
    expect(fs.readFileSync(print, 'utf8')).toContain('In this series')
  })

  it('runs the template again when the last file was touched', async () => {
    const { root, print } = site()
    expect(await buildSite(root)).toBe(true)
    fs.appendFileSync(print, '<!-- edited by hand -->')
    fs.appendFileSync(path.join(root, 'content', 'page-2.md'), '\nMore.\n')
    expect(await buildSite(root)).toBe(true)
    expect(fs.readFileSync(print, 'utf8')).toBe(await fresh(root))
  })
})

describe('the layout of the print view', () => {
  const bytes = (parts: Iterable<string | Uint8Array | { start: number; bytes: number }>, last: Buffer) =>
    Buffer.concat([...parts].map((part) => (typeof part === 'string' ? Buffer.from(part) : part instanceof Uint8Array ? part : last.subarray(part.start, part.start + part.bytes))))
  const section = (text: string) => ({ bytes: Buffer.byteLength(text), read: () => Buffer.from(text) })

  it('takes the unchanged sections and the pieces from the last file in joined runs', () => {
    const first: PrintParts = { pieces: ['<h>', '<p>', '<e>'], sections: [section('one'), section('twö')] }
    const made = layOut(first, 'frame', ['d1', 'd2'])
    const last = bytes(made.contents, Buffer.alloc(0))
    expect(last.toString()).toBe('<h>one<p>twö<e>')
    expect(made.layout).toEqual({ frame: 'frame', size: last.length, sections: [['d1', 3, 3], ['d2', 9, 4]] })

    const spliced = spliceLast(made.layout, 'frame', ['d1', 'new'], () => section('second'))!
    const again = layOut(spliced, 'frame', ['d1', 'new'])
    const contents = [...again.contents]
    // The first piece, the first section and the second piece are one run of the last file.
    expect(contents[0]).toEqual({ start: 0, bytes: 9 })
    expect(bytes(contents, last).toString()).toBe('<h>one<p>second<e>')
    expect(again.layout.sections).toEqual([['d1', 3, 3], ['new', 9, 6]])
    expect(again.digest).not.toBe(made.digest)
  })

  it('gives nothing for another frame or another number of sections', () => {
    const made = layOut({ pieces: ['a', 'b'], sections: [section('x')] }, 'frame', ['d'])
    expect(spliceLast(made.layout, 'other', ['d'], () => section('y'))).toBeUndefined()
    expect(spliceLast(made.layout, 'frame', ['d', 'e'], () => section('y'))).toBeUndefined()
  })
})
