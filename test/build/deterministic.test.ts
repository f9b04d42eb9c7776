// Two builds of the same input give the same bytes: no timestamps, no random ids.

import fs from 'node:fs'
import path from 'node:path'
import { expect, it } from 'vitest'
import { build } from '../../src/index.js'
import { repoRoot, tempDir } from '../helpers/site.js'

function readTree(folder: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>()
  for (const name of fs.readdirSync(folder, { recursive: true }) as string[]) {
    const file = path.join(folder, name)
    if (fs.statSync(file).isFile()) files.set(name, fs.readFileSync(file))
  }
  return files
}

it('writes byte-identical sites from the same input', async () => {
  const [first, second] = [tempDir(), tempDir()]
  expect((await build({ root: repoRoot, out: first })).ok).toBe(true)
  expect((await build({ root: repoRoot, out: second })).ok).toBe(true)
  const a = readTree(first)
  const b = readTree(second)
  expect([...a.keys()].sort()).toEqual([...b.keys()].sort())
  expect(a.size).toBeGreaterThan(10)
  for (const [name, contents] of a) expect(contents.equals(b.get(name)!), name).toBe(true)
})

it('indexes for search the same whether pages are fed to Pagefind as they render or after', async () => {
  const streamed = await build({ root: repoRoot, write: false, cache: false })
  const after = await build({ root: repoRoot, write: false, cache: false, streamSearch: false })
  const index = (files: Map<string, string | Uint8Array>) => [...files].filter(([name]) => name.startsWith('pagefind/')).sort(([a], [b]) => (a < b ? -1 : 1))
  expect(index(streamed.files).length).toBeGreaterThan(5)
  expect(index(streamed.files).map(([name, contents]) => [name, Buffer.from(contents).toString('base64')])).toEqual(index(after.files).map(([name, contents]) => [name, Buffer.from(contents).toString('base64')]))
})
