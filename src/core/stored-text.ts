// A text that waits on disk in a file of the cache (a cached page's HTML and its
// print section), read only when a stage needs it: after a small change most pages
// are linked from the last build, and their texts are never read.

import crypto from 'node:crypto'
import fs from 'node:fs'
import { readRange } from './read-range.js'

/** Bytes `position` to `position + bytes` of `file`, which hash to `digest`. */
export interface StoredText {
  file: string
  position: number
  bytes: number
  digest: string
}

/**
 * The file changed or went away since the build found it (another build of the site
 * swept the cache meanwhile), or its text is damaged. The build starts again
 * (`build`), once, without it.
 */
export class StoredTextGone extends Error {
  constructor(readonly where: StoredText) {
    super(`A file of the cache changed during the build: ${where.file}`)
  }
}

export function textDigest(bytes: Uint8Array): string {
  return crypto.createHash('sha1').update(bytes).digest('base64url')
}

/** The text; throws `StoredTextGone`, and deletes the file, when it is not there as it was. */
export function readStoredText(where: StoredText): Buffer {
  const buffer = Buffer.allocUnsafe(where.bytes)
  let fd: number
  try {
    fd = fs.openSync(where.file, 'r')
  } catch {
    throw new StoredTextGone(where)
  }
  let done: number
  try {
    done = readRange(fd, buffer, where.bytes, where.position)
  } finally {
    fs.closeSync(fd)
  }
  if (done < where.bytes || textDigest(buffer) !== where.digest) {
    // Damaged, or not what the build read: the build that starts again must not take it.
    fs.rmSync(where.file, { force: true })
    throw new StoredTextGone(where)
  }
  return buffer
}

/**
 * Makes `target[name]` read its text from `where` the first time it is asked for, and
 * keep it; a value set replaces it as for a plain property.
 */
export function readWhenAsked<T extends object>(target: T, name: keyof T & string, where: StoredText): void {
  const settle = (value: unknown) => Object.defineProperty(target, name, { value, writable: true, enumerable: true, configurable: true })
  Object.defineProperty(target, name, {
    enumerable: true,
    configurable: true,
    get() {
      const text = readStoredText(where).toString('utf8')
      settle(text)
      return text
    },
    set: settle,
  })
}
