// The search index of a site, shard by shard: while a build renders pages (shard by
// shard), each shard with a page to render is fed its pages in the site's order as
// they become ready (Pagefind indexes beside the render) and finished once its last
// page is in; at the end the build takes each shard's files, or the cache's when the
// same documents were indexed before.

import fs from 'node:fs'
import path from 'node:path'
import { writeAtomically } from '../compile/atomic-write.js'
import { weftVersion } from '../config.js'
import { hashParts } from '../core/hash.js'
import type { Page, Site } from '../core/site.js'
import { collectGarbage } from '../core/collect-garbage.js'
import type { Timings } from '../core/timings.js'
import { buildSearchIndex, openSearchIndex, searchShardCount, searchShardList, searchShardListFile, searchShardOf, type SearchDocument, type SearchFeed } from '../render/search-index.js'
import type { Spilled, SpillFile } from '../write/spill-file.js'
import type { StoredText } from '../core/stored-text.js'

/**
 * Pages the shards fed while pages render hold at most, together: Pagefind keeps
 * every open index in memory until it is written. On 20,000 bench pages (20 shards
 * of 1,000), all fed at once, Pagefind's process peaked at 1,380 MiB; with this
 * limit, at 355 MiB.
 * `WEFT_SEARCH_STREAMED_PAGES` sets another number.
 */
function streamedPagesAtMost(): number {
  const asked = Number(process.env.WEFT_SEARCH_STREAMED_PAGES)
  return Number.isInteger(asked) && asked > 0 ? asked : 2000
}

/** A page's HTML once it is on disk (see `feed`): a value nothing renders to, so that a use after it fails loudly. */
export const released = '\u0000weft: released\u0000'

/** Shards this large are followed by a full garbage collection in the main thread (see `finish`). */
const collectAfterShardsOf = 1000

/** What the feeds need of the project that renders the pages. */
export interface SearchHost {
  lang: string
  /** The render cache's folder for this site, where indexes are kept; none without a cache. */
  cacheFolder: string | undefined
  timings: Timings
  /** Whether the page's content is there to index (rendered by now, or made by weft). */
  isReady(page: Page): boolean
  /** The page's content as HTML, or `released` once it went to disk. */
  contentOf(page: Page, site: Site): string
  /** A digest of the page's content. */
  digestOf(page: Page, site: Site): string
  /** Where released content waits, in a build that writes to disk. */
  spill(): Pick<SpillFile, 'read' | 'put'> | undefined
  /** Told once a page is in its shard's index. */
  indexed(page: Page, site: Site): void
}

/**
 * A shard of the search index: its pages in the site's order, and the index being fed
 * while they render (`fed` of them so far), finished (`finished`) as soon as its last
 * page is in it.
 */
interface SearchShard {
  pages: Page[]
  feed?: SearchFeed
  fed: number
  /** The finished index's files, read back from where they wait (see `setAside`). */
  finished?: Promise<() => Map<string, Uint8Array>>
  /** Pagefind has let go of the index (finished or failed). */
  settled?: boolean
}

export class SearchFeeds {
  /** The shards of the index of `site` (one for most sites), those with a page to render fed while pages render. */
  private shards: { site: Site; shards: SearchShard[] } | undefined
  /** Pages whose content waits in the spill file, for a shard that may need it at the end. */
  private readonly spilledContent = new Map<string, Spilled | StoredText>()
  /** The cache's names for the shards of the last index made or reused. */
  indexKeys: string[] = []
  /** Shards with pages to render and no index open yet, in the order the pages render. */
  private waiting: number[] = []
  /** The last `openWaiting` under way. */
  private opening: Promise<void> = Promise.resolve()

  constructor(private readonly host: SearchHost) {}

  /** The page's content was written to the spill file, at `where`, or waits in its cache entry. */
  spilled(file: string, where: Spilled | StoredText): void {
    this.spilledContent.set(file, where)
  }

  /** A new build: the last one's spill file is gone. */
  forgetSpilled(): void {
    this.spilledContent.clear()
  }

