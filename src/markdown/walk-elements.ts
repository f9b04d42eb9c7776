// The elements of a hast tree, parents before children: weft's own rehype plugins
// and checks walk each page's HTML tree seven times. `unist-util-visit` makes a
// function for every node it passes and names it (for its stack traces): a walk of
// a 447-node page took 212–240 µs with it and 1.9–3.5 µs with this loop
// (`bench/probes/visit-cost.js`). Other packages' plugins, and the walk of the
// markdown tree, keep using it.

import type { Element, Root } from 'hast'

/**
 * Calls `visitor` with each element below `parent` and the element's own parent.
 * The children an element has once the visitor returns are the ones walked, so a
 * visitor may wrap or change them. Returning `true` ends the walk; so does the
 * result, for the caller.
 */
export function walkElements(parent: Root | Element, visitor: (element: Element, parent: Root | Element) => boolean | void): boolean {
  const children = parent.children
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!
    if (child.type !== 'element') continue
    if (visitor(child, parent) === true || walkElements(child, visitor)) return true
  }
  return false
}
