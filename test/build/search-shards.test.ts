// A large site's search index comes in shards (here made small with
// WEFT_SEARCH_SHARD_PAGES): every page is in exactly one, the first holds Pagefind's
// script and the list of the others, and a change to one page makes only its own
// shard again; the other shards come from the cache.

import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { build } from '../../src/index.js'
import { searchShardCount, searchShardOf } from '../../src/render/search-index.js'
import { makeSite, repoRoot, tempDir } from '../helpers/site.js'

const pageCount = 12
const files: Record<string, string> = { 'content/index.md': '---\ntitle: Home\n---\nThe home page.\n' }
for (let number = 1; number <= pageCount; number++) {
  files[`content/page-${number}.md`] = `---\ntitle: Page ${number}\nmenu_order: ${number}\n---\n## About\n\nThis page talks about topic${number} and the shared subject.\n`
}

/** The URL of each page a shard's fragments describe. */
function indexedUrls(folder: string): string[] {
  return fs.readdirSync(path.join(folder, 'fragment')).map((name) => {
    const bytes = zlib.gunzipSync(fs.readFileSync(path.join(folder, 'fragment', name)))
    return (JSON.parse(bytes.subarray('pagefind_dcd'.length).toString('utf8')) as { url: string }).url
  })
}

/** Every file below `top`, with its bytes. */
function fileTree(top: string): [string, string][] {
  const names = (fs.readdirSync(top, { recursive: true }) as string[]).filter((name) => fs.statSync(path.join(top, name)).isFile()).sort()
  return names.map((name) => [name, fs.readFileSync(path.join(top, name)).toString('base64')])
}

/** The cache's stored search indexes, with their modification times. */
function storedIndexes(root: string): Map<string, number> {
  const folder = searchCacheFolder(root)
  return new Map(fs.readdirSync(folder).map((name) => [name, fs.statSync(path.join(folder, name)).mtimeMs]))
}

function searchCacheFolder(root: string): string {
  const sites = path.join(root, 'node_modules', '.cache', 'weft', 'sites')
  const [id] = fs.readdirSync(sites)
  return path.join(sites, id!, 'search')
}

/** Dates every stored index back to 2001: one written again is then told apart by its time, however fast the build. */
function ageStoredIndexes(root: string): void {
  const folder = searchCacheFolder(root)
  const old = new Date('2001-01-01T00:00:00Z')
  for (const name of fs.readdirSync(folder)) fs.utimesSync(path.join(folder, name), old, old)
}

describe('how many shards a site\u2019s index comes in', () => {
  it('keeps at least 100 pages a shard, up to 16 shards, then at most 1,000 pages a shard', () => {
    const before = process.env.WEFT_SEARCH_SHARD_PAGES
    delete process.env.WEFT_SEARCH_SHARD_PAGES
    try {
      const counts = [1, 99, 199, 200, 1000, 1999, 5000, 16_000, 16_001, 20_000].map(searchShardCount)
      expect(counts).toEqual([1, 1, 1, 2, 10, 16, 16, 16, 17, 20])
      process.env.WEFT_SEARCH_SHARD_PAGES = '4'
      expect(searchShardCount(13)).toBe(4)
    } finally {
      if (before === undefined) delete process.env.WEFT_SEARCH_SHARD_PAGES
      else process.env.WEFT_SEARCH_SHARD_PAGES = before
    }
  })
})

