// Stage 2 for one page: its expanded markdown through the unified processor to
// HTML, with what the site-wide checks and the templates need from it. The result
// holds only plain data, so it can be kept between builds.

import type { Root } from 'hast'
import type { Diagnostics, Origin } from '../core/diagnostics.js'
import type { Expanded } from '../expand/expand.js'
import type { Page, Site } from '../core/site.js'
import { collectIds } from './collect-ids.js'
import type { PageData } from '../markdown/context.js'
import { renderMarkdown, type Processor } from '../markdown/processor.js'
import type { Timings } from '../core/timings.js'
import { toString } from 'hast-util-to-string'
import { walkElements } from '../markdown/walk-elements.js'
import { rewriteForPrint } from './print-version.js'
import type { FragmentLink, RenderedPage, TocEntry } from '../core/compiled-page.js'
import { hashParts } from '../core/hash.js'

/** `probes` collects the files the render looked at on disk. */
export async function renderPage(processor: Processor, expanded: Expanded, page: Page, site: Site, diagnostics: Diagnostics, timings?: Timings, probes = new Map<string, string>()): Promise<RenderedPage> {
  const highlighted = new Set<string>()
  const data: PageData = {
    page,
    site,
    map: expanded.map,
    diagnostics,
    targets: [],
    links: [],
    assets: new Set(),
    linked: new Set(),
    probes,
    images: new Map(),
    toc: [],
    definitions: [],
    references: new Set(),
    highlighted,
  }
  const tree: Root = await renderMarkdown(processor, expanded.text, data, timings)
  const started = performance.now()
  const html = processor.stringify(tree)
  const ids = collectIds(tree)
  const summary = summarize(tree)
  const opensWithH1 = tree.children.find((node) => node.type === 'element' || (node.type === 'text' && node.value.trim() !== ''))
  // Made here, from the tree, rather than by parsing every page's HTML again for the print view.
  rewriteForPrint(tree, page, site)
  const print = processor.stringify(tree)
  timings?.add('stringify', performance.now() - started)
  return {
    html,
    ids,
    links: data.links,
    assets: data.assets,
    sources: new Set([page.file, ...expanded.includes]),
    linked: data.linked,
    definitions: data.definitions,
    references: data.references,
    toc: data.toc,
    summary,
    opensWithH1: opensWithH1?.type === 'element' && opensWithH1.tagName === 'h1',
    print,
    digest: hashParts([html, print, summary, JSON.stringify(data.toc)]),
    ...(highlighted.size > 0 ? { highlighted: [...highlighted].sort() } : {}),
  }
}

/** The first sentence of the first paragraph, at most 160 characters. */
function summarize(tree: Root): string {
  let text = ''
  walkElements(tree, (element) => {
    if (element.tagName !== 'p') return
    text = (text + toString(element)).replace(/\s+/g, ' ').trim()
    // The first paragraph with text is the one: the rest of the page need not be walked.
    return text !== ''
  })
  const sentence = /^.*?[.!?](?=\s|$)/.exec(text)?.[0] ?? text
  return sentence.length <= 160 ? sentence : `${sentence.slice(0, 159).replace(/\s+\S*$/, '')}…`
}
