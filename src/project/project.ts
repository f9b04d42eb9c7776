// A site kept between builds, so that a rebuild redoes only what a change touched:
// a page is expanded and rendered again when it, an include it pulls in, or a page
// or file its links resolved to changed (or when it had errors); every page is put
// in its template again when the navigation or the theme changed. `build()` uses
// it once; `weft dev` keeps one and feeds it the files that changed.
//
// Project composes the parts that do the work and owns none of it: the pages' sources
// (`PageSources`), their compiled results and dependency graphs (`PageResults`), the
// render scheduler and threads, the templater, the site's output, and the search feeds.

import fs from 'node:fs'
import path from 'node:path'
import { fingerprintConfig, resolveConfig, type ConfigOverrides, type ResolvedConfig } from '../config.js'
import { hashParts } from '../core/hash.js'
import { dedupeMessages, Diagnostics, type WeftMessage } from '../core/diagnostics.js'
import { findRootIncludes, findSources } from '../load/find-sources.js'
import type { Page, Site } from '../core/site.js'
import { fullNavigationLimit, type PageFacts } from '../render/page-context.js'
import { sharedNavigationOutput } from '../render/shared-nav.js'
import { printOutput } from '../core/print-output.js'
import { makeSiteFiles, type SiteFileSources } from '../render/site-files.js'
import type { Spilled } from '../write/spill-file.js'
import type { StoredText } from '../core/stored-text.js'
import type { Staging } from '../write/write-site.js'
import { RenderCache, siteCacheFolder } from '../compile/render-cache.js'
import { pageKey, renderFingerprint } from '../compile/cached-render.js'
import type { CompiledPage } from '../core/compiled-page.js'
import { RenderPool } from './render-pool.js'
import { released, SearchFeeds } from './search-feeds.js'
import { SharedStrings } from './shared-strings.js'
import { Timings } from '../core/timings.js'
import { probeSignature } from '../core/probes.js'
import { inputSignature } from './build-manifest.js'
import { assetOutput } from '../core/paths.js'
import { warnUnusedPartials } from '../check/unused-partials.js'
import { includedFiles } from '../expand/included-files.js'
import { PageSources } from './page-sources.js'
import { PageResults } from './page-results.js'
import { RenderScheduler, type EarlyPages } from './render-scheduler.js'
import { Templater } from './templater.js'
import { DiskOutput, MemoryOutput, type Handover, type SiteOutput, type TemplatePass } from './site-output.js'

// The project's face toward the dev server and the command line: what they need of the stages behind it.
export { closeSearch } from '../render/search-index.js'
export { defaultTemplates } from '../render/theme-folders.js'
export { TemplateError } from '../render/template-error.js'
export type { EarlyPages } from './render-scheduler.js'

export interface ProjectOptions extends ConfigOverrides {
  /** Fail on warnings too. */
  strict?: boolean
  /** Called as pages are rendered, for progress on long builds. */
  onProgress?: (done: number, total: number) => void
  /** Index pages for search as they are rendered (`build()` does; `weft dev` indexes when the search is first used). */
  streamSearch?: boolean
  /**
   * Pages served by `weft dev`, with no caching: they load the shared navigation without a
   * version, so that a changed title makes again only the pages that show it (swapping the
   * version in every page cost more in garbage collection than the rest of the rebuild).
   */
  live?: boolean
}

export interface BuildOutcome {
  ok: boolean
  messages: WeftMessage[]
  site: Site
  /** Pages expanded and rendered again by this build. */
  rendered: string[]
  /** Output paths whose contents changed (all of them on a first build). */
  changed: Set<string>
  durationMs: number
}

const siteFiles = ['404.html', printOutput, 'sitemap.xml']

/** Pages that may wait for Pagefind before the build waits for it. */
const searchBacklog = 64

export class Project {
  /** Time spent per phase, over every build of this project. */
  readonly timings = new Timings()
  /** The site's files: output path → contents; and output path → file to copy. */
  readonly files = new Map<string, string | Uint8Array>()
  copies = new Map<string, string>()

