// The full-text search index, made by Pagefind from each page's content. It is a
// set of static files under `pagefind/`, so search works on any static host with no
// service behind it.

import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { PagefindIndex } from 'pagefind'
import { escapeHtml } from './escape.js'

export interface SearchDocument {
  /** The page's output path: results link to it (plus `#heading`). */
  output: string
  title: string
  content: string
}

/** Pagefind, once something is indexed: a build whose index comes from the cache never starts it. */
let pagefind: typeof import('pagefind') | undefined

/** Pages a shard holds at least: below it, a shard's word statistics stray too far from the site's (see the theme's search). */
const shardPagesAtLeast = 100
/** Shards a site has at most before they grow past `shardPagesAtLeast`: the reader's browser loads each one's metadata. */
const shardsAtMost = 16
/** Pages a shard holds at most: Pagefind's memory grows faster than the pages it indexes (one index of 5,000 bench pages peaked at 1,284 MiB, five of 1,000 at 518 MiB). */
const shardPagesAtMost = 1000

/**
 * How many shards the index of a site of `pages` pages comes in; the theme's search
 * merges them (Pagefind's `mergeIndex`). A change to a page makes again only its
 * own shard, so small shards keep `weft build` after a small change quick: on the
 * bench's 1,000 pages, a shard of 100 is indexed in about a tenth of the time of
 * the whole. `WEFT_SEARCH_SHARD_PAGES` asks for shards of that many pages instead.
 */
export function searchShardCount(pages: number): number {
  const asked = Number(process.env.WEFT_SEARCH_SHARD_PAGES)
  if (Number.isInteger(asked) && asked > 0) return Math.max(1, Math.ceil(pages / asked))
  return Math.max(1, Math.min(Math.floor(pages / shardPagesAtLeast), Math.max(shardsAtMost, Math.ceil(pages / shardPagesAtMost))))
}

/**
 * The shard a page's document goes to, from its output path alone (FNV-1a): a page
 * stays in its shard while others are added or removed, until the count changes.
 */
export function searchShardOf(output: string, count: number): number {
  if (count === 1) return 0
  let hash = 0x811c9dc5
  for (let index = 0; index < output.length; index++) hash = Math.imul(hash ^ output.charCodeAt(index), 0x01000193)
  return (hash >>> 0) % count
}

/** Where a shard's files go: the first is Pagefind's own folder, with its script; the others, inside it, hold only their index. */
export function searchShardFolder(shard: number): string {
  return shard === 0 ? 'pagefind/' : `pagefind/shard-${shard}/`
}

/** The list of the shards the theme merges into the first (all but the first), as paths relative to `pagefind/`: `[]` for one index. */
export const searchShardList = 'pagefind/weft-shards.json'

export function searchShardListFile(shards: number[]): Uint8Array {
  return Buffer.from(JSON.stringify(shards.map((shard) => searchShardFolder(shard).slice('pagefind/'.length))))
}

/** Documents handed to Pagefind at most before it has indexed them: each waits in memory, several times over, until it has. */
const documentsInFlight = 64

/** Pagefind's files for these documents, taken one at a time as Pagefind keeps up. */
export async function buildSearchIndex(documents: Iterable<SearchDocument>, lang: string, shard = 0): Promise<Map<string, Uint8Array>> {
  const feed = await openSearchIndex(lang, shard)
  try {
    for (const document of documents) {
      feed.add(document)
      await feed.drain(documentsInFlight)
    }
  } catch (error) {
    await feed.discard()
    throw error
  }
  return feed.finish()
}

/** An index being fed page by page, while the rest of the build goes on: Pagefind works in a process of its own. */
export interface SearchFeed {
  /** Adds a page; pages are indexed in the order they are added. */
  add(document: SearchDocument): void
  /** Resolves once at most `limit` pages added wait to be indexed. */
  drain(limit: number): Promise<void>
  /** Pagefind's files, once every page added is indexed. */
  finish(): Promise<Map<string, Uint8Array>>
  /** Throws the index away (the build failed, or its files came from the cache). */
  discard(): Promise<void>
}

