// Text a build has made and needs again only at its end (each page's section of the
// print view), kept on disk instead of in memory: at 5,000 pages the print view's
// sections are some 70 MB of HTML, twice that as strings.

import fs from 'node:fs'
import { readRange } from '../core/read-range.js'
import { readStoredText, type StoredText } from '../core/stored-text.js'

/** Where a text was put: read it back with `SpillFile.read`. */
export interface Spilled {
  position: number
  bytes: number
}

export class SpillFile {
  private readonly fd: number
  private size = 0

  constructor(readonly file: string) {
    this.fd = fs.openSync(file, 'w+')
  }

  put(text: string | Uint8Array): Spilled {
    const buffer = typeof text === 'string' ? Buffer.from(text) : text
    for (let done = 0; done < buffer.length; ) done += fs.writeSync(this.fd, buffer, done, buffer.length - done, this.size + done)
    const spilled = { position: this.size, bytes: buffer.length }
    this.size += buffer.length
    return spilled
  }

  /** A text put here, or one that waits in the cache already (a cached page's, which was never put here). */
  read(spilled: Spilled | StoredText): Buffer {
    if ('file' in spilled) return readStoredText(spilled)
    const buffer = Buffer.allocUnsafe(spilled.bytes)
    // The spill file only grows during a build: a text cut short is weft's own mistake, not a wait forever.
    if (readRange(this.fd, buffer, spilled.bytes, spilled.position) < spilled.bytes) throw new Error('Internal error: a text in the spill file was cut short')
    return buffer
  }

  /** Closes and deletes the file. */
  remove(): void {
    try {
      fs.closeSync(this.fd)
    } catch {
      // Already closed.
    }
    fs.rmSync(this.file, { force: true })
  }
}
