// weft's exported plugins in a plain unified pipeline, with no weft build around
// them: shortcodes nest, and every problem is a message on the vfile (source
// `weft`, errors `fatal: true`).

import rehypeRaw from 'rehype-raw'
import rehypeStringify from 'rehype-stringify'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { remarkShortcodes } from '../../src/index.js'

function pipeline() {
  return unified().use(remarkParse).use(remarkShortcodes).use(remarkRehype, { allowDangerousHtml: true }).use(rehypeRaw).use(rehypeStringify)
}

/** Messages as plain data, the way a test can compare them. */
function messagesOf(file: VFile) {
  return file.messages.map((message) => ({ place: `${message.line}:${message.column}`, reason: message.reason, ruleId: message.ruleId, source: message.source, fatal: message.fatal }))
}

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
