// The render cache is never wrong: a warm build gives the bytes a cold one gives;
// a corrupt, truncated or foreign entry is ignored and rebuilt; a file a cached
// page looked at (an image) is checked again; builds racing on one cache agree.

import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { build } from '../../src/index.js'
import { makeSite, repoRoot } from '../helpers/site.js'

const fm = (title: string) => `---\ntitle: ${title}\n---\n`
const files = {
  'content/index.md': `${fm('Home')}{{ include "./includes/part.md" }}\n\n![diagram](images/d.png)\n\n[guide](guide.md#start)\n`,
  'content/guide.md': `${fm('Guide')}## Start\n\n\`\`\`yaml\nkey: value\n\`\`\`\n`,
  'includes/part.md': 'Shared part.\n',
  'images/d.png': fs.readFileSync(path.join(repoRoot, 'images', 'secure.png')).toString('latin1'),
}

/** Rendered pages in the cache (`pages/` holds the entries that find them from a page's files). */
function cacheEntries(root: string, kind: 'rendered' | 'pages' = 'rendered'): string[] {
  const folder = renderFolder(root)
  if (!fs.existsSync(folder)) return []
  return (fs.readdirSync(folder, { recursive: true }) as string[])
    .filter((name) => name.endsWith('.json') && name.startsWith(`pages${path.sep}`) === (kind === 'pages'))
    .map((name) => path.join(folder, name))
}

/** The site's part of the cache: `sites/<id>/render` (one site here). */
function renderFolder(root: string): string {
  const sites = path.join(root, 'node_modules', '.cache', 'weft', 'sites')
  const ids = fs.existsSync(sites) ? fs.readdirSync(sites) : []
  expect(ids.length).toBeLessThanOrEqual(1)
  return path.join(sites, ids[0] ?? 'none', 'render')
}

/** A rendered page's entry: its head (a line of JSON), then its HTML and print section, byte for byte. */
function readEntry(file: string): { head: { format: number; html: [number, string]; print: [number, string] }; html: string; print: string } {
  const bytes = fs.readFileSync(file)
  const end = bytes.indexOf(10)
  const head = JSON.parse(bytes.subarray(0, end).toString('utf8'))
  const body = end + 1
  expect(bytes.length).toBe(body + head.html[0] + head.print[0])
  return { head, html: bytes.subarray(body, body + head.html[0]).toString('utf8'), print: bytes.subarray(body + head.html[0]).toString('utf8') }
}

async function site() {
  const root = makeSite({})
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true })
    fs.writeFileSync(path.join(root, name), name.endsWith('.png') ? Buffer.from(text, 'latin1') : text)
  }
  const run = (options: { cache?: boolean } = {}) => build({ root, write: false, config: { search: false, cache: options.cache } })
  return { root, run }
}

