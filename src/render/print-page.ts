// The whole series on one page, for readers who want it on paper or as a PDF (what
// mdBook's print.html gives). Each page's ids get a prefix so they stay unique, and
// links between pages become links inside the print page.

import path from 'node:path'
import type { Root } from 'hast'
import type { Page, Site } from '../load/site.js'
import { safeIdPrefix } from '../markdown/rehype-safe-ids.js'
import { relativeUrl } from '../markdown/resolve-url.js'
import { walkElements } from '../markdown/walk-elements.js'

import { printOutput } from './print-output.js'

export { printOutput }

export interface PrintSection {
  title: string
  id: string
  content: string
}

/**
 * The print view's sections. `printContentOf` gives a page's content as already
 * rewritten for it (pages do that as they are rendered, from their tree), or
 * nothing: then it is made here from the HTML `contentOf` gives (the generated home page).
 */
export async function printSections(site: Site, contentOf: (page: Page) => string, printContentOf: (page: Page) => string | undefined): Promise<PrintSection[]> {
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
    sections.push({ title: page.title, id, content })
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

const idsOfSite = new WeakMap<Site, Map<string, string>>()

/** Output path → the id of that page's section in the print view. */
function printIds(site: Site): Map<string, string> {
  let ids = idsOfSite.get(site)
  if (!ids) {
    ids = new Map(site.pages.map((page) => [page.output, page.route === '' ? 'home' : `page-${page.route.replace(/\/$/, '').replace(/\//g, '-')}`]))
    // A render worker's site leaves out a generated home page.
    if (!ids.has(site.home.output)) ids.set(site.home.output, 'home')
    idsOfSite.set(site, ids)
  }
  return ids
}

/** Makes a page's content tree fit the print view: ids prefixed, links between pages made links inside it. */
export function rewriteForPrint(tree: Root, page: Page, site: Site): void {
  const ids = printIds(site)
  const output = page.output
  const prefix = ids.get(output) ?? 'home'
  walkElements(tree, (element) => {
    const { properties } = element
    if (typeof properties.id === 'string') properties.id = printId(prefix, properties.id)
    if (element.tagName === 'a' && typeof properties.name === 'string') properties.name = printId(prefix, properties.name)
    for (const attribute of ['href', 'src'] as const) {
      const value = properties[attribute]
      if (typeof value !== 'string' || /^[a-z][a-z\d+.-]*:|^\/\//i.test(value)) continue
      if (value.startsWith('#')) {
        properties[attribute] = value === '#' ? `#${prefix}` : `#${printId(prefix, value.slice(1))}`
        continue
      }
      const [target = '', fragment] = value.split('#')
      const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(output), decodeURIComponent(target)))
      const page = ids.get(resolved)
      if (page && attribute === 'href') properties[attribute] = fragment ? `#${printId(page, fragment)}` : `#${page}`
      else properties[attribute] = relativeUrl(printOutput, resolved) + (fragment === undefined ? '' : `#${fragment}`)
    }
  })
}

/**
 * A page's id in the print view. `user-content-` stays in front, so that the
 * theme's script finds `#page--x` as `user-content-page--x` there too (`--safe`).
 */
function printId(page: string, id: string): string {
  return id.startsWith(safeIdPrefix) ? `${safeIdPrefix}${page}--${id.slice(safeIdPrefix.length)}` : `${page}--${id}`
}
