// The site's markdown as the last build read it, kept so that a rebuild reads again
// only what changed: the listing of the content folder, each page's front matter,
// the page tree, and the size and time of every file the pages include.

import fs from 'node:fs'
import type { ResolvedConfig } from '../config.js'
import { Diagnostics, type WeftMessage } from '../core/diagnostics.js'
import { isInside } from '../core/paths.js'
import type { Site } from '../core/site.js'
import { findSources } from '../load/find-sources.js'
import { buildTree } from '../load/page-tree.js'
import { readPage, type PageSource } from '../load/read-page.js'
import { fileStamp, SourceStore } from '../load/source-store.js'
import { titleFromName } from '../load/first-heading.js'
import { includedFiles } from '../expand/included-files.js'
import path from 'node:path'
import { fromPlainMessage, toPlainMessage } from '../core/diagnostics.js'
import { readLoadRecord, writeLoadRecord, type RecordedLoad } from './load-record.js'

type Loaded = { page: PageSource | undefined; messages: WeftMessage[] }

/** The pages a build found, and the markdown files that are not pages. */
export interface FoundPages {
  sources: PageSource[]
  /** Files without front matter that a page includes: partials. */
  withoutFrontMatter: string[]
  partials: string[]
}

export class PageSources {
  /** Every text read, shared with the renders of this thread. */
  readonly store = new SourceStore()
  private readonly loaded = new Map<string, Loaded>()
  /** The size and time of each file pages include, as of the build that first used it or the last that saw it change. */
  private readonly includeStamps = new Map<string, string | undefined>()
  /** The last listing of the content folder, and its files as a set. */
  private listing: { found: ReturnType<typeof findSources>; files: Set<string> } | undefined
  /** The last page tree, with what it was made from and what it said. */
  private tree: { sources: PageSource[]; signatures: string[]; site: Site; messages: WeftMessage[]; sectionStamps: string } | undefined

  /** Where the loads of the last build in another process are kept (`keepRecord`), and those read from there. */
  private record: { file: string; setting: string; loads: Map<string, RecordedLoad> | undefined; fresh: boolean } | undefined

  constructor(private readonly config: ResolvedConfig) {}

  /**
   * Loads pages whose file has the size and time the last build's record says as
   * that build loaded them, without reading them (`saveRecord` writes the record).
   * For a build in a process of its own: at 1,000 pages, reading and parsing every
   * page took most of the load's 220 ms after a one-page change.
   */
  keepRecord(file: string, setting: string): void {
    this.record = { file, setting, loads: undefined, fresh: false }
  }

  /** Records what this build loaded, for the next (when it read a file the record did not have as it is). */
  saveRecord(): void {
    const record = this.record
    if (!record || (!record.fresh && record.loads?.size === this.loaded.size)) return
    const loads: [string, RecordedLoad][] = []
    for (const [file, { page, messages }] of this.loaded) {
      const { digest, stamp } = this.store.firstRead(file)
      if (digest !== undefined && stamp !== undefined) loads.push([file, { stamp, digest, page, messages: messages.map(toPlainMessage) }])
    }
    writeLoadRecord(record.file, record.setting, loads)
  }

  /** Included files whose size or time changed since a build last saw them, with their stamp now. */
  missedStamps(): Map<string, string | undefined> {
    const missed = new Map<string, string | undefined>()
    for (const [file, stamp] of this.includeStamps) {
      const now = fileStamp(file)
      if (now !== stamp) missed.set(file, now)
    }
    return missed
  }

  /**
   * Takes in a change: the files it names are read again. chokidar sometimes reports no
   * event for one save among many: an include saved that way would leave every page
   * using it stale. Includes are few, so their times are checked on each rebuild and
   * those that moved join the change (pages are many, and a page that missed its save
   * is rendered again at its next one).
   */
  takeChanges(changes: Set<string>): void {
    for (const [file, stamp] of this.missedStamps()) {
      changes.add(file)
      this.includeStamps.set(file, stamp)
    }
    for (const file of changes) {
      this.store.forget(file)
      this.loaded.delete(file)
    }
  }

  /** Forgets everything read: the next build reads the site afresh. */
  clear(): void {
    this.store.clear()
    this.loaded.clear()
    this.tree = undefined
  }

