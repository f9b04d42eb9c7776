// Stage 1: turns a page's body into the markdown that stage 2 parses, by expanding
// includes (nested, from the file that holds them), gitdown's JSON directives,
// `{{ build_info }}` and escapes; text between `<!-- gitdown: off -->` and
// `<!-- gitdown: on -->` is kept as written and the two switches are dropped, as
// gitdown dropped them. Every run of the result is recorded in a `SourceMap`, so
// later stages can point at the file and line an author wrote.

import path from 'node:path'
import type { Diagnostics, Origin } from '../core/diagnostics.js'
import { sourceProblems, type SourceStore } from '../load/source-store.js'
import { readFrontMatter } from '../load/front-matter.js'
import { scanDirectives, type Directive } from './directives.js'
import { resolveInclude } from './resolve-include.js'
import { selectLines, selectRegion, type Range } from './select-lines.js'
import { SourceMap } from './source-map.js'
import { renderContents } from './contents.js'
import { maxPageCharacters } from './limits.js'

export interface ExpandOptions {
  root: string
  sources: SourceStore
  diagnostics: Diagnostics
  /** What `{{ build_info }}` becomes. */
  buildInfo: string
  /** Collects every path an include was looked for at, found or not (see `probes.ts`). */
  probes?: Map<string, string>
}

export interface Expanded {
  text: string
  map: SourceMap
  /** Every file the page pulled in, directly or not. */
  includes: Set<string>
}

/** How deep includes may nest before weft calls it a runaway. */
export const maxIncludeDepth = 50

const markdownExtensions = new Set(['.md', '.markdown', '.mdown'])

export function expandPage(page: string, bodyOffset: number, options: ExpandOptions): Expanded {
  const first = expandOnce(page, bodyOffset, options, undefined)
  if (!first.contents) return first
  // gitdown's `contents` lists the page's headings, includes and all: it needs the
  // expanded text first, then the page is expanded again with the list in place.
  const list = renderContents(first.text, first.contents.maxLevel)
  if (list === undefined) {
    options.diagnostics.error('contents-without-headings', 'gitdown `contents` is used on a page that has no headings', first.contents.origin)
    return first
  }
  return expandOnce(page, bodyOffset, options, list)
}

interface Pass extends Expanded {
  contents?: { maxLevel: number; origin: Origin }
}

function expandOnce(page: string, bodyOffset: number, options: ExpandOptions, contents: string | undefined): Pass {
  const text = options.sources.read(page).text
  const pass: Pass = { text: '', map: new SourceMap({ file: page, offset: bodyOffset }), includes: new Set() }
  const parts: string[] = []
  const state: State = { ...options, size: 0, tooLarge: false, page, pass, parts, contentsList: contents }
  expandRange(state, page, text, { start: bodyOffset, end: text.length }, [], [page])
  pass.text = parts.join('')
  return pass
}

interface State extends ExpandOptions {
  /** Characters written so far. */
  size: number
  tooLarge: boolean
  page: string
  pass: Pass
  parts: string[]
  contentsList: string | undefined
}

function expandRange(state: State, file: string, text: string, range: Range, chain: readonly Origin[], stack: readonly string[]): void {
  const { pass, parts } = state
  const copy = (from: number, to: number) => {
    if (to <= from) return
    parts.push(text.slice(from, to))
    state.size += to - from
    pass.map.copy(to - from, file, from, chain)
  }
  const generate = (value: string, at: number) => {
    if (value === '') return
    parts.push(value)
    state.size += value.length
    pass.map.generate(value.length, { file, offset: at, chain })
  }
  const slice = text.slice(range.start, range.end)
  let cursor = 0
  let off = false
  for (const directive of scanDirectives(slice)) {
    if (off && directive.kind !== 'on' && directive.kind !== 'off') continue
    const start = range.start + directive.start
    const end = range.start + directive.end
    const origin: Origin = { file, offset: start, chain }
    copy(range.start + cursor, start)
    cursor = directive.end
    switch (directive.kind) {
      // gitdown drops the switches themselves from its output, the line breaks around them kept.
      case 'off':
        off = true
        break
      case 'on':
        off = false
        break
      case 'escape':
        // The backslash goes; the directive after it is copied as plain text.
        break
      case 'build-info':
        generate(state.buildInfo, start)
        break
      case 'contents':
        if (state.contentsList === undefined) pass.contents ??= { maxLevel: directive.maxLevel, origin }
        else generate(state.contentsList, start)
        break
      case 'unknown':
        state.diagnostics.warn('unknown-directive', `Unknown directive \`{{ ${directive.name} … }}\` is kept as text`, origin, 'weft knows `include` and `build_info`; write `\\{{` to show braces literally')
        copy(start, end)
        break
      case 'problem': {
        const at = directive.at === undefined ? origin : { ...origin, offset: range.start + directive.at }
        state.diagnostics.error(directive.ruleId, directive.reason, at, directive.hint)
        break
      }
      case 'include':
        include(state, directive, origin, stack)
        break
    }
  }
  copy(range.start + cursor, range.end)
}

function include(state: State, directive: Extract<Directive, { kind: 'include' }>, origin: Origin, stack: readonly string[]): void {
  const { diagnostics, sources, root } = state
  const from = origin.file
  const resolved = resolveInclude(directive.path, from, state.page, root, (file) => diagnostics.relative(file), state.probes)
  if (!('file' in resolved)) {
    diagnostics.error(resolved.ruleId, resolved.reason, origin, resolved.hint)
    return
  }
  const file = resolved.file
  if (stack.includes(file)) {
    const cycle = [...stack.slice(stack.indexOf(file)), file].map((name) => `\`${diagnostics.relative(name)}\``).join(' → ')
    diagnostics.error('include-cycle', `Include cycle: ${cycle}`, origin)
    return
  }
  if (stack.length > maxIncludeDepth) {
    diagnostics.error('include-too-deep', `Includes nest more than ${maxIncludeDepth} deep`, origin, 'look for a runaway chain of includes')
    return
  }
  if (state.size > maxPageCharacters) {
    // Includes that multiply (each file pulling in the next twice) would not end.
    if (!state.tooLarge) diagnostics.error('page-too-large', `The page grows past ${maxPageCharacters / 1_000_000} million characters with its includes`, origin, 'look for includes that pull in the same large file many times')
    state.tooLarge = true
    return
  }
  state.pass.includes.add(file)
  const source = sources.read(file)
  if (source.problem) {
    diagnostics.error('include-unreadable', `Include \`${directive.path}\` ${sourceProblems[source.problem]}`, origin)
    return
  }
  const text = source.text
  let range: Range = { start: 0, end: text.length }
  if (markdownExtensions.has(path.extname(file).toLowerCase())) {
    const header = readFrontMatter(text)
    if ('bodyOffset' in header) range.start = header.bodyOffset
  }
  const { lines, region } = directive.params
  const picked = lines !== undefined ? selectLines(text, lines) : region !== undefined ? selectRegion(text, region) : undefined
  if (picked && 'reason' in picked) {
    diagnostics.error('include-range', `${picked.reason} in \`${directive.path}\``, origin)
    return
  }
  if (picked) range = picked
  else range.end = withoutFinalBreak(text, range.start, range.end)
  const chain = [origin, ...(origin.chain ?? [])]
  expandRange(state, file, text, range, chain, [...stack, file])
}

/** A file's last line break ends its last line; it is not text to paste. */
function withoutFinalBreak(text: string, start: number, end: number): number {
  if (end > start && text[end - 1] === '\n') end--
  if (end > start && text[end - 1] === '\r') end--
  return end
}
