// On a large site each page lists only the pages around it (see page-context.ts), so
// the whole navigation is written once, to files every page shares: a script the
// theme's own script turns into the full sidebar, and a page listing every page, for
// readers without JavaScript.

import crypto from 'node:crypto'
import { isSection, navTitleOf, type NavNode, type Page, type Site } from '../core/site.js'
import { escapeHtml } from './escape.js'
import { relativeUrl } from '../core/paths.js'

/** Beside the theme's script; pages always end in `index.html`, so neither file can be a page's. */
export const sharedNavigationOutput = 'assets/weft-nav.js'
export const allPagesOutput = 'all-pages.html'

/**
 * `[title, href from the site's root, children]`: short, since every reader downloads
 * it once. A section (a folder without an index page) has no href: `null`.
 */
type Entry = [title: string, href: string | null, children?: Entry[]]

export interface SharedNavigation {
  contents: string
  /** Where pages load it from, relative to the site's root, with a version that changes with the contents. */
  href: string
}

const made = new WeakMap<Site, SharedNavigation>()

export function sharedNavigation(site: Site): SharedNavigation {
  let shared = made.get(site)
  if (!shared) {
    const entries = (nodes: NavNode[]): Entry[] =>
      nodes.map((node) => {
        const href = isSection(node) ? null : fromRoot(node)
        return node.children.length > 0 ? [navTitleOf(node), href, entries(node.children)] : [navTitleOf(node), href]
      })
    // A call rather than a value: a script loads from disk (file://), where fetch() does not.
    const contents = `typeof weftNav == 'function' && weftNav(${JSON.stringify(entries(site.roots))})\n`
    const version = crypto.createHash('sha256').update(contents).digest('hex').slice(0, 12)
    shared = { contents, href: `${sharedNavigationOutput}?v=${version}` }
    made.set(site, shared)
  }
  return shared
}

/**
 * Every page below the home page as nested lists, for the all-pages page (at the
 * site's root). A section is its label, with its route as id: pages of a large site
 * link to it there (`allPagesHref`).
 */
export function allPagesHtml(site: Site): string {
  const list = (nodes: NavNode[]): string => {
    let html = '<ul>'
    for (const node of nodes) {
      const label = isSection(node) ? `<span id="${escapeHtml(node.route)}">${escapeHtml(node.title)}</span>` : `<a href="${escapeHtml(fromRoot(node))}">${escapeHtml(navTitleOf(node))}</a>`
      html += `<li>${label}${node.children.length > 0 ? list(node.children) : ''}</li>`
    }
    return `${html}</ul>`
  }
  return list(site.roots)
}

function fromRoot(page: Page): string {
  return relativeUrl('index.html', page.output)
}