  private readonly sources: PageSources
  private readonly results: PageResults
  private readonly templater: Templater
  private readonly scheduler: RenderScheduler
  private readonly search: SearchFeeds
  private readonly pool: RenderPool
  private readonly cache: RenderCache | undefined
  private readonly strings = new SharedStrings()
  /** Where pages go: memory, unless `writeTo` gave a staging folder. */
  private output: SiteOutput = new MemoryOutput(this.timings)
  /** What the last build handed over; its print sections are read when the site files are made after it. */
  private handover: Handover = this.output.begin()
  private site: Site | undefined
  /** Where each copied file lands in the site (the same for the life of the project). */
  private readonly assetOutputs = new Map<string, string>()
  /** Pages compiled by the running build, of how many, for `onProgress`. */
  private progress = { done: 0, total: 0 }
  /** Site-wide files to make again before they are next needed. */
  private readonly staleSiteFiles = new Set(siteFiles)

  private constructor(
    readonly config: ResolvedConfig,
    private readonly options: ProjectOptions,
  ) {
    this.cache = config.cacheDir ? new RenderCache(siteCacheFolder({ ...config, cacheDir: config.cacheDir })) : undefined
    this.pool = new RenderPool(config, options)
    this.sources = new PageSources(config)
    this.results = new PageResults(this.sources.store, config.root)
    const live = options.live === true
    this.templater = new Templater({ config, live, facts: (page, site) => this.facts(page, site), updated: (page) => this.updated(page), releasesPages: () => !this.output.keepsPages })
    this.search = new SearchFeeds({
      lang: config.lang,
      cacheFolder: this.cache?.site,
      timings: this.timings,
      isReady: (page) => page.generated || this.results.has(page.file),
      contentOf: (page, site) => this.facts(page, site).content,
      digestOf: (page, site) => this.results.contentDigest(page, site),
      spill: () => this.output.spill,
      // A build that sends pages to disk needs a page's HTML no more once it is in its template and indexed.
      indexed: (page, site) => {
        if (this.handover.arrived(page.output) === 'sent') this.releaseContent(page, site, false)
      },
    })
    this.scheduler = new RenderScheduler({
      config,
      cache: this.cache,
      sources: this.sources.store,
      timings: this.timings,
      pool: this.pool,
      live,
      keep: (page, result, site) => this.keep(page, result, site),
      openSearch: async (site, pages) => (this.options.streamSearch && this.config.search ? this.search.open(site, pages) : pages),
      searchWaitsFor: (page) => this.search.feeds(page),
      show: (page) => {
        const html = this.handover.arrived(page.output)
        if (html === undefined || html === 'sent' || this.results.get(page.file)!.failed) return false
        this.files.set(page.output, html)
        return true
      },
    })
  }

  static async open(options: ProjectOptions = {}): Promise<Project> {
    return new Project(await resolveConfig(options), options)
  }

  /** Builds from now on write each page into `staging` as it is made, instead of keeping the site in memory. */
  writeTo(staging: Pick<Staging, 'write' | 'writeParts' | 'reuseMade' | 'lastMadeFrom' | 'lastIntact' | 'spill'>): void {
    this.output = new DiskOutput(staging, this.timings)
    // A build to disk runs in a process of its own: the last one's record spares it reading the pages that did not change.
    if (this.cache) this.sources.keepRecord(path.join(this.cache.site, 'loaded-pages.bin'), hashParts([fingerprintConfig(this.config), process.versions.v8]))
  }

  /** After a good build to disk: records how each page loaded, for the next build (see `writeTo`). */
  recordLoads(): void {
    this.sources.saveRecord()
  }

  /** Whether each of `files` reads as the last build read it (see `SourceStore.readsAsBefore`). */
  readsAsBefore(files: Iterable<string>): boolean {
    return [...files].every((file) => this.sources.store.readsAsBefore(file))
  }

  /** Included files whose size or time changed since a build last saw them: saves the watcher may have missed. */
  missedChanges(): string[] {
    return [...this.sources.missedStamps().keys()]
  }

  /** Build everything (no argument), or what the changed files touch. */
  build(changed?: Iterable<string>, early?: EarlyPages): Promise<BuildOutcome> {
    return this.scheduler.during(() => this.buildNow(changed, early))
  }

  /**
   * Resolves once the page at `output` is in `files` as the running build makes it (in `weft dev`):
   * if the build has it still to render, it is rendered now, in this thread, ahead of its turn. A reader
   * who opens another page a save touched gets it new, without waiting for the rest of the rebuild.
   * Resolves at once when no build runs, or the build does not render the page.
   */
  async ready(output: string): Promise<void> {
    if (output.endsWith('.html')) await this.scheduler.ready(output)
  }

