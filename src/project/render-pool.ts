// The render threads: started when a build has enough pages to render to pay for
// them, each loading the config itself and rendering batches of pages; their results
// come back to this thread to be put into templates, indexed and written.

import fs from 'node:fs'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import type { Piscina } from 'piscina'
import type { ConfigOverrides, ResolvedConfig } from '../config.js'
import type { Site } from '../core/site.js'
import type { Timings } from '../core/timings.js'
import type { RenderQueue } from './render-queue.js'
import type { RenderRun } from './render-run.js'
import type { RenderBatchResult, RenderTask, SiteShape } from './render-worker.js'

/** Below this many pages to render, starting worker threads costs more than it saves. */
const poolThreshold = 64
/** Once the threads are running (`weft dev` on a large site), this many pages are worth sending to them. */
const runningPoolThreshold = 8

/**
 * Render threads: one a core but one, which this thread (templates, writing) and Pagefind's indexer
 * keep busy while pages render; none on a single core. On this project's 2-CPU machines, whose two
 * CPUs give 1.18 times one, a second thread bought no time and cost a heap: 5,000 pages took 106.74 s
 * at 491 MiB with one, 105.96 s at 648 MiB with two, run after run. `WEFT_WORKERS` sets another number (0: none).
 */
function workerCount(): number {
  const asked = Number(process.env.WEFT_WORKERS)
  return Number.isInteger(asked) && asked >= 0 ? asked : Math.min(availableParallelism() - 1, 8)
}

/**
 * The old generation of a render thread, in MB (`WEFT_WORKER_HEAP_MB` sets another size). A thread keeps
 * about 55 MiB alive, but under the default limit of several GiB V8 lets garbage pile up to hundreds of MiB
 * before collecting. With this limit, 1,000 pages peaked at 478 MiB instead of 651 (medians of three; 256 MB
 * did no better, 2,048 about as badly as none) for about 4% more time. A page too large for it is rendered again in the main thread.
 */
function workerHeapMb(): number {
  const asked = Number(process.env.WEFT_WORKER_HEAP_MB)
  return Number.isInteger(asked) && asked > 0 ? asked : 512
}

/** A render thread that reached its heap limit: V8 ended it. */
function outOfMemory(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY'
}

/** What a render worker needs of the site. */
function siteShape(site: Site): SiteShape {
  return {
    root: site.root,
    contentDir: site.contentDir,
    home: site.home.file,
    pages: site.pages.filter((page) => !page.generated).map(({ file, source, route, output, title, bodyOffset }) => ({ file, source, route, output, title, bodyOffset })),
  }
}

export class RenderPool {
  private pool: { pool: Piscina; threads: number } | undefined
  private siteVersion = 0
  /** What a thread needs to load the same config; undefined when it cannot be sent (plugins passed as code). */
  private readonly workerOverrides: ConfigOverrides | undefined

  constructor(config: ResolvedConfig, options: ConfigOverrides) {
    const overrides: ConfigOverrides = { root: config.root, content: config.contentDir, out: config.outDir, safe: config.safe, cache: config.cacheDir !== undefined }
    if (options.config) overrides.config = options.config
    try {
      this.workerOverrides = structuredClone(overrides)
    } catch {
      this.workerOverrides = undefined
    }
  }

  /** Whether rendering `count` pages is worth (or already has) the threads. */
  wants(count: number): boolean {
    return count >= poolThreshold || (this.pool !== undefined && count >= runningPoolThreshold)
  }

  /**
   * Renders the queue's pages in the threads; false when there are none to be had
   * (one core, no compiled worker, a config that cannot be sent), and nothing was rendered.
   * `renderHere` renders a batch in this thread: one with a page too large for a thread.
   */
  async render(queue: RenderQueue, run: RenderRun, renderHere: (files: string[], run: RenderRun) => Promise<void>, timings: Timings): Promise<boolean> {
    const pool = await this.open()
    if (!pool) return false
    const version = ++this.siteVersion
    let shape: SiteShape | undefined
    // Small batches, several per thread: pages come back to be put into their template, indexed and
    // written while the threads go on, and a thread holds few rendered pages at a time.
    const size = Math.min(32, Math.max(8, Math.ceil(queue.size / (pool.threads * 6))))
    const started = performance.now()
    // Two batches in flight a thread (one rendering, one waiting), no more: a thread
    // does not run ahead of the pages this thread has yet to template, index and write.
    let failed = false
    const stop = () => failed || run.stop()
    const feedThread = async () => {
      // Once a batch failed, the build is over: no more pages go to the folder it throws away.
      while (queue.size > 0 && !stop()) {
        const task: RenderTask = { overrides: this.workerOverrides!, version, fingerprint: run.fingerprint, files: queue.next(size) }
        try {
          let batch: RenderBatchResult
          try {
            batch = (await pool.pool.run(task)) as RenderBatchResult
            if (batch.needsSite) batch = (await pool.pool.run({ ...task, site: (shape ??= siteShape(run.site)) })) as RenderBatchResult
          } catch (error) {
            if (!outOfMemory(error)) throw error
            // Piscina starts another thread; this batch, with the page too large for a thread, is rendered here.
            await renderHere(task.files, { ...run, stop })
            continue
          }
          for (const [file, result] of batch.results) if (!stop()) await run.keep(file, result)
          for (const [phase, ms] of batch.timings) timings.add(`${phase} (workers)`, ms)
        } catch (error) {
          failed = true
          throw error
        }
      }
    }
    await Promise.all(Array.from({ length: pool.threads * 2 }, feedThread))
    timings.add('render (wall)', performance.now() - started)
    return true
  }

  /** Starts the threads on a site large enough for them, and has each render a page. */
  async warm(site: Site): Promise<void> {
    const page = site?.pages.find((candidate) => !candidate.generated)
    if (!site || !page || site.pages.length < poolThreshold) return
    const pool = await this.open()
    if (!pool) return
    const task: RenderTask = { overrides: this.workerOverrides!, version: ++this.siteVersion, site: siteShape(site), fingerprint: '', files: [page.file], warmUp: true }
    await Promise.all(Array.from({ length: pool.threads }, () => pool.pool.run(task)))
  }

  /** Ends the threads, if they were started. */
  async close(): Promise<void> {
    await this.pool?.pool.destroy()
    this.pool = undefined
  }

  /** The worker pool, when there are cores to spare and the config can be loaded in a worker. */
  private async open(): Promise<{ pool: Piscina; threads: number } | undefined> {
    if (this.pool) return this.pool
    const threads = workerCount()
    const filename = fileURLToPath(new URL('./render-worker.js', import.meta.url))
    // Under a TypeScript runner (the tests) there is no compiled worker: stay in this thread.
    if (threads < 1 || !fs.existsSync(filename) || !this.workerOverrides) return undefined
    const { Piscina } = await import('piscina')
    // Two batches a thread: one waits in the thread while this one puts pages into their template.
    // A larger young generation (48 MB ran like V8's default) lets a page's trees die young instead of being
    // promoted and collected again: at 1,000 pages, 21.2 s instead of 24.3 s for about 50 MiB more at the peak (medians of three).
    const resourceLimits = { maxYoungGenerationSizeMb: 64, maxOldGenerationSizeMb: workerHeapMb() }
    const piscina = new Piscina({ filename, minThreads: threads, maxThreads: threads, idleTimeout: 60_000, concurrentTasksPerWorker: 2, resourceLimits })
    // A thread that fails between tasks is replaced; without a listener, the event would end the process.
    piscina.on('error', () => {})
    this.pool = { pool: piscina, threads }
    return this.pool
  }
}
