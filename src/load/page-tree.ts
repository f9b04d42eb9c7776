// Builds the site's tree from its pages: a clean URL for each (`a/b.md` → `a/b/`),
// the parent of `x/…` is `x.md` or `x/index.md`, and siblings are ordered by
// `menu_order`, then title. Finds pages that would share a URL.

import path from 'node:path'
import { slug } from 'github-slugger'
import type { Diagnostics } from '../core/diagnostics.js'
import type { PageSource } from './read-page.js'
import type { Page, Site } from '../core/site.js'

export interface TreeOptions {
  root: string
  contentDir: string
  /** Title of a home page weft makes when the site has none. */
  siteTitle: string
  diagnostics: Diagnostics
}

export function buildTree(sources: PageSource[], options: TreeOptions): Site {
  const { diagnostics, contentDir, root } = options
  const byRoute = new Map<string, Page>()
  for (const source of sources) {
    const route = routeOf(path.relative(contentDir, source.file))
    const page: Page = {
      file: source.file,
      source: diagnostics.relative(source.file),
      route,
      output: `${route}index.html`,
      title: source.title,
      menuOrder: source.menuOrder,
      data: source.data,
      bodyOffset: source.bodyOffset,
      parent: undefined,
      children: [],
      generated: false,
    }
    const other = byRoute.get(route)
    if (other) {
      diagnostics.error('duplicate-url', `\`${page.source}\` and \`${other.source}\` would both be written to \`${page.output}\``, { file: source.file, offset: 0 }, 'rename one of them')
      continue
    }
    byRoute.set(route, page)
  }

  const home = byRoute.get('') ?? makeHome(options)
  const roots: Page[] = []
  for (const page of byRoute.values()) {
    if (page === home) continue
    const parent = findParent(page.route, byRoute)
    page.parent = parent
    ;(parent && parent !== home ? parent.children : roots).push(page)
  }
  const orderOffsets = new Map(sources.map((source) => [source.file, source.menuOrderOffset]))
  const sortSiblings = (siblings: Page[]) => {
    siblings.sort(compareSiblings)
    for (let index = 1; index < siblings.length; index++) {
      const [before, page] = [siblings[index - 1]!, siblings[index]!]
      if (page.menuOrder !== undefined && page.menuOrder === before.menuOrder) {
        diagnostics.warn('duplicate-menu-order', `\`${page.source}\` and \`${before.source}\` both have \`menu_order: ${page.menuOrder}\``, { file: page.file, offset: orderOffsets.get(page.file) ?? 0 }, 'give each sibling its own number; weft orders them by title meanwhile')
      }
    }
    for (const page of siblings) sortSiblings(page.children)
  }
  sortSiblings(roots)

  const pages = [home]
  const visit = (page: Page) => {
    pages.push(page)
    page.children.forEach(visit)
  }
  roots.forEach(visit)
  if (home.generated) home.children = roots
  return { root, contentDir, home, roots, pages, byFile: new Map(pages.filter((page) => !page.generated).map((page) => [page.file, page])) }
}

/** `a/B c.md` → `a/b-c/`; `a/index.md` → `a/`; `index.md` → `''`. */
export function routeOf(relative: string): string {
  const parts = relative.split(path.sep).join('/').replace(/\.md$/i, '').split('/')
  if (parts.at(-1)?.toLowerCase() === 'index') parts.pop()
  return parts.map((part) => `${slug(part) || 'page'}/`).join('')
}

function findParent(route: string, byRoute: Map<string, Page>): Page | undefined {
  const parts = route.split('/').filter(Boolean)
  for (let length = parts.length - 1; length > 0; length--) {
    const parent = byRoute.get(parts.slice(0, length).map((part) => `${part}/`).join(''))
    if (parent) return parent
  }
  return undefined
}

function compareSiblings(a: Page, b: Page): number {
  if (a.menuOrder !== b.menuOrder) {
    if (a.menuOrder === undefined) return 1
    if (b.menuOrder === undefined) return -1
    return a.menuOrder - b.menuOrder
  }
  return a.title.localeCompare(b.title, 'en') || (a.route < b.route ? -1 : a.route > b.route ? 1 : 0)
}

function makeHome(options: TreeOptions): Page {
  const file = path.join(options.contentDir, 'index.md')
  return {
    file,
    source: options.diagnostics.relative(file),
    route: '',
    output: 'index.html',
    title: options.siteTitle,
    menuOrder: undefined,
    data: {},
    bodyOffset: 0,
    parent: undefined,
    children: [],
    generated: true,
  }
}