  private async buildNow(changed: Iterable<string> | undefined, early: EarlyPages | undefined): Promise<BuildOutcome> {
    const started = performance.now()
    // Per-build state: what this build hands over; a build that threw leaves nothing of its own behind.
    this.handover = this.output.begin()
    this.search.forgetSpilled()
    const changes = changed === undefined ? undefined : new Set([...changed].map((file) => path.resolve(file)))
    if (changes) {
      this.sources.takeChanges(changes)
      this.templater.noteChanges(changes)
    } else {
      this.sources.clear()
      for (const file of [...this.results.files()]) this.results.delete(file)
      this.templater.reset()
    }

    // Load: the pages and the tree they form.
    const loadStarted = performance.now()
    const { config } = this
    const siteDiagnostics = new Diagnostics(this.sources.store, config.root)
    // A build to disk needs no page's text in this thread once it is loaded: the render threads read their files.
    const found = this.sources.find(changes, !this.output.keepsPages)
    const site = this.sources.pageTree(found.sources)
    const before = this.site
    this.site = site
    for (const file of [...this.results.files()]) if (!site.byFile.has(file)) this.results.delete(file)
    this.timings.add('load', performance.now() - loadStarted)
    // The theme and the navigation are known before any page renders: pages go into their template as they arrive.
    await this.templater.prepare(site, changes)
    // A theme file under the name of a file weft makes would be lost on large sites, silently.
    const reserved = this.templater.theme.assets.get(sharedNavigationOutput)
    if (reserved) {
      siteDiagnostics.error('reserved-theme-file', `\`${siteDiagnostics.relative(reserved)}\` has the name weft gives the shared navigation of a site of more than ${fullNavigationLimit} pages (\`${sharedNavigationOutput}\`)`, { file: reserved, offset: 0 }, 'rename the file, and the templates that load it')
    }

    // Compile the pages the change touched (and those that had errors): an edit touches the
    // pages made of the file; a file that appears or goes away touches the pages that link to it.
    let affected: Set<string> | undefined
    if (changes) {
      const appearedOrGone = [...changes].filter((file) => (before?.byFile.has(file) ?? false) !== site.byFile.has(file) || !fs.existsSync(file))
      affected = this.results.affected(changes, appearedOrGone)
    }
    const dirty = site.pages.filter((page) => {
      if (page.generated) return false
      const state = this.results.get(page.file)
      return !state || !affected || state.failed || affected.has(page.file)
    })
    await this.search.discard()
    this.progress = { done: 0, total: dirty.length }
    try {
      await this.scheduler.render(dirty, site, early)
    } catch (error) {
      await this.search.discard()
      throw error
    }
    // Checks across the site.
    const states = [...this.results.values()]
    const checked = performance.now()
    const fragmentMessages = this.results.checkFragmentLinks(site, dirty)
    this.results.definitionUse.check(siteDiagnostics)
    // A page that failed may not have pulled in all its includes: what its directives name counts as used too.
    const failed = dirty.filter((page) => this.results.get(page.file)?.failed)
    const named = failed.length > 0 ? includedFiles(failed, this.sources.store, config.root) : undefined
    warnUnusedPartials([...found.withoutFrontMatter, ...found.partials, ...findRootIncludes(config)], (file) => this.results.isUsed(file) || named?.has(file) === true, siteDiagnostics)

    this.timings.add('check', performance.now() - checked)
    const messages = dedupeMessages([...this.sources.messages(), ...states.flatMap((state) => state.messages), ...fragmentMessages, ...siteDiagnostics.messages])
    const errors = messages.some((message) => message.severity === 'error')
    const ok = !errors && !(this.options.strict && messages.length > 0)
    const outcome = { ok, messages, site, rendered: dirty.map((page) => page.file), changed: new Set<string>(), durationMs: 0 }
    for (const page of dirty) this.sources.stampIncludes(this.results.get(page.file)?.rendered.sources ?? [], site)
    if (ok) outcome.changed = await this.timings.measureAsync('template', () => this.template(site, changes))
    else await this.search.discard()
    this.handover.finish()
    outcome.durationMs = performance.now() - started
    return outcome
  }

