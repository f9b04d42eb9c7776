// Under `--safe`, the ids and names authors wrote get GitHub's `user-content-`
// prefix: `<img name="createElement">` would otherwise replace
// `document.createElement` and stop the theme's script. Links to `#x` still land:
// the fragment check accepts `user-content-x`, and the theme's script scrolls to it.

import type { Root } from 'hast'
import { walkElements } from './walk-elements.js'

export const safeIdPrefix = 'user-content-'

/** Properties that name or point at an element on the page. */
const naming = ['id', 'name', 'ariaDescribedBy', 'ariaLabelledBy']

export function rehypeSafeIds() {
  return (tree: Root) => {
    walkElements(tree, (element) => {
      const properties = element.properties
      for (const key of naming) {
        const value = properties[key]
        if (typeof value === 'string' && value !== '') properties[key] = prefixed(value)
        // `aria-describedby` is a list of ids.
        else if (Array.isArray(value)) properties[key] = value.map((id) => prefixed(String(id)))
      }
    })
  }
}

/** Ids already prefixed (GFM's footnotes) keep their one prefix, so their links still match. */
function prefixed(id: string): string {
  return id.startsWith(safeIdPrefix) ? id : safeIdPrefix + id
}
