// Reads one candidate page: its text (through the source store), its front matter,
// and the two keys weft itself needs, `title` and `menu_order`, checked. A page's
// title comes from its front matter, else its first `# heading`, else its file name.

import type { Diagnostics } from '../core/diagnostics.js'
import { firstHeading } from './first-heading.js'
import { readFrontMatter } from './front-matter.js'
import { readNavKeys, type NavKeys } from './nav-keys.js'
import { sourceProblems, type SourceStore } from './source-store.js'

export interface PageSource extends NavKeys {
  file: string
  /** Whether the file has a front matter header: one without it may be a partial (when a page includes it). */
  frontMatter: boolean
  title: string
  menuOrder: number | undefined
  data: Record<string, unknown>
  bodyOffset: number
  /** Offset of the `menu_order` line, for messages about it. */
  menuOrderOffset: number
}

const unreadable = { ...sourceProblems, binary: `${sourceProblems.binary}, not markdown` }

/** The page, or `undefined` after reporting a problem. `nameTitle`: the title its file name gives it, the last resort. */
export function readPage(file: string, sources: SourceStore, diagnostics: Diagnostics, nameTitle: () => string): PageSource | undefined {
  const source = sources.read(file)
  if (source.problem) {
    diagnostics.error('unreadable-file', `\`${diagnostics.relative(file)}\` ${unreadable[source.problem]}`, { file, offset: 0 })
    return undefined
  }
  const text = source.text
  const header = readFrontMatter(text)
  if ('reason' in header) {
    diagnostics.error(header.ruleId, header.reason, { file, offset: header.offset }, header.hint)
    return undefined
  }
  for (const warning of header.warnings) diagnostics.warn(warning.ruleId, warning.reason, { file, offset: warning.offset }, warning.hint)
  // A copy: the parsed values may be slices of the page's text, and each would keep
  // the whole text alive for as long as the site does.
  const data = structuredClone(header.data)
  const keyOffset = (key: string) => {
    const match = new RegExp(`^[ \\t]*${key}[ \\t]*:`, 'm').exec(text.slice(0, header.bodyOffset))
    return match ? match.index + match[0].length - match[0].trimStart().length : 0
  }
  let ok = true
  const title = data.title === undefined ? (firstHeading(text, header.bodyOffset) ?? nameTitle()) : data.title
  if (title === null || (typeof title === 'string' && title.trim() === '')) {
    diagnostics.error('missing-title', 'Page has an empty `title`', { file, offset: keyOffset('title') }, 'write the title after `title:`, or remove the line to take the page\'s first `# heading`')
    ok = false
  } else if (typeof title === 'object') {
    diagnostics.error('invalid-title', '`title` must be text', { file, offset: keyOffset('title') })
    ok = false
  }
  const order = data.menu_order
  if (order !== undefined && order !== null && !(typeof order === 'number' && Number.isInteger(order))) {
    diagnostics.error('invalid-menu-order', `\`menu_order\` must be a whole number, not \`${String(order)}\``, { file, offset: keyOffset('menu_order') })
    ok = false
  }
  if (!ok) return undefined
  return {
    file,
    frontMatter: header.present,
    title: String(title).trim(),
    data,
    bodyOffset: header.bodyOffset,
    ...readNavKeys(data, keyOffset, file, diagnostics),
  }
}
