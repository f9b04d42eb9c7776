// gitdown's `contents` helper: a nested markdown list of links to the page's
// headings, slugged as rehype-slug will slug them so that every link lands.

import GithubSlugger from 'github-slugger'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { toString } from 'mdast-util-to-string'
import { visit } from 'unist-util-visit'

export function renderContents(markdown: string, maxLevel: number): string | undefined {
  const slugger = new GithubSlugger()
  const headings: { depth: number; text: string; slug: string }[] = []
  visit(fromMarkdown(markdown), 'heading', (node) => {
    const text = toString(node)
    // Slug every heading, listed or not, so duplicates number as on the page.
    const slug = slugger.slug(text)
    if (node.depth <= maxLevel) headings.push({ depth: node.depth, text, slug })
  })
  if (headings.length === 0) return undefined
  const top = Math.min(...headings.map((heading) => heading.depth))
  return headings
    .map(({ depth, text, slug }) => `${'  '.repeat(depth - top)}* [${text.replace(/[\\[\]]/g, '\\$&')}](#${slug})`)
    .join('\n')
}