describe('the render cache', () => {
  it('gives the same bytes warm, cold and with --no-cache', async () => {
    const { root, run } = await site()
    const cold = await run()
    expect(cacheEntries(root)).toHaveLength(2)
    const warm = await run()
    const uncached = await run({ cache: false })
    expect(warm.files).toEqual(cold.files)
    expect(uncached.files).toEqual(cold.files)
    expect(warm.timings.some(([phase]) => phase === 'parse')).toBe(false)
    expect(cold.timings.some(([phase]) => phase === 'parse')).toBe(true)
  })

  it('ignores corrupt, truncated and foreign entries and writes them anew', async () => {
    const { root, run } = await site()
    const cold = await run()
    const [first, second] = cacheEntries(root)
    fs.writeFileSync(first!, '{"format": 1, "key": "')
    fs.writeFileSync(second!, JSON.stringify({ format: 1, key: 'someone else', probes: [], result: { rendered: { html: '<p>forged</p>' } } }))
    const again = await run()
    expect(again.files).toEqual(cold.files)
    expect(again.timings.some(([phase]) => phase === 'parse')).toBe(true)
    expect(readEntry(first!).head.format).toBe(4)
  })

  it('ignores an entry cut short after its head', async () => {
    const { root, run } = await site()
    const cold = await run()
    const [first] = cacheEntries(root)
    const bytes = fs.readFileSync(first!)
    fs.writeFileSync(first!, bytes.subarray(0, bytes.length - 10))
    const again = await run()
    expect(again.files).toEqual(cold.files)
    expect(again.timings.some(([phase]) => phase === 'parse')).toBe(true)
    expect(fs.readFileSync(first!).equals(bytes)).toBe(true)
  })

  /** Overwrites the guide's HTML or print section in its entry with as many bytes of something else. */
  function damage(root: string, part: 'html' | 'print'): string {
    const entry = cacheEntries(root).find((file) => readEntry(file).html.includes('Start'))!
    const { head } = readEntry(entry)
    const bytes = fs.readFileSync(entry)
    const start = bytes.length - head.html[0] - head.print[0] + (part === 'print' ? head.html[0] : 0)
    bytes.fill('x'.charCodeAt(0), start, start + head[part][0])
    fs.writeFileSync(entry, bytes)
    return entry
  }

  const editHome = (root: string) => fs.appendFileSync(path.join(root, 'content', 'index.md'), '\nA new paragraph.\n')
  const print = (root: string) => fs.readFileSync(path.join(root, 'dist', 'print', 'index.html'), 'utf8')

  it("never reads a cached page's HTML when its file is taken from the last build", async () => {
    const { root } = await site()
    expect((await build({ root, config: { search: false } })).ok).toBe(true)
    const entry = damage(root, 'html')
    const damaged = fs.readFileSync(entry)
    const guide = path.join(root, 'dist', 'guide', 'index.html')
    const before = fs.readFileSync(guide, 'utf8')
    editHome(root)
    const rebuilt = await build({ root, config: { search: false } })
    expect(rebuilt.ok).toBe(true)
    // Had the build read it, it would have found it damaged, deleted it and rendered the guide again.
    expect(fs.readFileSync(entry).equals(damaged)).toBe(true)
    expect(fs.readFileSync(guide, 'utf8')).toBe(before)
    expect(print(root)).toContain('A new paragraph.')
  })

  it('drops an entry whose text is damaged and builds again without it', async () => {
    const { root } = await site()
    expect((await build({ root, config: { search: false } })).ok).toBe(true)
    const entry = damage(root, 'print')
    editHome(root)
    const rebuilt = await build({ root, config: { search: false } })
    expect(rebuilt.ok).toBe(true)
    expect(print(root)).not.toContain('xxxx')
    const fresh = await build({ root, write: false, config: { search: false, cache: false } })
    expect(print(root)).toBe(fresh.files.get('print/index.html'))
    // Rendered again, and kept anew.
    expect(readEntry(entry).print).not.toContain('xxxx')
  })

  it('ignores page entries that are corrupt, point elsewhere or list other files', async () => {
    const { root, run } = await site()
    const cold = await run()
    const rendered = cacheEntries(root)
    const pages = cacheEntries(root, 'pages')
    expect(pages).toHaveLength(2)
    const [home, guide] = pages.map((file) => JSON.parse(fs.readFileSync(file, 'utf8')) as { page: string; key: string; inputs: [string, string][] })
    // The home page's entry pointed at the guide's rendering, with the guide's files: a mix-up must not show the guide as home.
    fs.writeFileSync(pages[0]!, JSON.stringify({ ...home, key: guide!.key, inputs: guide!.inputs }))
    fs.writeFileSync(pages[1]!, '{"format": 4, "page": "')
    const again = await run()
    expect(again.files).toEqual(cold.files)
    expect(cacheEntries(root)).toEqual(rendered)
    expect(JSON.parse(fs.readFileSync(pages[1]!, 'utf8')).format).toBe(4)
  })

  it('notices a changed image behind a cached page, and a changed include', async () => {
    const { root, run } = await site()
    await run()
    fs.rmSync(path.join(root, 'images', 'd.png'))
    const broken = await run()
    expect(broken.messages.map((message) => message.ruleId)).toEqual(['missing-image'])
    fs.writeFileSync(path.join(root, 'images', 'd.png'), Buffer.from(files['images/d.png'], 'latin1'))
    fs.writeFileSync(path.join(root, 'includes', 'part.md'), 'Shared part, changed.\n')
    const fixed = await run()
    expect(fixed.ok).toBe(true)
    expect(String(fixed.files.get('index.html'))).toContain('Shared part, changed.')
  })

  it('stays whole when two builds race on it', async () => {
    const { root } = await site()
    for (let index = 0; index < 40; index++) fs.writeFileSync(path.join(root, 'content', `p${index}.md`), `${fm(`P${index}`)}Text ${index}.\n\n\`\`\`js\nlet x = ${index}\n\`\`\`\n`)
    const weft = path.join(repoRoot, 'bin', 'weft.js')
    const race = (out: string) =>
      new Promise<number | null>((resolve) => spawn(process.execPath, [weft, 'build', '--root', root, '--out', path.join(root, out)], { stdio: 'ignore' }).on('exit', resolve))
    expect(await Promise.all([race('a'), race('b'), race('c')])).toEqual([0, 0, 0])
    for (const entry of cacheEntries(root)) expect(() => readEntry(entry)).not.toThrow()
    expect(fs.readdirSync(renderFolder(root), { recursive: true }).filter((name) => String(name).endsWith('.tmp'))).toEqual([])
    expect(spawnSync(process.execPath, [weft, 'build', '--root', root, '--out', path.join(root, 'd'), '--no-cache']).status).toBe(0)
    const list = (folder: string) => (fs.readdirSync(path.join(root, folder), { recursive: true }) as string[]).filter((name) => fs.statSync(path.join(root, folder, name)).isFile()).sort()
    const names = list('d')
    expect(names.length).toBeGreaterThan(40)
    // Every racer's site, not one of them: any may have taken pages another wrote into the cache.
    for (const racer of ['a', 'b', 'c']) {
      expect(list(racer), racer).toEqual(names)
      for (const name of names) {
        const raced = fs.readFileSync(path.join(root, racer, name), 'utf8')
        const fresh = fs.readFileSync(path.join(root, 'd', name), 'utf8')
        // On a difference, show where: the whole pages are long.
        const at = [...raced].findIndex((char, index) => char !== fresh[index])
        expect(raced.slice(Math.max(0, at - 300), at + 300), `${racer}/${name}`).toBe(fresh.slice(Math.max(0, at - 300), at + 300))
        expect(raced.length, `${racer}/${name}`).toBe(fresh.length)
      }
    }
  }, 120_000)
})