  /** Keeps a page's compiled result: puts it into its template, feeds the search index. */
  private async keep(page: Page, result: CompiledPage, site: Site): Promise<void> {
    this.strings.share(result.rendered)
    this.results.set(page.file, { ...result, probes: this.strings.shareProbes(result.probes) })
    this.templater.rendered(page.file)
    if (!result.failed) {
      // Written: a page rendered in this thread read its file again (a build to disk let it go at the load).
      if ((await this.handover.arrive(page, result.rendered, site, this.templater)) === 'sent') this.sources.store.release(page.file)
    }
    this.search.feed()
    // A page no index took yet (none is fed for its shard, or an earlier page of it is still to render)
    // waits on disk for the index, not in memory.
    if (!result.failed) this.releaseContent(page, site)
    // Pages wait for Pagefind rather than pile up in memory while it lags behind.
    await this.search.drain(searchBacklog)
    this.options.onProgress?.(++this.progress.done, this.progress.total)
  }

  /** Puts pages into the theme (see `Templater.templateSite`), and drops from the site what is no longer in it. */
  private async template(site: Site, changes: Set<string> | undefined): Promise<Set<string>> {
    const changed = new Set<string>()
    const pass: TemplatePass = {
      put: (output, contents) => {
        const before = this.files.get(output)
        if (before === contents || (typeof before !== 'string' && typeof contents !== 'string' && before !== undefined && Buffer.from(before).equals(contents))) return
        changed.add(output)
        this.files.set(output, contents)
      },
      touched: (output) => changed.add(output),
      before: (output) => this.files.get(output),
    }
    const outputs = await this.templater.templateSite(site, this.handover, pass)
    if (this.templater.siteChanged) for (const output of siteFiles) this.staleSiteFiles.add(output)
    for (const output of this.files.keys()) {
      // The site-wide files and the search index are kept up to date on their own.
      if (!outputs.has(output) && !output.startsWith('pagefind/') && !siteFiles.includes(output)) {
        this.files.delete(output)
        this.templater.forget(output)
        changed.add(output)
      }
    }
    const copies = new Map(this.templater.theme.assets)
    for (const state of this.results.values()) for (const file of state.rendered.assets) copies.set(this.assetOutputOf(file, site), file)
    for (const [output, file] of copies) if (this.copies.get(output) !== file || !changes || changes.has(file)) changed.add(output)
    this.copies = copies
    this.templater.templated(site)
    return changed
  }

  /** Every file some page depends on (pages, includes, images); of `pages` only, when given. */
  dependencies(pages?: Iterable<string>): Set<string> {
    return this.results.dependencies(pages)
  }

  /** The site as last built. */
  get current(): Site | undefined {
    return this.site
  }

  private assetOutputOf(file: string, site: Site): string {
    let output = this.assetOutputs.get(file)
    if (output === undefined) {
      output = assetOutput(file, site)
      this.assetOutputs.set(file, output)
    }
    return output
  }

  /**
   * The files made from the whole site: `404.html`, the print view, `sitemap.xml`
   * (those of `only`, when given). Separate from the pages so that `weft dev` can
   * show a save before making them, and make the print view only when it is asked for.
   */
  async updateSiteFiles(only: Iterable<string> = siteFiles): Promise<Set<string>> {
    const changed = new Set<string>()
    const site = this.site
    const wanted = new Set([...only].filter((output) => this.staleSiteFiles.has(output)))
    if (!site || !this.templater.hasTheme || wanted.size === 0) return changed
    const put = (output: string, contents: string) => {
      if (this.files.get(output) === contents) return
      this.files.set(output, contents)
      changed.add(output)
    }
    // Unmarked before the work: a rebuild during it marks them stale again, and they are made once more when next asked for.
    for (const output of wanted) this.staleSiteFiles.delete(output)
    const handover = this.handover
    const sources: SiteFileSources<Spilled | StoredText> = {
      site,
      theme: this.templater.theme,
      config: this.config,
      live: this.options.live === true,
      facts: (page) => this.facts(page, site),
      printSection: (page) => this.results.get(page.file)?.rendered.print,
      spilledSection: (page) => handover.spilledSection(page.file),
      readSpilled: (where) => this.output.spill!.read(where),
      updated: (page) => this.updated(page),
      digest: (page) => this.results.contentDigest(page, site),
    }
    await this.timings.measureAsync('site files', () => makeSiteFiles(wanted, sources, handover.siteFiles(put))).catch((error: unknown) => {
      for (const output of wanted) this.staleSiteFiles.add(output)
      throw error
    })
    return changed
  }

