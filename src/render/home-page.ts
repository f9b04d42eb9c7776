// The content of the home page weft makes for a site without `index.md`.

import { relativeUrl } from '../core/paths.js'
import { isSection, navTitleOf, type NavNode, type Site } from '../core/site.js'
import { escapeHtml } from './escape.js'

/** The home page of a site without `index.md`: its top-level pages in order, a section's under its label. */
export function homeContent(site: Site): string {
  const item = (node: NavNode): string =>
    isSection(node)
      ? `<li>${escapeHtml(node.title)}\n<ul>\n${node.children.map(item).join('\n')}\n</ul></li>`
      : `<li><a href="${escapeHtml(relativeUrl(site.home.output, node.output))}">${escapeHtml(navTitleOf(node))}</a></li>`
  return `<ul class="weft-home-list">\n${site.roots.map(item).join('\n')}\n</ul>`
}
