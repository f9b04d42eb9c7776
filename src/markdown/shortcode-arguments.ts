// Reads a shortcode line: `[[ open_div \`style='…'\` "class='x'" ]]` → its name and
// the quoted strings after it. Authors quote with \`…\`, `…`, "…" or '…'.

export interface ShortcodeCall {
  name: string
  args: string[]
}

export function parseShortcode(line: string): ShortcodeCall | { error: string } {
  const inner = line.trim().replace(/^\[\[/, '').replace(/\]\]$/, '')
  const head = /^\s*([A-Za-z_][\w-]*)/.exec(inner)
  if (!head) return { error: 'a shortcode starts with its name' }
  const args: string[] = []
  let index = head[0].length
  while (index < inner.length) {
    const char = inner[index]!
    if (char === ' ' || char === '\t') {
      index++
      continue
    }
    const quote = inner.startsWith('\\`', index) ? '\\`' : char
    if (quote !== '\\`' && quote !== '`' && quote !== '"' && quote !== "'") {
      return { error: `expected a quoted string at \`${inner.slice(index, index + 16).trim()}\`` }
    }
    const close = inner.indexOf(quote, index + quote.length)
    if (close === -1) return { error: `the quote ${quote} opened at \`${inner.slice(index, index + 16).trim()}\` is never closed` }
    args.push(inner.slice(index + quote.length, close))
    index = close + quote.length
  }
  return { name: head[1]!, args }
}
