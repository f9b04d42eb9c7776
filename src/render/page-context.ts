// What a template sees for one page: the page, the navigation tree marked for this
// page, previous/next in reading order, "part N of M" in a series, its headings, and
// every URL relative to this page so the site works from any sub-path or from disk.

import type { ResolvedConfig } from '../config.js'
import { isSection, navTitleOf, type NavNode, type Page, type Site } from '../core/site.js'
import { hashParts } from '../core/hash.js'
import { navHtml, type NavItem } from './nav-html.js'
import { allPagesOutput, sharedNavigation, sharedNavigationOutput } from './shared-nav.js'
import type { TocEntry } from '../core/compiled-page.js'
import { relativeUrl } from '../core/paths.js'

/**
 * Up to this many pages, every page lists the whole tree. Past it, a page lists only
 * the pages along its own path, at most `navigationWindow` of each level around it,
 * so that a page's size does not grow with the site's (every page listing every page
 * made the site grow with the square of its pages). The theme's script fills in the
 * rest from one shared file.
 */
export const fullNavigationLimit = 200
export const navigationWindow = 21

export interface PageLink {
  title: string
  href: string
}

export type { NavItem }

export interface PageContext {
  site: { title: string; url: string | undefined; buildInfo: string; lang: string }
  page: {
    title: string
    content: string
    source: string
    route: string
    data: Record<string, unknown>
    /** `../` back to the site's root (empty on the home page). */
    root: string
    /** For pages served at any path (404): the site's path, for `<base href>`. */
    base: string | undefined
    prev: PageLink | undefined
    next: PageLink | undefined
    /** In a series (see `seriesParts`): the page's place in it, part N of M. */
    part: { number: number; total: number } | undefined
    description: string
    toc: TocEntry[]
    editUrl: string | undefined
    lastUpdated: { iso: string; text: string } | undefined
    canonical: string | undefined
    isHome: boolean
    /** The content opens with its own level-1 heading, which is then the page's visible title: the theme prints none. */
    titleInBody: boolean
  }
  home: PageLink & { current: boolean }
  nav: NavItem[]
  /** `nav` as the `<li>` entries of a list, for themes that do not lay it out themselves. */
  navHtml: string
  /** On a site listed in part on each page: the script holding the whole navigation, with its version; otherwise empty. */
  navScript: string
  assets: string
  printHref: string
}

export interface PageFacts {
  content: string
  toc: TocEntry[]
  summary: string
  /** When the page or one of its includes last changed, if known. */
  updated: number | undefined
  /** The content opens with its own `# heading`. */
  opensWithH1?: boolean
}

/** `versioned`: the shared navigation's address names its version, for browsers' caches. */
export function pageContext(page: Page, facts: PageFacts, site: Site, config: ResolvedConfig, output = page.output, versioned = true): PageContext {
  const href = (target: Page) => relativeUrl(output, target.output)
  const link = (target: Page | undefined): PageLink | undefined => target && { title: navTitleOf(target), href: href(target) }
  const { index: indexOf, parts } = readingOrder(site)
  const index = indexOf.get(page) ?? -1
  const full = site.pages.length <= fullNavigationLimit
  const item = (target: NavNode): NavItem => {
    const open = isAncestorOrSelf(target, page)
    const listed = full || open
    return {
      title: navTitleOf(target),
      // A section left folded away on a large site leads to where its pages are listed.
      href: !isSection(target) ? href(target) : listed ? undefined : `${relativeUrl(output, allPagesOutput)}#${encodeURI(target.route)}`,
      current: target === page,
      open,
      hasChildren: target.children.length > 0,
      children: listed ? nav(target.children) : [],
      section: isSection(target),
    }
  }
  const more = (count: number): NavItem => ({ title: `${count} more…`, href: relativeUrl(output, allPagesOutput), current: false, open: false, hasChildren: false, children: [], section: false, more: count })
  const nav = (pages: NavNode[]): NavItem[] => {
    if (full || pages.length <= navigationWindow) return pages.map(item)
    const at = Math.max(0, pages.findIndex((target) => isAncestorOrSelf(target, page)))
    let start = Math.max(0, Math.min(at - (navigationWindow >> 1), pages.length - navigationWindow))
    let end = start + navigationWindow
    // An entry in place of one entry would save nothing
    if (start === 1) start = 0
    if (end === pages.length - 1) end = pages.length
    const items = pages.slice(start, end).map(item)
    if (start > 0) items.unshift(more(start))
    if (end < pages.length) items.push(more(pages.length - end))
    return items
  }
  const root = '../'.repeat(output.split('/').length - 1)
  const navScriptHref = sharedNavigationHref(site, versioned)
  const tree = nav(site.roots)
  const description = typeof page.data.description === 'string' && page.data.description.trim() ? page.data.description.trim() : facts.summary || page.title
  return {
    site: { title: config.title, url: config.url, buildInfo: config.buildInfo, lang: config.lang },
    page: {
      title: page.title,
      content: facts.content,
      source: page.source,
      route: page.route,
      data: page.data,
      root,
      base: undefined,
      prev: link(site.pages[index - 1]),
      next: link(site.pages[index + 1]),
      part: parts.get(page),
      description,
      toc: facts.toc,
      editUrl: config.editUrl && !page.generated ? config.editUrl.replace('{path}', page.source.split('/').map(encodeURIComponent).join('/')) : undefined,
      lastUpdated: facts.updated === undefined ? undefined : { iso: new Date(facts.updated).toISOString(), text: formatDate(facts.updated, config.lang) },
      canonical: config.url ? new URL(encodeURI(page.route), config.url).href : undefined,
      isHome: page === site.home,
      titleInBody: facts.opensWithH1 === true,
    },
    home: { title: navTitleOf(site.home), href: href(site.home), current: page === site.home },
    nav: tree,
    navHtml: navHtml(tree),
    navScript: navScriptHref && `${root}${navScriptHref}`,
    assets: `${root}assets/`,
    printHref: `${root}print/index.html`,
  }
}

