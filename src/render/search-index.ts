// The full-text search index, made by Pagefind from each page's content. It is a
// set of static files under `pagefind/`, so search works on any static host with no
// service behind it.

import { escapeHtml } from './escape.js'

export interface SearchDocument {
  /** The page's output path: results link to it (plus `#heading`). */
  output: string
  title: string
  content: string
}

/** Pagefind, once something is indexed: a build whose index comes from the cache never starts it. */
let pagefind: typeof import('pagefind') | undefined

export async function buildSearchIndex(documents: SearchDocument[], lang: string): Promise<Map<string, Uint8Array>> {
  const feed = await openSearchIndex(lang)
  for (const document of documents) feed.add(document)
  return feed.finish()
}

/** An index being fed page by page, while the rest of the build goes on: Pagefind works in a process of its own. */
export interface SearchFeed {
  /** Adds a page; pages are indexed in the order they are added. */
  add(document: SearchDocument): void
  /** Resolves once at most `limit` pages added wait to be indexed. */
  drain(limit: number): Promise<void>
  /** Pagefind's files, once every page added is indexed. */
  finish(): Promise<Map<string, Uint8Array>>
  /** Throws the index away (the build failed, or its files came from the cache). */
  discard(): Promise<void>
}

export async function openSearchIndex(lang: string): Promise<SearchFeed> {
  pagefind ??= await import('pagefind')
  const { index, errors } = await pagefind.createIndex({ forceLanguage: lang })
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`)
  // One request at a time, in order: the index numbers pages as they come, and the site must come out the same every time.
  let queue: Promise<void> = Promise.resolve()
  let failure: Error | undefined
  let closed = false
  // Pages added and not yet indexed, and who waits for there to be fewer.
  let waiting = 0
  const drainers: { limit: number; resolve: () => void }[] = []
  const indexed = () => {
    waiting--
    for (let index = drainers.length - 1; index >= 0; index--) {
      if (waiting > drainers[index]!.limit) continue
      drainers[index]!.resolve()
      drainers.splice(index, 1)
    }
  }
  const close = async () => {
    if (closed) return
    closed = true
    await queue.catch(() => {})
    await index.deleteIndex()
  }
  return {
    add(document) {
      const html = `<!doctype html><html lang="${escapeHtml(lang)}"><head><title>${escapeHtml(document.title)}</title></head><body><main data-pagefind-body><h1>${escapeHtml(document.title)}</h1>${plainCodeBlocks(document.content)}</main></body></html>`
      waiting++
      queue = queue
        .then(async () => {
          if (failure || closed) return
          const added = await index.addHTMLFile({ url: `/${document.output}`, content: html })
          if (added.errors.length > 0) failure = new Error(`Pagefind could not index ${document.output}: ${added.errors.join('; ')}`)
        })
        .finally(indexed)
    },
    drain(limit) {
      if (waiting <= limit) return Promise.resolve()
      return new Promise((resolve) => drainers.push({ limit, resolve }))
    },
    async finish() {
      try {
        await queue
        if (failure) throw failure
        const { files, errors: fileErrors } = await index.getFiles()
        if (fileErrors.length > 0) throw new Error(`Pagefind could not write its index: ${fileErrors.join('; ')}`)
        // weft's theme talks to `pagefind.js` itself: Pagefind's own UI bundles are not shipped.
        const kept = files.filter((file) => !/(?:^|\/)pagefind-(?:ui|modular-ui|component-ui|highlight)\.(?:js|css)$/.test(file.path))
        return new Map(kept.map((file) => [`pagefind/${file.path}`, file.content]))
      } finally {
        await close()
      }
    },
    discard: close,
  }
}

/** A tag, its quoted attribute values read whole (they may hold a `>`). */
const tag = /<(?:[^>"']|"[^"]*"|'[^']*')*>/g
const codeBlock = /(<pre\b(?:[^>"']|"[^"]*"|'[^']*')*>)([\s\S]*?)(<\/pre>)/g

/**
 * Code blocks with their text only. Shiki's token spans are about a third of a
 * page's bytes: Pagefind spent a quarter of its time reading them, for the same
 * index (byte for byte, over the 1,000 pages of the benchmark).
 */
export function plainCodeBlocks(html: string): string {
  return html.replace(codeBlock, (_, open: string, inner: string, close: string) => open + inner.replace(tag, '') + close)
}

/** Pagefind's service runs in a process of its own; end it when weft is done. */
export async function closeSearch(): Promise<void> {
  await pagefind?.close()
}
