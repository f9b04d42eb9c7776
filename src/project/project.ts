// A site kept between builds, so that a rebuild redoes only what a change touched:
// a page is expanded and rendered again when it, an include it pulls in, or a page
// or file its links resolved to changed (or when it had errors); every page is put
// in its template again when the navigation or the theme changed. `build()` uses
// it once; `weft dev` keeps one and feeds it the files that changed.

import fs from 'node:fs'
import path from 'node:path'
import { DefinitionUse } from '../check/definitions.js'
import { checkFragments } from '../check/fragments.js'
import { resolveConfig, weftVersion, type ConfigOverrides, type ResolvedConfig } from '../config.js'
import { dedupeMessages, Diagnostics, fromPlainMessage, type WeftMessage } from '../core/diagnostics.js'
import { findRootIncludes, findSources } from '../load/find-sources.js'
import { buildTree } from '../load/page-tree.js'
import { readPage, type PageSource } from '../load/read-page.js'
import type { Page, Site } from '../core/site.js'
import { fileStamp, SourceStore } from '../load/source-store.js'
import type { Processor } from '../markdown/processor.js'
import { readGitTimes } from '../load/git-history.js'
import { fullNavigationLimit, pageContext, sharedNavigationHref, sitePartsOf, type PageContext, type PageFacts } from '../render/page-context.js'
import { allPagesHtml, allPagesOutput, sharedNavigation, sharedNavigationOutput } from '../render/shared-nav.js'
import { printOutput } from '../core/print-output.js'
import { makeSiteFiles, type SiteFileOutput, type SiteFileSources } from '../render/site-files.js'
import type { Theme } from '../render/templates.js'
import type { Spilled } from '../write/spill-file.js'
import type { Staging } from '../write/write-site.js'
import { DependencyGraph } from './dependency-graph.js'
import { RenderCache, siteCacheFolder } from '../compile/render-cache.js'
import { cachedRender, cachedRenderKey, pageKey, renderFingerprint } from '../compile/cached-render.js'
import type { RenderContext } from '../compile/compile-page.js'
import { RenderPool } from './render-pool.js'
import { released, SearchFeeds } from './search-feeds.js'
import type { RenderRun } from './render-run.js'
import { RenderQueue } from './render-queue.js'
import { SharedStrings } from './shared-strings.js'
import { Timings } from '../core/timings.js'
import { probeSignature } from '../core/probes.js'
import { inputSignature } from './build-manifest.js'
import { assetOutput, isInside } from '../core/paths.js'
import type { RenderedPage, CompiledPage } from '../core/compiled-page.js'
import { hashParts } from '../core/hash.js'
import { warnUnusedPartials } from '../check/unused-partials.js'
import { homeContent } from '../render/home-page.js'
import { navigationOf, pagesShowingRenames, type NavigationEntry } from './navigation-changes.js'

// The project's face toward the dev server and the command line: what they need of the stages behind it.
export { closeSearch } from '../render/search-index.js'
export { defaultTemplates } from '../render/theme-folders.js'
export { TemplateError } from '../render/template-error.js'

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

/**
 * Pages to render and show before the others, when a change touches many: those
 * open in a browser. One that renders without errors is shown even if another
 * page's error then fails the build.
 */
export interface EarlyPages {
  outputs: ReadonlySet<string>
  /** Called once those of them that rendered without errors are in `files`. */
  show(outputs: string[]): void
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

interface PageState {
  rendered: RenderedPage
  messages: WeftMessage[]
  failed: boolean
  probes: [string, string][]
  /** The cache entry of its render, kept when the cache is swept. */
  cacheKey: string | undefined
}

const siteFiles = ['404.html', printOutput, 'sitemap.xml']

/** Pages that may wait for Pagefind before the build waits for it. */
const searchBacklog = 64

type Loaded = { page: PageSource | 'no-front-matter' | undefined; messages: WeftMessage[] }

export class Project {
  /** Time spent per phase, over every build of this project. */
  readonly timings = new Timings()
  /** The site's files: output path → contents; and output path → file to copy. */
  readonly files = new Map<string, string | Uint8Array>()
  copies = new Map<string, string>()
  /**
   * Where a build that writes to disk sends each page once it is in its template,
   * instead of keeping it in `files`, and keeps each page's section of the print
   * view until the end: a large site is never held whole in memory.
   */
  sink: Pick<Staging, 'write' | 'writeParts' | 'reuseMade' | 'spill'> | undefined

