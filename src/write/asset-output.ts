// Where a copied file lands in the site: files under the content folder keep their
// place relative to it, others (the top-level `images/`) relative to the root.

import path from 'node:path'
import { isInside } from '../expand/resolve-include.js'
import type { Site } from '../load/site.js'

export function assetOutput(file: string, site: Site): string {
  const base = isInside(file, site.contentDir) ? site.contentDir : site.root
  return path.relative(base, file).split(path.sep).join('/')
}
