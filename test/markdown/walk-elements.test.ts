// weft's walk over a page's HTML tree, which its own plugins share: the order
// unist-util-visit gave them, children as the visitor leaves them, and an early end.

import type { Element, Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { expect, it } from 'vitest'
import { walkElements } from '../../src/markdown/walk-elements.js'

const tree = (): Root => fromHtml('<div id="a"><p id="b">x<em id="c">y</em></p><!-- note --><table id="d"><tr id="e"><td id="f">z</td></tr></table></div><p id="g">w</p>', { fragment: true })

it('goes through every element, parents first, in document order, with its parent', () => {
  const seen: string[] = []
  walkElements(tree(), (element, parent) => {
    seen.push(`${String(element.properties.id ?? element.tagName)}<${parent.type === 'root' ? 'root' : String(parent.properties.id ?? parent.tagName)}`)
  })
  expect(seen).toEqual(['a<root', 'b<a', 'c<b', 'd<a', 'tbody<d', 'e<tbody', 'f<e', 'g<root'])
})

it('walks the children an element has once the visitor returns, and ends when the visitor says so', () => {
  const root = tree()
  const seen: string[] = []
  const ended = walkElements(root, (element, parent) => {
    seen.push(String(element.properties.id ?? element.tagName))
    // Wrapped as weft wraps tables: the table, now a child of its wrapper, is walked next.
    if (element.tagName === 'table' && !(parent.type === 'element' && String(parent.properties.className) === 'wrap')) {
      const copy: Element = { ...element }
      Object.assign(element, { tagName: 'div', properties: { className: ['wrap'] }, children: [copy] })
    }
    return element.properties.id === 'f'
  })
  expect(ended).toBe(true)
  expect(seen).toEqual(['a', 'b', 'c', 'd', 'd', 'tbody', 'e', 'f'])
  expect(walkElements(root, () => {})).toBe(false)
})
