// Stages 1 and 2 for one page, from its file to its rendered content: the one unit
// of work that runs for every page, in the main thread or in a worker.

import { Diagnostics, toPlainMessage, type PlainMessage } from '../core/diagnostics.js'
import { expandPage } from '../expand/expand.js'
import { checkLimits } from '../expand/limits.js'
import type { Page, Site } from '../core/site.js'
import type { SourceStore } from '../load/source-store.js'
import type { Processor } from '../markdown/processor.js'
import { renderPage } from './render-page.js'
import { pageKey } from './cached-render.js'
import { type RenderCache } from './render-cache.js'
import type { Timings } from '../core/timings.js'
import { hashParts } from '../core/hash.js'
import type { CompiledPage, RenderedPage } from '../core/compiled-page.js'

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

export async function compilePage(page: Page, site: Site, context: RenderContext): Promise<CompiledPage> {
  const { root, sources, processor, timings } = context
  const diagnostics = new Diagnostics(sources, root)
  const probes = new Map<string, string>()
  const expanded = timings.measure('expand', () => expandPage(page.file, page.bodyOffset, { root, sources, diagnostics, buildInfo: context.buildInfo, probes }))
  // The expanded text is the cache key: the same text renders the same, whichever files it came from.
  const key = context.cache && diagnostics.messages.length === 0 ? hashParts([context.fingerprint, page.file, page.output, expanded.text, expanded.map.fingerprint()]) : undefined
  const remember = (result: CompiledPage) => {
    const inputs = [...result.rendered.sources].map((file): [string, string | undefined] => [file, sources.digest(file)])
    if (inputs.every((input): input is [string, string] => input[1] !== undefined)) context.cache!.remember(pageKey(context.fingerprint, page), key!, inputs)
  }
  if (key) {
    const cached = timings.measure('cache read', () => context.cache!.get(key))
    if (cached) {
      remember(cached)
      return cached
    }
  }
  if (!checkLimits(expanded, diagnostics)) expanded.text = ''
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
  const result: CompiledPage = { rendered, messages: diagnostics.messages.map(toPlainMessage), failed: diagnostics.errorCount > 0, probes: [...probes] }
  // Pages with errors are rendered again every time: their author is about to fix them.
  if (key && !result.failed) {
    timings.measure('cache write', () => {
      context.cache!.set(key, result, probes)
      remember(result)
    })
    result.cacheKey = key
  }
  return result
}
