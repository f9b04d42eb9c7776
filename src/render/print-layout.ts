// Where the print view's parts lie in the file a build wrote: the template's pieces
// between the pages' sections, and each section by the digest of the page it came
// from. When the next build's template gets the same (same theme, same titles and
// order, the same everything but the sections' content), its file is the last one
// with the changed sections swapped: Liquid is not run, and the rest is copied from
// the last file in a few long runs instead of read section by section (at 1,000
// pages, a 15 MB file of 1,000 sections).

import { fingerprintConfig, weftVersion, type ResolvedConfig } from '../config.js'
import { hashParts } from '../core/hash.js'

/** `frame`: what the template got; `sections`: [digest, start, bytes] of each page's section, in order; `size`: the file's. */
export interface PrintLayout {
  frame: string
  sections: [string, number, number][]
  size: number
}

/** Bytes `start` to `start + bytes` of the last build's print view. */
export interface LastRange {
  start: number
  bytes: number
}

/** A page's section as it is now: its length in bytes, and how to read it. */
export interface FreshSection {
  bytes: number
  read: () => Uint8Array
}

/** The print view as `pieces[0]`, `sections[0]`, `pieces[1]`, …, the last piece: the template's text between the sections. */
export interface PrintParts {
  pieces: (string | LastRange)[]
  sections: (FreshSection | LastRange)[]
}

/** A digest of weft, the config, the theme and what the print template gets, the sections' content left out (they are markers). */
export function printFrame(config: ResolvedConfig, themeFingerprint: string, context: unknown): string {
  return hashParts([weftVersion, fingerprintConfig(config), themeFingerprint, JSON.stringify(context)])
}

export function encodeLayout(layout: PrintLayout): string {
  return JSON.stringify(['print', layout.frame, layout.size, layout.sections])
}

export function decodeLayout(madeFrom: string | undefined): PrintLayout | undefined {
  try {
    const [kind, frame, size, sections] = JSON.parse(madeFrom ?? '') as [string, string, number, [string, number, number][]]
    if (kind !== 'print' || typeof frame !== 'string' || !Number.isInteger(size) || !Array.isArray(sections)) return undefined
    return { frame, size, sections }
  } catch {
    return undefined
  }
}

/**
 * The parts of the last file, which `layout` describes, with the sections whose
 * digest changed taken as they are now: `digests[index]` is section `index`'s now,
 * `fresh(index)` the section. Undefined when the last file was made for another
 * frame or another number of sections.
 */
export function spliceLast(layout: PrintLayout, frame: string, digests: string[], fresh: (index: number) => FreshSection): PrintParts | undefined {
  if (layout.frame !== frame || layout.sections.length !== digests.length) return undefined
  const parts: PrintParts = { pieces: [], sections: [] }
  let from = 0
  for (const [index, [digest, start, bytes]] of layout.sections.entries()) {
    if (!Number.isInteger(start) || !Number.isInteger(bytes) || start < from || start + bytes > layout.size) return undefined
    parts.pieces.push({ start: from, bytes: start - from })
    parts.sections.push(digest === digests[index] ? { start, bytes } : fresh(index))
    from = start + bytes
  }
  parts.pieces.push({ start: from, bytes: layout.size - from })
  return parts
}

/**
 * The layout of the file `parts` make; its contents in order (text, bytes, and runs
 * of the last file, neighbouring runs joined), each fresh section read when its turn
 * comes; and a digest that stands for its bytes: the frame fixes the template's
 * pieces, and each section's digest its bytes.
 */
export function layOut(parts: PrintParts, frame: string, digests: string[]): { layout: PrintLayout; contents: Iterable<string | Uint8Array | LastRange>; digest: string } {
  const length = (part: string | LastRange | FreshSection) => (typeof part === 'string' ? Buffer.byteLength(part) : part.bytes)
  const sections: [string, number, number][] = []
  let size = 0
  for (const [index, section] of parts.sections.entries()) {
    size += length(parts.pieces[index]!)
    sections.push([digests[index]!, size, section.bytes])
    size += section.bytes
  }
  size += length(parts.pieces[parts.sections.length]!)
  function* contents(): Generator<string | Uint8Array | LastRange> {
    let run: LastRange | undefined
    const order = parts.sections.flatMap((section, index) => [parts.pieces[index]!, section]).concat(parts.pieces[parts.sections.length]!)
    for (const part of order) {
      if (typeof part !== 'string' && !('read' in part)) {
        if (run && run.start + run.bytes === part.start) run = { start: run.start, bytes: run.bytes + part.bytes }
        else {
          if (run) yield run
          run = part
        }
        continue
      }
      if (run) yield run
      run = undefined
      if (typeof part === 'string') {
        yield part
        continue
      }
      const read = part.read()
      // A section not as long as it was said to be would put every later one out of place.
      if (read.length !== part.bytes) throw new Error(`Internal error: a section of the print view is ${read.length} bytes, not ${part.bytes}`)
      yield read
    }
    if (run) yield run
  }
  return { layout: { frame, sections, size }, contents: contents(), digest: hashParts(['print view', frame, ...digests]) }
}
