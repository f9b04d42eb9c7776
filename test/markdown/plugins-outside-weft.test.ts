// weft's exported plugins in a plain unified pipeline, with no weft build around
// them: shortcodes nest, links to `.md` pages become links to their HTML, and
// every problem is a message on the vfile (source `weft`, errors `fatal: true`).

import fs from 'node:fs'
import path from 'node:path'
import rehypeRaw from 'rehype-raw'
import rehypeStringify from 'rehype-stringify'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { afterEach, describe, expect, it } from 'vitest'
import { rehypeLinks, remarkLinks, remarkShortcodes, type RemarkLinksOptions } from '../../src/index.js'
import { makeSite } from '../helpers/site.js'

function pipeline(options?: RemarkLinksOptions) {
  return unified()
    .use(remarkParse)
    .use(remarkShortcodes)
    .use(remarkLinks, options)
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(rehypeRaw)
    .use(rehypeLinks, options)
    .use(rehypeStringify)
}

/** Messages as plain data, the way a test can compare them. */
function messagesOf(file: VFile) {
  return file.messages.map((message) => ({ place: `${message.line}:${message.column}`, reason: message.reason, ruleId: message.ruleId, source: message.source, fatal: message.fatal }))
}

const roots: string[] = []
afterEach(() => {
  for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true })
})

describe('remarkShortcodes outside weft', () => {
  it('nests the blocks between a pair of shortcodes', async () => {
    const file = await pipeline().process("[[ open_div \"class='note'\" ]]\n\nInside\n\n[[ close_div ]]\n\nAfter\n")
    expect(String(file)).toBe('<div class="note"><p>Inside</p></div>\n<p>After</p>')
    expect(file.messages).toEqual([])
  })

  it('reports its problems on the vfile, at their place, as errors from weft', async () => {
    const file = await pipeline().process('[[ open_div ]]\n\n[[ open_details ]]\n\n[[ close_div ]]\n\n[[ nonsense ]]\n')
    expect(messagesOf(file)).toEqual([
      { place: '5:1', reason: '`[[ close_div ]]` crosses `[[ open_details ]]` (opened at 3:1), which must close first', ruleId: 'crossed-shortcode', source: 'weft', fatal: true },
      { place: '7:1', reason: 'Unknown shortcode `nonsense`', ruleId: 'unknown-shortcode', source: 'weft', fatal: true },
      { place: '3:1', reason: '`[[ open_details ]]` is never closed', ruleId: 'unclosed-shortcode', source: 'weft', fatal: true },
    ])
    expect(file.messages[1]!.note).toMatch(/^weft knows `open_div`/)
  })
})

describe('remarkLinks and rehypeLinks outside weft', () => {
  function guide(): string {
    const root = makeSite({ 'guide/index.md': '# Home\n', 'guide/setup.md': '# Setup\n', 'guide/more/deep.md': '# Deep\n' })
    roots.push(root)
    return root
  }

  const page = [
    '[setup](setup.md#install) [deep](./more/deep.md?x=1) [root](/guide/setup.md)',
    '[ref][r] [site](https://example.com/a.md) [image file](logo.png) [here](#top)',
    '<a href="setup.md">raw</a> [gone](gone.md)',
    '',
    '[r]: more/deep.md',
    '',
  ].join('\n')

  it("turn links to `.md` pages into links to their `.html`, from the vfile's folder", async () => {
    const root = guide()
    const file = await pipeline().process(new VFile({ path: 'guide/index.md', cwd: root, value: page }))
    expect(String(file)).toBe(
      [
        '<p><a href="setup.html#install">setup</a> <a href="./more/deep.html?x=1">deep</a> <a href="/guide/setup.html">root</a>',
        '<a href="more/deep.html">ref</a> <a href="https://example.com/a.md">site</a> <a href="logo.png">image file</a> <a href="#top">here</a>',
        '<a href="setup.html">raw</a> <a href="gone.md">gone</a></p>',
      ].join('\n'),
    )
    // Seen by both plugins, the dead link is said once.
    expect(messagesOf(file)).toEqual([{ place: '3:28', reason: 'Link to page `gone.md` leads nowhere', ruleId: 'dead-link', source: 'weft', fatal: true }])
  })

  it('with `extension: false`, leave links as written and only report dead ones', async () => {
    const root = guide()
    const file = await pipeline({ extension: false }).process(new VFile({ path: path.join(root, 'guide', 'index.md'), value: '[setup](setup.md) <a href="nowhere.md">x</a>\n' }))
    expect(String(file)).toBe('<p><a href="setup.md">setup</a> <a href="nowhere.md">x</a></p>')
    expect(messagesOf(file)).toEqual([{ place: '1:19', reason: 'Link to page `nowhere.md` leads nowhere', ruleId: 'dead-link', source: 'weft', fatal: true }])
  })

  it('without a path on the vfile, rewrite links and check nothing', async () => {
    const file = await pipeline({ extension: '/' }).process('[a](a.md) [b](../b.md#x)\n')
    expect(String(file)).toBe('<p><a href="a/">a</a> <a href="../b/#x">b</a></p>')
    expect(file.messages).toEqual([])
  })
})
