// Decides what a URL in a page points at: another page (a `.md` link), a file to
// copy into the site (an image), a fragment on this page, or somewhere outside.
// Relative paths resolve from the file the URL was written in, then from the page
// the text landed in (the old tools pasted includes as text), and images last
// from the top-level `images/` folder; `/x.md` resolves from the root, then the
// content folder. A file to copy is taken by its real path: one that is a link
// to somewhere outside the root, or that is not a regular file, is refused.

import fs from 'node:fs'
import path from 'node:path'
import type { Page, Site } from '../core/site.js'
import { isInside, decodeSafely } from '../core/paths.js'

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
