// Lists the markdown files of a site: pages under the content folder, and
// partials (files in an `includes`/`_includes` folder or named `_x.md`), which
// are only ever pulled into pages.

import fs from 'node:fs'
import path from 'node:path'
import { compareText } from '../core/compare-text.js'
import { isInside } from '../core/paths.js'

export interface SourceFiles {
  /** Markdown files that may be pages, sorted. */
  pages: string[]
  /** Markdown files that are partials by their name or folder, sorted. */
  partials: string[]
}

const partialFolders = new Set(['includes', '_includes'])

export function findSources(contentDir: string): SourceFiles {
  const found: SourceFiles = { pages: [], partials: [] }
  walk(contentDir, false, found)
  return found
}

function walk(folder: string, inPartials: boolean, found: SourceFiles): void {
  const entries = fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => compareText(a.name, b.name))
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue
    const file = path.join(folder, entry.name)
    if (entry.isDirectory()) walk(file, inPartials || partialFolders.has(entry.name), found)
    else if (entry.isFile() && /\.md$/i.test(entry.name)) {
      ;(inPartials || entry.name.startsWith('_') ? found.partials : found.pages).push(file)
    }
  }
}

/** Markdown files in the root's `includes/` folder: partials too, when outside the content folder. */
export function findRootIncludes(config: { root: string; contentDir: string }): string[] {
  const folder = path.join(config.root, 'includes')
  if (!fs.existsSync(folder) || isInside(folder, config.contentDir)) return []
  return (fs.readdirSync(folder, { recursive: true }) as string[])
    .filter((name) => /\.md$/i.test(name))
    .sort()
    .map((name) => path.join(folder, name))
}
