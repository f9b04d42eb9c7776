// What a template sees for one page: the page, the navigation tree marked for this
// page, previous/next in reading order, "part N of M", and every URL relative to
// this page so the site works from any sub-path or from disk.

import type { Page, Site } from '../load/site.js'
import { relativeUrl } from '../markdown/resolve-url.js'

export interface NavItem {
  title: string
  href: string
  current: boolean
  /** The current page is this item or below it. */
  open: boolean
  children: NavItem[]
}

export interface PageLink {
  title: string
  href: string
}

export interface PageContext {
  site: { title: string; url: string | undefined; buildInfo: string }
  page: {
    title: string
    content: string
    source: string
    route: string
    data: Record<string, unknown>
    /** `../` back to the site's root (empty on the home page). */
    root: string
    prev: PageLink | undefined
    next: PageLink | undefined
    /** Position among the home page's children's reading order: part N of M. */
    part: { number: number; total: number } | undefined
  }
  home: PageLink & { current: boolean }
  nav: NavItem[]
  assets: string
}

export interface SiteMeta {
  title: string
  url: string | undefined
  buildInfo: string
}

export function pageContext(page: Page, content: string, site: Site, meta: SiteMeta): PageContext {
  const href = (target: Page) => (target === page ? relativeUrl(page.output, page.output) : relativeUrl(page.output, target.output))
  const link = (target: Page | undefined): PageLink | undefined => target && { title: target.title, href: href(target) }
  const index = site.pages.indexOf(page)
  const series = site.pages.filter((candidate) => candidate !== site.home)
  const position = series.indexOf(page)
  const nav = (pages: Page[]): NavItem[] =>
    pages.map((target) => ({
      title: target.title,
      href: href(target),
      current: target === page,
      open: isAncestorOrSelf(target, page),
      children: nav(target.children),
    }))
  const depth = page.output.split('/').length - 1
  return {
    site: meta,
    page: {
      title: page.title,
      content,
      source: page.source,
      route: page.route,
      data: page.data,
      root: '../'.repeat(depth),
      prev: link(site.pages[index - 1]),
      next: link(site.pages[index + 1]),
      part: position === -1 ? undefined : { number: position + 1, total: series.length },
    },
    home: { title: site.home.title, href: href(site.home), current: page === site.home },
    nav: nav(site.roots),
    assets: `${'../'.repeat(depth)}assets/`,
  }
}

function isAncestorOrSelf(candidate: Page, page: Page): boolean {
  for (let current: Page | undefined = page; current; current = current.parent) if (current === candidate) return true
  return false
}
