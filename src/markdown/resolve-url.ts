// Decides what a URL in a page points at: another page (a `.md` link), a file to
// copy into the site (an image), a fragment on this page, or somewhere outside.
// Relative paths resolve from the file the URL was written in, then from the page
// the text landed in (the old tools pasted includes as text), and images last
// from the top-level `images/` folder; `/x.md` resolves from the root, then the
// content folder. A file to copy is taken by its real path: one that is a link
// to somewhere outside the root, or that is not a regular file, is refused.

import fs from 'node:fs'
import path from 'node:path'
import { isInside } from '../expand/resolve-include.js'
import type { Page, Site } from '../load/site.js'

export type UrlTarget =
  | { kind: 'external' }
  | { kind: 'fragment'; fragment: string }
  | { kind: 'page'; page: Page; fragment: string | undefined }
  | { kind: 'asset'; file: string; suffix: string; url: string }
  | { kind: 'problem'; ruleId: 'dead-link' | 'missing-image' | 'asset-outside-root' | 'asset-not-a-file'; reason: string; hint?: string }

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
  const what = isImage ? 'Image' : isMarkdown ? 'Link to page' : 'Link'
  for (const file of candidates) {
    if (isMarkdown) {
      const target = site.byFile.get(file)
      if (target) return { kind: 'page', page: target, fragment }
      continue
    }
    const found = stat(file)
    if (!found || found.isDirectory()) continue
    if (!found.isFile()) return { kind: 'problem', ruleId: 'asset-not-a-file', reason: `${what} \`${url}\` is not a regular file, so weft does not publish it` }
    if (!isInside(fs.realpathSync.native(file), fs.realpathSync.native(site.root))) {
      return { kind: 'problem', ruleId: 'asset-outside-root', reason: `${what} \`${url}\` is a link to a file outside the site's root`, hint: 'copy the file into the site instead of linking to it' }
    }
    return { kind: 'asset', file, suffix: url.slice(query === -1 ? withoutHash.length : query), url }
  }
  const partial = isMarkdown && candidates.some((file) => stat(file) !== undefined)
  return {
    kind: 'problem',
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
