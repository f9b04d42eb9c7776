// Checks, once every page is HTML, that each `#fragment` link names a heading or
// an element id (raw `<a id>`/`<a name>` included) on the page it points at. Under
// `--safe` authors' ids carry a `user-content-` prefix, which the link may leave out.

import type { Root } from 'hast'
import type { Diagnostics } from '../core/diagnostics.js'
import { safeIdPrefix } from '../markdown/rehype-safe-ids.js'
import type { FragmentLink } from '../core/compiled-page.js'
import { closest } from '../core/close-names.js'

/** `idsOf(file)`: the ids on the page of that file, or undefined when it was not rendered. */
export function checkFragments(links: FragmentLink[], idsOf: (file: string) => ReadonlySet<string> | undefined, diagnostics: Diagnostics): void {
  for (const link of links) {
    const ids = idsOf(link.target)
    if (!ids || ids.has(link.fragment) || ids.has(safeIdPrefix + link.fragment)) continue
    const where = `\`${diagnostics.relative(link.target)}\``
    const near = closest(link.fragment, ids, Math.max(3, Math.floor(link.fragment.length / 3)))
    diagnostics.error('dead-fragment', `Fragment \`#${link.fragment}\` names no heading or id on ${where}`, link.origin, near ? `did you mean \`#${near}\`?` : undefined)
  }
}
