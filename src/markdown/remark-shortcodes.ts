// Stage 2: pairs `[[ open_x ]]` with `[[ close_x ]]` and moves the blocks between
// them into one element (`<div>`, `<details>` with its `<summary>`, or any tag), so
// the HTML is properly nested. Pairs may span includes; each parent (the page, a
// list item, a quote) pairs its own shortcodes. Outside weft, in any unified
// pipeline, its problems are messages on the vfile.

import type { Parent, Root, RootContent, Shortcode } from 'mdast'
import type { Data } from 'unist'
import type { Properties } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import type { VFile } from 'vfile'
import { reporterFor, type Reporter } from './context.js'
import { parseShortcode } from './shortcode-arguments.js'
import { shortcodeFromMarkdown, shortcodeSyntax } from './shortcode-syntax.js'
import type { Processor } from 'unified'

/** The element a pair of shortcodes becomes, as mdast that remark-rehype turns into `data.hName`. */
export interface ShortcodeBlock extends Parent {
  type: 'shortcodeBlock'
  name: string
  children: RootContent[]
  data: Data & { hName: string; hProperties: Properties }
}

declare module 'mdast' {
  interface RootContentMap {
    shortcodeBlock: ShortcodeBlock
  }
  interface BlockContentMap {
    shortcodeBlock: ShortcodeBlock
  }
}

const tagName = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/i

export function remarkShortcodes(this: Processor) {
  const data = this.data()
  ;(data.micromarkExtensions ??= []).push(shortcodeSyntax())
  ;(data.fromMarkdownExtensions ??= []).push(shortcodeFromMarkdown())
  return (tree: Root, file: VFile) => {
    nest(tree, reporterFor(file))
  }
}

interface Open {
  block: ShortcodeBlock
  node: Shortcode
  /** `div`, `details` or the tag of `open_tag`. */
  kind: string
}

function nest(parent: Parent, reporter: Reporter): void {
  const result: RootContent[] = []
  const stack: Open[] = []
  const report = (ruleId: string, reason: string, node: Shortcode, hint?: string) => reporter.error(ruleId, reason, node, hint)

  for (const child of parent.children as RootContent[]) {
    if (child.type !== 'shortcode') {
      if ('children' in child) nest(child, reporter)
      ;(stack.at(-1)?.block.children ?? result).push(child)
      continue
    }
    const call = parseShortcode(child.value)
    if ('error' in call) {
      report('shortcode-syntax', `Cannot read shortcode \`${child.value.trim()}\`: ${call.error}`, child)
      continue
    }
    const opening = /^open_(div|details|tag)$/.exec(call.name)
    const closing = /^close_(div|details|tag)$/.exec(call.name)
    if (opening) {
      const made = openBlock(opening[1]!, call.args)
      if ('error' in made) {
        report('shortcode-syntax', `\`${child.value.trim()}\`: ${made.error}`, child)
        continue
      }
      made.position = child.position
      ;(stack.at(-1)?.block.children ?? result).push(made)
      stack.push({ block: made, node: child, kind: made.name })
    } else if (closing) {
      const kind = closing[1] === 'tag' ? (call.args[0] ?? '').toLowerCase() : closing[1]!
      if (closing[1] === 'tag' && !kind) {
        report('shortcode-syntax', '`close_tag` needs the quoted tag name it closes', child, 'write `[[ close_tag "section" ]]`')
        continue
      }
      const top = stack.at(-1)
      if (!top) {
        report('unopened-shortcode', `\`${child.value.trim()}\` closes nothing: no \`open_${closing[1]}\` is open here`, child)
        continue
      }
      if (top.kind !== kind) {
        const where = reporter.where(top.node)
        report('crossed-shortcode', `\`${child.value.trim()}\` crosses \`${top.node.value.trim()}\` (opened at ${where}), which must close first`, child)
        // Recover by closing the matching open, if there is one, and keeping the rest open.
        const match = stack.findLastIndex((open) => open.kind === kind)
        if (match !== -1) stack.splice(match, 1)
        continue
      }
      stack.pop()
    } else {
      report('unknown-shortcode', `Unknown shortcode \`${call.name}\``, child, 'weft knows `open_div`/`close_div`, `open_details`/`close_details` and `open_tag`/`close_tag`')
    }
  }
  for (const open of stack) {
    report('unclosed-shortcode', `\`${open.node.value.trim()}\` is never closed`, open.node, `add \`[[ close_${open.kind === 'div' || open.kind === 'details' ? open.kind : `tag "${open.kind}"`} ]]\` where the block ends`)
  }
  parent.children = result
}

function openBlock(kind: string, args: string[]): ShortcodeBlock | { error: string } {
  let name = kind
  if (kind === 'tag') {
    const [tag, ...rest] = args
    if (!tag || !tagName.test(tag)) return { error: 'give the element name first, as in `[[ open_tag "section" ]]`' }
    name = tag.toLowerCase()
    args = rest
  }
  const attributes = readAttributes(args.join(' '))
  if ('error' in attributes) return attributes
  const { properties } = attributes
  const children: RootContent[] = []
  if (kind === 'details') {
    const summary = typeof properties.summary === 'string' ? properties.summary : 'Details'
    delete properties.summary
    children.push({ type: 'shortcodeBlock', name: 'summary', children: [{ type: 'text', value: summary }] as never, data: { hName: 'summary', hProperties: {} } })
  }
  return { type: 'shortcodeBlock', name, children, data: { hName: name, hProperties: properties } }
}

/** Raw HTML attributes (`style='…' class="x"`) read by an HTML parser, as a browser would. */
function readAttributes(source: string): { properties: Properties } | { error: string } {
  if (source.trim() === '') return { properties: {} }
  const fragment = fromHtml(`<div ${source}></div>`, { fragment: true })
  const [element, ...rest] = fragment.children
  if (!element || element.type !== 'element' || rest.length > 0 || element.children.length > 0) {
    return { error: `cannot read \`${source}\` as HTML attributes` }
  }
  return { properties: element.properties }
}
