// What `--safe` lets through of authors' HTML: GitHub's rules (no scripts, event
// handlers, `javascript:` URLs, iframes, styles or forms), plus weft's own internal
// link targets. Ids are prefixed next, by `rehypeSafeIds`, which leaves the
// prefix of GFM's footnotes as it is. It runs before weft adds its own markup, so
// the theme's features are untouched.

import { defaultSchema } from 'rehype-sanitize'
import type { Options } from 'rehype-sanitize'

const protocols = defaultSchema.protocols ?? {}

export const safeSchema: Options = {
  ...defaultSchema,
  clobber: [],
  clobberPrefix: '',
  protocols: {
    ...protocols,
    href: [...(protocols.href ?? []), 'weft-ref'],
    src: [...(protocols.src ?? []), 'weft-ref'],
  },
}
