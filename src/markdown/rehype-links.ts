// Finishes every URL of a page once it is HTML: `weft-ref:…` from the markdown
// links, and `href`/`src` of raw HTML (`<a href="x.md">`, `<img src>`), resolved
// from where they were written. Pages and files become URLs relative to this page
// (so the site works under any sub-path and from disk); fragments are noted for
// the site-wide check; files to copy are noted as assets. Under `--safe`, a linked
// file a browser would run on the site's origin (HTML, SVG, XML, scripts) is refused.
// Outside weft it only turns `href`s to `.md` pages into links to their HTML
// (`page-links.ts`).

import type { Element, Root } from 'hast'
import type { VFile } from 'vfile'
import { originOf, type PageData } from './context.js'
import { linkPage, type PageLinkOptions } from './page-links.js'
import { walkElements } from './walk-elements.js'
import { internalPrefix, internalScheme } from './remark-links.js'
import { recordedStat } from '../core/probes.js'
import { resolveUrl, type UrlTarget } from './resolve-url.js'
import { relativeUrl, assetOutput } from '../core/paths.js'

export interface RehypeLinksOptions extends PageLinkOptions {
  /** In weft: refuse linked files that a browser runs scripts in (`--safe`). */
  safe?: boolean
}

/** Files that run scripts when opened from the site: a contributor's would run on its origin. */
const active = /\.(?:html?|xhtml|xht|shtml|svgz?|xml|xsl|xslt|m?js|cjs)$/i

export function rehypeLinks(options: RehypeLinksOptions = {}) {
  const safe = options.safe === true
  return (tree: Root, file: VFile) => {
    const data = file.data.weft
    if (!data) {
      walkElements(tree, (element) => {
        const href = element.properties.href
        if (typeof href === 'string') element.properties.href = linkPage(href, element, file, options)
      })
      return
    }
    walkElements(tree, (element) => {
      for (const property of ['href', 'src'] as const) {
        const value = element.properties[property]
        if (typeof value === 'string') finish(element, property, value, data, safe)
      }
    })
  }
}

function finish(element: Element, property: 'href' | 'src', url: string, data: PageData, safe: boolean): void {
  const origin = originOf(data, element)
  let target: UrlTarget
  if (url.startsWith(internalPrefix)) {
    const stored = data.targets[Number(url.slice(internalPrefix.length))]
    if (!stored) throw new Error(`Internal error: unknown link target \`${url}\``)
    target = stored
  } else if (url.toLowerCase().startsWith(internalScheme)) {
    data.diagnostics.error('dead-link', `Link \`${url}\` uses \`${internalScheme}\`, which is weft's own`, origin, 'link to the page or file itself')
    delete element.properties[property]
    return
  } else {
    target = resolveUrl(url, origin.file, data.page, data.site, property === 'src', (file) => recordedStat(data.probes, file))
  }
  const page = data.page
  switch (target.kind) {
    case 'external':
      return
    case 'problem':
      data.diagnostics.error(target.ruleId, target.reason, origin, target.hint)
      return
    case 'fragment':
      data.links.push({ target: page.file, fragment: target.fragment, origin })
      return
    case 'page': {
      data.linked.add(target.page.file)
      const fragment = target.fragment === undefined ? '' : `#${encodeURIComponent(target.fragment)}`
      if (target.fragment) data.links.push({ target: target.page.file, fragment: target.fragment, origin })
      element.properties[property] = (target.page === page ? '' : relativeUrl(page.output, target.page.output)) + (fragment || (target.page === page ? '#' : ''))
      return
    }
    case 'asset': {
      if (safe && active.test(target.file)) {
        const what = element.tagName === 'img' ? 'Image' : 'Link'
        data.diagnostics.error('unsafe-file', `${what} \`${target.url}\` is a file that runs scripts when opened, which \`--safe\` does not publish`, origin, 'link to a copy hosted elsewhere, or use a PNG for an image')
        delete element.properties[property]
        return
      }
      data.assets.add(target.file)
      if (element.tagName === 'img' && property === 'src') data.images.set(element, target.file)
      data.linked.add(target.file)
      element.properties[property] = relativeUrl(page.output, assetOutput(target.file, data.site)) + target.suffix
      return
    }
  }
}
