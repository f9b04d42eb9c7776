// The unified pipeline of stage 2, in one visible chain: markdown (with GFM,
// shortcodes and callouts) → mdast with resolved links → hast with raw HTML
// parsed and brought up to date, heading ids, finished URLs, sized images, code
// highlighted by Shiki in a light and a dark theme, and heading anchors. Extra
// plugins from the config run at the end of each half.

import type { Root as HastRoot } from 'hast'
import rehypeSanitize from 'rehype-sanitize'
import rehypeSlug from 'rehype-slug'
import rehypeStringify from 'rehype-stringify'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified, type PluggableList } from 'unified'
import { VFile } from 'vfile'
import { VFileMessage } from 'vfile-message'
import type { Timings } from '../core/timings.js'
import type { PageData } from './context.js'
import { reportPluginMessages } from './plugin-messages.js'
import { rehypeHeadingAnchors } from './rehype-heading-anchors.js'
import { rehypeHighlight, type HighlightStore } from './rehype-highlight.js'
import { rehypeImages } from './rehype-images.js'
import { rehypeLinks } from './rehype-links.js'
import { rehypeModernizeHtml } from './rehype-modernize-html.js'
import { rehypeRawHtml } from './rehype-raw-html.js'
import { remarkLinks } from './remark-links.js'
import { rehypeSafeIds } from './rehype-safe-ids.js'
import { remarkShortcodes } from './remark-shortcodes.js'
import { remarkCallouts } from './remark-callouts.js'
import { safeSchema } from './safe-schema.js'
import { SitePluginError, sitePlugins } from './site-plugins.js'

export interface MarkdownOptions {
  remarkPlugins?: PluggableList
  rehypePlugins?: PluggableList
  /** Sanitize what authors wrote, for sites that publish outside contributions. */
  safe?: boolean
  /** Where highlighted code blocks are kept between builds. */
  highlightStore?: HighlightStore
  /** The config file that lists the plugins: where one that fails to set up is reported. */
  configFile?: string
}

export function createProcessor(options: MarkdownOptions = {}) {
  return unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkShortcodes)
    .use(remarkCallouts)
    .use(remarkLinks)
    .use(sitePlugins(options.remarkPlugins ?? [], 'remark', options.configFile))
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(rehypeRawHtml)
    .use(options.safe ? [[rehypeSanitize, safeSchema], rehypeSafeIds] : [])
    .use(rehypeModernizeHtml)
    .use(rehypeSlug)
    .use(rehypeLinks, { safe: options.safe })
    .use(rehypeImages)
    .use(rehypeHighlight, { store: options.highlightStore })
    .use(rehypeHeadingAnchors)
    .use(sitePlugins(options.rehypePlugins ?? [], 'rehype', options.configFile))
    .use(rehypeStringify)
}

export type Processor = ReturnType<typeof createProcessor>

/**
 * Markdown of one page (already expanded) → its HTML tree. What the config's plugins
 * say on the vfile becomes the page's messages; a plugin's `file.fail()` leaves the
 * page empty and failed, with its message, instead of stopping the build.
 */
export async function renderMarkdown(processor: Processor, markdown: string, data: PageData, timings?: Timings): Promise<HastRoot> {
  const file = new VFile({ path: data.page.file, value: markdown, data: { weft: data } })
  let started = performance.now()
  let tree: HastRoot
  try {
    const mdast = processor.parse(file)
    timings?.add('parse', performance.now() - started)
    started = performance.now()
    tree = (await processor.run(mdast, file)) as HastRoot
    timings?.add('transform', performance.now() - started)
  } catch (error) {
    if (error instanceof SitePluginError) {
      // Where it failed: once at the config file when setting up (every page says it alike), else at the page.
      data.diagnostics.error('site-plugin', error.message, error.where ?? data.map.origin(0), `fix the plugin, or take it out of \`${error.half}Plugins\` in the config`)
    } else if (error instanceof VFileMessage) {
      if (!file.messages.includes(error)) file.messages.push(error)
      error.fatal = true
    } else {
      // Any other error is a bug of weft's, or of a plugin that weft itself runs: an internal error.
      throw error
    }
    tree = { type: 'root', children: [] }
  }
  reportPluginMessages(file, data)
  return tree
}
