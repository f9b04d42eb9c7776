// Decides where and when each page of a build compiles: from the cache when none of
// its files changed, in the render threads when many are left, in this thread when
// few are; the pages open in a browser first, and in `weft dev` a page a browser
// asks for during a rebuild ahead of its turn.

import type { ResolvedConfig } from '../config.js'
import type { CompiledPage } from '../core/compiled-page.js'
import type { Page, Site } from '../core/site.js'
import { Timings } from '../core/timings.js'
import { SourceStore } from '../load/source-store.js'
import type { Processor } from '../markdown/processor.js'
import type { RenderCache } from '../compile/render-cache.js'
import { cachedRender, cachedRenderKey, passSignatures, renderFingerprint } from '../compile/cached-render.js'
import type { RenderContext } from '../compile/compile-page.js'
import type { RenderPool } from './render-pool.js'
import { RenderQueue } from './render-queue.js'
import type { RenderRun } from './render-run.js'

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

/** What the scheduler needs of the project. */
export interface SchedulerHost {
  config: ResolvedConfig
  cache: RenderCache | undefined
  sources: SourceStore
  timings: Timings
  pool: RenderPool
  /** `weft dev`: pages may be asked for during a build. */
  live: boolean
  /** Keeps a page's result (templates it, feeds the search index). */
  keep(page: Page, result: CompiledPage, site: Site): Promise<void>
  /** Shards of the search index with pages to render start indexing; gives the pages in the order to render them. */
  openSearch(site: Site, pages: Page[]): Promise<Page[]>
  /** Whether a shard being indexed waits for the page. */
  searchWaitsFor(page: Page): boolean
  /** Puts a page asked for into the site in memory, if it rendered without errors; says whether it did. */
  show(page: Page): boolean
}

type CompileHere = { compilePage: typeof import('../compile/compile-page.js').compilePage; context: RenderContext }

export class RenderScheduler {
  /** The markdown pipeline, made when a page is first rendered in this thread (a build that renders nothing never loads it). */
  private processor: Processor | undefined
  /** While a build renders pages in `weft dev`: renders the page at an output path now, if it is one of them. */
  private asked: ((output: string) => Promise<boolean>) | undefined
  /** Resolves once the running build renders pages, or is over; `ready()` waits for it. */
  private renderStarted: Promise<void> = Promise.resolve()
  private renderReached: (() => void) | undefined

  constructor(private readonly host: SchedulerHost) {}

  /** Runs a build's `work`; `ready` waits for its render to start. */
  async during<T>(work: () => Promise<T>): Promise<T> {
    this.renderStarted = new Promise((resolve) => (this.renderReached = resolve))
    try {
      return await work()
    } finally {
      this.renderReached?.()
    }
  }

  /** Resolves once the page at `output` is in the site as the running build makes it (see `Project.ready`). */
  async ready(output: string): Promise<void> {
    await this.renderStarted
    await this.asked?.(output)
  }

