// A persistent, content-addressed cache of rendered pages (under
// `node_modules/.cache/weft/`). The key is everything a page's render reads: the
// expanded markdown and where each run of it came from, the page's place in the
// site, the config and weft's version. Files the render looked at on disk (images,
// linked files) are checked again on every hit. A corrupt, truncated or foreign
// entry is ignored and written anew; entries are written atomically, so builds
// racing on one cache cannot tear one. An entry is a line of JSON (what the other
// stages check and link by) followed by the page's HTML and print section as they
// are: a hit reads the line, and the texts only if a stage asks for them.

import fs from 'node:fs'
import path from 'node:path'
import type { PlainMessage } from '../core/diagnostics.js'
import { probeSignature } from '../core/probes.js'
import type { RenderedPage, CompiledPage } from '../core/compiled-page.js'
import { hashParts } from '../core/hash.js'
import { readWhenAsked, textDigest, type StoredText } from '../core/stored-text.js'
import { readRange } from '../core/read-range.js'
import { writeAtomically } from './atomic-write.js'
import { HighlightFolder } from './highlight-store.js'

const format = 4

/**
 * One site's part of the cache (by its content folder: builds of one site to other
 * output folders share it), with its rendered pages and its search indexes. A
 * build sweeps only its own site's part.
 */
export function siteCacheFolder(config: { cacheDir: string; contentDir: string }): string {
  return path.join(config.cacheDir, 'sites', hashParts([config.contentDir]).slice(0, 16))
}

/** Folders of the cache's layout before sites had a part of their own: nothing reads them now. */
const legacyFolders = ['render', 'search']

/** A temporary file this old is left by a writer that was killed, not one still writing. */
const abandonedMs = 10 * 60_000

export class RenderCache {
  private readonly folder: string
  /** Code blocks as Shiki highlighted them, for pages rendered again. */
  readonly highlighted: HighlightFolder

  /** `site`: the site's part of the cache (`siteCacheFolder`). */
  constructor(readonly site: string) {
    this.folder = path.join(site, 'render')
    this.highlighted = new HighlightFolder(path.join(site, 'highlighted'))
  }

  /**
   * The page's render, its HTML and print section left in the entry until they are
   * first asked for (`RenderedPage.stored`): only the entry's head is read here.
   */
  get(key: string, signature: (file: string) => string = probeSignature): CompiledPage | undefined {
    const file = this.file(key)
    let found: { head: Head; body: number }
    try {
      found = readHead(file)
    } catch {
      return undefined
    }
    const { head, body } = found
    if (head.key !== key || !Array.isArray(head.probes)) return undefined
    for (const [probed, recorded] of head.probes) if (signature(probed) !== recorded) return undefined
    try {
      const result = revive(head.result)
      const html: StoredText = { file, position: body, bytes: head.html[0], digest: head.html[1] }
      const print: StoredText = { file, position: body + head.html[0], bytes: head.print[0], digest: head.print[1] }
      readWhenAsked(result.rendered, 'html', html)
      readWhenAsked(result.rendered, 'print', print)
      result.rendered.stored = { html, print }
      return { ...result, probes: head.probes, cacheKey: key }
    } catch {
      return undefined
    }
  }

  /** Writes the entry: its head (one line of JSON), then the page's HTML and print section as they are. */
  set(key: string, result: CompiledPage, probes: Map<string, string>): void {
    const html = Buffer.from(result.rendered.html)
    const print = Buffer.from(result.rendered.print)
    const head: Head = { format, key, probes: [...probes], result: flatten(result), html: [html.length, textDigest(html)], print: [print.length, textDigest(print)] }
    writeAtomically(this.file(key), Buffer.concat([Buffer.from(`${JSON.stringify(head)}\n`), html, print]))
  }

