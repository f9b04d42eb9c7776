// `<!-- gitdown: off -->` … `<!-- gitdown: on -->`: what lies between is left as
// written, and the two switches are dropped, in `weft expand` and in built pages,
// exactly as gitdown drops them (the expectations are what gitdown 4.1.1 printed
// for the same text).

import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { build, expandFile } from '../../src/index.js'
import { byTag, makeSite, parseHtml, textOf } from '../helpers/site.js'

const roots: string[] = []
afterEach(() => {
  for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true })
})

function site(files: Record<string, string>): string {
  const root = makeSite(files)
  roots.push(root)
  return root
}

/** Text whose directives gitdown leaves alone: gitdown's output for it is known. */
const sample = [
  '# Title', '', 'Before', '<!-- gitdown: off -->', '{"gitdown": "include", "file": "./missing.md"}', '<!-- gitdown: on -->', 'After', '',
  'inline <!-- gitdown: off -->{"gitdown": "x"}<!-- gitdown: on --> text', '',
  '<!-- gitdown: off -->', '<!-- gitdown: off -->', 'twice', '<!-- gitdown: on -->', '<!-- gitdown: on -->', '',
  '<!--\tgitdown:\toff\t-->tab<!--\tgitdown:\ton\t-->', '',
  '<!-- gitdown: off -->', 'unclosed {"gitdown": "nope"}', '',
].join('\n')

/** `gitdown.read(sample).get()` with gitdown 4.1.1, on Node 20. */
const gitdownOutput = '# Title\n\nBefore\n\n{"gitdown": "include", "file": "./missing.md"}\n\nAfter\n\ninline {"gitdown": "x"} text\n\n\n\ntwice\n\n\n\ntab\n\n\nunclosed {"gitdown": "nope"}\n'

describe('gitdown: off and on', () => {
  it('are dropped by weft expand as gitdown drops them, the text between left as written', () => {
    const root = site({ 'content/page.md': `---\ntitle: Page\n---\n${sample}` })
    const { text, messages } = expandFile(path.join(root, 'content', 'page.md'), { root })
    expect(messages).toEqual([])
    expect(text).toBe(`---\ntitle: Page\n---\n${gitdownOutput}`)
  })

  it('are dropped in an included file too, and directives after `on` work again', () => {
    const root = site({
      'content/page.md': 'A\n{{ include "./part.md" }}\nZ\n',
      'content/part.md': 'B\n<!-- gitdown: off -->\n{{ include "./nope.md" }}\n<!-- gitdown: on -->\n{{ include "./leaf.md" }}\n',
      'content/leaf.md': 'C\n',
    })
    const { text, messages } = expandFile(path.join(root, 'content', 'page.md'), { root })
    expect(messages).toEqual([])
    expect(text).toBe('A\nB\n\n{{ include "./nope.md" }}\n\nC\nZ\n')
  })

  it('leave no comment in the built page, and the text between shows as written', async () => {
    const root = site({
      'content/index.md': '---\ntitle: Home\n---\nShow <!-- gitdown: off -->`{{ include "x.md" }}`<!-- gitdown: on --> here.\n\n<!-- kept comment -->\n',
    })
    const result = await build({ root, write: false, config: { cache: false, search: false } })
    expect(result.messages).toEqual([])
    const html = String(result.files.get('index.html'))
    const article = byTag(parseHtml(html), 'article')[0]!
    expect(textOf(byTag(article, 'p')[0]!)).toBe('Show {{ include "x.md" }} here.')
    expect(html).not.toContain('gitdown:')
    expect(html).toContain('<!-- kept comment -->')
  })
})
