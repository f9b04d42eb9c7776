// The ways a link may name a page besides its `.md` file, as VitePress and
// Docusaurus taught authors: by its file without `.md` (`../reference/cli`), by its
// URL with or without the trailing slash or `index.html` (`/reference/cli/`,
// `reference/cli/index.html`), or VitePress' `cli.html`. Also how each page is
// spelled in the author's way, for "did you mean".

import path from 'node:path'
import type { Page, Site } from '../core/site.js'
import { isInside } from '../core/paths.js'

/** A link's path read as a page's name: the path without the ending that says "page". */
export interface PageName {
  /** The path without `/`, `/index.html`, `.html` or `.md`. */
  stem: string
  /** How it ended: `.md`, `/` (a folder), `/index.html`, `.html`, or nothing. */
  ending: '.md' | '/' | '/index.html' | '.html' | ''
  /** The last part has an extension: a file of that name, when there is one, comes before a page. */
  extension: boolean
}

export function readPageName(relative: string): PageName {
  if (/\.md$/i.test(relative)) return { stem: relative.slice(0, -3), ending: '.md', extension: true }
  if (relative === '' || /(^|\/)\.{0,2}$/.test(relative)) return { stem: relative.replace(/\/$/, ''), ending: '/', extension: false }
  if (/(^|\/)index\.html$/i.test(relative)) return { stem: relative.slice(0, -'/index.html'.length), ending: '/index.html', extension: true }
  if (/\.html$/i.test(relative)) return { stem: relative.slice(0, -'.html'.length), ending: '.html', extension: true }
  return { stem: relative, ending: '', extension: /\.[^./]+$/.test(relative) }
}

/** The page `name` (not a `.md` one) names from `base`: its file (`x.md`, `x/index.md`), else the page at that URL. */
export function findPage(name: PageName, base: string, site: Site): Page | undefined {
  const target = path.resolve(base, name.stem)
  const files = name.ending === '' || name.ending === '.html' ? [`${target}.md`, path.join(target, 'index.md')] : [path.join(target, 'index.md')]
  for (const file of files) {
    const page = site.byFile.get(file)
    if (page) return page
  }
  if (!isInside(target, site.contentDir)) return undefined
  const route = path.relative(site.contentDir, target).split(path.sep).join('/')
  return routesOf(site).get(route === '' ? '' : `${route}/`)
}

/**
 * Every page spelled as `name` would spell it from `base`: from the same folder,
 * with the same ending, `./` kept (`fromRoot`: written from `/`, so no `..`).
 */
export function* spellPages(name: PageName, base: string, site: Site, fromRoot: boolean, dotSlash: boolean): Generator<string> {
  const spell = (target: string, ending: string) => {
    const relative = path.relative(base, target).split(path.sep).join('/')
    if (relative === '' || (fromRoot && relative.startsWith('..'))) return undefined
    return `${dotSlash && !relative.startsWith('..') ? './' : ''}${relative}${ending}`
  }
  for (const page of new Set([site.home, ...site.pages])) {
    const byFile = name.ending === '.md' ? spell(page.file, '') : spell(stemOf(page.file), name.ending)
    if (byFile !== undefined && !page.generated) yield byFile
    const byUrl = name.ending === '.md' ? undefined : spell(path.join(site.contentDir, page.route), name.ending)
    if (byUrl !== undefined && byUrl !== byFile) yield byUrl
  }
}

const routeMaps = new WeakMap<Site, Map<string, Page>>()

/** The site's pages by URL path (`reference/cli/`, `''` for home). */
function routesOf(site: Site): Map<string, Page> {
  let routes = routeMaps.get(site)
  if (!routes) {
    routes = new Map([['', site.home], ...site.pages.map((page): [string, Page] => [page.route, page])])
    routeMaps.set(site, routes)
  }
  return routes
}

/** `a/b.md` → `a/b`, `a/index.md` → `a`: the page's file as a link without `.md` names it. */
function stemOf(file: string): string {
  const stem = file.replace(/\.md$/i, '')
  return path.basename(stem).toLowerCase() === 'index' ? path.dirname(stem) : stem
}
