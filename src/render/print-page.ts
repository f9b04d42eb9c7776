// The whole series on one page, for readers who want it on paper or as a PDF (what
// mdBook's print.html gives). Each page's ids get a prefix so they stay unique, and
// links between pages become links inside the print page.

import path from 'node:path'
import type { Root } from 'hast'
import type { Page, Site } from '../core/site.js'

import { printOutput } from '../core/print-output.js'
import { printIds, rewriteForPrint } from '../compile/print-version.js'

export { printOutput }

export interface PrintSection {
  title: string
  id: string
  content: string
  /** The content opens with its own level-1 heading: the template prints no title above it. */
  titleInBody: boolean
}

/**
 * The print view's sections. `printContentOf` gives a page's content as already
 * rewritten for it (pages do that as they are rendered, from their tree), or
 * nothing: then it is made here from the HTML `contentOf` gives (the generated home page).
 */
export async function printSections(site: Site, contentOf: (page: Page) => string, printContentOf: (page: Page) => string | undefined, opensWithH1: (page: Page) => boolean = () => false): Promise<PrintSection[]> {
  const sections: PrintSection[] = []
  for (const page of site.pages) {
    const id = printIds(site).get(page.output)!
    let content = printContentOf(page)
    if (content === undefined) {
      const [{ fromHtml }, { toHtml }] = await Promise.all([import('hast-util-from-html'), import('hast-util-to-html')])
      const tree = fromHtml(contentOf(page), { fragment: true })
      rewriteForPrint(tree, page, site)
      content = toHtml(tree)
    }
    sections.push({ title: page.title, id, content, titleInBody: opensWithH1(page) })
  }
  return sections
}

const markerStart = '<!--weft:print-section:'

/**
 * Stands for a section's content while the print view goes into its template, so
 * that a large site's sections can be written from disk one by one instead of
 * being held together in one string.
 */
export function sectionMarker(index: number): string {
  return `${markerStart}${index}-->`
}

/**
 * The template's output cut at the markers of sections 0 to count - 1: count + 1
 * pieces, or undefined when the template did not output each marker as given, once
 * and in order (it escaped or filtered the content).
 */
export function cutAtMarkers(html: string, count: number): string[] | undefined {
  const pieces: string[] = []
  let from = 0
  for (let index = 0; index < count; index++) {
    const marker = sectionMarker(index)
    const at = html.indexOf(marker, from)
    if (at < 0) return undefined
    pieces.push(html.slice(from, at))
    from = at + marker.length
  }
  pieces.push(html.slice(from))
  return pieces.some((piece) => piece.includes(markerStart)) ? undefined : pieces
}
