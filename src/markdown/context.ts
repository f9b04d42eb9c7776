// What stage 2 knows about the page it renders, carried on the vfile so that
// every plugin can turn a node's position back into where the author wrote it.

import type { Element } from 'hast'
import type { VFile } from 'vfile'
import type { Node } from 'unist'
import type { Diagnostics, Origin } from '../core/diagnostics.js'
import type { SourceMap } from '../expand/source-map.js'
import type { Page, Site } from '../core/site.js'
import type { UrlTarget } from './resolve-url.js'
import type { FragmentLink, TocEntry } from '../core/compiled-page.js'

export interface PageData {
  page: Page
  site: Site
  map: SourceMap
  diagnostics: Diagnostics
  /** Targets of URLs rewritten in mdast as `weft-ref:N`, finished in hast. */
  targets: UrlTarget[]
  /** Filled by the plugins: what the site-wide checks need. */
  links: FragmentLink[]
  assets: Set<string>
  /** Pages and files this page's URLs resolved to: if one goes away, this page is rendered again. */
  linked: Set<string>
  /** Files looked at on disk, and what was seen: a cached render checks them again. */
  probes: Map<string, string>
  /** Local images and the file each shows. */
  images: Map<Element, string>
  /** The page's `##`/`###` headings, for "On this page". */
  toc: TocEntry[]
  definitions: { identifier: string; origin: Origin }[]
  references: Set<string>
  /** Filled by the highlighter when blocks are kept between builds: their names in the store. */
  highlighted?: Set<string>
}

declare module 'vfile' {
  interface DataMap {
    weft: PageData
  }
}

export function pageData(file: VFile): PageData {
  const data = file.data.weft
  if (!data) throw new Error('Internal error: weft plugins need a page context on `file.data.weft`')
  return data
}

/** Where the author wrote `node` (or the start of the page when it has no position). */
export function originOf(data: PageData, node: Node | undefined): Origin {
  return data.map.origin(node?.position?.start.offset ?? 0)
}

/**
 * Where a plugin's problems go: weft's diagnostics, at the place the author wrote
 * the node, when weft runs it; the vfile's messages (`source` `weft`, errors with
 * `fatal: true`, as remark-lint marks them) in any other unified pipeline.
 */
export interface Reporter {
  error(ruleId: string, reason: string, node: Node, hint?: string): void
  /** `file:line:column` (in weft) or `line:column` (on the vfile) of `node`, for a message to point at. */
  where(node: Node): string
}

export function reporterFor(file: VFile): Reporter {
  const data = file.data.weft
  if (data) {
    return {
      error: (ruleId, reason, node, hint) => data.diagnostics.error(ruleId, reason, originOf(data, node), hint),
      where: (node) => data.diagnostics.where(originOf(data, node)),
    }
  }
  return {
    error(ruleId, reason, node, hint) {
      const message = file.message(reason, { place: node.position, ruleId, source: 'weft' })
      message.fatal = true
      if (hint) message.note = hint
    },
    where: (node) => `${node.position?.start.line ?? 1}:${node.position?.start.column ?? 1}`,
  }
}
