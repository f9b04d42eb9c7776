// Decides what a URL in a page points at: another page (a `.md` link), a file to
// copy into the site (an image), a fragment on this page, or somewhere outside.
// Relative paths resolve from the file the URL was written in, then from the page
// the text landed in (the old tools pasted includes as text), and images last
// from the top-level `images/` folder; `/x.md` resolves from the root, then the
// content folder.

import fs from 'node:fs'
import path from 'node:path'
import { isInside } from '../expand/resolve-include.js'
import type { Page, Site } from '../load/site.js'

export type UrlTarget =
  | { kind: 'external' }
  | { kind: 'fragment'; fragment: string }
  | { kind: 'page'; page: Page; fragment: string | undefined }
  | { kind: 'asset'; file: string; suffix: string }
  | { kind: 'missing'; ruleId: 'dead-link' | 'missing-image'; reason: string }

const scheme = /^[a-z][a-z\d+.-]*:/i

/** `stat` is how the disk is looked at, so that a cached render can check the same files again. */
export function resolveUrl(url: string, written: string, page: Page, site: Site, isImage: boolean, stat: (file: string) => fs.Stats | undefined = (file) => fs.statSync(file, { throwIfNoEntry: false })): UrlTarget {
  if (url === '' || scheme.test(url) || url.startsWith('//')) return { kind: 'external' }
  const hash = url.indexOf('#')
  const fragment = hash === -1 ? undefined : decodeSafely(url.slice(hash + 1))
  const withoutHash = hash === -1 ? url : url.slice(0, hash)
  const query = withoutHash.indexOf('?')
  const pathname = decodeSafely(query === -1 ? withoutHash : withoutHash.slice(0, query))
  if (pathname === '') return fragment === undefined ? { kind: 'external' } : { kind: 'fragment', fragment }

  const bases = pathname.startsWith('/')
    ? [site.root, site.contentDir]
    : [path.dirname(written), path.dirname(page.file), ...(isImage ? [site.root, path.join(site.root, 'images')] : [])]
  const relative = pathname.replace(/^\/+/, '')
  const candidates = [...new Set(bases.map((base) => path.resolve(base, relative)))].filter((file) => isInside(file, site.root))
  const isMarkdown = /\.md$/i.test(pathname)
  for (const file of candidates) {
    if (isMarkdown) {
      const target = site.byFile.get(file)
      if (target) return { kind: 'page', page: target, fragment }
      continue
    }
    if (stat(file)?.isFile()) {
      return { kind: 'asset', file, suffix: url.slice(query === -1 ? withoutHash.length : query) }
    }
  }
  const what = isImage ? 'Image' : isMarkdown ? 'Link to page' : 'Link'
  const partial = isMarkdown && candidates.some((file) => stat(file) !== undefined)
  return {
    kind: 'missing',
    ruleId: isImage ? 'missing-image' : 'dead-link',
    reason: partial ? `${what} \`${url}\` points at a partial, which is not a page of the site` : `${what} \`${url}\` leads nowhere`,
  }
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** `a/index.html` → `b/index.html` as `../b/index.html`, percent-encoded. */
export function relativeUrl(from: string, to: string): string {
  // Every page links to dozens of others in its navigation: paths already in their plain
  // form (no `.`, `..` or empty parts) take a shorter way than `path.posix.relative`, which
  // took most of the time of putting 1,000 pages into their template again.
  if (unusual.test(from) || unusual.test(to)) {
    const relative = path.posix.relative(path.posix.dirname(from), to) || path.posix.basename(to)
    return relative.split('/').map((part) => encodeURIComponent(part)).join('/')
  }
  const dirs = from.split('/')
  dirs.pop()
  const target = to.split('/')
  let common = 0
  while (common < dirs.length && common < target.length && dirs[common] === target[common]) common++
  let url = ''
  for (let up = common; up < dirs.length; up++) url += url ? '/..' : '..'
  for (let down = common; down < target.length; down++) url += (url ? '/' : '') + encodeURIComponent(target[down]!)
  return url || encodeURIComponent(target.at(-1)!)
}

const unusual = /(^|\/)\.{0,2}(\/|$)/
