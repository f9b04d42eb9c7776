// Gives every heading with an id a link to itself (works without JavaScript), and
// collects the `##`/`###` headings for the theme's "On this page" list.

import type { Element, Root } from 'hast'
import type { VFile } from 'vfile'
import { visit } from 'unist-util-visit'
import { pageData } from './context.js'

export interface TocEntry {
  depth: number
  id: string
  text: string
}

const heading = /^h([2-6])$/

export function rehypeHeadingAnchors() {
  return (tree: Root, file: VFile) => {
    const data = pageData(file)
    visit(tree, 'element', (element) => {
      const match = heading.exec(element.tagName)
      const id = element.properties.id
      if (!match || typeof id !== 'string') return
      const depth = Number(match[1])
      if (depth <= 3) data.toc.push({ depth, id, text: textOf(element).trim() })
      element.children.push({
        type: 'element',
        tagName: 'a',
        properties: { className: ['heading-anchor'], href: `#${id}`, ariaLabel: 'Link to this section', dataPagefindIgnore: '' },
        children: [{ type: 'text', value: '#' }],
      })
    })
  }
}

function textOf(element: Element): string {
  let text = ''
  visit(element, 'text', (node) => {
    text += node.value
  })
  return text
}