  private readonly sources = new SourceStore()
  private readonly loaded = new Map<string, Loaded>()
  /** The size and time of each file pages include, as of the build that first used it or the last that saw it change. */
  private readonly includeStamps = new Map<string, string | undefined>()
  private readonly pages = new Map<string, PageState>()
  /** Pages on the files they are made of, and on the pages and files they link to. */
  private readonly sourceGraph = new DependencyGraph()
  private readonly linkGraph = new DependencyGraph()
  private readonly definitionUse = new DefinitionUse()
  /** The last listing of the content folder, and its files as a set. */
  private listing: { found: ReturnType<typeof findSources>; files: Set<string> } | undefined
  /** Each page's messages about `#fragment` links, from the last time its links were checked. */
  private readonly fragmentMessages = new Map<string, WeftMessage[]>()
  /** The last page tree, with what it was made from and what it said. */
  private tree: { sources: PageSource[]; signatures: string[]; site: Site; messages: WeftMessage[] } | undefined
  /** Where each copied file lands in the site (the same for the life of the project). */
  private readonly assetOutputs = new Map<string, string>()
  /** The markdown pipeline, made when a page is first rendered in this thread (a build that renders nothing never loads it). */
  private processor: Processor | undefined
  private theme: Theme | undefined
  private site: Site | undefined
  /** Pages rendered since they were last put into their template. */
  private readonly untemplated = new Set<string>()
  /** Whether this build looks at every page's template again (the theme or the navigation changed). */
  private templateAll = true
  /**
   * A digest of what each page's HTML took from the rest of the site (its part of the navigation,
   * previous and next, part N of M) when it was last put into its template. When the navigation
   * changes, only the pages whose share of it changed are made again: a title changed on a large
   * site shows in the pages listing it, not in all of them.
   */
  private readonly siteParts = new Map<string, string>()
  private readonly strings = new SharedStrings()
  /** When only titles changed in the navigation: the pages that can show them; the others stay as they are. */
  private renamedAround: Set<Page> | undefined
  /** The shared navigation's address in the pages as last templated (with its version), or `''`. */
  private templatedNavScript = ''
  /** Pages of this build put into their template as they arrived from the render: output → HTML, kept once the build is good. */
  private readonly templatedEarly = new Map<string, string>()
  /** While a build renders pages in `weft dev`: renders the page at an output path now, if it is one of them. */
  private asked: ((output: string) => Promise<boolean>) | undefined
  /** Resolves once the running build renders pages, or is over; `ready()` waits for it. */
  private renderStarted: Promise<void> = Promise.resolve()
  private renderReached: (() => void) | undefined
  /** Pages whose section of the print view waits in the sink's spill file. */
  private readonly printSpilled = new Map<string, Spilled>()
  /** Pages of this build already handed to the sink. */
  private readonly sunk = new Set<string>()
  /**
   * The shards of the search index of `site` (one for most sites), each with its pages
   * in the site's order; those with a page to render are fed while pages render, and
   * `fed` says how many of their pages they have.
   */
  private readonly search: SearchFeeds
  private templatedNav = ''
  /** Site-wide files to make again before they are next needed. */
  private readonly staleSiteFiles = new Set(siteFiles)
  private gitTimes: Map<string, number> | undefined
  private themeStale = true

  private readonly pool: RenderPool
  private readonly cache: RenderCache | undefined

  private constructor(
    readonly config: ResolvedConfig,
    private readonly options: ProjectOptions,
  ) {
    this.cache = config.cacheDir ? new RenderCache(siteCacheFolder({ ...config, cacheDir: config.cacheDir })) : undefined
    this.pool = new RenderPool(config, options)
    this.search = new SearchFeeds({
      lang: config.lang,
      cacheFolder: this.cache?.site,
      timings: this.timings,
      isReady: (page) => page.generated || this.pages.has(page.file),
      contentOf: (page, site) => this.facts(page, site).content,
      digestOf: (page, site) => this.contentDigest(page, site),
      spill: () => this.sink?.spill,
      // A build that sends pages to disk needs a page's HTML no more once it is in its template and indexed.
      indexed: (page, site) => {
        if (this.sink && this.sunk.has(page.output)) this.releaseContent(page, site, false)
      },
    })
  }

  static async open(options: ProjectOptions = {}): Promise<Project> {
    return new Project(await resolveConfig(options), options)
  }

  /** Included files whose size or time changed since a build last saw them: saves the watcher may have missed. */
  missedChanges(): string[] {
    return [...this.missedStamps()].map(([file]) => file)
  }

  /** Each include `missedChanges` finds, with its stamp now. */
  private missedStamps(): Map<string, string | undefined> {
    const missed = new Map<string, string | undefined>()
    for (const [file, stamp] of this.includeStamps) {
      const now = fileStamp(file)
      if (now !== stamp) missed.set(file, now)
    }
    return missed
  }

