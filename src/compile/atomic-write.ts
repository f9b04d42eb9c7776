// How every file of the cache is written (rendered pages, highlighted blocks, search
// indexes, the record of the last build).

import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

/** Write a cache file whole or not at all: builds racing on one cache never see half a file. */
export function writeAtomically(file: string, contents: string | Uint8Array): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    const temporary = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`
    fs.writeFileSync(temporary, contents)
    fs.renameSync(temporary, file)
  } catch {
    // A cache that cannot be written only costs time.
  }
}
