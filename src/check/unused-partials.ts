// The site-wide check for partials: a file that is not a page and that no page
// includes is never built, which its author most likely did not mean.

import type { Diagnostics } from '../core/diagnostics.js'

/** `isIncluded(file)`: some page pulls the file in (the source graph knows, without a walk over every page). */
export function warnUnusedPartials(partials: string[], isIncluded: (file: string) => boolean, diagnostics: Diagnostics): void {
  for (const file of partials) {
    if (!isIncluded(file)) {
      diagnostics.warn('unused-partial', `\`${diagnostics.relative(file)}\` is not a page (no front matter) and no page includes it`, { file, offset: 0 }, 'add front matter with a `title` to make it a page, or include it from one')
    }
  }
}
