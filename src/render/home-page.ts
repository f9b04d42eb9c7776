// The content of the home page weft makes for a site without `index.md`.

import { relativeUrl } from '../core/paths.js'
import type { Site } from '../core/site.js'
import { escapeHtml } from './escape.js'

/** The home page of a site without `index.md`: its top-level pages in order. */
export function homeContent(site: Site): string {
  const items = site.roots.map((page) => `<li><a href="${escapeHtml(relativeUrl(site.home.output, page.output))}">${escapeHtml(page.title)}</a></li>`)
  return `<ul class="weft-home-list">\n${items.join('\n')}\n</ul>`
}
