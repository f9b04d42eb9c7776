// `weft expand FILE`: one file after stage 1, front matter kept, for authors who
// want to see the markdown a page becomes. Text without directives comes back as is.

import path from 'node:path'
import { Diagnostics, type WeftMessage } from '../core/diagnostics.js'
import { readFrontMatter } from '../load/front-matter.js'
import { SourceStore, sourceProblems } from '../load/source-store.js'
import { expandPage } from './expand.js'

export interface ExpandFileOptions {
  root?: string
  buildInfo?: string
}

export function expandFile(file: string, options: ExpandFileOptions = {}): { text: string; messages: WeftMessage[] } {
  const root = path.resolve(options.root ?? '.')
  const sources = new SourceStore()
  const diagnostics = new Diagnostics(sources, root)
  const absolute = path.resolve(file)
  const source = sources.read(absolute)
  if (source.problem) {
    diagnostics.error('unreadable-file', `\`${diagnostics.relative(absolute)}\` ${sourceProblems[source.problem]}`, { file: absolute, offset: 0 })
    return { text: '', messages: diagnostics.messages }
  }
  const header = readFrontMatter(source.text)
  const bodyOffset = 'bodyOffset' in header ? header.bodyOffset : 0
  const expanded = expandPage(absolute, bodyOffset, { root, sources, diagnostics, buildInfo: options.buildInfo ?? process.env.WEFT_BUILD_INFO ?? '' })
  return { text: source.text.slice(0, bodyOffset) + expanded.text, messages: diagnostics.messages }
}
