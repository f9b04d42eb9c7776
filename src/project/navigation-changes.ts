// What changed in the navigation between two builds of a site: when only titles did,
// only the pages that can show them are put into their template again.

import type { Page, Site } from '../core/site.js'
import { fullNavigationLimit } from '../render/page-context.js'

/** A page's place in the navigation: route, title, parent's route. */
export type NavigationEntry = [string, string, string | null]

export function navigationEntries(site: Site): NavigationEntry[] {
  return site.pages.map((page) => [page.route, page.title, page.parent?.route ?? null])
}

/**
 * When the navigation differs from `before` only in titles, the pages that can show
 * one of them: the pages below its parent (which list its siblings), the renamed
 * page and those before and after it in reading order. Otherwise (pages added,
 * moved or removed; a top-level title, which every page's list may show; a site
 * whose pages list every page), `undefined`: every page is looked at.
 */
export function pagesShowingRenames(before: NavigationEntry[], site: Site): Set<Page> | undefined {
  if (before.length !== site.pages.length || site.pages.length <= fullNavigationLimit) return undefined
  const pages = new Set<Page>()
  const below = (page: Page) => {
    pages.add(page)
    for (const child of page.children) below(child)
  }
  for (const [index, page] of site.pages.entries()) {
    const [route, title, parent] = before[index]!
    if (route !== page.route || parent !== (page.parent?.route ?? null)) return undefined
    if (title === page.title) continue
    if (!page.parent || page.parent === site.home) return undefined
    below(page.parent)
    for (const near of [site.pages[index - 1], site.pages[index + 1]]) if (near) pages.add(near)
  }
  return pages
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
