// The site-wide check for partials: a file that is not a page and that no page
// includes is never built, which its author most likely did not mean.

import path from 'node:path'
import type { Diagnostics } from '../core/diagnostics.js'

/** `isIncluded(file)`: some page pulls the file in (the source graph knows, without a walk over every page). */
export function warnUnusedPartials(partials: string[], isIncluded: (file: string) => boolean, diagnostics: Diagnostics): void {
  for (const file of partials) {
    if (!isIncluded(file)) {
      const named = path.basename(file).startsWith('_')
      const why = named ? 'its name starts with `_`' : 'it is in an `includes` folder'
      const otherwise = named ? 'rename it without the `_`' : 'move it out of the `includes` folder'
      diagnostics.warn('unused-partial', `\`${diagnostics.relative(file)}\` is a partial (${why}) and no page includes it`, { file, offset: 0 }, `include it from a page, or ${otherwise} to make it a page of its own`)
    }
  }
}
