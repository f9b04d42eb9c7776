// The contract between the stages for one page: what compiling a page's source
// gives (its HTML, headings, ids, links to check, print version, digest, messages
// and what it read). Every stage may import these types; they hold plain data only,
// so a compiled page crosses to and from a render thread and the render cache as is.

import type { Origin, PlainMessage } from './diagnostics.js'
import type { StoredText } from './stored-text.js'

export interface TocEntry {
  depth: number
  id: string
  text: string
}

export interface FragmentLink {
  /** The file of the page linked to. */
  target: string
  fragment: string
  origin: Origin
}

export interface RenderedPage {
  /** The page's content as HTML, without the theme around it. */
  html: string
  /** Every element id, headings' included: what `#fragment` links may name. */
  ids: Set<string>
  links: FragmentLink[]
  /** Files to copy into the site for this page (its images). */
  assets: Set<string>
  /** The page's file and every file it includes: a change to one renders the page again. */
  sources: Set<string>
  /** Pages and files its links and images resolve to: when one appears or goes away, the page is rendered again. */
  linked: Set<string>
  definitions: { identifier: string; origin: Origin }[]
  references: Set<string>
  /** `##`/`###` headings for "On this page". */
  toc: TocEntry[]
  /** The first sentence of the page's text, for its meta description. */
  summary: string
  /** The content opens with a level-1 heading: the page's visible title, which the theme then does not print again. */
  opensWithH1?: boolean
  /** The content as the print view shows it (ids made unique across the series). */
  print: string
  /** A digest of what the templates, the print view and the search index take from the page. */
  digest: string
  /** The highlight store's names of its code blocks, which a sweep of the cache keeps. */
  highlighted?: string[]
  /**
   * A render from the cache: where its `html` and `print` wait in the cache's entry.
   * They are read from there when first asked for; a build to disk that never asks
   * (a page linked from the last build) hands these on instead.
   */
  stored?: { html: StoredText; print: StoredText }
}

/**
 * The contract for one page: what compiling its source gives, the same on the main
 * thread and in a render thread, and exactly what the render cache keeps.
 */
export interface CompiledPage {
  rendered: RenderedPage
  messages: PlainMessage[]
  failed: boolean
  /** What the page looked at on disk besides its sources: path → `probeSignature`. */
  probes: [string, string][]
  /** The cache entry that holds this render, if one does: a build keeps it when it sweeps the cache. */
  cacheKey?: string
}