  /**
   * The key of the page's last render, found without expanding it: `page` names the
   * page and its place in the site, `file` is its source; the record lists the files
   * its text was made of with their digests, which must all be the same now. Only
   * the small record is read: the rendered entry (`get`) may still turn out damaged.
   */
  probe(page: string, file: string, digest: (file: string) => string | undefined): string | undefined {
    let entry: PageEntry
    try {
      entry = JSON.parse(fs.readFileSync(this.pageFile(page), 'utf8')) as PageEntry
    } catch {
      return undefined
    }
    if (!entry || entry.format !== format || entry.page !== page || typeof entry.key !== 'string' || !Array.isArray(entry.inputs)) return undefined
    // The page's own file comes first: an entry that lists another page's files is not this page's.
    if (entry.inputs[0]?.[0] !== file) return undefined
    for (const [file, stored] of entry.inputs) if (typeof file !== 'string' || digest(file) !== stored) return undefined
    return entry.key
  }

  /** Records what `probe` checks: the page's files and their digests, and its rendered entry. */
  remember(page: string, key: string, inputs: [string, string][]): void {
    const entry: PageEntry = { format, page, key, inputs }
    writeAtomically(this.pageFile(page), JSON.stringify(entry))
  }

  /**
   * Deletes what this site's builds no longer use: rendered pages other than
   * `entries`, page records other than `pages`, search indexes other than
   * `searchIndexes`, highlighted code blocks other than `highlighted`, and the
   * folders of the cache's old layout. Returns how many files went. A build racing
   * with this one may lose an entry it just wrote: it renders the page again next
   * time, no more.
   */
  sweep(keep: { entries: ReadonlySet<string>; pages: ReadonlySet<string>; searchIndexes: ReadonlySet<string>; highlighted: ReadonlySet<string> }): number {
    let removed = 0
    const now = Date.now()
    /** `skip`: a folder inside `folder` that is swept on its own (the page records inside the renders' folder). */
    const sweepFolder = (folder: string, nameOf: (file: string) => string | undefined, kept: (name: string) => boolean, skip?: string) => {
      let names: string[]
      try {
        names = filesBelow(folder, skip)
      } catch {
        return
      }
      for (const relative of names) {
        const file = path.join(folder, relative)
        const name = nameOf(relative)
        try {
          if (name === undefined) {
            if (relative.endsWith('.tmp') && now - fs.statSync(file).mtimeMs > abandonedMs) fs.rmSync(file, { force: true })
            else continue
          } else if (kept(name)) continue
          else fs.rmSync(file, { force: true })
          removed++
        } catch {
          // Gone already, or not ours to delete: a cache that is not swept only costs room.
        }
      }
    }
    // `ab/cdef….json` → `abcdef…`
    const keyOf = (relative: string) => /^([0-9a-f]{2})[\\/]([0-9a-f]{62})\.json$/.exec(relative)?.slice(1).join('')
    sweepFolder(this.folder, keyOf, (key) => keep.entries.has(key), 'pages')
    sweepFolder(path.join(this.folder, 'pages'), keyOf, (page) => keep.pages.has(page))
    sweepFolder(this.highlighted.folder, keyOf, (name) => keep.highlighted.has(name))
    sweepFolder(path.join(this.site, 'search'), (relative) => /^([0-9a-f]{64})\.json$/.exec(relative)?.[1], (key) => keep.searchIndexes.has(key))
    const cacheDir = path.dirname(path.dirname(this.site))
    for (const legacy of legacyFolders) {
      try {
        fs.rmSync(path.join(cacheDir, legacy), { recursive: true, force: true })
      } catch {
        // As above.
      }
    }
    return removed
  }

  private file(key: string): string {
    return path.join(this.folder, key.slice(0, 2), `${key.slice(2)}.json`)
  }

  private pageFile(page: string): string {
    return path.join(this.folder, 'pages', page.slice(0, 2), `${page.slice(2)}.json`)
  }
}