  /** Build everything (no argument), or what the changed files touch. */
  async build(changed?: Iterable<string>, early?: EarlyPages): Promise<BuildOutcome> {
    this.renderStarted = new Promise((resolve) => (this.renderReached = resolve))
    try {
      return await this.buildNow(changed, early)
    } finally {
      this.renderReached?.()
    }
  }

  /**
   * Resolves once the page at `output` is in `files` as the running build makes it (in `weft dev`):
   * if the build has it still to render, it is rendered now, in this thread, ahead of its turn. A reader
   * who opens another page a save touched gets it new, without waiting for the rest of the rebuild.
   * Resolves at once when no build runs, or the build does not render the page.
   */
  async ready(output: string): Promise<void> {
    if (!output.endsWith('.html')) return
    await this.renderStarted
    await this.asked?.(output)
  }

  private async buildNow(changed: Iterable<string> | undefined, early: EarlyPages | undefined): Promise<BuildOutcome> {
    const started = performance.now()
    // A build that threw (a mistake in a template) may have left pages of its own behind.
    this.templatedEarly.clear()
    this.sunk.clear()
    this.printSpilled.clear()
    this.search.forgetSpilled()
    const changes = changed === undefined ? undefined : new Set([...changed].map((file) => path.resolve(file)))
    if (changes) {
      // chokidar sometimes reports no event for one save among many: an include saved that way would leave
      // every page using it stale. Includes are few, so their times are checked on each rebuild (pages are
      // many, and a page that missed its save is rendered again at its next one).
      for (const [file, stamp] of this.missedStamps()) {
        changes.add(file)
        this.includeStamps.set(file, stamp)
      }
      for (const file of changes) {
        this.sources.forget(file)
        this.loaded.delete(file)
      }
      // The site's own `templates/` counts even when the theme was loaded before it existed.
      const themeFolders = [...(this.theme?.folders ?? []), path.join(this.config.root, 'templates')]
      if (this.theme && [...changes].some((file) => themeFolders.some((folder) => isInside(file, folder)))) this.themeStale = true
    } else {
      this.sources.clear()
      this.loaded.clear()
      for (const file of this.pages.keys()) this.forgetPage(file)
      this.tree = undefined
      this.themeStale = true
    }

    // Load: the pages and the tree they form.
    const loadStarted = performance.now()
    const { config } = this
    const siteDiagnostics = new Diagnostics(this.sources, config.root)
    const found = this.listSources(changes)
    const sources: PageSource[] = []
    const withoutFrontMatter: string[] = []
    for (const file of found.pages) {
      const loaded = this.load(file)
      if (loaded.page === 'no-front-matter') withoutFrontMatter.push(file)
      else if (loaded.page) sources.push(loaded.page)
    }
    const tree = this.pageTree(sources)
    const site = tree.site
    const before = this.site
    this.site = site
    for (const file of this.pages.keys()) if (!site.byFile.has(file)) this.forgetPage(file)
    this.timings.add('load', performance.now() - loadStarted)
    // The theme and the navigation are known before any page renders: pages go into their template as they arrive.
    await this.prepareTemplates(site, changes)
    // A theme file under the name of a file weft makes would be lost on large sites, silently.
    const reserved = this.theme!.assets.get(sharedNavigationOutput)
    if (reserved) {
      siteDiagnostics.error('reserved-theme-file', `\`${siteDiagnostics.relative(reserved)}\` has the name weft gives the shared navigation of a site of more than ${fullNavigationLimit} pages (\`${sharedNavigationOutput}\`)`, { file: reserved, offset: 0 }, 'rename the file, and the templates that load it')
    }

    // Stages 1 and 2 for the pages the change touched (and those that had errors):
    // an edit touches the pages made of the file; a file that appears or goes away
    // touches the pages that link to it.
    let affected: Set<string> | undefined
    if (changes) {
      const appearedOrGone = [...changes].filter((file) => (before?.byFile.has(file) ?? false) !== site.byFile.has(file) || !fs.existsSync(file))
      affected = new Set([...this.sourceGraph.affected(changes), ...this.linkGraph.affected(appearedOrGone)])
    }
    const dirty = site.pages.filter((page) => {
      if (page.generated) return false
      const state = this.pages.get(page.file)
      return !state || !affected || state.failed || affected.has(page.file)
    })
    try {
      await this.renderPages(dirty, site, early)
    } catch (error) {
      await this.search.discard()
      throw error
    }
    // Checks across the site.
    const states = [...this.pages.values()]
    const checked = performance.now()
    const fragmentMessages = this.checkFragmentLinks(site, dirty)
    this.definitionUse.check(siteDiagnostics)
    // A page that failed may not have pulled in all its includes: no guessing then.
    if (!states.some((state) => state.failed)) warnUnusedPartials([...withoutFrontMatter, ...found.partials, ...findRootIncludes(config)], (file) => this.sourceGraph.affected([file]).size > 0, siteDiagnostics)

    this.timings.add('check', performance.now() - checked)
    const messages = dedupeMessages([...[...this.loaded.values()].flatMap((loaded) => loaded.messages), ...tree.messages, ...states.flatMap((state) => state.messages), ...fragmentMessages, ...siteDiagnostics.messages])
    const errors = messages.some((message) => message.severity === 'error')
    const ok = !errors && !(this.options.strict && messages.length > 0)
    const outcome = { ok, messages, site, rendered: dirty.map((page) => page.file), changed: new Set<string>(), durationMs: 0 }
    for (const page of dirty) {
      for (const file of this.pages.get(page.file)?.rendered.sources ?? []) {
        if (!this.includeStamps.has(file) && !site.byFile.has(file)) this.includeStamps.set(file, fileStamp(file))
      }
    }
    if (ok) outcome.changed = await this.timings.measureAsync('template', () => this.template(site, changes))
    else await this.search.discard()
    this.templatedEarly.clear()
    this.sunk.clear()
    outcome.durationMs = performance.now() - started
    return outcome
  }