describe('a search index in shards', () => {
  let before: string | undefined
  beforeEach(() => {
    before = process.env.WEFT_SEARCH_SHARD_PAGES
    process.env.WEFT_SEARCH_SHARD_PAGES = '4'
  })
  afterEach(() => {
    if (before === undefined) delete process.env.WEFT_SEARCH_SHARD_PAGES
    else process.env.WEFT_SEARCH_SHARD_PAGES = before
  })

  it('puts every page in exactly one shard and lists the shards for the theme', async () => {
    const root = makeSite(files)
    const result = await build({ root })
    expect(result.ok).toBe(true)
    const out = path.join(root, 'dist', 'pagefind')
    const count = searchShardCount(pageCount + 1)
    expect(count).toBe(4)
    const listed = JSON.parse(fs.readFileSync(path.join(out, 'weft-shards.json'), 'utf8')) as string[]
    const outputs = ['index.html', ...Array.from({ length: pageCount }, (_, index) => `page-${index + 1}/index.html`)]
    const expected = [...new Set(outputs.map((output) => searchShardOf(output, count)))].filter((shard) => shard > 0).sort()
    expect(listed).toEqual(expected.map((shard) => `shard-${shard}/`))
    expect(listed.length).toBeGreaterThan(0)
    // The first shard loads Pagefind; the others are only indexes, which its script and WebAssembly search.
    expect(fs.existsSync(path.join(out, 'pagefind.js'))).toBe(true)
    expect(fs.existsSync(path.join(out, 'wasm.en.pagefind'))).toBe(true)
    // weft's theme has its own search box: Pagefind's UI bundles are not shipped.
    expect(fs.readdirSync(out).filter((name) => /^pagefind-(?:ui|modular-ui|component-ui|highlight)\./.test(name))).toEqual([])
    const urls = [...indexedUrls(out)]
    for (const shard of listed) {
      const folder = path.join(out, shard)
      expect(fs.existsSync(path.join(folder, 'pagefind-entry.json'))).toBe(true)
      expect((fs.readdirSync(folder, { recursive: true }) as string[]).filter((name) => /\.(?:js|css)$|^wasm\./.test(name))).toEqual([])
      const inShard = indexedUrls(folder)
      for (const url of inShard) expect(searchShardOf(url.slice(1), count)).toBe(Number(shard.match(/\d+/)![0]))
      urls.push(...inShard)
    }
    expect(urls.sort()).toEqual(outputs.map((output) => `/${output}`).sort())
  }, 60_000)

  it('makes the same index when one shard at a time is fed while pages render, each finished before the next opens', async () => {
    const all = tempDir()
    const together = await build({ root: makeSite(files), out: all, cache: false })
    expect(together.ok).toBe(true)
    process.env.WEFT_SEARCH_STREAMED_PAGES = '1'
    try {
      const one = tempDir()
      const inTurn = await build({ root: makeSite(files), out: one, cache: false })
      expect(inTurn.ok).toBe(true)
      expect(fileTree(path.join(one, 'pagefind'))).toEqual(fileTree(path.join(all, 'pagefind')))
      // With room for every shard, each was fed while pages rendered (the shards in turn: see search-feeds.test.ts).
      expect(together.timings.map(([phase]) => phase)).not.toContain('search after render')
    } finally {
      delete process.env.WEFT_SEARCH_STREAMED_PAGES
    }
  }, 60_000)

  it('makes again only the shard of a changed page, and the same files as a build without the cache', async () => {
    const root = makeSite(files)
    expect((await build({ root })).ok).toBe(true)
    ageStoredIndexes(root)
    const first = storedIndexes(root)
    const count = searchShardCount(pageCount + 1)
    const outputs = ['index.html', ...Array.from({ length: pageCount }, (_, index) => `page-${index + 1}/index.html`)]
    expect(first.size).toBe(new Set(outputs.map((output) => searchShardOf(output, count))).size)

    const changed = path.join(root, 'content', 'page-7.md')
    fs.appendFileSync(changed, '\nA new word: quetzalcoatl.\n')
    expect((await build({ root })).ok).toBe(true)
    const second = storedIndexes(root)
    // The sweep left one entry a shard: the changed page's shard is new, the others are the same files.
    expect(second.size).toBe(first.size)
    const kept = [...second].filter(([name, time]) => first.get(name) === time)
    expect(kept.length).toBe(first.size - 1)

    const shard = searchShardOf('page-7/index.html', count)
    const folder = path.join(root, 'dist', 'pagefind', shard === 0 ? '' : `shard-${shard}`)
    const fragments = fs.readdirSync(path.join(folder, 'fragment')).map((name) => zlib.gunzipSync(fs.readFileSync(path.join(folder, 'fragment', name))).toString('utf8'))
    expect(fragments.some((text) => text.includes('quetzalcoatl'))).toBe(true)

    const fresh = path.join(root, 'fresh')
    expect((await build({ root, out: fresh, cache: false })).ok).toBe(true)
    expect(fileTree(path.join(fresh, 'pagefind'))).toEqual(fileTree(path.join(root, 'dist', 'pagefind')))
  }, 60_000)
})

describe('the folders Pagefind writes each shard into', () => {
  it('are read back and removed by the time `weft build` exits', () => {
    const root = makeSite(files)
    const tmp = tempDir()
    const run = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'weft.js'), 'build'], { cwd: root, encoding: 'utf8', env: { ...process.env, TMPDIR: tmp, WEFT_SEARCH_SHARD_PAGES: '4' } })
    expect(run.status, run.stderr).toBe(0)
    expect(indexedUrls(path.join(root, 'dist', 'pagefind')).length).toBeGreaterThan(0)
    expect(fs.readdirSync(tmp).filter((name) => name.startsWith('weft-pagefind-'))).toEqual([])
  }, 60_000)
})
