// Stages 1 and 2 for one page, from its file to its rendered content: the one unit
// of work that runs for every page, in the main thread or in a worker.

import { Diagnostics, toPlainMessage, type PlainMessage } from '../diagnostics.js'
import { expandPage } from '../expand/expand.js'
import { checkLimits } from '../expand/limits.js'
import type { Page, Site } from '../load/site.js'
import type { SourceStore } from '../load/source-store.js'
import type { Processor } from '../markdown/processor.js'
import { renderPage, type RenderedPage } from '../markdown/render-page.js'
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
}

export async function renderSource(page: Page, site: Site, context: RenderContext): Promise<SourceResult> {
  const { root, sources, processor, timings } = context
  const diagnostics = new Diagnostics(sources, root)
  const expanded = timings.measure('expand', () => expandPage(page.file, page.bodyOffset, { root, sources, diagnostics, buildInfo: context.buildInfo }))
  if (!checkLimits(expanded, diagnostics)) expanded.text = ''
  let rendered: RenderedPage
  try {
    rendered = await renderPage(processor, expanded, page, site, diagnostics, timings)
  } catch (error) {
    // A structure deep enough to overflow the stack is the page's doing, not a crash.
    if (!(error instanceof RangeError)) throw error
    diagnostics.error('nesting-too-deep', 'The page nests too deep for weft to render it', { file: page.file, offset: page.bodyOffset }, 'flatten its lists, quotes and shortcodes')
    expanded.text = ''
    rendered = await renderPage(processor, expanded, page, site, diagnostics, timings)
  }
  return { rendered, messages: diagnostics.messages.map(toPlainMessage), failed: diagnostics.errorCount > 0 }
}
