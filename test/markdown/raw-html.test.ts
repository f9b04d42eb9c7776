// Raw HTML goes through parse5 only on pages that have some (rehypeRawHtml): a page
// without any must come out exactly as rehype-raw would have made it, byte for byte
// and with the same source positions (messages name lines from them).

import type { Nodes, Root } from 'hast'
import rehypeRaw from 'rehype-raw'
import rehypeSlug from 'rehype-slug'
import rehypeStringify from 'rehype-stringify'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified, type Plugin } from 'unified'
import { describe, expect, it } from 'vitest'
import { rehypeRawHtml } from '../../src/markdown/rehype-raw-html.js'

async function run(markdown: string, raw: Plugin<[], Root, Root>) {
  const processor = unified().use(remarkParse).use(remarkGfm).use(remarkRehype, { allowDangerousHtml: true }).use(raw).use(rehypeSlug)
  const tree = (await processor.run(processor.parse(markdown))) as Root
  return { html: unified().use(rehypeStringify).stringify(tree), lines: startLines(tree) }
}

/** Every node's type and the line it starts on, in document order. */
function startLines(node: Nodes, into: string[] = []): string[] {
  into.push(`${node.type}${node.type === 'element' ? `:${node.tagName}` : ''}@${node.position?.start?.line ?? '-'}:${node.position?.start?.column ?? '-'}`)
  if ('children' in node) for (const child of node.children) startLines(child, into)
  return into
}

const withoutHtml = {
  'headings, emphasis, entities': '# Title &amp; more\n\nSome *emphasis*, **strong**, `code` and &copy; &#169;.\n\n## Again\n\n## Again\n',
  'lists and breaks': '- one  \n  two\n- [ ] task\n- [x] done\n\n1. first\n\n   para in item\n2. second\n',
  'tables and footnotes': '| a | b |\n|:--|--:|\n| `x` | y |\n\nText[^1].\n\n[^1]: The note.\n',
  'code and quotes': '> quote\n> > nested\n\n```js\nconst a = "<div>"\n```\n\n    indented <b>\n',
  'links and images': '[link](https://example.com "t") <https://auto.example> www.example.com ![alt](a.png "t")\n\n[ref]: https://example.com\n\n[ref] and [ref][] and \\<not a tag>.\n',
  'more lists': '3. starts at three\n4. next\n\n* [ ] open\n\n  more\n* loose\n\n---\n\nhard\\\nbreak and a_b_c 1 < 2 & 3 > 2\n',
  'strikethrough and code meta': '~~gone~~ ~one~\n\n```ts title="a.ts" {1}\nlet x\n```\n\n# Closed heading ##\n',
}

const withHtml = {
  'a block around markdown': '<div class="x">\n\n## Inside\n\ntext\n\n</div>\n',
  'inline html': 'A <b>bold</b> word and <span title="a > b">span</span>.\n',
  'an unclosed element': '<details>\n<summary>More</summary>\n\nHidden *text*.\n',
}

describe('raw HTML only where authors wrote it', () => {
  for (const [name, markdown] of Object.entries(withoutHtml)) {
    it(`leaves a page without raw HTML as rehype-raw would: ${name}`, async () => {
      const [skipped, parsed] = await Promise.all([run(markdown, rehypeRawHtml), run(markdown, rehypeRaw)])
      expect(skipped).toEqual(parsed)
    })
  }

  for (const [name, markdown] of Object.entries(withHtml)) {
    it(`parses the raw HTML of a page that has some: ${name}`, async () => {
      const [ours, parsed] = await Promise.all([run(markdown, rehypeRawHtml), run(markdown, rehypeRaw)])
      expect(ours).toEqual(parsed)
      expect(ours.lines.some((line) => line.startsWith('raw'))).toBe(false)
    })
  }
})
