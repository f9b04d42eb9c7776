// Remembers where each run of the expanded text came from, so that a position in
// the markdown that stage 2 parses can be turned back into the file, line and
// include chain the author wrote it at (the idea of micromark's events-to-acorn).

import type { Origin } from '../core/diagnostics.js'

interface Segment {
  /** Start of the run in the expanded text. */
  start: number
  length: number
  file: string
  /** Offset of the run's first character in `file`. */
  offset: number
  chain: readonly Origin[]
  /** Text weft wrote (a table of contents, build info): every offset maps to `offset`. */
  generated: boolean
}

export class SourceMap {
  private readonly segments: Segment[] = []
  private length = 0

  /** `fallback` answers for text with no runs at all (an empty page). */
  constructor(private readonly fallback: Origin) {}

  /** Record that `length` characters copied from `file` at `offset` come next. */
  copy(length: number, file: string, offset: number, chain: readonly Origin[]): void {
    this.push({ start: this.length, length, file, offset, chain, generated: false })
  }

  /** Record that `length` characters written by weft for the directive at `origin` come next. */
  generate(length: number, origin: Origin): void {
    this.push({ start: this.length, length, file: origin.file, offset: origin.offset, chain: origin.chain ?? [], generated: true })
  }

  /** Where the character at `offset` of the expanded text was written. */
  origin(offset: number): Origin {
    const segments = this.segments
    if (segments.length === 0) return this.fallback
    let low = 0
    let high = segments.length - 1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if (segments[middle]!.start <= offset) low = middle
      else high = middle - 1
    }
    const segment = segments[low]!
    const delta = segment.generated ? 0 : Math.max(0, Math.min(offset - segment.start, segment.length))
    return { file: segment.file, offset: segment.offset + delta, chain: segment.chain }
  }

  /** The runs as a string: two maps with the same fingerprint place every character alike. */
  fingerprint(): string {
    return JSON.stringify(this.segments.map((segment) => [segment.start, segment.length, segment.file, segment.offset, segment.generated ? 1 : 0, segment.chain.map((frame) => [frame.file, frame.offset])]))
  }

  private push(segment: Segment): void {
    if (segment.length === 0) return
    const last = this.segments.at(-1)
    // Adjacent runs of one file merge, so a page without directives is one segment.
    if (
      last && !last.generated && !segment.generated && last.file === segment.file &&
      last.chain === segment.chain && last.offset + last.length === segment.offset
    ) {
      last.length += segment.length
    } else {
      this.segments.push(segment)
    }
    this.length += segment.length
  }
}
