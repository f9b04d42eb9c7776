// Stages 1 and 2 for one page, from its file to its rendered content: the one unit
// of work that runs for every page, in the main thread or in a worker.

import { fingerprintConfig, type ResolvedConfig } from '../config.js'
import { Diagnostics, toPlainMessage, type PlainMessage } from '../diagnostics.js'
import { expandPage } from '../expand/expand.js'
import { checkLimits } from '../expand/limits.js'
import type { Page, Site } from '../load/site.js'
import type { SourceStore } from '../load/source-store.js'
import type { Processor } from '../markdown/processor.js'
import { renderPage, type RenderedPage } from '../markdown/render-page.js'
import { hashParts, type RenderCache } from './render-cache.js'
import type { Timings } from './timings.js'

export interface SourceResult {
  rendered: RenderedPage
  messages: PlainMessage[]
  failed: boolean
}

export interface RenderContext {
  root: string
  buildInfo: string
  sources: SourceStore
  processor: Processor
  timings: Timings
  cache?: RenderCache
  /** weft's version, the config and where every page of the site is written. */
  fingerprint: string
}

export async function renderSource(page: Page, site: Site, context: RenderContext): Promise<SourceResult> {
  const { root, sources, processor, timings } = context
  const diagnostics = new Diagnostics(sources, root)
  const expanded = timings.measure('expand', () => expandPage(page.file, page.bodyOffset, { root, sources, diagnostics, buildInfo: context.buildInfo }))
  // Stage 1 always runs: its result is the cache key, with its messages.
  const key = context.cache && diagnostics.messages.length === 0 ? hashParts([context.fingerprint, page.file, page.output, expanded.text, expanded.map.fingerprint()]) : undefined
  if (key) {
    const cached = timings.measure('cache read', () => context.cache!.get(key))
    if (cached) return cached
  }
  if (!checkLimits(expanded, diagnostics)) expanded.text = ''
  const probes = new Map<string, string>()
  let rendered: RenderedPage
  try {
    rendered = await renderPage(processor, expanded, page, site, diagnostics, timings, probes)
  } catch (error) {
    // A structure deep enough to overflow the stack is the page's doing, not a crash.
    if (!(error instanceof RangeError)) throw error
    diagnostics.error('nesting-too-deep', 'The page nests too deep for weft to render it', { file: page.file, offset: page.bodyOffset }, 'flatten its lists, quotes and shortcodes')
    expanded.text = ''
    rendered = await renderPage(processor, expanded, page, site, diagnostics, timings)
  }
  const result = { rendered, messages: diagnostics.messages.map(toPlainMessage), failed: diagnostics.errorCount > 0 }
  // Pages with errors are rendered again every time: their author is about to fix them.
  if (key && !result.failed) timings.measure('cache write', () => context.cache!.set(key, result, probes))
  return result
}

/** weft's version, the config, and where every page is written: what every page's render shares. */
export function renderFingerprint(config: ResolvedConfig, site: Site): string {
  return hashParts([fingerprintConfig(config), JSON.stringify(site.pages.map((page) => [page.file, page.output]))])
}
