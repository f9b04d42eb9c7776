// A site's tree made in memory, in a millisecond: files (path below the site's root →
// text) go into a source store, every `.md` under `content/` is read as a page, and
// the tree is built as a build builds it. Nothing is read from disk but the absence
// of the metadata files a test does not give.

import path from 'node:path'
import { Diagnostics, type WeftMessage } from '../../src/core/diagnostics.js'
import type { Site } from '../../src/core/site.js'
import { titleFromName } from '../../src/load/first-heading.js'
import { buildTree } from '../../src/load/page-tree.js'
import { readPage, type PageSource } from '../../src/load/read-page.js'
import { SourceStore } from '../../src/load/source-store.js'

export const fakeRoot = path.join(path.sep, 'nonexistent-weft-site')

export function siteTree(files: Record<string, string>, siteTitle = 'Docs'): { site: Site; messages: WeftMessage[]; where: (message: WeftMessage) => string } {
  const store = new SourceStore()
  const contentDir = path.join(fakeRoot, 'content')
  const diagnostics = new Diagnostics(store, fakeRoot)
  const sources: PageSource[] = []
  for (const [name, text] of Object.entries(files)) store.set(path.join(fakeRoot, name), text)
  for (const name of Object.keys(files).sort()) {
    if (!name.endsWith('.md')) continue
    const file = path.join(fakeRoot, name)
    const source = readPage(file, store, diagnostics, () => titleFromName(file))
    if (source) sources.push(source)
  }
  const site = buildTree(sources, { root: fakeRoot, contentDir, siteTitle, diagnostics, store })
  return { site, messages: diagnostics.messages, where: (message) => `${message.file}:${message.line}:${message.column}` }
}

/** The tree as text, one entry a line, indented by depth: `[Section]` for a folder without an index page. */
export function outline(site: Site): string[] {
  const lines: string[] = []
  const visit = (node: Site['roots'][number], depth: number) => {
    const label = 'kind' in node ? `[${node.title}]` : (node.navTitle ?? node.title)
    lines.push(`${'  '.repeat(depth)}${label}`)
    for (const child of node.children) visit(child, depth + 1)
  }
  for (const node of site.roots) visit(node, 0)
  return lines
}
