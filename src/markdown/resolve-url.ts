// Decides what a URL in a page points at: another page, a file to copy into the
// site (an image), a fragment on this page, or somewhere outside. A page is named
// by its `.md` file, or as VitePress and Docusaurus let authors name it: by its
// file without `.md` or by its URL (`page-names.ts`). Relative paths resolve from
// the file the URL was written in, then from the page the text landed in (the old
// tools pasted includes as text), and images last from the top-level `images/`
// folder; `/x.md` resolves from the root, then the content folder, and a URL from
// `/` from the content folder, where pages' URLs start. A file to copy is taken by
// its real path: one that is a link to somewhere outside the root, or that is not
// a regular file, is refused. What leads nowhere gets a "did you mean" when a page
// or file has a close name.

import fs from 'node:fs'
import path from 'node:path'
import type { Page, Site } from '../core/site.js'
import { isInside, decodeSafely } from '../core/paths.js'
import { closestPath, correctOnDisk } from '../core/close-names.js'
import { findPage, readPageName, spellPages, type PageName } from './page-names.js'

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

  const fromRoot = pathname.startsWith('/')
  const relative = pathname.replace(/^\/+/, '')
  const bases = [...new Set(fromRoot
    ? [site.root, site.contentDir]
    : [path.dirname(written), path.dirname(page.file), ...(isImage ? [site.root, path.join(site.root, 'images')] : [])])]
    .filter((base) => isInside(path.resolve(base, relative), site.root))
  const name = readPageName(relative)
  const isMarkdown = name.ending === '.md'
  // Images are files; a `.md` link is to the page of that very file.
  const pageName = isImage || isMarkdown ? undefined : name
  const what = isImage ? 'Image' : isMarkdown ? 'Link to page' : 'Link'
  for (const base of bases) {
    const file = path.resolve(base, relative)
    if (isMarkdown) {
      const target = site.byFile.get(file)
      if (target) return { kind: 'page', page: target, fragment }
      continue
    }
    // A name without an extension is a page first (`cli` is `cli.md`, as VitePress reads it); a file
    // named with one (`guide.pdf`, a real `x/index.html`) keeps leading to that file.
    const named = pageName && !pageName.extension ? findPage(pageName, base, site) : undefined
    if (named) return { kind: 'page', page: named, fragment }
    const found = stat(file)
    if (found && !found.isDirectory()) {
      if (!found.isFile()) return { kind: 'problem', ruleId: 'asset-not-a-file', reason: `${what} \`${url}\` is not a regular file, so weft does not publish it` }
      if (!isInside(fs.realpathSync.native(file), fs.realpathSync.native(site.root))) {
        return { kind: 'problem', ruleId: 'asset-outside-root', reason: `${what} \`${url}\` is a link to a file outside the site's root`, hint: 'copy the file into the site instead of linking to it' }
      }
      return { kind: 'asset', file, suffix: url.slice(query === -1 ? withoutHash.length : query), url }
    }
    const later = pageName?.extension ? findPage(pageName, base, site) : undefined
    if (later) return { kind: 'page', page: later, fragment }
  }
  const ruleId = isImage ? 'missing-image' : 'dead-link'
  const partial = isMarkdown ? bases.some((base) => stat(path.resolve(base, relative)) !== undefined) : pageName?.ending === '' && bases.some((base) => stat(`${path.resolve(base, relative)}.md`)?.isFile())
  if (partial) return { kind: 'problem', ruleId, reason: `${what} \`${url}\` points at a partial, which is not a page of the site` }
  const near = suggest(relative, name, bases, site, isImage, fromRoot)
  const hint = near === undefined ? undefined : `did you mean \`${fromRoot ? '/' : ''}${near}${url.slice(query === -1 ? withoutHash.length : query)}\`?`
  return hint ? { kind: 'problem', ruleId, reason: `${what} \`${url}\` leads nowhere`, hint } : { kind: 'problem', ruleId, reason: `${what} \`${url}\` leads nowhere` }
}

/** A page or file with a close name, spelled as the author spelled `relative`; pages first. */
function suggest(relative: string, name: PageName, bases: string[], site: Site, isImage: boolean, fromRoot: boolean): string | undefined {
  if (!isImage) {
    const dotSlash = relative.startsWith('./')
    const near = closestPath(relative, bases.flatMap((base) => [...spellPages(name, base, site, fromRoot, dotSlash)]))
    if (near !== undefined || name.ending === '.md') return near
  }
  for (const base of bases) {
    const near = correctOnDisk(base, relative, site.root, (file) => !/\.md$/i.test(file))
    if (near !== undefined) return near
  }
  return undefined
}