  /** Stages 1 and 2 for `pages`: in worker threads for many pages, in this thread for a few. */
  private async renderPages(pages: Page[], site: Site, early?: EarlyPages): Promise<void> {
    let done = 0
    const total = pages.length
    const keep = async (file: string, result: CompiledPage) => {
      this.strings.share(result.rendered)
      this.pages.set(file, { rendered: result.rendered, messages: result.messages.map(fromPlainMessage), failed: result.failed, probes: result.probes, cacheKey: result.cacheKey })
      this.sourceGraph.set(file, result.rendered.sources)
      this.linkGraph.set(file, result.rendered.linked)
      this.definitionUse.set(file, result.rendered)
      this.untemplated.add(file)
      const page = site.byFile.get(file)!
      if (!result.failed) {
        if (this.sink) {
          const sink = this.sink
          const { key, html } = await this.timings.measureAsync('template', async () => {
            const context = this.pageContext(page, site)
            const key = this.templateKey(context, result.rendered.digest)
            // The last site's file, made from the same context by the same templates, is linked instead.
            return { key, html: key !== undefined && sink.reuseMade(page.output, key) ? undefined : await this.pageHtml(page, site, context) }
          })
          if (html !== undefined) sink.write(page.output, html, key)
          this.sunk.add(page.output)
          this.printSpilled.set(file, this.sink.spill.put(result.rendered.print))
          result.rendered.print = released
          // Rendered and written: at 5,000 pages, the texts held 50 MB of this thread's heap.
          this.sources.release(file)
        } else this.templatedEarly.set(page.output, await this.timings.measureAsync('template', () => this.pageHtml(page, site)))
      }
      this.search.feed()
      // A page no index took yet (none is fed for its shard, or an earlier page of it is still to render)
      // waits on disk for the index, not in memory.
      if (!result.failed) this.releaseContent(page, site)
      // Pages wait for Pagefind rather than pile up in memory while it lags behind.
      await this.search.drain(searchBacklog)
      this.options.onProgress?.(++done, total)
    }
    const fingerprint = renderFingerprint(this.config, site)
    await this.search.discard()
    // Pages none of whose files changed come from the cache here, without a worker. The shards of the
    // search index with a page to render have a new index to make (the others are most likely in the
    // cache): Pagefind starts on them before the cached pages are put into their template, and goes on
    // while they and the rest render.
    const context = { cache: this.cache, sources: this.sources, timings: this.timings, fingerprint }
    const cachedKeys = new Map<Page, string>()
    const left: Page[] = []
    for (const page of pages) {
      const key = cachedRenderKey(page, context)
      if (key === undefined) left.push(page)
      else cachedKeys.set(page, key)
    }
    // Nothing to render ahead of its turn: a page asked for meanwhile is served as it is.
    if (left.length === 0) this.renderReached?.()
    const stream = this.options.streamSearch && this.config.search
    if (stream && left.length > 0) await this.search.open(site, left)
    const damaged: Page[] = []
    let stopped = false
    // A page a browser asked for in `weft dev` can also come back from a render thread: it is kept once.
    const kept = new Map<string, Promise<void>>()
    const run: RenderRun = {
      site,
      fingerprint,
      kept,
      keep(file, result) {
        let keeping = kept.get(file)
        if (!keeping) kept.set(file, (keeping = keep(file, result)))
        return keeping
      },
      stop: () => stopped,
    }
    const keepCached = async () => {
      for (const [page, key] of cachedKeys) {
        if (stopped) return
        const cached = cachedRender(key, context)
        if (cached) await run.keep(page.file, cached)
        else damaged.push(page)
      }
    }
    // The pages to render go first, so that an index does not wait at one of them while the cached pages
    // go by: many in threads, while this thread puts the cached ones into their template; a few here, before.
    const fresh = () => this.renderFresh(left, run, early)
    if (this.pool.wants(left.length)) {
      // Once one side fails, the other stops too: no more pages go to the folder the build throws away.
      const stopOnFailure = (error: unknown) => {
        stopped = true
        throw error
      }
      const settled = await Promise.allSettled([fresh().catch(stopOnFailure), keepCached().catch(stopOnFailure)])
      for (const side of settled) if (side.status === 'rejected') throw side.reason
    } else {
      await fresh()
      await keepCached()
    }
    if (damaged.length === 0) return
    // Renders found damaged in the cache are rendered after all, and their shards indexed anew.
    if (stream) await this.search.open(site, damaged)
    await this.renderFresh(damaged, run, early)
  }

