// Reads one candidate page: its text (through the source store), its front matter,
// and the two keys weft itself needs, `title` and `menu_order`, checked.

import type { Diagnostics } from '../core/diagnostics.js'
import { readFrontMatter } from './front-matter.js'
import { readNavKeys, type NavKeys } from './nav-keys.js'
import { sourceProblems, type SourceStore } from './source-store.js'

export interface PageSource extends NavKeys {
  file: string
  title: string
  menuOrder: number | undefined
  data: Record<string, unknown>
  bodyOffset: number
  /** Offset of the `menu_order` line, for messages about it. */
  menuOrderOffset: number
}

const unreadable = { ...sourceProblems, binary: `${sourceProblems.binary}, not markdown` }

/** The page, `'no-front-matter'` for a file that may be a partial, or `undefined` after reporting a problem. */
export function readPage(file: string, sources: SourceStore, diagnostics: Diagnostics): PageSource | 'no-front-matter' | undefined {
  const source = sources.read(file)
  if (source.problem) {
    diagnostics.error('unreadable-file', `\`${diagnostics.relative(file)}\` ${unreadable[source.problem]}`, { file, offset: 0 })
    return undefined
  }
  const text = source.text
  const header = readFrontMatter(text)
  if ('reason' in header) {
    diagnostics.error(header.ruleId, header.reason, { file, offset: header.offset })
    return undefined
  }
  if (!header.present) return 'no-front-matter'
  // A copy: the parsed values may be slices of the page's text, and each would keep
  // the whole text alive for as long as the site does.
  const data = structuredClone(header.data)
  const keyOffset = (key: string) => {
    const match = new RegExp(`^[ \\t]*${key}[ \\t]*:`, 'm').exec(text.slice(0, header.bodyOffset))
    return match ? match.index + match[0].length - match[0].trimStart().length : 0
  }
  let ok = true
  const title = data.title
  if (title === undefined || title === null || (typeof title === 'string' && title.trim() === '')) {
    diagnostics.error('missing-title', title === undefined ? 'Page has no `title` in its front matter' : 'Page has an empty `title`', { file, offset: title === undefined ? 0 : keyOffset('title') }, 'add a line `title: …` between the `---` lines')
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
    title: String(title).trim(),
    data,
    bodyOffset: header.bodyOffset,
    ...readNavKeys(data, keyOffset, file, diagnostics),
  }
}
