// What changed in the navigation between two builds of a site: when only titles did,
// only the pages that can show them are put into their template again.

import { isSection, navTitleOf, type NavNode, type Page, type Site } from '../core/site.js'
import { fullNavigationLimit, opensSeries } from '../render/page-context.js'

/**
 * An entry's place in the navigation: route, what the navigation shows, parent's
 * route, and its kind: a section (a folder without an index page), a page, or a page
 * that opens a series (which numbers the pages below it).
 */
export type NavigationEntry = [string, string, string | null, 'section' | 'page' | 'series']

/** The home page, then every entry of the tree depth-first, sections with the pages. */
function navigationNodes(site: Site): NavNode[] {
  const nodes: NavNode[] = [site.home]
  const visit = (node: NavNode) => {
    nodes.push(node)
    node.children.forEach(visit)
  }
  site.roots.forEach(visit)
  return nodes
}

export function navigationEntries(site: Site): NavigationEntry[] {
  return navigationNodes(site).map(entryOf)
}

function entryOf(node: NavNode): NavigationEntry {
  return [node.route, navTitleOf(node), node.parent?.route ?? null, isSection(node) ? 'section' : opensSeries(node) ? 'series' : 'page']
}

/**
 * When the navigation differs from `before` only in titles, the pages that can show
 * one of them: the pages below its parent (which list its siblings), and for a
 * renamed page those before and after it in reading order. Otherwise (entries added,
 * moved or removed; a series opened or closed; a top-level title, which every page's
 * list may show; a site whose pages list every page), `undefined`: every page is
 * looked at.
 */
export function pagesShowingRenames(before: NavigationEntry[], site: Site): Set<Page> | undefined {
  const nodes = navigationNodes(site)
  if (before.length !== nodes.length || site.pages.length <= fullNavigationLimit) return undefined
  const readingIndex = new Map(site.pages.map((page, index) => [page, index]))
  const pages = new Set<Page>()
  const below = (node: NavNode) => {
    if (!isSection(node)) pages.add(node)
    for (const child of node.children) below(child)
  }
  for (const [index, node] of nodes.entries()) {
    const [route, title, parent, kind] = before[index]!
    const [, titleNow, parentNow, kindNow] = entryOf(node)
    if (route !== node.route || parent !== parentNow || kind !== kindNow) return undefined
    if (title === titleNow) continue
    if (!node.parent || node === site.home) return undefined
    below(node.parent)
    if (isSection(node)) continue
    const at = readingIndex.get(node)!
    for (const near of [site.pages[at - 1], site.pages[at + 1]]) if (near) pages.add(near)
  }
  return pages
}

function navigationEntries1(node: NavNode): NavigationEntry {
  return [node.route, navTitleOf(node), node.parent?.route ?? null, isSection(node) ? 'section' : opensSeries(node) ? 'series' : 'page']
}

const navigations = new WeakMap<Site, string>()

/** What the navigation is made of, as text; the same site (a tree kept between rebuilds) has the same. */
export function navigationOf(site: Site): string {
  let nav = navigations.get(site)
  if (nav === undefined) {
    nav = JSON.stringify(navigationEntries(site))
    navigations.set(site, nav)
  }
  return nav
}
