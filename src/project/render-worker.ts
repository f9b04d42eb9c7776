// A worker thread of the render pool: it loads the config itself (plugins are code
// and cannot be sent), keeps its own processor and source cache, and renders the
// batches of pages it is handed.

import fs from 'node:fs'
import { threadId } from 'node:worker_threads'
import { resolveConfig, type ConfigOverrides, type ResolvedConfig } from '../config.js'
import type { Page, Site } from '../core/site.js'
import { SourceStore } from '../load/source-store.js'
import { createProcessor, type Processor } from '../markdown/processor.js'
import { RenderCache, siteCacheFolder } from '../compile/render-cache.js'
import { compilePage } from '../compile/compile-page.js'
import { Timings } from '../core/timings.js'
import type { CompiledPage } from '../core/compiled-page.js'

/** What a worker needs of the site: where every page is written. */
export interface SiteShape {
  root: string
  contentDir: string
  home: string
  pages: Pick<Page, 'file' | 'source' | 'route' | 'output' | 'title' | 'bodyOffset'>[]
}

export interface RenderTask {
  overrides: ConfigOverrides
  /** Changes whenever the site or its files may have changed. */
  version: number
  /** Sent only to a thread that answered `needsSite`: the site of thousands of pages is not copied with every batch. */
  site?: SiteShape
  /** The main thread's `renderFingerprint` of the site: the worker's copy of the site leaves out what pages do not need. */
  fingerprint: string
  files: string[]
  /** Render without the cache and send nothing back: a thread's first pages are its slowest. */
  warmUp?: boolean
}

export interface RenderBatchResult {
  results: [string, CompiledPage][]
  timings: [string, number][]
  /** The thread has not seen this version of the site: send the task again with it. */
  needsSite?: boolean
}

/**
 * For tests: a file each render in a thread adds a line to (`<threadId>\t<page|warm-up>\t<file>`), so
 * that they can tell which thread rendered a page, and when a warm-up is over.
 */
const renderLog = process.env.WEFT_RENDER_LOG

let state: { config: ResolvedConfig; processor: Processor; version: number; site: Site; sources: SourceStore; fingerprint: string } | undefined
let configuring: Promise<{ config: ResolvedConfig; processor: Processor; cache: RenderCache | undefined }> | undefined

export default async function renderBatch(task: RenderTask): Promise<RenderBatchResult> {
  configuring ??= resolveConfig(task.overrides).then((config) => {
    const cache = config.cacheDir ? new RenderCache(siteCacheFolder({ ...config, cacheDir: config.cacheDir })) : undefined
    return { config, processor: createProcessor({ ...config, highlightStore: cache?.highlighted }), cache }
  })
  const { config, processor, cache } = await configuring
  if (!state || state.version !== task.version) {
    if (!task.site) return { results: [], timings: [], needsSite: true }
    const site = siteFrom(task.site)
    state = { config, processor, version: task.version, site, sources: new SourceStore(), fingerprint: task.fingerprint }
  }
  const timings = new Timings()
  const results: [string, CompiledPage][] = []
  for (const file of task.files) {
    const page = state.site.byFile.get(file)
    if (!page) throw new Error(`Internal error: render worker does not know \`${file}\``)
    const result = await compilePage(page, state.site, { root: config.root, buildInfo: config.buildInfo, sources: state.sources, processor, timings, cache: task.warmUp ? undefined : cache, fingerprint: state.fingerprint })
    if (!task.warmUp) results.push([file, result])
    if (renderLog) fs.appendFileSync(renderLog, `${threadId}\t${task.warmUp ? 'warm-up' : 'page'}\t${file}\n`)
    // Its text is not needed again (a page another includes is read again): at 5,000 pages,
    // each thread would otherwise hold 25 MB of texts to the end of the build.
    state.sources.forget(file)
  }
  return { results, timings: timings.entries() }
}

function siteFrom(shape: SiteShape): Site {
  const pages: Page[] = shape.pages.map((page) => ({ ...page, menuOrder: undefined, data: {}, parent: undefined, children: [], generated: false }))
  const byFile = new Map(pages.map((page) => [page.file, page]))
  const home = byFile.get(shape.home) ?? { file: shape.home, source: '', route: '', output: 'index.html', title: '', bodyOffset: 0, menuOrder: undefined, data: {}, parent: undefined, children: [], generated: true }
  return { root: shape.root, contentDir: shape.contentDir, home, roots: [], pages, byFile }
}
