// relativeUrl takes a short way for plain paths; it must give what path.posix.relative
// gives, percent-encoded, for any pair of paths, plain or not.

import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { relativeUrl } from '../../src/core/paths.js'

const byPathModule = (from: string, to: string) => (path.posix.relative(path.posix.dirname(from), to) || path.posix.basename(to)).split('/').map((part) => encodeURIComponent(part)).join('/')
const segment = fc.constantFrom('a', 'b', 'index.html', 'x y', 'café', 'a.b', '..', '.', '', 'images', 'p.png', '100%')
const outputPath = fc.array(segment, { minLength: 1, maxLength: 5 }).map((parts) => parts.join('/'))

describe('relativeUrl', () => {
  it('gives what path.posix.relative gives, encoded', () => {
    fc.assert(
      fc.property(outputPath, outputPath, (from, to) => {
        expect(relativeUrl(from, to)).toBe(byPathModule(from, to))
      }),
      { numRuns: 20_000 },
    )
  })

  it('links pages of a site', () => {
    expect(relativeUrl('a/b/index.html', 'a/c/index.html')).toBe('../c/index.html')
    expect(relativeUrl('index.html', 'a b/index.html')).toBe('a%20b/index.html')
    expect(relativeUrl('a/index.html', 'a/index.html')).toBe('index.html')
    expect(relativeUrl('a/b/index.html', 'a')).toBe('..')
  })
})