  /**
   * Opens an index for the shards that hold `rendering` (in that order) while the open
   * ones hold no more than `streamedPagesAtMost()` pages in all, and feeds each the
   * pages it can have; a shard whose last page is in is finished at once, and the next
   * one opens. Returns `rendering` in the order to render it: shard by shard, so that
   * each shard is finished while the next renders, not all of them after the last
   * page (at 20,000 pages, 71 s of a 514-s build). Shards that could not open in time are
   * indexed once the pages are rendered, from the spill file.
   */
  async open(site: Site, rendering: Page[]): Promise<Page[]> {
    if (this.shards?.site !== site) {
      this.shards = { site, shards: shardPages(site).map((pages) => ({ pages, fed: 0 })) }
      this.waiting = []
    }
    const { shards } = this.shards
    // Within a shard, the site's order: the order the shard is fed in.
    const place = new Map(site.pages.map((page, index) => [page, index]))
    const order = rendering.map((page) => ({ page, index: place.get(page) ?? -1, shard: searchShardOf(page.output, shards.length) })).sort((a, b) => a.shard - b.shard || a.index - b.index)
    for (const { shard } of order) if (!shards[shard]!.feed && !this.waiting.includes(shard)) this.waiting.push(shard)
    await this.openWaiting()
    this.feed()
    return order.map(({ page }) => page)
  }

  /** Opens the shards waiting for an index, in turn, while there is room. One call at a time. */
  private openWaiting(): Promise<void> {
    this.opening = this.opening.then(async () => {
      const searching = this.shards
      if (!searching) return
      const most = streamedPagesAtMost()
      while (this.waiting.length > 0 && this.shards === searching) {
        const open = searching.shards.reduce((pages, shard) => pages + (shard.feed && !shard.settled ? shard.pages.length : 0), 0)
        const number = this.waiting[0]!
        const next = searching.shards[number]!
        if (open > 0 && open + next.pages.length > most) return
        this.waiting.shift()
        next.feed = await openSearchIndex(this.host.lang, number)
      }
    })
    return this.opening
  }

  /** Whether the page's shard is being fed while pages render: its index waits for the page. */
  feeds(page: Page): boolean {
    const searching = this.shards
    return searching !== undefined && searching.shards[searchShardOf(page.output, searching.shards.length)]!.feed !== undefined
  }

  /** Hands each shard being fed the pages that are ready, in the site's order. */
  feed(): void {
    const searching = this.shards
    if (!searching) return
    for (const shard of searching.shards) {
      if (!shard.feed) continue
      while (shard.fed < shard.pages.length) {
        const page = shard.pages[shard.fed]!
        if (!this.host.isReady(page)) break
        shard.feed.add(this.document(page, searching.site))
        shard.fed++
        this.host.indexed(page, searching.site)
      }
      if (shard.fed === shard.pages.length && !shard.finished) this.finish(shard)
    }
  }

  /** Pagefind writes the shard's files while the build goes on; the next shard waiting opens once it has. */
  private finish(shard: SearchShard): void {
    const searching = this.shards
    shard.finished = shard.feed!.finish().then((files) => this.setAside(files))
    const settle = () => {
      shard.settled = true
      // On a site whose shards hold 1,000 pages, the main thread's heap grows with the garbage of feeding them
      // (at 20,000 pages, to 1,142 MiB): a full collection as each shard is done.
      if (shard.pages.length >= collectAfterShardsOf) collectGarbage()
      if (this.shards === searching && this.waiting.length > 0) void this.openWaiting().then(() => this.feed(), () => {})
    }
    // A failure is the build's to report, when `index` waits for the shard.
    shard.finished.then(settle, settle)
  }

  /**
   * A finished shard's files, until the build takes them at its end: in a build to
   * disk they wait in the spill file rather than in memory through the rest of the
   * render (the whole index of the bench's 5,000 pages is 28 MB). Measured at 20,000
   * pages, this made no difference beyond the noise to weft's peak, which is the
   * main thread's garbage (see `finish`).
   */
  private setAside(files: Map<string, Uint8Array>): () => Map<string, Uint8Array> {
    const spill = this.host.spill()
    if (!spill) return () => files
    const spilled = [...files].map(([name, contents]) => [name, spill.put(contents)] as const)
    return () => new Map(spilled.map(([name, where]) => [name, spill.read(where)]))
  }

  /** Waits until no shard has more than `backlog` pages waiting for Pagefind. */
  async drain(backlog: number): Promise<void> {
    for (const shard of this.shards?.shards ?? []) await shard.feed?.drain(backlog)
  }

  /** Drops the indexes being fed (the build failed, or starts again). */
  async discard(): Promise<void> {
    const searching = this.shards
    this.shards = undefined
    this.waiting = []
    await this.opening.catch(() => {})
    for (const shard of searching?.shards ?? []) {
      await shard.feed?.discard()
      await shard.finished?.catch(() => {})
    }
  }

