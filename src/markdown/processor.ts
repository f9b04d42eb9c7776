// The unified pipeline of stage 2, in one visible chain: markdown (with GFM and
// shortcodes) → mdast with resolved links → hast with raw HTML parsed, heading ids
// and finished URLs. Extra plugins from the config run at the end of each half.

import type { Root as HastRoot } from 'hast'
import rehypeRaw from 'rehype-raw'
import rehypeSlug from 'rehype-slug'
import rehypeStringify from 'rehype-stringify'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified, type PluggableList } from 'unified'
import { VFile } from 'vfile'
import type { PageData } from './context.js'
import { rehypeLinks } from './rehype-links.js'
import { remarkLinks } from './remark-links.js'
import { remarkShortcodes } from './remark-shortcodes.js'

export interface MarkdownOptions {
  remarkPlugins?: PluggableList
  rehypePlugins?: PluggableList
}

export function createProcessor(options: MarkdownOptions = {}) {
  return unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkShortcodes)
    .use(remarkLinks)
    .use(options.remarkPlugins ?? [])
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(rehypeRaw)
    .use(rehypeSlug)
    .use(rehypeLinks)
    .use(options.rehypePlugins ?? [])
    .use(rehypeStringify)
}

export type Processor = ReturnType<typeof createProcessor>

/** Markdown of one page (already expanded) → its HTML tree. */
export async function renderMarkdown(processor: Processor, markdown: string, data: PageData): Promise<HastRoot> {
  const file = new VFile({ path: data.page.file, value: markdown, data: { weft: data } })
  return (await processor.run(processor.parse(file), file)) as HastRoot
}
