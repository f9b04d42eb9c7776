// Resolves markdown links, images and reference definitions from the file each was
// written in (a definition in `includes/parts.md` resolves from there first). The
// URL becomes `weft-ref:TOKEN:N`, which `rehypeLinks` finishes once the HTML exists;
// the token is new in every process, so no page can write such a URL itself.
// Also notes definitions and the references that use them, for the site-wide
// unused-definition check. Outside weft it only turns links to `.md` pages into
// links to their HTML (`page-links.ts`).

import crypto from 'node:crypto'
import type { Definition, Image, Link, Root } from 'mdast'
import type { VFile } from 'vfile'
import { visit } from 'unist-util-visit'
import { originOf, type PageData } from './context.js'
import { linkPage, type PageLinkOptions } from './page-links.js'
import { recordedStat } from '../core/probes.js'
import { resolveUrl } from './resolve-url.js'

/** What every URL rewritten here starts with; `weft-ref:` alone is what a page might forge. */
export const internalScheme = 'weft-ref:'
export const internalPrefix = `${internalScheme}${crypto.randomBytes(9).toString('base64url')}:`

export type RemarkLinksOptions = PageLinkOptions

/** In weft, resolves every URL against the site; in any other pipeline, links to `.md` pages (see `page-links.ts`). */
export function remarkLinks(options: RemarkLinksOptions = {}) {
  return (tree: Root, file: VFile) => {
    const data = file.data.weft
    if (!data) {
      visit(tree, (node) => {
        if (node.type === 'link' || node.type === 'definition') node.url = linkPage(node.url, node, file, options)
      })
      return
    }
    const imageIds = new Set<string>()
    // One walk: a definition is resolved once every reference is known (one used by
    // an image resolves as an image), in the order of the page.
    const nodes: (Link | Image | Definition)[] = []
    visit(tree, (node) => {
      if (node.type === 'linkReference' || node.type === 'imageReference') {
        data.references.add(node.identifier)
        if (node.type === 'imageReference') imageIds.add(node.identifier)
      } else if (node.type === 'link' || node.type === 'image' || node.type === 'definition') nodes.push(node)
    })
    for (const node of nodes) {
      if (node.type !== 'definition') rewrite(node, node.type === 'image', data)
      else {
        data.definitions.push({ identifier: node.identifier, origin: originOf(data, node) })
        rewrite(node, imageIds.has(node.identifier), data)
      }
    }
  }
}

function rewrite(node: Link | Image | Definition, isImage: boolean, data: PageData): void {
  const origin = originOf(data, node)
  const target = resolveUrl(node.url, origin.file, data.page, data.site, isImage, (file) => recordedStat(data.probes, file))
  // Fragments and outside URLs need nothing from the file they were written in.
  if (target.kind === 'external' || target.kind === 'fragment') return
  if (target.kind === 'problem') {
    data.diagnostics.error(target.ruleId, target.reason, origin, target.hint)
    return
  }
  data.targets.push(target)
  node.url = `${internalPrefix}${data.targets.length - 1}`
}
