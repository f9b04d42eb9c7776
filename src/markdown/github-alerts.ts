// GitHub's alerts: a block quote whose first line is `[!NOTE]`, `[!TIP]`,
// `[!IMPORTANT]`, `[!WARNING]` or `[!CAUTION]` (in any case, as GitHub reads it)
// and nothing else becomes a callout of that kind. Written with a backslash
// (`\[!NOTE]`), beside other text, or with nothing below it, it stays a quote.

import type { Blockquote, PhrasingContent } from 'mdast'
import type { Callout } from './callout-syntax.js'
import { alertKinds, defaultTitle, type CalloutKind } from './callout-kinds.js'

const marker = new RegExp(`^\\[!(${alertKinds.join('|')})\\][ \\t]*(\\n|$)`, 'i')

/** The callout `quote` stands for, or `undefined` when it is an ordinary quote. */
export function alertFrom(quote: Blockquote, source: string): Callout | undefined {
  const [first, ...blocks] = quote.children
  if (first?.type !== 'paragraph') return undefined
  const [head, ...inline] = first.children
  if (head?.type !== 'text') return undefined
  const match = marker.exec(head.value)
  if (!match) return undefined
  // The text of `\[!NOTE]` reads `[!NOTE]` too: the source tells them apart.
  if (head.position && source.charAt(head.position.start.offset ?? -1) !== '[') return undefined

  const rest: PhrasingContent[] = [...inline]
  const remainder = head.value.slice(match[0].length)
  if (remainder) rest.unshift({ type: 'text', value: remainder })
  else if (!match[2]) {
    // The marker ended its text: what follows must be on the next line.
    if (rest[0]?.type === 'break') rest.shift()
    else if (rest.length > 0) return undefined
  }
  const children = rest.length > 0 ? [{ ...first, children: rest }, ...blocks] : blocks
  if (children.length === 0) return undefined

  const kind = match[1]!.toLowerCase() as CalloutKind
  return {
    type: 'callout',
    kind,
    closed: true,
    children: [{ type: 'calloutTitle', children: [{ type: 'text', value: defaultTitle(kind) }] }, ...children],
    ...(quote.position ? { position: quote.position } : {}),
  }
}
