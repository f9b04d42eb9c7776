// Code blocks highlighted at build time by Shiki, in a light and a dark theme; the
// same bytes on every run, however busy the machine.
// weft owns the highlighter: it is created once, and each page's languages are
// loaded (one after the other) before the page is highlighted, so no grammar is
// ever loaded while another block is being highlighted. Languages Shiki does not
// know fall back to plain text. Highlighted blocks are kept by language and text,
// so a block met again is not highlighted again; with a store (the render cache's),
// also between builds: a page whose blocks are all stored is highlighted without
// starting Shiki, which costs a fresh process a few hundred milliseconds.

import rehypeShikiFromHighlighter from '@shikijs/rehype/core'
import type { Root } from 'hast'
import fs from 'node:fs/promises'
import { createRequire } from 'node:module'
import { toString } from 'hast-util-to-string'
import { bundledLanguages, createHighlighter, type BundledLanguage, type Highlighter, type ShikiTransformer } from 'shiki'
import { isSpecialLang } from 'shiki/core'
import { createOnigurumaEngine } from 'shiki/engine/oniguruma'
import { SKIP, visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import './context.js'
import { walkElements } from './walk-elements.js'

/** Highlighted blocks kept between builds, under a name the store gives each block's key. */
export interface HighlightStore {
  name(key: string): string
  get(name: string): Root | undefined
  set(name: string, block: Root): void
}

type Transform = (tree: Root, file: VFile) => unknown

const themes = { light: 'github-light', dark: 'github-dark' } as const
const plainText = 'text'

const dataLanguage: ShikiTransformer = {
  pre(node) {
    node.properties['data-language'] = this.options.lang
  },
}

const shikiOptions = {
  themes,
  defaultLanguage: plainText,
  fallbackLanguage: plainText,
  // Shiki gives up on a line after 500 ms by default, which a busy machine can
  // reach on the first block: the output would then depend on the load. No time
  // limit, and lines beyond 10,000 characters stay plain, keep it deterministic.
  tokenizeTimeLimit: 0,
  tokenizeMaxLineLength: 10_000,
  transformers: [dataLanguage],
}

let highlighter: Promise<Highlighter> | undefined

/**
 * Shiki's regex engine, Oniguruma, from the `.wasm` file Shiki ships. Shiki's default
 * loader unpacks a gzipped copy inlined in JavaScript through web streams, which
 * loads Node's fetch implementation: a first highlighted page took about 100 ms to
 * start the engine that way, about 40 ms this way (same engine, same output). An
 * `instantiator` is the one form of loader Shiki does not test against `Response`
 * (which alone would load that implementation).
 */
function onigurumaFromFile() {
  const wasm = createRequire(import.meta.url).resolve('shiki/onig.wasm')
  return createOnigurumaEngine({ instantiator: async (imports) => WebAssembly.instantiate(await fs.readFile(wasm), imports) })
}

/**
 * The blocks Shiki's plugin asks for, by its key (language, meta, text): from
 * memory, else from the store. Each page gets its own copy of a block: trees must
 * not share nodes. Only the most recent blocks stay in memory (a block in an
 * include comes back page after page), so that a thread rendering thousands of
 * pages does not keep every block it saw.
 */
class BlockCache {
  private static readonly limit = 256
  private readonly recent = new Map<string, Root>()
  /** The store's names of the blocks of the page being highlighted. */
  names: Set<string> | undefined

  constructor(private readonly store: HighlightStore | undefined) {}

  /** Whether the block is in memory or in the store (then brought into memory). */
  has(key: string): boolean {
    return this.recent.has(key) || this.fromStore(key) !== undefined
  }

  get(key: string): Root | undefined {
    const name = this.store?.name(key)
    if (name) this.names?.add(name)
    const block = this.recent.get(key)
    if (!block) return this.fromStore(key, name)
    this.recent.delete(key)
    this.recent.set(key, block)
    return structuredClone(block)
  }

  set(key: string, block: Root): this {
    this.remember(key, block)
    this.store?.set(this.store.name(key), block)
    return this
  }

  private fromStore(key: string, name = this.store?.name(key)): Root | undefined {
    const stored = name ? this.store!.get(name) : undefined
    if (stored) this.remember(key, stored)
    return stored
  }

  private remember(key: string, block: Root): void {
    this.recent.set(key, structuredClone(block))
    if (this.recent.size > BlockCache.limit) this.recent.delete(this.recent.keys().next().value!)
  }
}

export function rehypeHighlight(options: { store?: HighlightStore } = {}) {
  const cache = new BlockCache(options.store)
  let transform: Transform | undefined
  return async (tree: Root, file: VFile) => {
    const languages = languagesOf(tree)
    cache.names = options.store ? file.data.weft?.highlighted : undefined
    if (!highlighter && options.store && blockKeys(tree, languages).every((key) => cache.has(key))) {
      // Every block is stored: a stand-in that knows the page's languages by name
      // lets Shiki's plugin pick the same keys, and take each block from the cache.
      const standIn = { getLoadedLanguages: () => languages, codeToHast: () => missing() }
      await (rehypeShikiFromHighlighter(standIn as unknown as Highlighter, { ...shikiOptions, cache }) as Transform)(tree, file)
      return
    }
    const shiki = await (highlighter ??= createHighlighter({ themes: Object.values(themes), langs: [], engine: onigurumaFromFile() }))
    for (const language of languages) {
      if (!shiki.getLoadedLanguages().includes(language)) await shiki.loadLanguage(language)
    }
    transform ??= rehypeShikiFromHighlighter(shiki, { ...shikiOptions, cache }) as Transform
    await transform(tree, file)
  }
}

function missing(): never {
  throw new Error('Internal error: a stored code block was not found again')
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

/**
 * The keys Shiki's rehype plugin gives the page's blocks once the page's languages
 * are loaded: for a `pre` whose first child is a `code`, its `language-` class
 * (plain text for none, or for one not loaded), its meta and its text.
 */
function blockKeys(tree: Root, languages: readonly string[]): string[] {
  const keys: string[] = []
  visit(tree, 'element', (node, index, parent) => {
    if (node.tagName !== 'pre' || !parent || index === undefined) return
    const head = node.children[0]
    if (!head || head.type !== 'element' || head.tagName !== 'code') return
    const classes = head.properties.className
    const named = Array.isArray(classes) ? classes.find((name) => typeof name === 'string' && name.startsWith('language-')) : undefined
    const asked = typeof named === 'string' ? named.slice('language-'.length) : undefined
    const language = asked && (languages.includes(asked) || isSpecialLang(asked)) ? asked : plainText
    const meta = (head.data as { meta?: string } | undefined)?.meta ?? head.properties.metastring?.toString() ?? ''
    keys.push(JSON.stringify([language, meta, toString(head)]))
    return SKIP
  })
  return keys
}
