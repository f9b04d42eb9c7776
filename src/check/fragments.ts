// Checks, once every page is HTML, that each `#fragment` link names a heading or
// an element id (raw `<a id>`/`<a name>` included) on the page it points at. Under
// `--safe` authors' ids carry a `user-content-` prefix, which the link may leave out.

import type { Root } from 'hast'
import type { Diagnostics } from '../core/diagnostics.js'
import { safeIdPrefix } from '../markdown/rehype-safe-ids.js'
import type { FragmentLink } from '../core/compiled-page.js'

/** `idsOf(file)`: the ids on the page of that file, or undefined when it was not rendered. */
export function checkFragments(links: FragmentLink[], idsOf: (file: string) => ReadonlySet<string> | undefined, diagnostics: Diagnostics): void {
  for (const link of links) {
    const ids = idsOf(link.target)
    if (!ids || ids.has(link.fragment) || ids.has(safeIdPrefix + link.fragment)) continue
    const where = `\`${diagnostics.relative(link.target)}\``
    const near = closest(link.fragment, ids)
    diagnostics.error('dead-fragment', `Fragment \`#${link.fragment}\` names no heading or id on ${where}`, link.origin, near ? `did you mean \`#${near}\`?` : undefined)
  }
}

/** The id that differs least from `wanted`, when one is close enough to suggest. */
function closest(wanted: string, ids: ReadonlySet<string>): string | undefined {
  let best: string | undefined
  let bestDistance = Math.max(3, Math.floor(wanted.length / 3)) + 1
  for (const id of ids) {
    if (Math.abs(id.length - wanted.length) >= bestDistance) continue
    const distance = levenshtein(wanted, id)
    if (distance < bestDistance) [best, bestDistance] = [id, distance]
  }
  return best
}

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[b.length]!
}
