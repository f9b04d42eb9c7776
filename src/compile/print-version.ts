// A page's content as the print view shows it, made from its tree while it is
// compiled: ids prefixed by the page's section so they stay unique across the
// series, and links between pages made links inside the print view.

import path from 'node:path'
import type { Root } from 'hast'
import { relativeUrl } from '../core/paths.js'
import { printOutput } from '../core/print-output.js'
import type { Page, Site } from '../core/site.js'
import { safeIdPrefix } from '../markdown/rehype-safe-ids.js'
import { walkElements } from '../markdown/walk-elements.js'

const idsOfSite = new WeakMap<Site, Map<string, string>>()

/** Output path → the id of that page's section in the print view. */
export function printIds(site: Site): Map<string, string> {
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
