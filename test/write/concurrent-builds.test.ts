// Two builds started at once into the same output folder: the second waits for
// the first, and both end with a whole site. A lock left by a killed build does
// not stop the next one.

import { spawn, spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { expect, it } from 'vitest'
import { makeSite, repoRoot } from '../helpers/site.js'

const weft = path.join(repoRoot, 'bin', 'weft.js')

/** `pages` pages besides the home page: enough for a build to take a while, for others to start meanwhile. */
function site(pages = 150): string {
  const files: Record<string, string> = {
    'weft.config.js': 'export default { search: false, cache: false }\n',
    'content/index.md': '---\ntitle: Home\n---\n\nThe home page.\n',
  }
  for (let index = 0; index < pages; index++) {
    files[`content/page-${index}.md`] = `---\ntitle: Page ${index}\n---\n\n## Part\n\n${'Some text for the page. '.repeat(200)}\n\n\`\`\`yaml\nkey: ${index}\n\`\`\`\n`
  }
  return makeSite(files)
}

/** A digest of a whole folder: its file names and contents. */
function digest(folder: string): string {
  const hash = crypto.createHash('sha256')
  for (const name of (fs.readdirSync(folder, { recursive: true }) as string[]).sort()) {
    const file = path.join(folder, name)
    if (fs.statSync(file).isFile()) hash.update(name).update('\0').update(fs.readFileSync(file)).update('\0')
  }
  return hash.digest('hex')
}

function run(root: string): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [weft, 'build', '--root', root], { stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('close', (status) => resolve({ status, stderr }))
  })
}

/** What is left beside the output folder: staging folders, spill files, the lock. */
function leftovers(root: string): string[] {
  return fs.readdirSync(root).filter((name) => name.startsWith('.dist.'))
}

it('lets one build at a time write the output folder', async () => {
  const root = site()
  const expected = spawnSync(process.execPath, [weft, 'build', '--root', root, '--out', path.join(root, 'expected')], { encoding: 'utf8' })
  expect(expected.status, expected.stderr).toBe(0)
  // The second and third start once the first has written a few pages: before the lock,
  // they deleted its folder of new pages as one a killed build had left, and the first
  // then swapped in a site without the pages it had written before that (7 of 308 files and folders).
  const first = run(root)
  const staged = () => fs.readdirSync(root).filter((name) => name.startsWith('.dist.weft-new-') && !name.endsWith('.spill')).flatMap((name) => fs.readdirSync(path.join(root, name)))
  const until = Date.now() + 60_000
  while (staged().length < 3 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 5))
  const others = Promise.all([run(root), run(root)])
  const firstResult = await first
  expect(firstResult.status, firstResult.stderr).toBe(0)
  // The others wait for the lock, so this is the first build's site.
  expect(digest(path.join(root, 'dist'))).toBe(digest(path.join(root, 'expected')))
  const results = await others
  for (const result of results) expect(result.status, result.stderr).toBe(0)
  expect(digest(path.join(root, 'dist'))).toBe(digest(path.join(root, 'expected')))
  expect(leftovers(root)).toEqual([])
  expect(results.every((result) => result.stderr.includes('is writing the output folder; waiting for it to finish'))).toBe(true)
}, 120_000)

it('takes over the lock of a build that was killed', () => {
  // Builds one after the other: a few pages will do.
  const root = site(10)
  // The process that held it has ended.
  const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' })
  fs.writeFileSync(path.join(root, '.dist.weft-lock'), gone.stdout)
  const first = spawnSync(process.execPath, [weft, 'build', '--root', root], { encoding: 'utf8', timeout: 60_000 })
  expect(first.status, first.stderr).toBe(0)
  expect(first.stderr).not.toContain('waiting')
  expect(leftovers(root)).toEqual([])

  // Killed between making the file and writing its number into it.
  const lock = path.join(root, '.dist.weft-lock')
  fs.writeFileSync(lock, '')
  const past = new Date(Date.now() - 60_000)
  fs.utimesSync(lock, past, past)
  fs.writeFileSync(path.join(root, 'content', 'index.md'), '---\ntitle: Home\n---\n\nThe home page, edited.\n')
  const second = spawnSync(process.execPath, [weft, 'build', '--root', root], { encoding: 'utf8', timeout: 60_000 })
  expect(second.status, second.stderr).toBe(0)
  expect(fs.readFileSync(path.join(root, 'dist', 'index.html'), 'utf8')).toContain('The home page, edited.')
  expect(leftovers(root)).toEqual([])
}, 120_000)
