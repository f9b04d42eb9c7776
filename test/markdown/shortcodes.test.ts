// Stage 2 shortcodes, through the page's compile step (includes, then the unified
// processor) and the site-wide checks: the HTML is parsed and its structure
// asserted, so a `<div>` inside a `<p>` cannot pass.

import { describe, expect, it } from 'vitest'
import type { Element, Root } from 'hast'
import { compileSite } from '../helpers/compile-site.js'
import { byTag, selectAll, textOf } from '../helpers/site.js'

/** The home page's content, once no stage had anything to say about it. */
async function article(body: string, extra: Record<string, string> = {}): Promise<Root> {
  const compiled = await compileSite({ 'content/index.md': `---\ntitle: Home\n---\n${body}`, ...extra })
  expect(compiled.messages.map((message) => message.reason)).toEqual([])
  return compiled.content('index.html')
}

describe('shortcodes', () => {
  it('wrap the blocks between them in a div with the given attributes', async () => {
    const html = await article("[[ open_div \\`style='color: red'\\` \"class='note wide'\" ]]\n\nOne\n\n- two\n\n[[ close_div ]]\n")
    const [div] = selectAll(html, (element) => element.tagName === 'div')
    expect(div!.properties.style).toBe('color: red')
    expect(div!.properties.className).toEqual(['note', 'wide'])
    expect(div!.children.filter((child) => child.type === 'element').map((child) => (child as Element).tagName)).toEqual(['p', 'ul'])
  })

  it('open and close blocks without blank lines around them', async () => {
    const html = await article('Before\n[[ open_details "summary=\'Show me\'" ]]\nInside\n[[ close_details ]]\nAfter\n')
    const [details] = byTag(html, 'details')
    expect(textOf(byTag(details!, 'summary')[0]!)).toBe('Show me')
    expect(textOf(details!)).toContain('Inside')
    expect(textOf(details!)).not.toContain('After')
    expect(selectAll(html, (element) => element.tagName === 'p' && byTag(element, 'details').length > 0)).toEqual([])
  })

  it('nest, and may open in a page and close in an include', async () => {
    const html = await article('[[ open_div ]]\n\n{{ include "./inner.md" }}\n\n[[ close_details ]]\n\n[[ close_div ]]\n', {
      'content/inner.md': '[[ open_details ]]\n\nDeep\n',
    })
    const [div] = byTag(html, 'div')
    const [details] = byTag(div!, 'details')
    expect(textOf(details!)).toContain('Deep')
  })

  it('make any element with open_tag', async () => {
    const html = await article('[[ open_tag "section" "id=\'s1\'" ]]\n\nText\n\n[[ close_tag "section" ]]\n')
    const [section] = byTag(html, 'section')
    expect(section!.properties.id).toBe('s1')
  })

  it('are plain text inside code blocks', async () => {
    const html = await article('```\n[[ open_div ]]\n```\n')
    expect(textOf(byTag(html, 'code')[0]!)).toBe('[[ open_div ]]')
  })
})
