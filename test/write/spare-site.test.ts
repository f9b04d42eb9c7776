// The site a build swaps out is kept in the cache, and the next build starts from it:
// files that are still the output's own are left where they are, nothing in it is
// written through to the output, and what the new site no longer has goes. The result
// is always what a fresh build makes.

import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { build } from '../../src/index.js'
import { Staging, writeSite, type WrittenOutput } from '../../src/write/write-site.js'
import { makeSite, tempDir } from '../helpers/site.js'

/** Every file of a folder, by its path: its bytes as text. */
function contents(folder: string): Map<string, string> {
  const names = (fs.readdirSync(folder, { recursive: true }) as string[]).filter((name) => fs.statSync(path.join(folder, name)).isFile())
  return new Map(names.sort().map((name) => [name.split(path.sep).join('/'), fs.readFileSync(path.join(folder, name), 'latin1')]))
}

const put = (folder: string, name: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(folder, name)), { recursive: true })
  fs.writeFileSync(path.join(folder, name), text)
}

describe('a staging folder started from the spare', () => {
  /** An output folder as a last build left it, with its record, and a spare holding the site before it. */
  function lastSites() {
    const parent = tempDir()
    const outDir = path.join(parent, 'dist')
    const first = writeSite(outDir, { files: new Map([['keep.html', 'same'], ['changed.html', 'last']]), copies: new Map() })
    expect(first).toBe(true)
    const digests = new Staging(outDir)
    for (const name of ['keep.html', 'changed.html']) digests.write(name, fs.readFileSync(path.join(outDir, name)))
    const previous = new Map<string, WrittenOutput>()
    for (const name of ['keep.html', 'changed.html']) {
      const stat = fs.statSync(path.join(outDir, name))
      previous.set(name, { size: stat.size, time: stat.mtimeMs, digest: digests.digests.get(name)! })
    }
    digests.discard()
    // The site before the last: the same file as the output's for one, its own copy of another, and what the site no longer has.
    const spare = path.join(parent, 'cache', 'dist.spare')
    fs.mkdirSync(spare, { recursive: true })
    fs.linkSync(path.join(outDir, 'keep.html'), path.join(spare, 'keep.html'))
    put(spare, 'changed.html', 'the one before')
    put(spare, 'gone/index.html', 'a page since removed')
    put(spare, 'clash', 'a file where the new site has a folder')
    put(spare, 'flat/index.html', 'a folder where the new site has a file')
    return { outDir, previous, spare }
  }

  it('leaves the output’s own files, writes the rest anew, and keeps nothing else', () => {
    const { outDir, previous, spare } = lastSites()
    const kept = fs.statSync(path.join(outDir, 'keep.html')).ino
    const staging = new Staging(outDir, previous, spare)
    expect(fs.existsSync(spare)).toBe(false)
    expect(staging.reuseMade('keep.html', 'made')).toBe(true)
    staging.write('changed.html', 'new')
    staging.write('clash/index.html', 'now a folder')
    staging.write('flat', 'now a file')
    staging.removeLeftovers()
    expect(contents(staging.folder)).toEqual(
      new Map([
        ['changed.html', 'new'],
        ['clash/index.html', 'now a folder'],
        ['flat', 'now a file'],
        ['keep.html', 'same'],
      ]),
    )
    expect(fs.statSync(path.join(staging.folder, 'keep.html')).ino).toBe(kept)
    expect(fs.existsSync(path.join(staging.folder, 'gone'))).toBe(false)
    // The output is untouched until the swap.
    expect(contents(outDir)).toEqual(new Map([['changed.html', 'last'], ['keep.html', 'same']]))
    staging.discard()
  })

  it('never writes through a file it shares with the output', () => {
    const { outDir, previous, spare } = lastSites()
    // The spare's copy is the output's file itself, though the new site's differs.
    fs.rmSync(path.join(spare, 'changed.html'))
    fs.linkSync(path.join(outDir, 'changed.html'), path.join(spare, 'changed.html'))
    const staging = new Staging(outDir, previous, spare)
    staging.write('changed.html', 'new')
    staging.writeParts('keep.html', ['in ', 'parts'])
    expect(fs.readFileSync(path.join(outDir, 'changed.html'), 'utf8')).toBe('last')
    expect(fs.readFileSync(path.join(outDir, 'keep.html'), 'utf8')).toBe('same')
    expect(fs.readFileSync(path.join(staging.folder, 'keep.html'), 'utf8')).toBe('in parts')
    staging.discard()
  })

  it('is not taken without the last site’s record', () => {
    const { outDir, spare } = lastSites()
    const staging = new Staging(outDir, undefined, spare)
    expect(fs.existsSync(spare)).toBe(true)
    expect(fs.readdirSync(staging.folder)).toEqual([])
    staging.discard()
  })
})

describe('builds that start from the spare', () => {
  const fm = (title: string, order: number) => `---\ntitle: ${title}\nmenu_order: ${order}\n---\n`

  it('make what a fresh build makes as pages come, go and change, and keep the swapped-out site in the cache', async () => {
    const files: Record<string, string> = { 'content/index.md': `${fm('Home', 0)}Welcome.\n` }
    for (let index = 1; index <= 5; index++) files[`content/page-${index}.md`] = `${fm(`Page ${index}`, index)}Text of page ${index}.\n`
    const root = makeSite(files)
    const out = path.join(root, 'dist')
    const spares = () => fs.readdirSync(path.join(root, 'node_modules', '.cache', 'weft-spare'))
    const steps: (() => void)[] = [
      () => fs.appendFileSync(path.join(root, 'content', 'page-2.md'), '\nMore.\n'),
      () => fs.rmSync(path.join(root, 'content', 'page-3.md')),
      () => fs.renameSync(path.join(root, 'content', 'page-4.md'), path.join(root, 'content', 'page-four.md')),
      () => put(root, 'content/page-3.md', `${fm('Page 3, again', 3)}Back.\n`),
      () => fs.appendFileSync(path.join(root, 'content', 'page-2.md'), '\nAnd more.\n'),
    ]
    expect((await build({ root, config: { search: false } })).ok).toBe(true)
    for (const [index, step] of steps.entries()) {
      step()
      expect((await build({ root, config: { search: false } })).ok).toBe(true)
      expect(spares()).toHaveLength(1)
      const fresh = tempDir()
      expect((await build({ root, out: fresh, cache: false, config: { search: false } })).ok).toBe(true)
      expect(contents(out), `after step ${index + 1}`).toEqual(contents(fresh))
    }
    // Nothing is left beside the output.
    expect(fs.readdirSync(root).filter((name) => name.startsWith('.dist'))).toEqual([])
  })
})
