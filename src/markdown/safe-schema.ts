// What `--safe` lets through of authors' HTML: GitHub's rules (no scripts, event
// handlers, `javascript:` URLs, iframes, styles or forms), plus weft's own internal
// link targets and the callouts' markup (their classes and `role="note"`). Ids are
// prefixed next, by `rehypeSafeIds`, which leaves the prefix of GFM's footnotes as
// it is. It runs before weft adds its own markup, so the theme's features are
// untouched.

import { defaultSchema } from 'rehype-sanitize'
import type { Options } from 'rehype-sanitize'
import { calloutKinds } from './callout-kinds.js'

const protocols = defaultSchema.protocols ?? {}
const attributes = defaultSchema.attributes ?? {}
/** `details` is a `<details>`, every other kind a `<div>`. */
const boxKinds = calloutKinds.filter((kind) => kind !== 'details')

export const safeSchema: Options = {
  ...defaultSchema,
  clobber: [],
  clobberPrefix: '',
  // GitHub's list drops a `<style>` but keeps its text: the rules would show on the page as words.
  strip: [...(defaultSchema.strip ?? []), 'style'],
  attributes: {
    ...attributes,
    div: [...(attributes.div ?? []), ['className', 'callout', ...boxKinds.map((kind) => `callout-${kind}`)], ['role', 'note']],
    p: [...(attributes.p ?? []), ['className', 'callout-title']],
    details: [...(attributes.details ?? []), ['className', 'callout', 'callout-details']],
  },
  protocols: {
    ...protocols,
    href: [...(protocols.href ?? []), 'weft-ref'],
    src: [...(protocols.src ?? []), 'weft-ref'],
  },
}
