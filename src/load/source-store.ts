// Reads authors' files once per build and turns offsets into line/column points.
// Every file a page touches (pages, includes) goes through here, so that the same
// include is read once however many pages pull it in, and so that encoding problems
// are found in one place.

import crypto from 'node:crypto'
import fs from 'node:fs'
import { location } from 'vfile-location'
import type { Point } from 'unist'

export interface SourceText {
  text: string
  /** The file's size and time, taken just before it was read (see `build-manifest.ts`). */
  stamp?: string
  /** Why the file could not be read as text; `text` is '' then. */
  problem?: SourceProblem
}

export type SourceProblem = 'not-found' | 'is-directory' | 'not-a-file' | 'too-large' | 'binary' | 'invalid-utf8'

/** The largest file weft reads as text: a page is refused past 2 million characters anyway. */
export const maxSourceBytes = 16 * 1024 * 1024

/** Each problem as the end of a sentence that starts with the file's name. */
export const sourceProblems: Record<SourceProblem, string> = {
  'not-found': 'cannot be read',
  'is-directory': 'is a folder',
  'not-a-file': 'is not a regular file (a pipe, a device or a socket)',
  'too-large': `is larger than ${maxSourceBytes / 1024 / 1024} MB, more than weft reads as text`,
  binary: 'is a binary file (it holds NUL bytes)',
  'invalid-utf8': 'is not valid UTF-8 text',
}

const decoder = new TextDecoder('utf-8', { fatal: true })

export class SourceStore {
  private readonly texts = new Map<string, SourceText>()
  private readonly locators = new Map<string, ReturnType<typeof location>>()
  private readonly digests = new Map<string, string>()
  /** What was first read of a released file: the build's record of its inputs keeps to it. */
  private readonly released = new Map<string, { digest: string; stamp: string | undefined }>()

  /** Seed the store with text that is not on disk (tests, the dev server's buffers). */
  set(file: string, text: string): void {
    this.texts.set(file, { text: stripBom(text) })
    this.locators.delete(file)
    this.digests.delete(file)
  }

  read(file: string): SourceText {
    let source = this.texts.get(file)
    if (!source) {
      source = readSource(file)
      this.texts.set(file, source)
    }
    return source
  }

  point(file: string, offset: number): Point {
    let locator = this.locators.get(file)
    if (!locator) {
      locator = location(this.read(file).text)
      this.locators.set(file, locator)
    }
    const text = this.read(file).text
    const clamped = Math.max(0, Math.min(offset, text.length))
    const point = locator.toPoint(clamped)
    return point ?? { line: 1, column: 1, offset: clamped }
  }

  /** A digest of the file's text as weft reads it; undefined when it cannot be read as text. */
  digest(file: string): string | undefined {
    if (!this.texts.has(file)) {
      const first = this.released.get(file)
      if (first) return first.digest
    }
    let digest = this.digests.get(file)
    if (digest === undefined) {
      const source = this.read(file)
      if (source.problem) return undefined
      digest = crypto.createHash('sha256').update(source.text).digest('base64')
      this.digests.set(file, digest)
    }
    return digest
  }

  /**
   * Whether the file on disk reads as the store holds it: a second event from one save
   * (an editor that writes a file twice) has nothing new. False for a file it does not hold.
   */
  readsAsBefore(file: string): boolean {
    const held = this.texts.get(file)
    if (!held || held.problem) return false
    const now = readSource(file)
    return !now.problem && now.text === held.text
  }

  /**
   * The digest and stamp of the file's first read: what the build's record of its
   * inputs says, even when a released file was read again (and found changed).
   */
  firstRead(file: string): { digest: string | undefined; stamp: string | undefined } {
    return this.released.get(file) ?? { digest: this.digest(file), stamp: this.read(file).stamp }
  }

  /**
   * Lets go of the file's text, keeping its digest and stamp: a large site's pages
   * are not held in memory to the end of the build. The text is read again if
   * asked for (to place a message); a change since is then seen, not hidden.
   */
  release(file: string): void {
    const source = this.texts.get(file)
    if (!source || source.problem) return
    // Read again since it was first let go: the first read is still what the record keeps.
    if (!this.released.has(file)) this.released.set(file, { digest: this.digest(file)!, stamp: source.stamp })
    this.dropText(file)
  }

  /**
   * Knows the file by the digest and stamp a build in another process took when it
   * read it, without reading it (its size and time are still the same): as if read and let go.
   */
  remember(file: string, digest: string, stamp: string): void {
    this.dropText(file)
    this.released.set(file, { digest, stamp })
  }

  /** Drop what is known of `file`, which changed on disk. */
  forget(file: string): void {
    this.dropText(file)
    this.released.delete(file)
  }

  /** The file's text and what was worked out from it; what its first read was is another matter. */
  private dropText(file: string): void {
    this.texts.delete(file)
    this.locators.delete(file)
    this.digests.delete(file)
  }

  clear(): void {
    this.texts.clear()
    this.locators.clear()
    this.digests.clear()
    this.released.clear()
  }
}

/** Size and modification time, to the nanosecond where the file system keeps it. */
export function fileStamp(file: string): string | undefined {
  const stat = fs.statSync(file, { throwIfNoEntry: false, bigint: true })
  return stat?.isFile() ? `${stat.size}:${stat.mtimeNs}` : undefined
}

function readSource(file: string): SourceText {
  let buffer: Buffer
  // Taken before reading: a change made while the file is read shows as a newer stamp later.
  const stamp = fileStamp(file)
  let fd: number
  try {
    // Without blocking, so that a pipe put where a file was expected is seen, not waited on.
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return { text: '', problem: code === 'EISDIR' ? 'is-directory' : 'not-found' }
  }
  try {
    // The kind and size are those of what was opened, not of what a path named a moment before.
    const stat = fs.fstatSync(fd)
    if (stat.isDirectory()) return { text: '', problem: 'is-directory' }
    if (!stat.isFile()) return { text: '', problem: 'not-a-file' }
    if (stat.size > maxSourceBytes) return { text: '', problem: 'too-large' }
    buffer = fs.readFileSync(fd)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return { text: '', problem: code === 'EISDIR' ? 'is-directory' : 'not-found' }
  } finally {
    fs.closeSync(fd)
  }
  // A file that grew past the limit while it was read.
  if (buffer.length > maxSourceBytes) return { text: '', problem: 'too-large' }
  if (buffer.includes(0)) return { text: '', problem: 'binary' }
  try {
    return { text: stripBom(decoder.decode(buffer)), stamp }
  } catch {
    return { text: '', problem: 'invalid-utf8' }
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}
