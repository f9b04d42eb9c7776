// `--safe`: nothing from a page's source can run script, while weft's own markup
// (heading anchors, highlighted code, the theme's script) keeps working.

import { toString } from 'hast-util-to-string'
import { describe, expect, it } from 'vitest'
import { build } from '../../src/index.js'
import { byTag, makeSite, parseHtml, selectAll } from '../helpers/site.js'

const hostile = `---
title: Contributed
---

## A heading

<script>alert(1)</script>
<img src="x.png" onerror="alert(1)" alt="x">
<a href="javascript:alert(1)">click</a>
<iframe src="https://evil.example/"></iframe>
<div onclick="alert(1)" id="kept">text</div>

<style>
body { display: none }
</style>

After the style.

[[ open_details ]]

Hidden [link](other.md#top).

[[ close_details ]]

\`\`\`js
console.log(1)
\`\`\`
`

async function buildPage(safe: boolean) {
  const root = makeSite({ 'content/index.md': hostile, 'content/other.md': '---\ntitle: Other\n---\n\n## Top\n', 'content/x.png': 'not really a png' })
  const result = await build({ root, write: false, safe, config: { search: false } })
  expect(result.ok).toBe(true)
  const tree = parseHtml(result.files.get('index.html')!)
  return { tree, article: byTag(tree, 'article')[0]! }
}

describe('--safe', () => {
  it('removes scripts, handlers, javascript: URLs and iframes from the page source', async () => {
    const { tree, article } = await buildPage(true)
    expect(byTag(article, 'script')).toEqual([])
    expect(byTag(article, 'iframe')).toEqual([])
    expect(selectAll(article, (element) => Object.keys(element.properties).some((name) => /^on/i.test(name)))).toEqual([])
    expect(selectAll(article, (element) => /^javascript:/i.test(String(element.properties.href ?? '')))).toEqual([])
    // What weft adds still works: anchors, shortcodes, links, highlighted code, the theme's script.
    expect(selectAll(article, (element) => String(element.properties.className).includes('heading-anchor')).length).toBeGreaterThan(0)
    expect(byTag(article, 'details')).toHaveLength(1)
    expect(byTag(article, 'a').some((link) => link.properties.href === 'other/index.html#top')).toBe(true)
    expect(selectAll(article, (element) => element.tagName === 'pre' && String(element.properties.className).includes('shiki'))).toHaveLength(1)
    expect(byTag(tree, 'script').some((script) => String(script.properties.src ?? '').endsWith('assets/weft.js'))).toBe(true)
    expect(selectAll(article, (element) => element.properties.id === 'user-content-kept')).toHaveLength(1)
  })

  it('removes an author’s style whole: its rules do not show as text either', async () => {
    const { article } = await buildPage(true)
    expect(byTag(article, 'style')).toEqual([])
    expect(toString(article)).not.toContain('display: none')
    expect(toString(article)).toContain('After the style.')
  })

  it('keeps authors’ raw HTML as written by default', async () => {
    const { article } = await buildPage(false)
    expect(byTag(article, 'script')).toHaveLength(1)
    expect(byTag(article, 'iframe')).toHaveLength(1)
    expect(byTag(article, 'style')).toHaveLength(1)
  })
})
