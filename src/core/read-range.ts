// Reading part of an open file whole: one `read` may return fewer bytes than asked for.

import fs from 'node:fs'

/** Reads bytes `position` to `position + bytes` of the file open as `fd` into `buffer`; returns how many there were (fewer at the file's end). */
export function readRange(fd: number, buffer: Uint8Array, bytes: number, position: number): number {
  let done = 0
  while (done < bytes) {
    const read = fs.readSync(fd, buffer, done, bytes - done, position + done)
    if (read === 0) break
    done += read
  }
  return done
}
