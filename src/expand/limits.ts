// Refuses pages that would take the markdown parser minutes or overflow the stack:
// a page whose expanded text is too large, or whose lists and quotes nest too
// deep (micromark's time grows with the square of the nesting). Real guides stay
// far below both limits.

import type { Diagnostics } from '../core/diagnostics.js'
import type { SourceMap } from './source-map.js'

export const maxPageCharacters = 2_000_000
export const maxNesting = 100

/** Whether the page may go on to stage 2; reports why not when it may not. */
export function checkLimits(expanded: { text: string; map: SourceMap }, diagnostics: Diagnostics): boolean {
  const text = expanded.text
  if (text.length > maxPageCharacters) {
    // Stage 1 may have said so already, at the include that grew too much.
    if (diagnostics.messages.some((message) => message.ruleId === 'page-too-large')) return false
    const size = (text.length / 1_000_000).toFixed(1)
    diagnostics.error('page-too-large', `Page is ${size} million characters after its includes; weft renders pages of up to ${maxPageCharacters / 1_000_000} million`, { file: expanded.map.origin(0).file, offset: 0 }, 'split it into several pages')
    return false
  }
  const deep = findDeepNesting(text)
  if (deep !== undefined) {
    diagnostics.error('nesting-too-deep', `Lists or quotes nest more than ${maxNesting} deep here`, expanded.map.origin(deep), 'flatten the structure; no reader follows that many levels')
    return false
  }
  return true
}

/** The offset of the first line that opens more than `maxNesting` containers, if any. */
function findDeepNesting(text: string): number | undefined {
  const prefix = /(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))+/y
  let start = 0
  while (start < text.length) {
    let end = text.indexOf('\n', start)
    if (end === -1) end = text.length
    const first = text.charCodeAt(start)
    // Only lines that start with white space or a container marker can nest.
    if (first === 32 || first === 9 || first === 62 || first === 45 || first === 42 || first === 43 || (first >= 48 && first <= 57)) {
      prefix.lastIndex = start
      const match = prefix.exec(text)
      const markers = match ? (match[0].match(/>|[-*+]|\d+[.)]/g)?.length ?? 0) : 0
      let indent = 0
      for (let index = start; index < end; index++) {
        const code = text.charCodeAt(index)
        if (code === 32) indent++
        else if (code === 9) indent += 4
        else break
      }
      // A nested list item is indented at least two columns per level.
      if (markers > maxNesting || indent / 2 > maxNesting) return start
    }
    start = end + 1
  }
  return undefined
}
