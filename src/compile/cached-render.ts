// A page's last render found in the cache without expanding or parsing it, when
// none of its files changed since: first which pages the cache holds, from their
// small records, then each render as it is needed. Kept apart from the render itself, so that a
// build that renders nothing never loads the markdown pipeline.

import { fingerprintConfig, type ResolvedConfig } from '../config.js'
import type { Page, Site } from '../core/site.js'
import type { SourceStore } from '../load/source-store.js'
import { type RenderCache } from './render-cache.js'
import { probeSignature } from '../core/probes.js'
import type { Timings } from '../core/timings.js'
import { hashParts } from '../core/hash.js'
import type { CompiledPage } from '../core/compiled-page.js'

export function cachedRenderKey(page: Page, context: CacheContext): string | undefined {
  const { cache, sources } = context
  if (!cache) return undefined
  return context.timings.measure('cache lookup', () => cache.probe(pageKey(context.fingerprint, page), page.file, (file) => sources.digest(file)))
}

/** The render `cachedRenderKey` found, unless its entry turns out damaged. */
export function cachedRender(key: string, context: CacheContext): CompiledPage | undefined {
  return context.timings.measure('cache lookup', () => context.cache?.get(key, context.signature))
}

interface CacheContext {
  cache?: RenderCache
  sources: SourceStore
  fingerprint: string
  timings: Timings
  /** `probeSignature`, or one that remembers what it found for the pass (see `passSignatures`). */
  signature?: (file: string) => string
}

/**
 * `probeSignature` that looks at each file once: for one pass over the cached pages,
 * which look at the same few files (at 1,000 pages, 8,281 probes of 484 files).
 */
export function passSignatures(): (file: string) => string {
  const found = new Map<string, string>()
  return (file) => {
    let signature = found.get(file)
    if (signature === undefined) {
      signature = probeSignature(file)
      found.set(file, signature)
    }
    return signature
  }
}

/** A page and its place in the site: the cache's name for the page, whatever its text. */
export function pageKey(fingerprint: string, page: Page): string {
  return hashParts([fingerprint, page.file, page.output])
}

/** weft's version, the config, and where every page is written: what every page's render shares. */
export function renderFingerprint(config: ResolvedConfig, site: Site): string {
  let fingerprint = fingerprints.get(site)?.get(config)
  if (fingerprint === undefined) {
    fingerprint = hashParts([fingerprintConfig(config), JSON.stringify(site.pages.map((page) => [page.file, page.output]))])
    if (!fingerprints.has(site)) fingerprints.set(site, new WeakMap())
    fingerprints.get(site)!.set(config, fingerprint)
  }
  return fingerprint
}

/** By site and config: `weft dev` keeps its site between saves that change no page's place. */
const fingerprints = new WeakMap<Site, WeakMap<ResolvedConfig, string>>()
