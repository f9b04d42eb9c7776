// Picks part of an included file: `lines="3-10"` (or `"3-"`, `"-10"`), or a named
// region between `#region name`/`#endregion name` or `ANCHOR: name`/`ANCHOR_END: name`
// markers in any comment syntax, the marker lines left out.

export interface Range {
  start: number
  end: number
}

export function selectLines(text: string, spec: string): Range | { reason: string } {
  const match = /^\s*(\d*)\s*-\s*(\d*)\s*$|^\s*(\d+)\s*$/.exec(spec)
  if (!match || (match[1] === '' && match[2] === '')) return { reason: `\`lines="${spec}"\` is not a range like \`3-10\`, \`3-\` or \`-10\`` }
  const lines = lineStarts(text)
  const count = lines.length
  const first = Number(match[3] ?? (match[1] || 1))
  const last = match[3] !== undefined ? first : match[2] ? Number(match[2]) : count
  if (first < 1 || last < first) return { reason: `\`lines="${spec}"\` is an empty range` }
  if (last > count) return { reason: `\`lines="${spec}"\` goes past the end of the file, which has ${count} line${count === 1 ? '' : 's'}` }
  return { start: lines[first - 1]!, end: lineEnd(text, lines, last - 1) }
}

export function selectRegion(text: string, name: string): Range | { reason: string } {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const open = new RegExp(`(?:#region|ANCHOR:)[ \\t]*${escaped}(?![\\w-])`)
  const close = new RegExp(`(?:#endregion|ANCHOR_END:)[ \\t]*${escaped}(?![\\w-])`)
  const lines = lineStarts(text)
  let start: number | undefined
  for (let index = 0; index < lines.length; index++) {
    const line = text.slice(lines[index], lineEnd(text, lines, index))
    if (start === undefined && open.test(line)) start = index + 1
    else if (start !== undefined && close.test(line)) {
      if (index === start) return { start: lines[start]!, end: lines[start]! }
      return { start: lines[start]!, end: lineEnd(text, lines, index - 1) }
    }
  }
  if (start === undefined) return { reason: `No region \`${name}\` (a \`#region ${name}\` or \`ANCHOR: ${name}\` line)` }
  return { reason: `Region \`${name}\` is never closed (by \`#endregion ${name}\` or \`ANCHOR_END: ${name}\`)` }
}

/** Offsets where each line starts; a final line break does not start a new line. */
function lineStarts(text: string): number[] {
  const starts = [0]
  const breaks = /\r\n|\r|\n/g
  let match: RegExpExecArray | null
  while ((match = breaks.exec(text))) {
    const next = match.index + match[0].length
    if (next < text.length) starts.push(next)
  }
  return starts
}

/** Offset where line `index` ends, before its line break. */
function lineEnd(text: string, starts: number[], index: number): number {
  const next = starts[index + 1] ?? text.length
  let end = next
  if (text[end - 1] === '\n') end--
  if (text[end - 1] === '\r') end--
  return Math.max(starts[index]!, end)
}
