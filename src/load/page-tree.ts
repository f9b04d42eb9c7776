// Builds the site's tree from its pages: a clean URL for each (`a/b.md` → `a/b/`),
// and a section for each folder: its index page (`x.md` beside `x/`, or
// `x/index.md`), else a label (from `_category_.json`, else the folder's name) that
// holds its pages without being a page. Siblings are ordered by `menu_order` (or
// the folder's `position`, or a `01-` prefix of the name), then by what the
// navigation shows. Finds pages that would share a URL.

import { numberPrefix, readableName } from './readable-name.js'
import path from 'node:path'
import { slug } from 'github-slugger'
import { compareText } from '../core/compare-text.js'
import type { Diagnostics } from '../core/diagnostics.js'
import type { PageSource } from './read-page.js'
import { isSection, navTitleOf, type NavNode, type Page, type Section, type Site } from '../core/site.js'
import { readSectionMeta, type SectionMeta } from './section-meta.js'
import { SourceStore } from './source-store.js'

export interface TreeOptions {
  root: string
  contentDir: string
  /** Title of a home page weft makes when the site has none. */
  siteTitle: string
  diagnostics: Diagnostics
  /** Where the folders' metadata files are read (a store of its own when not given). */
  store?: SourceStore
}

/** Where a node's place among its siblings comes from, for ordering and for messages. */
interface Place {
  /** The number it is ordered by, if any. */
  order: number | undefined
  /** Written by the author (a prefix such as `01-` is not): only these are checked for ties. */
  key: 'menu_order' | 'sidebar_position' | 'position' | undefined
  file: string
  offset: number
}

export function buildTree(sources: PageSource[], options: TreeOptions): Site {
  const { diagnostics, contentDir, root } = options
  const store = options.store ?? new SourceStore()
  const byRoute = new Map<string, Page>()
  const folderOf = new Map<Page, string[]>()
  const places = new Map<NavNode, Place>()
  for (const source of sources) {
    const relative = path.relative(contentDir, source.file).split(path.sep)
    const route = routeOf(relative.join('/'))
    const page: Page = {
      file: source.file,
      source: diagnostics.relative(source.file),
      route,
      output: `${route}index.html`,
      title: source.title,
      ...(source.navTitle === undefined ? {} : { navTitle: source.navTitle }),
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
    // The folder the page stands in for the navigation: `a/b/index.md` and `a/b.md` both stand in `a/`.
    const isIndex = /^index\.md$/i.test(relative.at(-1)!)
    folderOf.set(page, relative.slice(0, isIndex ? -2 : -1))
    const name = (isIndex ? relative.at(-2) : relative.at(-1)?.replace(/\.md$/i, '')) ?? ''
    const explicit = source.menuOrder !== undefined
    places.set(page, {
      order: source.menuOrder ?? numberPrefix(name)?.number,
      key: explicit ? (typeof source.data.menu_order === 'number' ? 'menu_order' : 'sidebar_position') : undefined,
      file: source.file,
      offset: source.menuOrderOffset,
    })
  }

  const home = byRoute.get('') ?? makeHome(options)
  const sectionFiles: string[] = []
  const metas = new Map<string, SectionMeta | undefined>()
  const metaOf = (folder: string) => {
    if (!metas.has(folder)) {
      const { meta, probed } = readSectionMeta(folder, store, diagnostics)
      sectionFiles.push(...probed)
      metas.set(folder, meta)
    }
    return metas.get(folder)
  }
  const sections = new Map<string, Section>()
  const roots: NavNode[] = []
  /** The node that holds what stands in `folder` (parts below the content folder); `undefined` at the top. */
  const holderOf = (folder: string[]): Page | Section | undefined => {
    if (folder.length === 0) return undefined
    const route = routeOf(`${folder.join('/')}/index.md`)
    const absolute = path.join(contentDir, ...folder)
    const page = byRoute.get(route)
    if (page && page !== home) {
      // An index page keeps its own order; the folder's metadata fills in one it lacks.
      const meta = metaOf(absolute)
      const place = places.get(page)!
      if (place.key === undefined && meta?.position !== undefined) places.set(page, { order: meta.position, key: 'position', file: meta.file, offset: meta.positionOffset })
      return page
    }
    let section = sections.get(route)
    if (!section) {
      const meta = metaOf(absolute)
      const name = folder.at(-1)!
      section = {
        kind: 'section',
        folder: absolute,
        source: diagnostics.relative(absolute),
        route,
        title: meta?.label ?? readableName(name),
        menuOrder: meta?.position,
        parent: undefined,
        children: [],
      }
      places.set(
        section,
        meta?.position !== undefined
          ? { order: meta.position, key: 'position', file: meta.file, offset: meta.positionOffset }
          : { order: numberPrefix(name)?.number, key: undefined, file: absolute, offset: 0 },
      )
      sections.set(route, section)
      const parent = holderOf(folder.slice(0, -1))
      section.parent = parent
      ;(parent ? parent.children : roots).push(section)
    }
    return section
  }
  for (const page of byRoute.values()) {
    if (page === home) continue
    const parent = holderOf(folderOf.get(page)!)
    page.parent = parent
    ;(parent ? parent.children : roots).push(page)
  }

  const sortSiblings = (siblings: NavNode[]) => {
    siblings.sort((a, b) => compareSiblings(a, b, places))
    for (let index = 1; index < siblings.length; index++) warnOnTie(siblings[index]!, siblings[index - 1]!, places, diagnostics)
    for (const node of siblings) sortSiblings(node.children)
  }
  sortSiblings(roots)

  const pages = [home]
  const visit = (node: NavNode) => {
    if (!isSection(node)) pages.push(node)
    node.children.forEach(visit)
  }
  roots.forEach(visit)
  if (home.generated) home.children = roots
  return { root, contentDir, home, roots, pages, byFile: new Map(pages.filter((page) => !page.generated).map((page) => [page.file, page])), sectionFiles }
}

/** `a/B c.md` → `a/b-c/`; `a/index.md` → `a/`; `index.md` → `''`. */
export function routeOf(relative: string): string {
  const parts = relative.split(path.sep).join('/').replace(/\.md$/i, '').split('/')
  if (parts.at(-1)?.toLowerCase() === 'index') parts.pop()
  return parts.map((part) => `${slug(part) || 'page'}/`).join('')
}

/** Numbered first, by number; then by what the navigation shows; then by URL. */
function compareSiblings(a: NavNode, b: NavNode, places: Map<NavNode, Place>): number {
  const [first, second] = [places.get(a)?.order, places.get(b)?.order]
  if (first !== second) {
    if (first === undefined) return 1
    if (second === undefined) return -1
    return first - second
  }
  return navTitleOf(a).localeCompare(navTitleOf(b), 'en') || compareText(a.route, b.route)
}

/** Two siblings the author gave the same number. */
function warnOnTie(node: NavNode, before: NavNode, places: Map<NavNode, Place>, diagnostics: Diagnostics): void {
  const [place, other] = [places.get(node)!, places.get(before)!]
  if (!place.key || !other.key || place.order !== other.order) return
  const [name, otherName] = [place, other].map((where) => `\`${diagnostics.relative(where.file)}\``)
  const reason =
    place.key === other.key
      ? `${name} and ${otherName} both have \`${place.key}: ${place.order}\``
      : `${name} (\`${place.key}: ${place.order}\`) and ${otherName} (\`${other.key}: ${other.order}\`) ask for the same place`
  diagnostics.warn('duplicate-menu-order', reason, { file: place.file, offset: place.offset }, 'give each sibling its own number; weft orders them by title meanwhile')
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