/**
 * Where the pages of `site` load the shared navigation from, relative to the site's root:
 * `''` when every page lists everything; with its version unless `versioned` is false.
 */
export function sharedNavigationHref(site: Site, versioned: boolean): string {
  if (site.pages.length <= fullNavigationLimit) return ''
  return versioned ? sharedNavigation(site).href : sharedNavigationOutput
}

interface ReadingOrder {
  index: Map<Page, number>
  parts: Map<Page, { number: number; total: number }>
}

const orders = new WeakMap<Site, ReadingOrder>()

/** Each page's place in the reading order and its series, worked out once per site: looking it up page by page made a large site quadratic. */
function readingOrder(site: Site): ReadingOrder {
  let order = orders.get(site)
  if (!order) {
    order = { index: new Map(site.pages.map((page, index) => [page, index])), parts: seriesParts(site) }
    orders.set(site, order)
  }
  return order
}

/**
 * "Part N of M" for the pages of a series. A page whose front matter says
 * `series: true` makes the pages below it one, numbered in reading order; the home
 * page's makes every other page one. A page belongs to the nearest series above it;
 * the page that opens a series is not a part of it.
 */
export function seriesParts(site: Site): Map<Page, { number: number; total: number }> {
  const ownerOf = (page: Page): Page | undefined => {
    for (let node = page.parent; node; node = node.parent) if (!isSection(node) && opensSeries(node)) return node
    return opensSeries(site.home) ? site.home : undefined
  }
  const members = new Map<Page, Page[]>()
  for (const page of site.pages) {
    const owner = page === site.home ? undefined : ownerOf(page)
    if (!owner) continue
    const list = members.get(owner)
    if (list) list.push(page)
    else members.set(owner, [page])
  }
  const parts = new Map<Page, { number: number; total: number }>()
  for (const list of members.values()) list.forEach((page, index) => parts.set(page, { number: index + 1, total: list.length }))
  return parts
}

/** `series: true` in the front matter (`true` as text too: the flat `key: value` form reads no booleans). */
export function opensSeries(page: Page): boolean {
  const value = page.data.series
  return value === true || value === 'true'
}

/** One formatter a language: making one costs more than formatting a date with it. */
const dateFormats = new Map<string, Intl.DateTimeFormat | undefined>()

function formatDate(time: number, lang: string): string {
  if (!dateFormats.has(lang)) {
    try {
      dateFormats.set(lang, new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }))
    } catch {
      dateFormats.set(lang, undefined)
    }
  }
  return dateFormats.get(lang)?.format(time) ?? new Date(time).toISOString().slice(0, 10)
}

function isAncestorOrSelf(candidate: NavNode, page: Page): boolean {
  for (let current: NavNode | undefined = page; current; current = current.parent) if (current === candidate) return true
  return false
}

/** What a page's context takes from the rest of the site, as a digest (the navigation alone is kilobytes a page). */
export function sitePartsOf(context: PageContext): string {
  // Not the shared navigation's version, which changes on every page at once (and is swapped in place).
  const { navHtml, home, page } = context
  return hashParts([navHtml, JSON.stringify([home, page.prev, page.next, page.part])])
}