/** An index of one shard (see `searchShardFolder`). */
export async function openSearchIndex(lang: string, shard = 0): Promise<SearchFeed> {
  pagefind ??= await import('pagefind')
  const { index, errors } = await pagefind.createIndex({ forceLanguage: lang })
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`)
  // One request at a time, in order: the index numbers pages as they come, and the site must come out the same every time.
  let queue: Promise<void> = Promise.resolve()
  let failure: Error | undefined
  let closed = false
  // Pages added and not yet indexed, and who waits for there to be fewer.
  let waiting = 0
  const drainers: { limit: number; resolve: () => void }[] = []
  const indexed = () => {
    waiting--
    for (let index = drainers.length - 1; index >= 0; index--) {
      if (waiting > drainers[index]!.limit) continue
      drainers[index]!.resolve()
      drainers.splice(index, 1)
    }
  }
  const close = async () => {
    if (closed) return
    closed = true
    await queue.catch(() => {})
    await index.deleteIndex()
  }
  return {
    add(document) {
      const html = `<!doctype html><html lang="${escapeHtml(lang)}"><head><title>${escapeHtml(document.title)}</title></head><body><main data-pagefind-body><h1>${escapeHtml(document.title)}</h1>${plainCodeBlocks(document.content)}</main></body></html>`
      waiting++
      queue = queue
        .then(async () => {
          if (failure || closed) return
          const added = await index.addHTMLFile({ url: `/${document.output}`, content: html })
          if (added.errors.length > 0) failure = new Error(`Pagefind could not index ${document.output}: ${added.errors.join('; ')}`)
        })
        .finally(indexed)
    },
    drain(limit) {
      if (waiting <= limit) return Promise.resolve()
      return new Promise((resolve) => drainers.push({ limit, resolve }))
    },
    async finish() {
      try {
        await queue
        if (failure) throw failure
        return await writtenIndex(index, shard)
      } finally {
        await close()
      }
    },
    discard: close,
  }
}

/**
 * The shard's files, which Pagefind writes into a folder of weft's and weft reads back:
 * those its search needs. Pagefind's other way, every file in base64 through its pipe,
 * took twice as long for the guide series' index (67–90 ms against 33–40 ms), most of it
 * for its UI bundles, which weft drops.
 */
async function writtenIndex(index: PagefindIndex, shard: number): Promise<Map<string, Uint8Array>> {
  const written = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'weft-pagefind-'))
  try {
    const { errors } = await index.writeFiles({ outputPath: written })
    if (errors.length > 0) throw new Error(`Pagefind could not write its index: ${errors.join('; ')}`)
    const names = (await fs.promises.readdir(written, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(written, path.join(entry.parentPath ?? entry.path, entry.name)).split(path.sep).join('/'))
      .filter((name) => keptInShard(name, shard))
      .sort()
    const folder = searchShardFolder(shard)
    const files = await Promise.all(names.map(async (name) => [`${folder}${name}`, await fs.promises.readFile(path.join(written, name))] as const))
    return new Map(files)
  } finally {
    // The build does not wait for it: the process does, before it exits.
    fs.rm(written, { recursive: true, force: true }, () => {})
  }
}

/**
 * weft's theme talks to `pagefind.js` itself: Pagefind's own UI bundles are not shipped,
 * and a shard merged into the first needs only its index (the first's script and
 * WebAssembly search it).
 */
function keptInShard(name: string, shard: number): boolean {
  return shard === 0 ? !/(?:^|\/)pagefind-(?:ui|modular-ui|component-ui|highlight)\.(?:js|css)$/.test(name) : !/\.(?:js|css)$|^wasm\./.test(name)
}

/** A tag, its quoted attribute values read whole (they may hold a `>`). */
const tag = /<(?:[^>"']|"[^"]*"|'[^']*')*>/g
const codeBlock = /(<pre\b(?:[^>"']|"[^"]*"|'[^']*')*>)([\s\S]*?)(<\/pre>)/g

/**
 * Code blocks with their text only. Shiki's token spans are about a third of a
 * page's bytes: Pagefind spent a quarter of its time reading them, for the same
 * index (byte for byte, over the 1,000 pages of the benchmark).
 */
export function plainCodeBlocks(html: string): string {
  return html.replace(codeBlock, (_, open: string, inner: string, close: string) => open + inner.replace(tag, '') + close)
}

/** Pagefind's service runs in a process of its own; end it when weft is done. */
export async function closeSearch(): Promise<void> {
  await pagefind?.close()
}
