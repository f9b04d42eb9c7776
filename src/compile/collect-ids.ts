// Every id a page's HTML has, heading ids and raw `<a id>`/`<a name>` included:
// what `#fragment` links to the page may name.

import type { Root } from 'hast'
import { walkElements } from '../markdown/walk-elements.js'

export function collectIds(tree: Root): Set<string> {
  const ids = new Set<string>()
  walkElements(tree, (element) => {
    const { id, name } = element.properties
    if (typeof id === 'string') ids.add(id)
    if (element.tagName === 'a' && typeof name === 'string') ids.add(name)
  })
  return ids
}
