// Code blocks highlighted at build time by Shiki, in a light and a dark theme; the
// same bytes on every run, however busy the machine.
// weft owns the highlighter: it is created once, and each page's languages are
// loaded (one after the other) before the page is highlighted, so no grammar is
// ever loaded while another block is being highlighted. Languages Shiki does not
// know fall back to plain text. Highlighted blocks are kept by language and text,
// so a block met again is not highlighted again.

import rehypeShikiFromHighlighter from '@shikijs/rehype/core'
import type { Root } from 'hast'
import { bundledLanguages, createHighlighter, type BundledLanguage, type Highlighter } from 'shiki'
import type { VFile } from 'vfile'
import { walkElements } from './walk-elements.js'

const themes = { light: 'github-light', dark: 'github-dark' } as const

let highlighter: Promise<Highlighter> | undefined
// Each page gets its own copy of a kept block: trees must not share nodes. Only the
// most recent blocks are kept (a block in an include comes back page after page),
// so that a thread rendering thousands of pages does not keep every block it saw.
const keptLimit = 256
const kept = new Map<string, Root>()
const blocks = {
  get: (key: string) => {
    const block = kept.get(key)
    if (!block) return undefined
    kept.delete(key)
    kept.set(key, block)
    return structuredClone(block)
  },
  set(key: string, block: Root) {
    kept.set(key, structuredClone(block))
    if (kept.size > keptLimit) kept.delete(kept.keys().next().value!)
    return this
  },
}

export function rehypeHighlight() {
  let transform: ((tree: Root, file: VFile) => unknown) | undefined
  return async (tree: Root, file: VFile) => {
    const shiki = await (highlighter ??= createHighlighter({ themes: Object.values(themes), langs: [] }))
    for (const language of languagesOf(tree)) {
      if (!shiki.getLoadedLanguages().includes(language)) await shiki.loadLanguage(language)
    }
    transform ??= rehypeShikiFromHighlighter(shiki, {
      themes,
      defaultLanguage: 'text',
      fallbackLanguage: 'text',
      // Shiki gives up on a line after 500 ms by default, which a busy machine can
      // reach on the first block: the output would then depend on the load. No time
      // limit, and lines beyond 10,000 characters stay plain, keep it deterministic.
      tokenizeTimeLimit: 0,
      tokenizeMaxLineLength: 10_000,
      cache: blocks,
      transformers: [
        {
          pre(node) {
            node.properties['data-language'] = this.options.lang
          },
        },
      ],
    }) as (tree: Root, file: VFile) => unknown
    await transform(tree, file)
  }
}

/** The bundled languages the page's code blocks name (`language-yaml` → `yaml`). */
function languagesOf(tree: Root): BundledLanguage[] {
  const found = new Set<BundledLanguage>()
  walkElements(tree, (element) => {
    if (element.tagName !== 'code') return
    const classes = Array.isArray(element.properties.className) ? element.properties.className : []
    for (const name of classes) {
      const language = String(name).replace(/^language-/, '').toLowerCase()
      if (String(name).startsWith('language-') && language in bundledLanguages) found.add(language as BundledLanguage)
    }
  })
  return [...found].sort()
}
