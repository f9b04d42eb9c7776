// The repo's own guide series, built end to end as `npm run build` builds it, with
// the HTML parsed and asserted on. The seed page must build exactly as written.

import fs from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Element, Root } from 'hast'
import { build, type BuildResult } from '../../src/index.js'
import { byTag, parseHtml, repoRoot, selectAll, tempDir, textOf } from '../helpers/site.js'

let result: BuildResult
let out: string
const page = (output: string): Root => parseHtml(fs.readFileSync(path.join(out, output)))
const seed = 'part-4-secure-container-firewalls/index.html'

beforeAll(async () => {
  out = tempDir()
  result = await build({ root: repoRoot, out })
})

describe('the guide series', () => {
  it('builds without errors, warning only of what the seed page itself gets wrong', () => {
    // The seed must build as its authors wrote it: a style missing a semicolon, two `<img>` without `alt`.
    expect(result.messages.map((message) => `${message.file}:${message.line}:${message.column} ${message.severity} ${message.ruleId}`)).toEqual([
      'content/part-4-secure-container-firewalls.md:11:1 warning invalid-css',
      'content/part-4-secure-container-firewalls.md:17:1 warning image-without-alt',
      'content/part-4-secure-container-firewalls.md:34:1 warning image-without-alt',
    ])
    expect(result.ok).toBe(true)
  })

  it('keeps the seed page byte for byte', () => {
    const seedFile = path.join(repoRoot, '..', 'shared', 'seed', 'part-4-secure-container-firewalls.md')
    if (!fs.existsSync(seedFile)) return
    expect(fs.readFileSync(path.join(repoRoot, 'content', 'part-4-secure-container-firewalls.md'))).toEqual(fs.readFileSync(seedFile))
  })

  it('writes clean URLs', () => {
    expect(fs.existsSync(path.join(out, 'index.html'))).toBe(true)
    expect(fs.existsSync(path.join(out, seed))).toBe(true)
  })

  it('puts the set-up include, headings and all, inside the <details>', () => {
    const details = byTag(page(seed), 'details')
    expect(details.length).toBeGreaterThanOrEqual(2)
    const setup = details[0]!
    expect(textOf(byTag(setup, 'summary')[0]!)).toBe('Details')
    const headings = selectAll(setup, (element) => /^h[2-6]$/.test(element.tagName)).map((heading) => textOf(heading))
    expect(headings.length).toBeGreaterThan(1)
    expect(textOf(setup)).toContain('kubeadm')
  })

  it('wraps the previous-part links in the two styled <div>s', () => {
    const article = byTag(page(seed), 'article')[0]!
    const divs = selectAll(article, (element) => element.tagName === 'div' && typeof element.properties.style === 'string' && String(element.properties.style).includes('width:50%'))
    expect(divs).toHaveLength(2)
    // The first one lost a semicolon in the seed; weft mends it (and says so).
    expect(divs[0]!.properties.style).toBe('width:50%; padding: 10px; float:left;font-weight: 700;')
    expect(divs[1]!.properties.style).toBe('width:50%; padding: 10px; float:left;font-weight: 700;')
    for (const div of divs) {
      const [link] = byTag(div, 'a')
      expect(textOf(link!)).toContain('Go to previous part')
      expect(link!.properties.href).toBe('../part-3-monitor-prometheus-monitoring/index.html')
      // Block shortcodes never leave a <div> inside a <p>.
      expect(selectAll(div, (element) => element.tagName === 'p').length).toBe(1)
    }
  })

  it('leads [part3] and [index] to pages that exist', () => {
    const links = byTag(byTag(page(seed), 'article')[0]!, 'a').map((link) => String(link.properties.href))
    const local = links.filter((href) => !/^[a-z]+:/.test(href) && !href.startsWith('#'))
    expect(local).toContain('../index.html')
    for (const href of local) {
      const target = path.resolve(out, path.dirname(seed), decodeURIComponent(href.split('#')[0]!))
      expect(fs.existsSync(target), href).toBe(true)
    }
  })

  it('copies the images the seed shows', () => {
    const sources = byTag(page(seed), 'img').map((image) => String(image.properties.src))
    expect(sources).toEqual(['../images/secure.png', '../images/weave-cloud-token.png'])
    for (const source of sources) expect(fs.existsSync(path.resolve(out, path.dirname(seed), source))).toBe(true)
  })

  it('leaves no directive in any page', () => {
    for (const output of result.files.keys()) {
      if (!output.endsWith('.html')) continue
      const tree = page(output)
      const text = textOf(tree)
      for (const marker of ['{{ include', '{{ build_info', '<< include', '[[ open_', '[[ close_', '"gitdown"']) {
        expect(text, `${output} holds ${marker}`).not.toContain(marker)
      }
    }
  })

  it('lists every part in the navigation, in menu_order', () => {
    const nav = byTag(page(seed), 'nav').find((element: Element) => element.properties.ariaLabel === 'Guides')!
    const titles = byTag(nav, 'a').map((link) => textOf(link))
    expect(titles).toEqual([
      'Weave Cloud Guides',
      'Setup: Troubleshooting Dashboard with Weave Cloud and Weave Scope',
      'Deploy: Continuous Delivery with Weave Flux',
      'Monitor: Prometheus Monitoring with Weave Cortex',
      'Secure: Container Firewalls',
    ])
  })
})
