// rehype-raw, on the pages that have raw HTML. Sending a whole page through parse5
// and back costs a sixth of its transform; a page without a `raw` node needs only
// the two things that round trip changes in a tree made from markdown: adjacent
// texts become one, and an attribute that is not a boolean one (`data-footnote-ref`)
// set to `true` becomes `""`. With those, such a page comes out as rehype-raw would
// make it, byte for byte and with the same start positions (test/markdown/raw-html.test.ts).

import type { Element, Nodes, Root, RootContent, Text } from 'hast'
import { find, html } from 'property-information'
import rehypeRaw from 'rehype-raw'
import type { VFile } from 'vfile'

export function rehypeRawHtml() {
  const parse = rehypeRaw()
  return (tree: Root, file: VFile): Root => {
    if (hasRaw(tree)) return parse(tree, file)
    normalize(tree)
    return tree
  }
}

function hasRaw(node: Nodes): boolean {
  if (node.type === 'raw') return true
  if ('children' in node) for (const child of node.children) if (hasRaw(child)) return true
  // A `<template>`'s content is a tree of its own.
  return node.type === 'element' && node.content !== undefined && hasRaw(node.content)
}

/** What parse5's round trip would do to a tree without raw HTML. */
function normalize(node: Root | Element): void {
  if (node.type === 'element') trueAttributes(node)
  const children: RootContent[] = []
  for (const child of node.children) {
    const last = children[children.length - 1]
    // One text, where the first began.
    if (child.type === 'text' && last?.type === 'text') {
      children[children.length - 1] = { ...last, value: last.value + child.value } satisfies Text
      continue
    }
    if (child.type === 'element') normalize(child)
    children.push(child)
  }
  node.children = children as typeof node.children
  if (node.type === 'element' && node.content) normalize(node.content)
}

/** An attribute that is not a boolean one, set to `true`: parse5 reads `name` as `name=""`. */
function trueAttributes(element: Element): void {
  for (const [name, value] of Object.entries(element.properties)) {
    if (value !== true) continue
    const info = find(html, name)
    if (!info.boolean && !info.overloadedBoolean) element.properties[name] = ''
  }
}
