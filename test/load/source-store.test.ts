// A build lets go of a page's text once the page is written; what it records of
// its inputs must still be the text it rendered, even if the file changes after.

import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, it } from 'vitest'
import { SourceStore } from '../../src/load/source-store.js'

function file(text: string): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-sources-'))
  const name = path.join(folder, 'page.md')
  fs.writeFileSync(name, text)
  return name
}

it('keeps the first read of a released file for the record, and reads the file again when asked', () => {
  const name = file('first\ntext\n')
  const sources = new SourceStore()
  const first = { digest: sources.digest(name), stamp: sources.read(name).stamp }
  expect(first.stamp).toBeDefined()
  sources.release(name)
  // Nothing read again: the digest is the one of the text the build used.
  expect(sources.firstRead(name)).toEqual(first)
  expect(sources.digest(name)).toBe(first.digest)

  // The file changes after it was written; a message placed in it reads it again.
  fs.writeFileSync(name, 'second\ntext, longer\n')
  expect(sources.point(name, 8)).toEqual({ line: 2, column: 2, offset: 8 })
  expect(sources.read(name).text).toBe('second\ntext, longer\n')
  expect(sources.digest(name)).not.toBe(first.digest)
  // The record still says what the build rendered, so the next build sees the change.
  expect(sources.firstRead(name)).toEqual(first)
  // Let go again (a page read again to look for includes), the text goes, the first read stays.
  sources.release(name)
  expect(sources.firstRead(name)).toEqual(first)
  fs.writeFileSync(name, 'third\n')
  expect(sources.read(name).text).toBe('third\n')

  // A file weft is told changed (weft dev) starts afresh.
  sources.forget(name)
  expect(sources.firstRead(name).digest).toBe(sources.digest(name))
  expect(sources.firstRead(name).digest).not.toBe(first.digest)
})

it('does not release a file it could not read', () => {
  const sources = new SourceStore()
  const missing = path.join(os.tmpdir(), 'weft-no-such-file.md')
  expect(sources.read(missing).problem).toBe('not-found')
  sources.release(missing)
  expect(sources.digest(missing)).toBeUndefined()
  expect(sources.firstRead(missing).digest).toBeUndefined()
})
