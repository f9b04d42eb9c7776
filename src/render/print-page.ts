// The whole series on one page, for readers who want it on paper or as a PDF (what
// mdBook's print.html gives). Each page's ids get a prefix so they stay unique, and
// links between pages become links inside the print page.

import path from 'node:path'
import type { Element, Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { toHtml } from 'hast-util-to-html'
import { visit } from 'unist-util-visit'
import type { Page, Site } from '../load/site.js'
import { relativeUrl } from '../markdown/resolve-url.js'

export const printOutput = 'print/index.html'

export interface PrintSection {
  title: string
  id: string
  content: string
}

export function printSections(site: Site, contentOf: (page: Page) => string): PrintSection[] {
  const ids = new Map(site.pages.map((page) => [page.output, page.route === '' ? 'home' : `page-${page.route.replace(/\/$/, '').replace(/\//g, '-')}`]))
  return site.pages.map((page) => {
    const id = ids.get(page.output)!
    const tree = fromHtml(contentOf(page), { fragment: true })
    rewrite(tree, page.output, id, ids)
    return { title: page.title, id, content: toHtml(tree) }
  })
}

function rewrite(tree: Root, output: string, prefix: string, ids: Map<string, string>): void {
  visit(tree, 'element', (element: Element) => {
    const { properties } = element
    if (typeof properties.id === 'string') properties.id = `${prefix}--${properties.id}`
    if (element.tagName === 'a' && typeof properties.name === 'string') properties.name = `${prefix}--${properties.name}`
    for (const attribute of ['href', 'src'] as const) {
      const value = properties[attribute]
      if (typeof value !== 'string' || /^[a-z][a-z\d+.-]*:|^\/\//i.test(value)) continue
      if (value.startsWith('#')) {
        properties[attribute] = value === '#' ? `#${prefix}` : `#${prefix}--${value.slice(1)}`
        continue
      }
      const [target = '', fragment] = value.split('#')
      const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(output), decodeURIComponent(target)))
      const page = ids.get(resolved)
      if (page && attribute === 'href') properties[attribute] = fragment ? `#${page}--${fragment}` : `#${page}`
      else properties[attribute] = relativeUrl(printOutput, resolved) + (fragment === undefined ? '' : `#${fragment}`)
    }
  })
}
