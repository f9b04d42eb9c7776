// Which files pages pull in, found without expanding them: a markdown file without
// front matter is a partial when a page includes it, and a page otherwise, and that
// must be known before the site's tree is made.

import type { SourceStore } from '../load/source-store.js'
import { scanDirectives } from './directives.js'
import { resolveInclude } from './resolve-include.js'

/**
 * The files the include directives of `pages` name, directly or through the files they
 * include, resolved as expansion resolves them (directives between `gitdown: off` and
 * `on` do nothing). Unreadable or missing files are skipped: expansion reports them.
 */
export function includedFiles(pages: Iterable<{ file: string; bodyOffset: number }>, sources: SourceStore, root: string): Set<string> {
  const included = new Set<string>()
  const visit = (file: string, page: string, from: number) => {
    const source = sources.read(file)
    if (source.problem) return
    let off = false
    for (const directive of scanDirectives(source.text.slice(from))) {
      if (directive.kind === 'off' || directive.kind === 'on') off = directive.kind === 'off'
      if (off || directive.kind !== 'include') continue
      const resolved = resolveInclude(directive.path, file, page, root, (name) => name)
      if (!('file' in resolved) || included.has(resolved.file)) continue
      included.add(resolved.file)
      visit(resolved.file, page, 0)
    }
  }
  for (const page of pages) visit(page.file, page.file, page.bodyOffset)
  return included
}
