// The files made from the whole site rather than from one page: the 404 page, the
// print view (every page in one) and the sitemap. The print view of a large site is
// written a section at a time from where its pages wait on disk, never as one string.

import type { ResolvedConfig } from '../config.js'
import { printOutput } from '../core/print-output.js'
import type { Page, Site } from '../core/site.js'
import { pageContext, type PageFacts } from './page-context.js'
import { renderSitemap } from './sitemap.js'
import type { Theme } from './templates.js'

/** What the site's files are made from; `Where` is a place in the spill file where a page's print section waits. */
export interface SiteFileSources<Where> {
  site: Site
  theme: Pick<Theme, 'render' | 'has'>
  config: ResolvedConfig
  /** For `weft dev`, which serves the site at `/` and loads its navigation unversioned. */
  live: boolean
  facts(page: Page): PageFacts
  /** The page's print section, when it is in memory. */
  printSection(page: Page): string | undefined
  /** Where the page's print section waits on disk, when it does. */
  spilledSection(page: Page): Where | undefined
  readSpilled(where: Where): Uint8Array
  updated(page: Page): number | undefined
}

/** Where the files go: `put` into the site in memory; a print view made of spilled sections straight to disk. */
export interface SiteFileOutput {
  put(output: string, contents: string): void
  write(output: string, contents: string): void
  writeParts(output: string, parts: Iterable<string | Uint8Array>): void
}

/** Makes those of `404.html`, the print view and `sitemap.xml` that are `wanted`. */
export async function makeSiteFiles<Where>(wanted: ReadonlySet<string>, from: SiteFileSources<Where>, out: SiteFileOutput): Promise<void> {
  const { site, theme, config } = from
  if (wanted.has('404.html') && theme.has('404')) {
    const context = pageContext(site.home, from.facts(site.home), site, config, '404.html', !from.live)
    // A 404 page is served at any depth, so it names its base; `weft dev` serves the site at `/`.
    context.page.base = config.url && !from.live ? new URL(config.url).pathname : '/'
    out.put('404.html', await theme.render('404', context))
  }
  if (wanted.has(printOutput) && theme.has('print')) await makePrintView(from, out)
  if (wanted.has('sitemap.xml') && config.url) out.put('sitemap.xml', renderSitemap(site.pages, config.url, (page) => from.updated(page)))
}

async function makePrintView<Where>(from: SiteFileSources<Where>, out: SiteFileOutput): Promise<void> {
  const { site, theme } = from
  const context = pageContext(site.home, from.facts(site.home), site, from.config, printOutput, !from.live)
  const { printSections, sectionMarker, cutAtMarkers } = await import('./print-page.js')
  const spilled: Where[] = []
  const sections = (marked: boolean) =>
    printSections(
      site,
      (page) => from.facts(page).content,
      (page) => {
        const where = from.spilledSection(page)
        if (where === undefined) return from.printSection(page)
        if (!marked) return Buffer.from(from.readSpilled(where)).toString()
        spilled.push(where)
        return sectionMarker(spilled.length - 1)
      },
      (page) => from.facts(page).opensWithH1 === true,
    )
  const html = await theme.render('print', { ...context, pages: await sections(true) })
  const pieces = spilled.length > 0 ? cutAtMarkers(html, spilled.length) : undefined
  if (spilled.length === 0) out.put(printOutput, html)
  // Written a section at a time, from the spill file: the whole print view is never one string.
  else if (pieces) out.writeParts(printOutput, interleave(pieces, spilled, from.readSpilled))
  // The template changes the content (escapes or filters it): it gets the real thing.
  else out.write(printOutput, await theme.render('print', { ...context, pages: await sections(false) }))
}

/** `pieces[0]`, `read(spilled[0])`, `pieces[1]`, …, the last piece. */
function* interleave<Where>(pieces: string[], spilled: Where[], read: (where: Where) => Uint8Array): Generator<string | Uint8Array> {
  for (let index = 0; index < spilled.length; index++) {
    yield pieces[index]!
    yield read(spilled[index]!)
  }
  yield pieces[spilled.length]!
}