  /** Pagefind's files for the whole of `site`: the shards fed while it rendered are finished, the others made or taken from the cache. */
  async index(site: Site): Promise<Map<string, Uint8Array>> {
    const streamed = this.shards?.site === site ? this.shards.shards : undefined
    this.shards = undefined
    this.waiting = []
    await this.opening.catch(() => {})
    const shards = streamed ?? shardPages(site).map((pages): SearchShard => ({ pages, fed: 0 }))
    // A shard no page fell into (a small site split finely) has no index: the list names the others.
    const files = new Map<string, Uint8Array>([[searchShardList, searchShardListFile(shards.flatMap((shard, number) => (number > 0 && shard.pages.length > 0 ? [number] : [])))]])
    this.indexKeys = []
    // One shard after another: Pagefind's memory peaks while it writes an index out.
    const made = this.host.timings.measureAsync('search', async () => {
      for (const [number, shard] of shards.entries()) {
        if (number > 0 && shard.pages.length === 0) continue
        const key = JSON.stringify(shard.pages.map((page) => [page.output, page.title, this.host.digestOf(page, site)]))
        // An index fed while this very site rendered holds exactly these documents.
        const feeding = shard.fed === shard.pages.length ? shard.feed : undefined
        if (!feeding) await shard.feed?.discard()
        const documents = () => this.documents(shard.pages, site)
        for (const [name, contents] of await this.shardIndex(number, shards.length, documents, key, feeding && shard)) files.set(name, contents)
      }
    })
    await made.catch(async (error: unknown) => {
      for (const shard of shards) {
        await shard.feed?.discard()
        await shard.finished?.catch(() => {})
      }
      throw error
    })
    return files
  }

  /** The pages' documents, read one at a time (from the spill file, in a build to disk) as Pagefind takes them. */
  private *documents(pages: Page[], site: Site): Iterable<SearchDocument> {
    for (const page of pages) yield this.document(page, site)
  }

  private document(page: Page, site: Site): SearchDocument {
    let content = this.host.contentOf(page, site)
    const spilled = this.spilledContent.get(page.file)
    const spill = this.host.spill()
    if (content === released && spilled && spill) content = spill.read(spilled).toString('utf8')
    if (content === released) throw new Error(`Internal error: the content of \`${page.source}\` was asked for after it was written`)
    return { output: page.output, title: page.title, content }
  }

  /** Pagefind's files for these documents, from the cache when the same documents were indexed before. */
  private async shardIndex(shard: number, count: number, documents: () => Iterable<SearchDocument>, documentsKey: string, fed: Pick<SearchShard, 'feed' | 'finished'> | undefined): Promise<Map<string, Uint8Array>> {
    const folder = this.host.cacheFolder
    // A shard that could not be fed while pages rendered is indexed now, the build waiting for it.
    const index = () => fed?.finished?.then((read) => read()) ?? fed?.feed?.finish() ?? this.host.timings.measureAsync('search after render', () => buildSearchIndex(documents(), this.host.lang, shard))
    if (!folder) return index()
    const key = hashParts([weftVersion, this.host.lang, `${shard}/${count}`, documentsKey])
    this.indexKeys.push(key)
    const file = path.join(folder, 'search', `${key}.json`)
    const stored = readStoredIndex(file)
    if (stored) {
      // Pagefind may have made the same files meanwhile: they are let go.
      await fed?.finished?.catch(() => {})
      await fed?.feed?.discard()
      return stored
    }
    const files = await index()
    writeAtomically(file, JSON.stringify([...files].map(([name, contents]) => [name, Buffer.from(contents).toString('base64')])))
    return files
  }
}

/** The site's pages, shard by shard, each shard in the site's order. */
function shardPages(site: Site): Page[][] {
  const shards: Page[][] = Array.from({ length: searchShardCount(site.pages.length) }, () => [])
  for (const page of site.pages) shards[searchShardOf(page.output, shards.length)]!.push(page)
  return shards
}

/** A search index kept in the cache, unless the entry is missing or damaged. */
function readStoredIndex(file: string): Map<string, Uint8Array> | undefined {
  try {
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as [string, string][]
    return new Map(stored.map(([name, base64]) => [name, Buffer.from(base64, 'base64')]))
  } catch {
    return undefined
  }
}
