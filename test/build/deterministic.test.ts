// Two builds of the same input give the same bytes: no timestamps, no random ids.
// The builds compared share no render cache (a second build that took every page
// from the cache the first one filled would agree with it whatever a page's render
// did); a build from a warm cache is compared with one without the cache too.

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

function expectSameTree(folder: string, reference: string): void {
  const a = readTree(folder)
  const b = readTree(reference)
  expect([...a.keys()].sort()).toEqual([...b.keys()].sort())
  expect(a.size).toBeGreaterThan(10)
  for (const [name, contents] of a) expect(contents.equals(b.get(name)!), name).toBe(true)
}

/**
 * The guide series copied into a folder of its own, so that its render cache is
 * this test's alone (the repository's is shared with every other test and build).
 */
function copyOfGuideSeries(): string {
  const root = tempDir()
  for (const folder of ['content', 'includes', 'images']) fs.cpSync(path.join(repoRoot, folder), path.join(root, folder), { recursive: true })
  // The repository's config imports `weft-docs/config`, which only resolves inside the repository.
  fs.writeFileSync(path.join(root, 'weft.config.js'), "export default { title: 'Weave Cloud Guides' }\n")
  return root
}

const rendered = (result: Awaited<ReturnType<typeof build>>) => result.timings.some(([phase]) => phase === 'parse' || phase === 'parse (workers)')

it('writes byte-identical sites from the same input, with no cache shared and from a warm cache', async () => {
  const root = copyOfGuideSeries()
  const [cold, uncached, warm] = [path.join(root, 'cold'), path.join(root, 'uncached'), path.join(root, 'warm')]
  // Every page rendered by both: the first into an empty cache, the second without one.
  const first = await build({ root, out: cold })
  expect(first.ok).toBe(true)
  expect(rendered(first)).toBe(true)
  const second = await build({ root, out: uncached, cache: false })
  expect(second.ok).toBe(true)
  expect(rendered(second)).toBe(true)
  expectSameTree(cold, uncached)
  // Every page from the cache the first build filled: the same bytes as rendering them.
  const third = await build({ root, out: warm })
  expect(third.ok).toBe(true)
  expect(rendered(third)).toBe(false)
  expectSameTree(warm, uncached)
}, 120_000)

it('indexes for search the same whether pages are fed to Pagefind as they render or after', async () => {
  const streamed = await build({ root: repoRoot, write: false, cache: false })
  const after = await build({ root: repoRoot, write: false, cache: false, streamSearch: false })
  const index = (files: Map<string, string | Uint8Array>) => [...files].filter(([name]) => name.startsWith('pagefind/')).sort(([a], [b]) => (a < b ? -1 : 1))
  expect(index(streamed.files).length).toBeGreaterThan(5)
  expect(index(streamed.files).map(([name, contents]) => [name, Buffer.from(contents).toString('base64')])).toEqual(index(after.files).map(([name, contents]) => [name, Buffer.from(contents).toString('base64')]))
})
