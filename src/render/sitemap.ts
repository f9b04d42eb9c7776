// sitemap.xml for sites whose public URL is known: every page's canonical URL.

import type { Page } from '../core/site.js'
import { escapeHtml } from './escape.js'

export function renderSitemap(pages: Page[], url: string, updated: (page: Page) => number | undefined): string {
  const entries = pages.map((page) => {
    const time = updated(page)
    const lastmod = time === undefined ? '' : `<lastmod>${new Date(time).toISOString()}</lastmod>`
    return `  <url><loc>${escapeHtml(new URL(encodeURI(page.route), url).href)}</loc>${lastmod}</url>`
  })
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join('\n')}\n</urlset>\n`
}