  /**
   * Lets go of a page written to disk: its content goes to the spill file when the
   * search index may still need it (`spill`). The home page's stays: the 404 page
   * and the print view are made from its context.
   */
  private releaseContent(page: Page, site: Site, spill = this.config.search): void {
    const state = this.results.get(page.file)
    if (!state || this.output.keepsPages || page === site.home) return
    const { rendered } = state
    // A cached page's content waits in its cache entry already: asking for it here would read it.
    const stored = rendered.stored?.html
    if (!stored && rendered.html === released) return
    if (spill) this.search.spilled(page.file, stored ?? this.output.spill!.put(rendered.html))
    rendered.html = released
    // Like the content, only its template needed these (at 5,000 pages, 8 MB); its digest still covers them.
    rendered.toc = []
    rendered.summary = ''
  }

  /** Rebuilds the search index from every page's content; returns the files that changed. */
  async updateSearch(): Promise<Set<string>> {
    const site = this.site
    const changed = new Set<string>()
    if (!site || !this.config.search) return this.search.discard().then(() => changed)
    const files = await this.search.index(site)
    for (const output of [...this.files.keys()]) {
      if (output.startsWith('pagefind/') && !files.has(output)) {
        this.files.delete(output)
        changed.add(output)
      }
    }
    for (const [output, contents] of files) {
      const before = this.files.get(output)
      if (before instanceof Uint8Array && Buffer.from(before).equals(contents)) continue
      this.files.set(output, contents)
      changed.add(output)
    }
    return changed
  }

  private facts(page: Page, site: Site): PageFacts {
    return this.results.facts(page, site, this.templater.gitTimes)
  }

  /** When the page or one of its includes last changed in git, if the theme shows it. */
  private updated(page: Page): number | undefined {
    return this.results.updated(page, this.templater.gitTimes)
  }

  /**
   * On a site large enough for the render threads, starts them and has each render a
   * page, so that an include used by many pages goes to threads that are ready.
   */
  async warmPool(): Promise<void> {
    if (this.site) await this.pool.warm(this.site)
  }

  /** Ends the render threads, if they were started. */
  async close(): Promise<void> {
    await this.pool.close()
  }

  /** Compiles one page in this thread and throws it away: the first save in `weft dev` pays for no first parser. */
  async warmUp(): Promise<void> {
    if (this.site) await this.scheduler.warmUp(this.site)
  }

  /**
   * Everything the last build read, each with what it was (`inputSignature`: the
   * text's digest for markdown, a `probeSignature` for the rest: images, linked
   * files, places an include was looked for, the theme's files). A build whose
   * inputs all read the same again would make the same site.
   */
  inputs(): Map<string, string> {
    const inputs = new Map<string, string>()
    const text = (file: string) => inputs.set(file, inputSignature(file, this.sources.store, true))
    const found = findSources(this.config.contentDir)
    for (const file of [...found.pages, ...found.partials, ...findRootIncludes(this.config)]) text(file)
    // The folders' metadata files looked for, found or not: one created later is a change too
    for (const file of this.site?.sectionFiles ?? []) text(file)
    for (const state of this.results.values()) {
      for (const file of state.rendered.sources) text(file)
      for (const [file, signature] of state.probes) if (!inputs.has(file)) inputs.set(file, signature)
    }
    const folders = this.templater.hasTheme ? this.templater.theme.folders : []
    for (const folder of folders) {
      for (const name of fs.readdirSync(folder, { recursive: true }) as string[]) {
        const file = path.join(folder, name)
        if (!inputs.has(file)) inputs.set(file, probeSignature(file))
      }
    }
    for (const file of this.copies.values()) if (!inputs.has(file)) inputs.set(file, probeSignature(file))
    return inputs
  }

  /**
   * After a good build: deletes what the cache holds for this site that the build
   * did not use (renders of old versions of pages, of pages gone, by older weft
   * versions or configs; old search indexes). Returns how many files went.
   */
  sweepCache(): number {
    const site = this.site
    if (!this.cache || !site) return 0
    const fingerprint = renderFingerprint(this.config, site)
    const entries = new Set<string>()
    const pages = new Set<string>()
    const highlighted = new Set<string>()
    for (const page of site.pages) {
      const state = this.results.get(page.file)
      if (!state?.cacheKey) continue
      entries.add(state.cacheKey)
      pages.add(pageKey(fingerprint, page))
      for (const name of state.rendered.highlighted ?? []) highlighted.add(name)
    }
    return this.cache.sweep({ entries, pages, searchIndexes: new Set(this.config.search ? this.search.indexKeys : []), highlighted })
  }
}