/**
 * The files of `folder` and of its subfolders, one level down (the cache's layout:
 * `ab/cdef….json`), as paths relative to it, leaving out its subfolder `skip`. Two
 * plain listings, not a recursive one: Node's recursive listing took 40–73 ms for
 * the 3,000 files of a 1,000-page site's cache, this 11–13 ms.
 */
function filesBelow(folder: string, skip: string | undefined): string[] {
  const files: string[] = []
  for (const top of fs.readdirSync(folder, { withFileTypes: true })) {
    if (top.name === skip) continue
    if (!top.isDirectory()) files.push(top.name)
    else for (const name of fs.readdirSync(path.join(folder, top.name))) files.push(path.join(top.name, name))
  }
  return files
}

interface PageEntry {
  format: number
  page: string
  key: string
  inputs: [string, string][]
}

/** An entry's first line; the page's HTML and print section follow it, their byte lengths and digests here. */
interface Head {
  format: number
  key: string
  probes: [string, string][]
  result: FlatResult
  html: [number, string]
  print: [number, string]
}

/** Room for the head of most entries (a page's links, ids and headings): one read of a page's entry. */
const headRoom = 16 * 1024
const headBuffer = Buffer.allocUnsafe(headRoom)

/** The entry's head, and where its body starts; throws for an entry that is not whole or not of this format. */
function readHead(file: string): { head: Head; body: number } {
  const fd = fs.openSync(file, 'r')
  try {
    const size = fs.fstatSync(fd).size
    let buffer = headBuffer
    let length = readRange(fd, buffer, Math.min(headRoom, size), 0)
    let end = buffer.subarray(0, length).indexOf(10)
    if (end < 0 && size > length) {
      buffer = Buffer.allocUnsafe(size)
      length = readRange(fd, buffer, size, 0)
      end = buffer.subarray(0, length).indexOf(10)
    }
    if (end < 0) throw new Error('no head')
    const head = JSON.parse(buffer.subarray(0, end).toString('utf8')) as Head
    if (!head || head.format !== format || !Array.isArray(head.html) || !Array.isArray(head.print)) throw new Error('not an entry of this format')
    const [htmlBytes, printBytes] = [head.html[0], head.print[0]]
    if (!Number.isInteger(htmlBytes) || !Number.isInteger(printBytes) || typeof head.html[1] !== 'string' || typeof head.print[1] !== 'string') throw new Error('not an entry of this format')
    // A truncated entry, or one with more after it, is not the one its head describes.
    if (size !== end + 1 + htmlBytes + printBytes) throw new Error('not whole')
    return { head, body: end + 1 }
  } finally {
    fs.closeSync(fd)
  }
}

type FlatRendered = Omit<RenderedPage, 'ids' | 'assets' | 'sources' | 'linked' | 'references' | 'html' | 'print' | 'stored'> & {
  ids: string[]
  assets: string[]
  sources: string[]
  linked: string[]
  references: string[]
}

interface FlatResult {
  rendered: FlatRendered
  messages: PlainMessage[]
  failed: boolean
}

/** The page's render without its HTML and print section, which the entry keeps as they are. */
function flatten(result: Omit<CompiledPage, 'probes'>): FlatResult {
  const { html: _html, print: _print, stored: _stored, ...rendered } = result.rendered
  return {
    messages: result.messages,
    failed: result.failed,
    rendered: { ...rendered, ids: [...rendered.ids], assets: [...rendered.assets], sources: [...rendered.sources], linked: [...rendered.linked], references: [...rendered.references] },
  }
}

/** The render `flatten` gave, its HTML and print section still to be put in. */
function revive(flat: FlatResult): Omit<CompiledPage, 'probes'> {
  const { rendered } = flat
  if (typeof rendered.digest !== 'string') throw new Error('not a rendered page')
  return {
    messages: flat.messages,
    failed: flat.failed,
    rendered: { ...rendered, html: '', print: '', ids: new Set(rendered.ids), assets: new Set(rendered.assets), sources: new Set(rendered.sources), linked: new Set(rendered.linked), references: new Set(rendered.references) },
  }
}
