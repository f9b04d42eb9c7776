// Pages rendered in a worker thread come back as copies: every page's record holds
// its own copy of the same file paths (its includes, the pages it links to, where
// each link and definition was written). Here they become one string each, which
// the main thread keeps for every page until the build ends.

import type { Origin } from '../core/diagnostics.js'
import type { RenderedPage } from '../core/compiled-page.js'

export class SharedStrings {
  private readonly strings = new Map<string, string>()
  /** Probes by file and signature: most pages look at the same few files (images, pages they link to). */
  private readonly probes = new Map<string, [string, string]>()

  get(text: string): string {
    const shared = this.strings.get(text)
    if (shared !== undefined) return shared
    this.strings.set(text, text)
    return text
  }

  /** Replaces the repeated strings of a page's record with the shared ones, in place. */
  share(rendered: RenderedPage): void {
    const set = (strings: Set<string>) => new Set([...strings].map((text) => this.get(text)))
    rendered.sources = set(rendered.sources)
    rendered.linked = set(rendered.linked)
    rendered.assets = set(rendered.assets)
    rendered.references = set(rendered.references)
    for (const link of rendered.links) {
      link.target = this.get(link.target)
      this.shareOrigin(link.origin)
    }
    for (const definition of rendered.definitions) {
      definition.identifier = this.get(definition.identifier)
      this.shareOrigin(definition.origin)
    }
  }

  /** The same probes, each pair one shared array (the pairs are never changed in place). */
  shareProbes(probes: [string, string][]): [string, string][] {
    return probes.map(([file, signature]) => {
      const key = `${file}\u0000${signature}`
      let shared = this.probes.get(key)
      if (!shared) {
        shared = [this.get(file), this.get(signature)]
        this.probes.set(key, shared)
      }
      return shared
    })
  }

  private shareOrigin(origin: Origin): void {
    origin.file = this.get(origin.file)
    for (const outer of origin.chain ?? []) this.shareOrigin(outer)
  }
}
