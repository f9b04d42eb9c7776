// Paths and URLs as every stage needs them: whether a file lies inside a folder,
// a page's URL relative to another's, and where a copied file lands in the site.

import path from 'node:path'
import type { Site } from './site.js'

export function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file)
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
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

/** Where a copied file lands: files under the content folder keep their place relative to it, others (the top-level `images/`) relative to the root. */
export function assetOutput(file: string, site: Site): string {
  const base = isInside(file, site.contentDir) ? site.contentDir : site.root
  return path.relative(base, file).split(path.sep).join('/')
}

/** A URL's part decoded, or as written when it is not valid percent-encoding. */
export function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
