// Gives every heading with an id a link to itself (works without JavaScript), and
// collects the `##`/`###` headings for the theme's "On this page" list.

import type { Root } from 'hast'
import { toString } from 'hast-util-to-string'
import type { VFile } from 'vfile'
import type { TocEntry } from '../core/compiled-page.js'
import { pageData } from './context.js'
import { walkElements } from './walk-elements.js'

export type { TocEntry }

const heading = /^h([2-6])$/

export function rehypeHeadingAnchors() {
  return (tree: Root, file: VFile) => {
    const data = pageData(file)
    walkElements(tree, (element) => {
      const match = heading.exec(element.tagName)
      const id = element.properties.id
      if (!match || typeof id !== 'string') return
      const depth = Number(match[1])
      if (depth <= 3) data.toc.push({ depth, id, text: toString(element).trim() })
      element.children.push({
        type: 'element',
        tagName: 'a',
        properties: { className: ['heading-anchor'], href: `#${id}`, ariaLabel: 'Link to this section', dataPagefindIgnore: '' },
        children: [{ type: 'text', value: '#' }],
      })
    })
  }
}

