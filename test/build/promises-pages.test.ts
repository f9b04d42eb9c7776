// README promises about writing pages that no other test held: the `obsolete-html`
// and `directive-arguments` rules with their exact words, `lines="-10"`,
// `<a name="x">` as a link target, `_includes/` folders as partials, `page.data` in
// a site's own template, and `remarkPlugins` from the config file.

import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { build } from '../../src/index.js'
import { formatMessage } from '../../src/report.js'
import { byTag, makeSite, parseHtml, selectAll, textOf } from '../helpers/site.js'

/** Builds in memory; without a `weft.config.js` among the files, with search off. */
async function buildSite(files: Record<string, string>) {
  const root = makeSite(files)
  const result = await build({ root, write: false, config: 'weft.config.js' in files ? undefined : { search: false } })
  fs.rmSync(root, { recursive: true, force: true })
  return { ...result, lines: result.messages.map(formatMessage) }
}

function page(result: { files: Map<string, string | Uint8Array> }, output: string) {
  const html = result.files.get(output)
  expect(html, `${output} was built`).toBeDefined()
  const tree = parseHtml(html!)
  return { tree, article: byTag(tree, 'article')[0]! }
}

describe('messages', () => {
  it('warns about an element HTML no longer has, as `obsolete-html`, and still builds', async () => {
    const result = await buildSite({ 'content/index.md': '---\ntitle: Home\n---\n\nSome text.\n\n<font color="red">old</font>\n' })
    expect(result.ok).toBe(true)
    expect(result.lines).toEqual(['content/index.md:7:1: warning: `<font>` is not part of HTML any more, so the page will not validate [obsolete-html]\n    hint: use CSS (a `style` attribute) instead'])
  })

  it('refuses an include without a path, as `directive-arguments`, at the directive', async () => {
    const result = await buildSite({ 'content/index.md': '---\ntitle: Home\n---\n\nText.\n\n{{ include }}\n' })
    expect(result.ok).toBe(false)
    expect(result.lines).toEqual(['content/index.md:7:1: error: An include needs a quoted path [directive-arguments]\n    hint: write it as `{{ include "./path.md" }}`'])
  })
})

describe('includes', () => {
  it('takes `lines="-3"` (from the start) as lines 1 to 3', async () => {
    const sample = Array.from({ length: 12 }, (_, index) => `line ${index + 1}`).join('\n') + '\n'
    const result = await buildSite({
      'content/index.md': '---\ntitle: Home\n---\n\n```text\n{{ include "./includes/sample.txt" lines="-3" }}\n```\n',
      'includes/sample.txt': sample,
    })
    expect(result.lines).toEqual([])
    const { article } = page(result, 'index.html')
    const pre = byTag(article, 'pre')
    expect(pre).toHaveLength(1)
    expect(textOf(pre[0]!).trim()).toBe('line 1\nline 2\nline 3')
  })

  it('treats files under `_includes/` folders, at any depth, as partials and not pages', async () => {
    const result = await buildSite({
      'content/index.md': '---\ntitle: Home\n---\n\n{{ include "./_includes/top.md" }}\n',
      'content/_includes/top.md': '---\ntitle: Would be a page\n---\n\nFrom the top partial.\n',
      'content/guide.md': '---\ntitle: Guide\n---\n\n{{ include "./deeper/_includes/inner.md" }}\n',
      'content/deeper/_includes/inner.md': '---\ntitle: Also would be a page\n---\n\nFrom the inner partial.\n',
    })
    expect(result.lines).toEqual([])
    expect([...result.files.keys()].filter((output) => output.includes('includes'))).toEqual([])
    expect(result.pages).toBe(2)
    expect(textOf(page(result, 'index.html').article)).toContain('From the top partial.')
    expect(textOf(page(result, 'guide/index.html').article)).toContain('From the inner partial.')
  })
})

describe('links', () => {
  it('lets a `#x` link land on `<a name="x">`, from another page and from its own', async () => {
    const result = await buildSite({
      'content/index.md': '---\ntitle: Home\n---\n\nSee [the spot](guide.md#the-spot).\n',
      'content/guide.md': '---\ntitle: Guide\n---\n\nText.\n\n<a name="the-spot"></a>\n\nHere. [Again](#the-spot).\n',
    })
    expect(result.lines).toEqual([])
    expect(result.ok).toBe(true)
    const links = byTag(page(result, 'index.html').article, 'a').map((link) => link.properties.href)
    expect(links).toContain('guide/index.html#the-spot')
    const anchors = selectAll(page(result, 'guide/index.html').article, (element) => element.tagName === 'a' && (element.properties.name === 'the-spot' || element.properties.id === 'the-spot'))
    expect(anchors).toHaveLength(1)
  })
})

describe('templates and plugins', () => {
  it('hands the other front matter keys to a site template as `page.data`', async () => {
    const result = await buildSite({
      'content/index.md': '---\ntitle: Home\nauthor: Ada <Lovelace>\nreviewed: 2026\n---\n\nBody.\n',
      'templates/page.liquid': '<!doctype html><html><head><title>{{ page.title }}</title></head><body><p id="author">{{ page.data.author }}</p><p id="reviewed">{{ page.data.reviewed }}</p><article>{{ page.content | raw }}</article></body></html>\n',
    })
    expect(result.lines).toEqual([])
    const { tree } = page(result, 'index.html')
    const text = (id: string) => textOf(selectAll(tree, (element) => element.properties.id === id)[0]!)
    expect(text('author')).toBe('Ada <Lovelace>')
    expect(text('reviewed')).toBe('2026')
  })

  it('runs `remarkPlugins` from weft.config.js on every page', async () => {
    const plugin = `() => (tree) => { tree.children.push({ type: 'paragraph', data: { hProperties: { id: 'from-remark' } }, children: [{ type: 'text', value: 'added by ' + tree.children.length + ' nodes' }] }) }`
    const result = await buildSite({
      'content/index.md': '---\ntitle: Home\n---\n\nOne.\n',
      'content/guide.md': '---\ntitle: Guide\n---\n\nTwo.\n\nThree.\n',
      'weft.config.js': `export default { search: false, remarkPlugins: [${plugin}] }\n`,
    })
    expect(result.lines).toEqual([])
    for (const [output, count] of [['index.html', 1], ['guide/index.html', 2]] as const) {
      const added = selectAll(page(result, output).article, (element) => element.properties.id === 'from-remark')
      expect(added).toHaveLength(1)
      expect(textOf(added[0]!)).toBe(`added by ${count} nodes`)
    }
  })
})
