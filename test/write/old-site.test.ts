// The last site, once swapped out, is deleted: a large one by a process of its own
// that the build does not wait for, a small one at once. A folder a stopped deleter
// left behind goes at a later build.

import fs from 'node:fs'
import path from 'node:path'
import { expect, it } from 'vitest'
import { writeSite } from '../../src/write/write-site.js'
import { tempDir } from '../helpers/site.js'

function files(count: number, version: string): Map<string, string> {
  return new Map(Array.from({ length: count }, (_, index) => [`page-${index}/index.html`, `<p>Page ${index}, version ${version}</p>`]))
}

const leftovers = (parent: string) => fs.readdirSync(parent).filter((name) => name.startsWith('.dist.weft'))

async function until(test: () => boolean, ms: number): Promise<boolean> {
  for (const started = Date.now(); Date.now() - started < ms; await new Promise((resolve) => setTimeout(resolve, 50))) if (test()) return true
  return test()
}

it('deletes a large last site in the background, and a small one at once', async () => {
  const parent = tempDir()
  const outDir = path.join(parent, 'dist')
  writeSite(outDir, { files: files(1500, 'A'), copies: new Map() })
  writeSite(outDir, { files: files(1500, 'B'), copies: new Map() })
  expect(fs.readFileSync(path.join(outDir, 'page-1499', 'index.html'), 'utf8')).toBe('<p>Page 1499, version B</p>')
  expect(fs.readdirSync(outDir)).toHaveLength(1500)
  // The last site waits in the trash for its deleter, which takes longer to start than this look.
  expect(leftovers(parent)).toEqual([expect.stringMatching(/^\.dist\.weft-trash-\d+-\d+$/)])
  // At low priority, on a machine busy with other tests, the deleter may take a while.
  expect(await until(() => leftovers(parent).length === 0, 120_000)).toBe(true)

  const small = path.join(tempDir(), 'dist')
  writeSite(small, { files: files(20, 'A'), copies: new Map() })
  writeSite(small, { files: files(20, 'B'), copies: new Map() })
  expect(leftovers(path.dirname(small))).toEqual([])
}, 150_000)

it('deletes what a stopped deleter left, once it is old enough', () => {
  const parent = tempDir()
  const outDir = path.join(parent, 'dist')
  const abandoned = path.join(parent, `.dist.weft-trash-${Date.now() - 11 * 60_000}-1`)
  const recent = path.join(parent, `.dist.weft-trash-${Date.now()}-1`)
  for (const folder of [abandoned, recent]) {
    fs.mkdirSync(path.join(folder, 'page'), { recursive: true })
    fs.writeFileSync(path.join(folder, 'page', 'index.html'), 'old')
  }
  writeSite(outDir, { files: files(3, 'A'), copies: new Map() })
  expect(fs.existsSync(abandoned)).toBe(false)
  // Its deleter may still be at work.
  expect(fs.existsSync(recent)).toBe(true)
})