  /** Compiles `pages` and keeps each result: from the cache, in worker threads for many pages, in this thread for a few. */
  async render(pages: Page[], site: Site, early?: EarlyPages): Promise<void> {
    const { host } = this
    // A page a browser asked for in `weft dev` can also come back from a render thread: it is kept once.
    const kept = new Map<string, Promise<void>>()
    let stopped = false
    const fingerprint = renderFingerprint(host.config, site)
    const run: RenderRun = {
      site,
      fingerprint,
      kept,
      keep(file, result) {
        let keeping = kept.get(file)
        if (!keeping) kept.set(file, (keeping = host.keep(site.byFile.get(file)!, result, site)))
        return keeping
      },
      stop: () => stopped,
    }
    // Pages none of whose files changed come from the cache here, without a worker. The shards of the
    // search index with a page to render have a new index to make (the others are most likely in the
    // cache): Pagefind starts on them before the cached pages are put into their template, and goes on
    // while they and the rest render.
    const context = { cache: host.cache, sources: host.sources, timings: host.timings, fingerprint, signature: passSignatures() }
    const cachedKeys = new Map<Page, string>()
    let left: Page[] = []
    for (const page of pages) {
      const key = cachedRenderKey(page, context)
      if (key === undefined) left.push(page)
      else cachedKeys.set(page, key)
    }
    // Nothing to render ahead of its turn: a page asked for meanwhile is served as it is.
    if (left.length === 0) this.renderReached?.()
    if (left.length > 0) left = await host.openSearch(site, left)
    const damaged: Page[] = []
    // Cached pages the open shards wait for go first: Pagefind indexes them on the other core while this
    // thread puts the rest into their template (after a one-page change, 99 pages of 1,000).
    const waitedFor = [...cachedKeys].filter(([page]) => host.searchWaitsFor(page))
    const ordered = waitedFor.length === 0 ? cachedKeys : [...waitedFor, ...[...cachedKeys].filter(([page]) => !host.searchWaitsFor(page))]
    // While a shard is being fed, a turn of the event loop after each cached page: Pagefind's answers come in,
    // and it is handed the next page while this thread goes on. With none (`weft dev`, no search), no turns.
    const feeding = waitedFor.length > 0 || left.some((page) => host.searchWaitsFor(page))
    // Wall time, the Pagefind turns between pages included: what the pages that did not change cost a build.
    const keepCached = async () => {
      if (cachedKeys.size > 0) await host.timings.measureAsync('cached pages (wall)', keepEach)
    }
    const keepEach = async () => {
      for (const [page, key] of ordered) {
        if (stopped) return
        const cached = cachedRender(key, context)
        if (cached) await run.keep(page.file, cached)
        else damaged.push(page)
        if (feeding) await new Promise((resolve) => setImmediate(resolve))
      }
    }
    // The pages to render go first, so that an index does not wait at one of them while the cached pages
    // go by: many in threads, while this thread puts the cached ones into their template; a few here, before.
    const fresh = () => this.renderFresh(left, run, early)
    if (host.pool.wants(left.length)) {
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
    await this.renderFresh(await host.openSearch(site, damaged), run, early)
  }

  /**
   * Pages the cache does not hold: those open in a browser first, then the rest.
   * In `weft dev`, one a browser asks for meanwhile is rendered when it is asked for (`ready`).
   */
  private async renderFresh(pages: Page[], run: RenderRun, early: EarlyPages | undefined): Promise<void> {
    if (pages.length === 0) return
    const queue = new RenderQueue(pages)
    const demand = this.renderOnDemand(queue, run)
    if (this.host.live) this.asked = demand.ask
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
    const { pool, timings } = this.host
    const inThreads = pool.wants(queue.size) && (await pool.render(queue, run, (files, rest) => this.renderBatchHere(files, rest), timings))
    if (!inThreads) await this.renderBatchHere(queue.drain(), run)
  }

  /** Renders `files` in this thread, one at a time, until they are done or the run stops. */
  private async renderBatchHere(files: Iterable<string>, run: RenderRun): Promise<void> {
    const { compilePage, context } = await this.compileHere(run.fingerprint)
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
   * into the site. One already kept (or being kept) is waited for; one a render thread still has is
   * rendered here too, and kept once. `settle` waits for those asked for and fails as they failed;
   * after `close`, asking does nothing.
   */
  private renderOnDemand(queue: RenderQueue, run: RenderRun) {
    const asked = new Map<string, Promise<boolean>>()
    let closed = false
    const render = async (page: Page): Promise<boolean> => {
      if (!run.kept.has(page.file)) {
        const { compilePage, context } = await this.compileHere(run.fingerprint)
        await run.keep(page.file, await compilePage(page, run.site, context))
      }
      await run.kept.get(page.file)
      return this.host.show(page)
    }
    return {
      /** Resolves to whether the page at `output` is now in the site as this build makes it. */
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

  /** What compiling a page in this thread takes. */
  private async compileHere(fingerprint: string): Promise<CompileHere> {
    const { config, sources, timings, cache } = this.host
    const { compilePage } = await import('../compile/compile-page.js')
    return { compilePage, context: { root: config.root, buildInfo: config.buildInfo, sources, processor: await this.markdownProcessor(), timings, cache, fingerprint } }
  }

  private async markdownProcessor(): Promise<Processor> {
    if (!this.processor) {
      const { createProcessor } = await import('../markdown/processor.js')
      this.processor = createProcessor({ ...this.host.config, highlightStore: this.host.cache?.highlighted })
    }
    return this.processor
  }

  /**
   * Compiles one page in this thread and throws the result away, so that the first
   * save in `weft dev` does not pay for this thread's first highlighter and parser
   * when the first build ran in workers (or came from the cache).
   */
  async warmUp(site: Site): Promise<void> {
    const page = site.pages.find((candidate) => !candidate.generated)
    if (!page) return
    const { config } = this.host
    const { compilePage } = await import('../compile/compile-page.js')
    const context = { root: config.root, buildInfo: config.buildInfo, sources: new SourceStore(), processor: await this.markdownProcessor(), timings: new Timings(), fingerprint: '' }
    await compilePage(page, site, context)
  }
}
