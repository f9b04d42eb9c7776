// The files made from the whole site rather than from one page: the 404 page, the
// print view (every page in one) and the sitemap. The print view of a large site is
// written a section at a time from where its pages wait on disk, never as one string.

import type { ResolvedConfig } from '../config.js'
import { printOutput } from '../core/print-output.js'
import type { Page, Site } from '../core/site.js'
import { pageContext, type PageFacts } from './page-context.js'
import { renderSitemap } from './sitemap.js'
import type { Theme } from './templates.js'
import { decodeLayout, encodeLayout, layOut, printFrame, spliceLast, type LastRange } from './print-layout.js'

/** What the site's files are made from; `Where` is a place on disk where a page's print section waits. */
export interface SiteFileSources<Where extends { bytes: number }> {
  site: Site
  theme: Pick<Theme, 'render' | 'has' | 'fingerprint' | 'readsClock'>
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
  /** A digest of what the site-wide files take from the page (its print section among them). */
  digest(page: Page): string
}

/** Where the files go: `put` into the site in memory; a print view made of spilled sections straight to disk. */
export interface SiteFileOutput {
  put(output: string, contents: string): void
  write(output: string, contents: string): void
  /** Parts may be runs of the last build's file at `output` (see `last`); `madeFrom` and `digest` as for `Staging.writeParts`. */
  writeParts(output: string, parts: Iterable<string | Uint8Array | LastRange>, options?: { madeFrom?: string; digest?: string }): void
  /** What the last build said it made the output from, and whether its file is still as it wrote it (to disk only). */
  last?(output: string): { madeFrom: string | undefined; intact(): boolean }
}

/** Makes those of `404.html`, the print view and `sitemap.xml` that are `wanted`. */
export async function makeSiteFiles<Where extends { bytes: number }>(wanted: ReadonlySet<string>, from: SiteFileSources<Where>, out: SiteFileOutput): Promise<void> {
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

async function makePrintView<Where extends { bytes: number }>(from: SiteFileSources<Where>, out: SiteFileOutput): Promise<void> {
  const { site, theme } = from
  const context = pageContext(site.home, from.facts(site.home), site, from.config, printOutput, !from.live)
  const { printSections, sectionMarker, cutAtMarkers } = await import('./print-page.js')
  const spilled: { where: Where; page: Page }[] = []
  const sections = (marked: boolean) =>
    printSections(
      site,
      (page) => from.facts(page).content,
      (page) => {
        const where = from.spilledSection(page)
        if (where === undefined) return from.printSection(page)
        if (!marked) return Buffer.from(from.readSpilled(where)).toString()
        spilled.push({ where, page })
        return sectionMarker(spilled.length - 1)
      },
      (page) => from.facts(page).opensWithH1 === true,
    )
  const marked = { ...context, pages: await sections(true) }
  if (spilled.length === 0) return out.put(printOutput, await theme.render('print', marked))
  // Written a section at a time, from where the sections wait on disk: the whole print view is never one string.
  const fresh = (index: number) => ({ bytes: spilled[index]!.where.bytes, read: () => from.readSpilled(spilled[index]!.where) })
  const frame = theme.readsClock ? undefined : printFrame(from.config, theme.fingerprint, marked)
  const digests = spilled.map(({ page }) => from.digest(page))
  const last = frame === undefined ? undefined : out.last?.(printOutput)
  const layout = decodeLayout(last?.madeFrom)
  // The template got what it got last time: the last file, with the changed sections as they are now.
  let parts = frame !== undefined && layout?.frame === frame && last?.intact() ? spliceLast(layout, frame, digests, fresh) : undefined
  if (!parts) {
    const pieces = cutAtMarkers(await theme.render('print', marked), spilled.length)
    // The template changes the content (escapes or filters it): it gets the real thing.
    if (!pieces) return out.write(printOutput, await theme.render('print', { ...context, pages: await sections(false) }))
    parts = { pieces, sections: spilled.map((_, index) => fresh(index)) }
  }
  const made = layOut(parts, frame ?? '', digests)
  // A template that reads the clock makes another file each time: its bytes are their own digest.
  out.writeParts(printOutput, made.contents, frame === undefined ? {} : { madeFrom: encodeLayout(made.layout), digest: made.digest })
}
