// Each page's compiled result as the builds of a project last made it, and the
// graphs that say which pages a change touches: a page depends on the files it is
// made of, and on the pages and files its links resolved to.

import { DefinitionUse } from '../check/definitions.js'
import { checkFragments } from '../check/fragments.js'
import type { CompiledPage, RenderedPage } from '../core/compiled-page.js'
import { Diagnostics, fromPlainMessage, type WeftMessage } from '../core/diagnostics.js'
import { hashParts } from '../core/hash.js'
import type { Page, Site } from '../core/site.js'
import type { SourceStore } from '../load/source-store.js'
import { homeContent } from '../render/home-page.js'
import type { PageFacts } from '../render/page-context.js'
import { DependencyGraph } from './dependency-graph.js'

export interface PageState {
  /** Its definitions are `definitionUse`'s to keep, once for all the pages that pull one in. */
  rendered: Omit<RenderedPage, 'definitions'>
  messages: WeftMessage[]
  failed: boolean
  probes: [string, string][]
  /** The cache entry of its render, kept when the cache is swept. */
  cacheKey: string | undefined
}

/** The ids of a generated home page: it has none. */
const noIds: ReadonlySet<string> = new Set()

export class PageResults {
  private readonly pages = new Map<string, PageState>()
  /** Pages on the files they are made of, and on the pages and files they link to. */
  private readonly sourceGraph = new DependencyGraph()
  private readonly linkGraph = new DependencyGraph()
  readonly definitionUse = new DefinitionUse()
  /** Each page's messages about `#fragment` links, from the last time its links were checked. */
  private readonly fragmentMessages = new Map<string, WeftMessage[]>()

  constructor(
    private readonly sources: SourceStore,
    private readonly root: string,
  ) {}

  get(file: string): PageState | undefined {
    return this.pages.get(file)
  }

  has(file: string): boolean {
    return this.pages.has(file)
  }

  values(): IterableIterator<PageState> {
    return this.pages.values()
  }

  files(): IterableIterator<string> {
    return this.pages.keys()
  }

  /** Keeps a page's compiled result, and what it depends on. */
  set(file: string, result: CompiledPage): void {
    const { rendered } = result
    this.definitionUse.set(file, rendered)
    // Not kept twice: on 5,000 bench pages of about 15 definitions each, the pages' own lists held 5.6 MB.
    rendered.definitions = []
    this.pages.set(file, { rendered, messages: result.messages.map(fromPlainMessage), failed: result.failed, probes: result.probes, cacheKey: result.cacheKey })
    this.sourceGraph.set(file, rendered.sources)
    this.linkGraph.set(file, rendered.linked)
  }

  delete(file: string): void {
    this.fragmentMessages.delete(file)
    this.definitionUse.delete(file)
    this.pages.delete(file)
    this.sourceGraph.delete(file)
    this.linkGraph.delete(file)
  }

  /** The pages made of one of `edited`, and those linking to one of `appearedOrGone`. */
  affected(edited: Iterable<string>, appearedOrGone: Iterable<string>): Set<string> {
    return new Set([...this.sourceGraph.affected(edited), ...this.linkGraph.affected(appearedOrGone)])
  }

  /** Whether some page is made of `file` (it is included, or is a page). */
  isUsed(file: string): boolean {
    return this.sourceGraph.affected([file]).size > 0
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
   * The messages of `#fragment` links that name no id, page by page. A page's links
   * are checked again only when it, or a page it links to, was rendered by this
   * build: the ids a link may name change with nothing else.
   */
  checkFragmentLinks(site: Site, rendered: Page[]): WeftMessage[] {
    const renderedFiles = rendered.map((page) => page.file)
    const again = new Set([...renderedFiles, ...this.linkGraph.affected(renderedFiles)])
    const idsOf = (file: string) => this.pages.get(file)?.rendered.ids ?? (file === site.home.file ? noIds : undefined)
    const messages: WeftMessage[] = []
    for (const [file, state] of this.pages) {
      let checked = this.fragmentMessages.get(file)
      if (!checked || again.has(file)) {
        const diagnostics = new Diagnostics(this.sources, this.root)
        if (state.rendered.links.length > 0) checkFragments(state.rendered.links, idsOf, diagnostics)
        checked = diagnostics.messages
        this.fragmentMessages.set(file, checked)
      }
      messages.push(...checked)
    }
    return messages
  }

  /** A digest of the page's content as the site-wide files use it. */
  contentDigest(page: Page, site: Site): string {
    return this.pages.get(page.file)?.rendered.digest ?? hashParts([homeContent(site)])
  }

  /** What the page's template shows of its render; a generated home page's own content. */
  facts(page: Page, site: Site, gitTimes: Map<string, number> | undefined): PageFacts {
    const rendered = this.pages.get(page.file)?.rendered
    if (!rendered) return { content: homeContent(site), toc: [], summary: '', updated: undefined }
    return { content: rendered.html, toc: rendered.toc, summary: rendered.summary, updated: this.updated(page, gitTimes), opensWithH1: rendered.opensWithH1 }
  }

  /** When the page or one of its includes last changed in git, if that is asked for and known. */
  updated(page: Page, times: Map<string, number> | undefined): number | undefined {
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
