// gitdown's `contents` helper: a nested markdown list of links to the page's
// headings, slugged as rehype-slug will slug them so that every link lands. Each
// entry shows the heading's text as text: `<script>` written in a heading's code
// stays code, and nothing in a heading becomes markup the heading did not have.

import GithubSlugger from 'github-slugger'
import type { Heading, PhrasingContent } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { toString } from 'mdast-util-to-string'
import { visit } from 'unist-util-visit'

export function renderContents(markdown: string, maxLevel: number): string | undefined {
  const slugger = new GithubSlugger()
  const headings: { depth: number; label: string; slug: string }[] = []
  visit(fromMarkdown(markdown), 'heading', (node) => {
    // Slug every heading, listed or not, so duplicates number as on the page.
    const slug = slugger.slug(toString(node))
    if (node.depth <= maxLevel) headings.push({ depth: node.depth, label: labelOf(node), slug })
  })
  if (headings.length === 0) return undefined
  const top = Math.min(...headings.map((heading) => heading.depth))
  return headings.map(({ depth, label, slug }) => `${'  '.repeat(depth - top)}* [${label}](#${slug})`).join('\n')
}

/** The heading as markdown link text: its text escaped, its code as code, its raw HTML left out. */
function labelOf(heading: Heading): string {
  const parts: string[] = []
  const add = (nodes: PhrasingContent[]) => {
    for (const node of nodes) {
      if (node.type === 'text') parts.push(escapeText(node.value))
      else if (node.type === 'inlineCode') parts.push(codeSpan(node.value))
      else if (node.type === 'break') parts.push(' ')
      else if ('children' in node) add(node.children as PhrasingContent[])
      else if (node.type === 'image' || node.type === 'imageReference') parts.push(escapeText(node.alt ?? ''))
    }
  }
  add(heading.children)
  return parts.join('')
}

/** Every character that could start markup in link text, backslash-escaped. */
function escapeText(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/[\\`*_[\]<>&!~]/g, '\\$&')
}

/** `code` as a code span whose backtick fence is longer than any run of backticks inside. */
function codeSpan(code: string): string {
  const longest = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(longest + 1)
  // Markdown takes one space off each end of a span that has one at both ends.
  const pad = code.startsWith('`') || code.endsWith('`') || (/^ .*[^ ].* $/.test(code)) ? ' ' : ''
  return `${fence}${pad}${code}${pad}${fence}`
}