describe('sweeping the cache', () => {
  const write = (root: string, name: string, text: string) => fs.writeFileSync(path.join(root, name), text)
  const built = (root: string, options: { cache?: boolean; search?: boolean } = {}) => build({ root, config: { search: options.search ?? false, cache: options.cache } })

  it('keeps what the last good build used, and nothing else', async () => {
    const { root } = await site()
    expect((await built(root)).ok).toBe(true)
    const first = cacheEntries(root)
    expect(first).toHaveLength(2)
    expect(cacheEntries(root, 'pages')).toHaveLength(2)
    // An edited page: its old render goes, the other page's stays.
    write(root, 'content/guide.md', `${fm('Guide')}## Start

Edited.
`)
    expect((await built(root)).ok).toBe(true)
    const second = cacheEntries(root)
    expect(second).toHaveLength(2)
    expect(second.filter((entry) => first.includes(entry))).toHaveLength(1)
    expect(cacheEntries(root, 'pages')).toHaveLength(2)
    // A page removed: its entries go.
    fs.rmSync(path.join(root, 'content', 'guide.md'))
    write(root, 'content/index.md', `${fm('Home')}{{ include "./includes/part.md" }}

![diagram](images/d.png)
`)
    expect((await built(root)).ok).toBe(true)
    expect(cacheEntries(root)).toHaveLength(1)
    expect(cacheEntries(root, 'pages')).toHaveLength(1)
  })

  it('keeps one search index, clears the old layout and abandoned temporary files, and is left alone by --no-cache', async () => {
    const { root } = await site()
    const cacheDir = path.join(root, 'node_modules', '.cache', 'weft')
    fs.mkdirSync(path.join(cacheDir, 'render', 'ab'), { recursive: true })
    fs.writeFileSync(path.join(cacheDir, 'render', 'ab', 'old.json'), '{}')
    expect((await built(root, { search: true })).ok).toBe(true)
    expect(fs.existsSync(path.join(cacheDir, 'render'))).toBe(false)
    const searchFolder = path.join(path.dirname(renderFolder(root)), 'search')
    const abandoned = path.join(renderFolder(root), 'ab', 'entry.json.1.ffff.tmp')
    const writing = path.join(renderFolder(root), 'ab', 'entry.json.2.eeee.tmp')
    fs.mkdirSync(path.dirname(abandoned), { recursive: true })
    fs.writeFileSync(abandoned, '{')
    fs.writeFileSync(writing, '{')
    const hourAgo = new Date(Date.now() - 3_600_000)
    fs.utimesSync(abandoned, hourAgo, hourAgo)
    write(root, 'content/guide.md', `${fm('Guide')}## Start

Edited for search.
`)
    expect((await built(root, { search: true })).ok).toBe(true)
    expect(fs.readdirSync(searchFolder).filter((name) => name.endsWith('.json'))).toHaveLength(1)
    expect(fs.existsSync(abandoned)).toBe(false)
    expect(fs.existsSync(writing)).toBe(true)
    // A build without the cache neither reads nor sweeps it.
    const entries = cacheEntries(root)
    write(root, 'content/guide.md', `${fm('Guide')}## Start

Edited again.
`)
    expect((await built(root, { cache: false })).ok).toBe(true)
    expect(cacheEntries(root)).toEqual(entries)
  })
})