  /**
   * The content folder's pages, read (or as read before, when unchanged). With
   * `letGo`, each page's text is let go once its front matter and digest are taken.
   * Held until the render, the texts were most of this thread's heap (after loading
   * 5,000 bench pages, 51.5 of 71.8 MB), and V8 did not give the room back: at
   * 20,000 pages, letting them go took weft's peak RSS from 844 to 728 MiB.
   */
  find(changes: Set<string> | undefined, letGo = false): FoundPages {
    const found = this.listSources(changes)
    const candidates = found.pages.map((file) => this.load(file, letGo).page).filter((page) => page !== undefined)
    // A file without front matter is a page unless a page includes it (includes are looked for only then).
    const bare = candidates.filter((page) => !page.frontMatter)
    const included = bare.length > 0 ? includedFiles(candidates, this.store, this.config.root) : new Set<string>()
    // Looking for includes read every page again: let them go again.
    if (letGo && bare.length > 0) for (const page of candidates) this.store.release(page.file)
    const sources = candidates.filter((page) => page.frontMatter || !included.has(page.file))
    const withoutFrontMatter = bare.filter((page) => included.has(page.file)).map((page) => page.file)
    return { sources, withoutFrontMatter, partials: found.partials }
  }

  /** What reading the pages and making their tree said. */
  messages(): WeftMessage[] {
    return [...[...this.loaded.values()].flatMap((loaded) => loaded.messages), ...(this.tree?.messages ?? [])]
  }

  /** Notes the stamp of each included file not seen before (a page of the site is not an include). */
  stampIncludes(files: Iterable<string>, site: Site): void {
    for (const file of files) if (!this.includeStamps.has(file) && !site.byFile.has(file)) this.includeStamps.set(file, fileStamp(file))
  }

  /**
   * The site's tree: the last one again when no page was added, removed, retitled,
   * moved in the order or given other front matter (an edit to a page's text changes
   * none of that, and a site of thousands of pages need not be sorted again).
   */
  pageTree(sources: PageSource[]): Site {
    const last = this.tree
    const signature = (source: PageSource) => JSON.stringify([source.file, source.title, source.menuOrder, source.menuOrderOffset, source.bodyOffset, source.data])
    // A folder's `_category_.json` (there or not) labels and orders it: one created, edited or removed makes the tree again
    const sectionStamps = (site: Site) => (site.sectionFiles ?? []).map((file) => fileStamp(file) ?? '-').join('|')
    if (last && last.sources.length === sources.length && sources.every((source, index) => source === last.sources[index] || signature(source) === last.signatures[index]) && sectionStamps(last.site) === last.sectionStamps) {
      last.sources = sources
      return last.site
    }
    const diagnostics = new Diagnostics(this.store, this.config.root)
    const site = buildTree(sources, { root: this.config.root, contentDir: this.config.contentDir, siteTitle: this.config.title, diagnostics, store: this.store })
    this.tree = { sources, signatures: sources.map(signature), site, messages: diagnostics.messages, sectionStamps: sectionStamps(site) }
    return site
  }

  /**
   * The content folder's markdown files. A change made only of saves to files it
   * listed, all still there, leaves the listing as it was: a large site's folders
   * are not read again for every save of a page.
   */
  private listSources(changes: Set<string> | undefined): ReturnType<typeof findSources> {
    const last = this.listing
    if (changes && last && [...changes].every((file) => (last.files.has(file) && fs.existsSync(file)) || !isInside(file, this.config.contentDir))) return last.found
    const found = findSources(this.config.contentDir)
    this.listing = { found, files: new Set([...found.pages, ...found.partials]) }
    return found
  }

  /** The title a page's file name gives it: the site's for the home page, the folder's for an index page. */
  private nameTitle(file: string): string {
    const { contentDir, title } = this.config
    if (path.dirname(file) === contentDir && /^index\.md$/i.test(path.basename(file))) return title
    return titleFromName(/^index\.md$/i.test(path.basename(file)) ? path.dirname(file) : file)
  }

  private load(file: string, letGo: boolean): Loaded {
    let loaded = this.loaded.get(file) ?? this.recorded(file)
    if (!loaded) {
      if (this.record) this.record.fresh = true
      const diagnostics = new Diagnostics(this.store, this.config.root)
      loaded = { page: readPage(file, this.store, diagnostics, () => this.nameTitle(file)), messages: diagnostics.messages }
      this.loaded.set(file, loaded)
    }
    if (letGo) this.store.release(file)
    return loaded
  }

  /** The file as the record has it, if its size and time are still those it had when the last build read it. */
  private recorded(file: string): Loaded | undefined {
    const record = this.record
    if (!record) return undefined
    record.loads ??= readLoadRecord(record.file, record.setting)
    const load = record.loads.get(file)
    if (!load || fileStamp(file) !== load.stamp) return undefined
    this.store.remember(file, load.digest, load.stamp)
    const loaded = { page: load.page, messages: load.messages.map(fromPlainMessage) }
    this.loaded.set(file, loaded)
    return loaded
  }
}