  /**
   * Stages 1 and 2 for pages the cache does not hold: those open in a browser first, then the rest.
   * In `weft dev`, one a browser asks for meanwhile is rendered when it is asked for (`ready`).
   */
  private async renderFresh(pages: Page[], run: RenderRun, early: EarlyPages | undefined): Promise<void> {
    if (pages.length === 0) return
    const queue = new RenderQueue(pages)
    const demand = this.renderOnDemand(queue, run)
    if (this.options.live) this.asked = demand.ask
    this.renderReached?.()
    try {
      if (early && pages.length > 1) await this.renderEarly(early, demand.ask)
      await this.renderQueue(queue, run)
      await demand.settle()
    } finally {
      demand.close()
      this.asked = undefined
    }
  }

  /** The queue's pages, in the render threads when there are many, in this thread otherwise. */
  private async renderQueue(queue: RenderQueue, run: RenderRun): Promise<void> {
    if (queue.size === 0) return
    const inThreads = this.pool.wants(queue.size) && (await this.pool.render(queue, run, (files, rest) => this.renderBatchHere(files, rest), this.timings))
    if (!inThreads) await this.renderBatchHere(queue.drain(), run)
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

  /** Renders `files` in this thread, one at a time, until they are done or the run stops. */
  private async renderBatchHere(files: Iterable<string>, run: RenderRun): Promise<void> {
    const { compilePage, context } = await this.renderHere(run.fingerprint)
    for (const file of files) {
      if (run.stop()) return
      await run.keep(file, await compilePage(run.site.byFile.get(file)!, run.site, context))
      // Rendering never waits on I/O: without a turn of the event loop, Pagefind would
      // get no page before the last one is rendered, and index them all at the end.
      await new Promise((resolve) => setImmediate(resolve))
    }
  }

  /**
   * Pages of `queue` rendered in this thread as soon as they are asked for, ahead of their turn, and put
   * into `files`. One already kept (or being kept) is waited for; one a render thread still has is
   * rendered here too, and kept once. `settle` waits for those asked for and fails as they failed;
   * after `close`, asking does nothing.
   */
  private renderOnDemand(queue: RenderQueue, run: RenderRun) {
    const asked = new Map<string, Promise<boolean>>()
    let closed = false
    const render = async (page: Page): Promise<boolean> => {
      if (!run.kept.has(page.file)) {
        const { compilePage, context } = await this.renderHere(run.fingerprint)
        await run.keep(page.file, await compilePage(page, run.site, context))
      }
      await run.kept.get(page.file)
      const html = this.templatedEarly.get(page.output)
      if (html === undefined || this.pages.get(page.file)!.failed) return false
      this.files.set(page.output, html)
      return true
    }
    return {
      /** Resolves to whether the page at `output` is now in `files` as this build makes it. */
      ask: (output: string): Promise<boolean> => {
        if (closed || run.stop()) return Promise.resolve(false)
        let rendering = asked.get(output)
        if (rendering) return rendering
        const page = queue.take(output)
        if (!page) return Promise.resolve(false)
        asked.set(output, (rendering = render(page)))
        return rendering
      },
      settle: async () => {
        closed = true
        await Promise.all(asked.values())
      },
      close: () => {
        closed = true
        // Those of a build that failed otherwise: their failure is not this build's to report.
        for (const rendering of asked.values()) rendering.catch(() => {})
      },
    }
  }

  /**
   * Renders the pages open in a browser in this thread, before the others, and has
   * them shown at once: a save to an include used by many pages reaches the screen
   * without waiting for the rest.
   */
  private async renderEarly(early: EarlyPages, ask: (output: string) => Promise<boolean>): Promise<void> {
    const shown: string[] = []
    for (const output of early.outputs) if (await ask(output)) shown.push(output)
    if (shown.length > 0) early.show(shown)
  }

  /** What rendering a page in this thread takes. */
  private async renderHere(fingerprint: string): Promise<{ compilePage: typeof import('../compile/compile-page.js').compilePage; context: RenderContext }> {
    const { compilePage } = await import('../compile/compile-page.js')
    return { compilePage, context: { root: this.config.root, buildInfo: this.config.buildInfo, sources: this.sources, processor: await this.markdownProcessor(), timings: this.timings, cache: this.cache, fingerprint } }
  }

  private async markdownProcessor(): Promise<Processor> {
    if (!this.processor) {
      const { createProcessor } = await import('../markdown/processor.js')
      this.processor = createProcessor(this.config)
    }
    return this.processor
  }

  /**
   * Renders one page in this thread and throws the result away, so that the first
   * save in `weft dev` does not pay for this thread's first highlighter and parser
   * when the first build ran in workers (or came from the cache).
   */
  async warmUp(): Promise<void> {
    const site = this.site
    const page = site?.pages.find((candidate) => !candidate.generated)
    if (!site || !page) return
    const { compilePage } = await import('../compile/compile-page.js')
    const context = { root: this.config.root, buildInfo: this.config.buildInfo, sources: new SourceStore(), processor: await this.markdownProcessor(), timings: new Timings(), fingerprint: '' }
    await compilePage(page, site, context)
  }

  /**
   * Everything the last build read, each with what it was (`inputSignature`: the
   * text's digest for markdown, a `probeSignature` for the rest: images, linked
   * files, places an include was looked for, the theme's files). A build whose
   * inputs all read the same again would make the same site.
   */
  inputs(): Map<string, string> {
    const inputs = new Map<string, string>()
    const text = (file: string) => inputs.set(file, inputSignature(file, this.sources, true))
    const found = findSources(this.config.contentDir)
    for (const file of [...found.pages, ...found.partials, ...findRootIncludes(this.config)]) text(file)
    for (const state of this.pages.values()) {
      for (const file of state.rendered.sources) text(file)
      for (const [file, signature] of state.probes) if (!inputs.has(file)) inputs.set(file, signature)
    }
    for (const folder of this.theme?.folders ?? []) {
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
    for (const page of site.pages) {
      const state = this.pages.get(page.file)
      if (!state?.cacheKey) continue
      entries.add(state.cacheKey)
      pages.add(pageKey(fingerprint, page))
    }
    return this.cache.sweep({ entries, pages, searchIndexes: new Set(this.config.search ? this.search.indexKeys : []) })
  }

  /** Every file some page depends on (pages, includes, images); of `pages` only, when given. */
  dependencies(pages?: Iterable<string>): Set<string> {
    if (!pages) return new Set([...this.sourceGraph.files(), ...this.linkGraph.files()])
    const files = new Set<string>()
    for (const page of pages) {
      const state = this.pages.get(page)
      for (const file of [...(state?.rendered.sources ?? []), ...(state?.rendered.linked ?? [])]) files.add(file)
    }
    return files
  }

  /**
   * The site's tree: the last one again when no page was added, removed, retitled,
   * moved in the order or given other front matter (an edit to a page's text changes
   * none of that, and a site of thousands of pages need not be sorted again).
   */
  private pageTree(sources: PageSource[]): { site: Site; messages: WeftMessage[] } {
    const last = this.tree
    const signature = (source: PageSource) => JSON.stringify([source.file, source.title, source.menuOrder, source.menuOrderOffset, source.bodyOffset, source.data])
    if (last && last.sources.length === sources.length && sources.every((source, index) => source === last.sources[index] || signature(source) === last.signatures[index])) {
      last.sources = sources
      return last
    }
    const diagnostics = new Diagnostics(this.sources, this.config.root)
    const site = buildTree(sources, { root: this.config.root, contentDir: this.config.contentDir, siteTitle: this.config.title, diagnostics })
    this.tree = { sources, signatures: sources.map(signature), site, messages: diagnostics.messages }
    return this.tree
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
   * The messages of `#fragment` links that name no id, page by page. A page's links
   * are checked again only when it, or a page it links to, was rendered by this
   * build: the ids a link may name change with nothing else.
   */
  private checkFragmentLinks(site: Site, rendered: Page[]): WeftMessage[] {
    const renderedFiles = rendered.map((page) => page.file)
    const again = new Set([...renderedFiles, ...this.linkGraph.affected(renderedFiles)])
    const idsOf = (file: string) => this.pages.get(file)?.rendered.ids ?? (file === site.home.file ? noIds : undefined)
    const messages: WeftMessage[] = []
    for (const [file, state] of this.pages) {
      let checked = this.fragmentMessages.get(file)
      if (!checked || again.has(file)) {
        const diagnostics = new Diagnostics(this.sources, this.config.root)
        if (state.rendered.links.length > 0) checkFragments(state.rendered.links, idsOf, diagnostics)
        checked = diagnostics.messages
        this.fragmentMessages.set(file, checked)
      }
      messages.push(...checked)
    }
    return messages
  }

  private forgetPage(file: string): void {
    this.fragmentMessages.delete(file)
    this.definitionUse.delete(file)
    this.pages.delete(file)
    this.sourceGraph.delete(file)
    this.linkGraph.delete(file)
  }

  /** The site as last built. */
  get current(): Site | undefined {
    return this.site
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

  private load(file: string): Loaded {
    let loaded = this.loaded.get(file)
    if (!loaded) {
      const diagnostics = new Diagnostics(this.sources, this.config.root)
      loaded = { page: readPage(file, this.sources, diagnostics), messages: diagnostics.messages }
      this.loaded.set(file, loaded)
    }
    return loaded
  }

  /** What every page's template needs before the pages render: the theme, git's dates, and whether the navigation changed. */
  private async prepareTemplates(site: Site, changes: Set<string> | undefined): Promise<void> {
    if (!this.theme) this.themeStale = true
    if (this.themeStale) {
      const { loadTheme } = await import('../render/templates.js')
      this.theme = loadTheme(this.config.root)
    }
    if (this.config.lastUpdated && (!changes || !this.gitTimes)) this.gitTimes = readGitTimes(this.config.root)
    this.templateAll = this.themeStale || navigationOf(site) !== this.templatedNav
    this.renamedAround = this.templateAll && !this.themeStale && this.templatedNav ? pagesShowingRenames(JSON.parse(this.templatedNav) as NavigationEntry[], site) : undefined
  }

  /** A page in its template. */
  private pageHtml(page: Page, site: Site, context = this.pageContext(page, site)): Promise<string> {
    // Not cached: Liquid makes a page in about a millisecond, less than hashing its context and writing it down cost.
    // A build writing to disk keeps no page to compare later: only a project kept between builds needs the digest.
    if (!this.sink) this.siteParts.set(page.output, sitePartsOf(context))
    return this.theme!.render('page', context)
  }

  /**
   * What a page's file is made from, as a digest: weft, the templates and the page's
   * whole context, its content by the digest of its render (`contentDigest`). None
   * when a template reads the clock: its pages differ at every build.
   */
  private templateKey(context: PageContext, contentDigest: string): string | undefined {
    const theme = this.theme!
    if (theme.readsClock) return undefined
    return hashParts([weftVersion, theme.fingerprint, contentDigest, JSON.stringify({ ...context, page: { ...context.page, content: '' } })])
  }

  private pageContext(page: Page, site: Site): PageContext {
    return pageContext(page, this.facts(page, site), site, this.config, page.output, !this.options.live)
  }

  /** The page listing every page, which the pages of a large site link to for the entries they leave out. */
  private allPagesPage(site: Site): Promise<string> {
    const facts = { content: allPagesHtml(site), toc: [], summary: '', updated: undefined }
    const context = pageContext(site.home, facts, site, this.config, allPagesOutput, !this.options.live)
    const title = 'All pages'
    context.page = { ...context.page, title, route: allPagesOutput, source: '', data: {}, description: `Every page of ${this.config.title}`, editUrl: undefined, canonical: undefined, isHome: false, part: undefined, prev: undefined, next: undefined }
    context.home = { ...context.home, current: false }
    return this.theme!.render('page', context)
  }

  /** Puts pages into the theme: the ones rendered anew, or all when the navigation or the theme changed (those that arrived during the render already are). */
  private async template(site: Site, changes: Set<string> | undefined): Promise<Set<string>> {
    const theme = this.theme!
    const all = this.templateAll
    const changed = new Set<string>()
    const outputs = new Set<string>()
    const put = (output: string, contents: string | Uint8Array) => {
      outputs.add(output)
      const before = this.files.get(output)
      if (before === contents || (typeof before !== 'string' && typeof contents !== 'string' && before !== undefined && Buffer.from(before).equals(contents))) return
      changed.add(output)
      this.files.set(output, contents)
    }
    const make = async (page: Page, context?: PageContext) => {
      const html = await this.pageHtml(page, site, context)
      if (this.sink) {
        this.sink.write(page.output, html)
        changed.add(page.output)
      } else put(page.output, html)
    }
    const navScript = sharedNavigationHref(site, !this.options.live)
    const [from, to] = [this.templatedNavScript, navScript].map((href) => href.slice(href.lastIndexOf('/') + 1))
    const swapNavScript = from && to && from !== to ? (html: string) => html.replaceAll(from, to) : undefined
    for (const page of site.pages) {
      outputs.add(page.output)
      const early = this.templatedEarly.get(page.output)
      if (this.sunk.has(page.output)) changed.add(page.output)
      else if (early !== undefined) put(page.output, early)
      else if (this.themeStale || this.untemplated.has(page.file) || !this.files.has(page.output)) await make(page)
      else if (all) {
        const before = this.files.get(page.output)
        if (this.renamedAround && !this.renamedAround.has(page) && typeof before === 'string') {
          if (swapNavScript) put(page.output, swapNavScript(before))
          continue
        }
        const context = this.pageContext(page, site)
        if (sitePartsOf(context) !== this.siteParts.get(page.output) || typeof before !== 'string') await make(page, context)
        // Every page names the shared navigation's version; only that changed here.
        else if (swapNavScript) put(page.output, swapNavScript(before))
      }
    }
    if (site.pages.length > fullNavigationLimit) {
      put(sharedNavigationOutput, sharedNavigation(site).contents)
      if (all || !this.files.has(allPagesOutput)) put(allPagesOutput, await this.allPagesPage(site))
      else outputs.add(allPagesOutput)
    }
    if (all || this.untemplated.size > 0) for (const output of siteFiles) this.staleSiteFiles.add(output)
    for (const output of this.files.keys()) {
      // The site-wide files and the search index are kept up to date on their own.
      if (!outputs.has(output) && !output.startsWith('pagefind/') && !siteFiles.includes(output)) {
        this.files.delete(output)
        this.siteParts.delete(output)
        changed.add(output)
      }
    }
    const copies = new Map(theme.assets)
    for (const state of this.pages.values()) for (const file of state.rendered.assets) copies.set(this.assetOutputOf(file, site), file)
    for (const [output, file] of copies) if (this.copies.get(output) !== file || !changes || changes.has(file)) changed.add(output)
    this.copies = copies
    this.untemplated.clear()
    this.templatedNav = navigationOf(site)
    this.templatedNavScript = navScript
    this.themeStale = false
    return changed
  }

  /**
   * The files made from the whole site: `404.html`, the print view, `sitemap.xml`
   * (those of `only`, when given). Separate from the pages so that `weft dev` can
   * show a save before making them, and make the print view only when it is asked for.
   */
  async updateSiteFiles(only: Iterable<string> = siteFiles): Promise<Set<string>> {
    const changed = new Set<string>()
    const site = this.site
    const theme = this.theme
    const wanted = new Set([...only].filter((output) => this.staleSiteFiles.has(output)))
    if (!site || !theme || wanted.size === 0) return changed
    const put = (output: string, contents: string) => {
      if (this.files.get(output) === contents) return
      this.files.set(output, contents)
      changed.add(output)
    }
    // Unmarked before the work: a rebuild during it marks them stale again, and they are made once more when next asked for.
    for (const output of wanted) this.staleSiteFiles.delete(output)
    const sources: SiteFileSources<Spilled> = {
      site,
      theme,
      config: this.config,
      live: this.options.live === true,
      facts: (page) => this.facts(page, site),
      printSection: (page) => this.pages.get(page.file)?.rendered.print,
      spilledSection: (page) => this.printSpilled.get(page.file),
      readSpilled: (where) => this.sink!.spill.read(where),
      updated: (page) => this.updated(page),
    }
    const out: SiteFileOutput = { put, write: (output, contents) => this.sink!.write(output, contents), writeParts: (output, parts) => this.sink!.writeParts(output, parts) }
    await this.timings.measureAsync('site files', () => makeSiteFiles(wanted, sources, out)).catch((error: unknown) => {
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
    const state = this.pages.get(page.file)
    if (!state || !this.sink || page === site.home || state.rendered.html === released) return
    if (spill) this.search.spilled(page.file, this.sink.spill.put(state.rendered.html))
    state.rendered.html = released
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

  /** A digest of the page's content as the site-wide files use it. */
  private contentDigest(page: Page, site: Site): string {
    return this.pages.get(page.file)?.rendered.digest ?? hashParts([homeContent(site)])
  }

  private facts(page: Page, site: Site): PageFacts {
    const rendered = this.pages.get(page.file)?.rendered
    if (!rendered) return { content: homeContent(site), toc: [], summary: '', updated: undefined }
    return { content: rendered.html, toc: rendered.toc, summary: rendered.summary, updated: this.updated(page) }
  }

  /** When the page or one of its includes last changed in git, if that is asked for and known. */
  private updated(page: Page): number | undefined {
    const times = this.gitTimes
    const sources = this.pages.get(page.file)?.rendered.sources
    if (!times || !sources) return undefined
    let latest: number | undefined
    for (const file of sources) {
      const time = times.get(file)
      if (time !== undefined && (latest === undefined || time > latest)) latest = time
    }
    return latest
  }
}

/** The ids of a generated home page: it has none. */
const noIds: ReadonlySet<string> = new Set()

