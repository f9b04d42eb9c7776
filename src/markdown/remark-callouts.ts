// Stage 2: callouts. `:::tip … :::` (see `callout-syntax.ts`) and GitHub's
// `> [!TIP]` alerts become `<div class="callout callout-tip" role="note">` with a
// `<p class="callout-title">`, and `:::details` a `<details>` with a `<summary>`.
// A `:::name` line that opens no callout stays the text it is, with a warning;
// so does a callout that is never closed. Warnings are messages on the vfile,
// which weft reports where the author wrote them, through includes.

import type { Paragraph, Parent, Root, RootContent } from 'mdast'
import type { Processor } from 'unified'
import type { VFile } from 'vfile'
import { visit } from 'unist-util-visit'
import { calloutKindList, defaultTitle, isCalloutKind } from './callout-kinds.js'
import { calloutFromMarkdown, calloutSyntax, type Callout } from './callout-syntax.js'
import { alertFrom } from './github-alerts.js'

export function remarkCallouts(this: Processor) {
  const data = this.data()
  ;(data.micromarkExtensions ??= []).push(calloutSyntax())
  ;(data.fromMarkdownExtensions ??= []).push(calloutFromMarkdown())
  return (tree: Root, file: VFile) => {
    const source = String(file.value)
    replaceAlerts(tree, source)
    visit(tree, 'callout', (node) => {
      render(node)
      if (!node.closed) warn(file, node, 'unclosed-callout', `\`:::${node.kind}\` is never closed, so the callout takes in everything after it, to the end of the page, list item or quote it is in`, 'add a line of `:::` where the callout ends')
    })
    visit(tree, 'paragraph', (node) => warnUnreadFences(node, source, file))
  }
}

/** Block quotes that are GitHub alerts, at any depth, become callouts. */
function replaceAlerts(parent: Parent, source: string): void {
  const children = parent.children as RootContent[]
  for (let index = 0; index < children.length; index++) {
    let child = children[index]!
    if (child.type === 'blockquote') child = children[index] = alertFrom(child, source) ?? child
    if ('children' in child) replaceAlerts(child, source)
  }
}

/** The HTML a callout becomes, through remark-rehype's `hName` and `hProperties`. */
function render(node: Callout): void {
  const details = node.kind === 'details'
  let [title] = node.children
  if (title?.type !== 'calloutTitle') {
    title = { type: 'calloutTitle', children: [{ type: 'text', value: defaultTitle(node.kind) }] }
    node.children.unshift(title)
  }
  title.data = details ? { hName: 'summary' } : { hName: 'p', hProperties: { className: ['callout-title'] } }
  node.data = details
    ? { hName: 'details', hProperties: { className: ['callout', 'callout-details'] } }
    : { hName: 'div', hProperties: { className: ['callout', `callout-${node.kind}`], role: 'note' } }
}

/** A line of the form `:::name …` in a paragraph: a callout weft does not know, or cannot read. */
const fenceLine = /(^|\n)[ \t]*(:{3,})[ \t]*([A-Za-z][\w-]*)([^\n]*)/g

function warnUnreadFences(paragraph: Paragraph, source: string, file: VFile): void {
  let atLineStart = true
  for (const child of paragraph.children) {
    if (child.type === 'text' && child.position) {
      for (const match of child.value.matchAll(fenceLine)) {
        if (!match[1] && !(atLineStart && match.index === 0)) continue
        const line = child.position.start.line + countLines(child.value.slice(0, match.index + match[1]!.length))
        // `\:::foo` shows `:::foo` as text, with no warning.
        const column = unescapedColumn(source, line, `${match[2]}${match[3]}`)
        if (column === undefined) continue
        const fence = `${match[2]}${match[3]}${match[4]!.trimEnd()}`
        const place = { line, column }
        if (isCalloutKind(match[3]!)) {
          warn(file, place, 'callout-syntax', `Cannot read the callout \`${fence}\`, so it is shown as text`, `write the title after a space (\`:::${match[3]} Read this first\`) or in brackets (\`:::${match[3]}[Read this first]\`), with nothing else on the line`)
        } else {
          warn(file, place, 'unknown-callout', `Unknown callout \`${fence}\` is shown as text`, `weft knows ${calloutKindList}, as in \`:::tip\`; to show the line as text, write \`\\:::\``)
        }
      }
    }
    atLineStart = child.type === 'break'
  }
}

function countLines(text: string): number {
  let count = 0
  for (const character of text) if (character === '\n') count++
  return count
}

/** The column where `written` starts on `line` of the source, unless a backslash escapes it there. */
function unescapedColumn(source: string, line: number, written: string): number | undefined {
  const text = source.split('\n', line)[line - 1] ?? ''
  const at = text.indexOf(written)
  return at === -1 || text.charAt(at - 1) === '\\' ? undefined : at + 1
}

type Place = { position?: Callout['position'] } | { line: number; column: number }

function warn(file: VFile, at: Place, ruleId: string, reason: string, hint: string): void {
  const place = 'line' in at ? at : at.position
  const message = file.message(reason, { place, ruleId, source: 'weft' })
  message.note = hint
}
