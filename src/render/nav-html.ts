// The sidebar's list as HTML, made in code rather than by a recursive Liquid
// partial: a `render` a nav entry cost about 5 ms a page on a site of 200 pages,
// more than the rest of the page's template. Themes can still walk `nav` themselves.

import { escapeHtml } from './escape.js'

export interface NavItem {
  title: string
  /** Where the entry leads; none for a section whose pages are listed in `children`. */
  href: string | undefined
  current: boolean
  /** The current page is this item or below it. */
  open: boolean
  /** The page has pages below it, listed in `children` or not. */
  hasChildren: boolean
  children: NavItem[]
  /** A folder without an index page: a label over its pages, not a page. */
  section: boolean
  /** Set on the entry that stands for this many entries left out here; it links to the page listing them all. */
  more?: number
}

export function navHtml(items: NavItem[]): string {
  let html = ''
  for (const item of items) html += navItem(item)
  return html
}

function navItem(item: NavItem): string {
  if (item.more) return `<li class="nav-more"><a href="${escapeHtml(item.href!)}">${escapeHtml(item.title)}<span class="sr-only"> (the list of all pages)</span></a></li>`
  const title = escapeHtml(item.title)
  const folds = item.children.length > 0
  const list = folds ? `<ul>${navHtml(item.children)}</ul>` : ''
  // A section is the summary that folds its pages; a page is a link, and a button beside it folds its pages.
  if (item.section && (folds || item.href === undefined)) return `<li class="section"><details${item.open ? ' open' : ''}><summary>${title}</summary>${list}</details></li>`
  const kind = item.section ? ' class="section has-pages"' : folds ? ' class="has-children"' : item.hasChildren ? ' class="has-pages"' : ''
  const label = item.section ? `${title}<span class="sr-only"> (in the list of all pages)</span>` : title
  let html = `<li${kind}><a href="${escapeHtml(item.href ?? '')}"${item.current ? ' aria-current="page"' : ''}>${label}</a>`
  if (folds) html += `<details${item.open ? ' open' : ''}><summary><span class="sr-only">Pages in ${title}</span></summary>${list}</details>`
  return `${html}</li>`
}
