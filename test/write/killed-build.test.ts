// A build killed at any moment (SIGKILL) leaves the previous complete site or the
// new complete one — never a half-written one. The two renames of the swap leave a
// window of a few microseconds in which `dist` is the previous site under
// `.dist.weft-old`; the next build puts it back, and this test accepts that too.

import { spawn, spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { expect, it } from 'vitest'
import { makeSite, repoRoot } from '../helpers/site.js'

const weft = path.join(repoRoot, 'bin', 'weft.js')

function siteFiles(version: string): Record<string, string> {
  const files: Record<string, string> = {
    'weft.config.js': 'export default { search: false }\n',
    'content/index.md': `---\ntitle: Home\n---\n\nVersion ${version}.\n`,
  }
  for (let index = 0; index < 60; index++) {
    files[`content/page-${index}.md`] = `---\ntitle: Page ${index}\nmenu_order: ${index}\n---\n\n## Version ${version}\n\n${'Some text for the page. '.repeat(200)}\n\n\`\`\`yaml\nkey: ${index}\n\`\`\`\n`
  }
  return files
}

/** A digest of a whole folder: its file names and contents. */
function digest(folder: string): string | undefined {
  if (!fs.existsSync(folder)) return undefined
  const hash = crypto.createHash('sha256')
  for (const name of (fs.readdirSync(folder, { recursive: true }) as string[]).sort()) {
    const file = path.join(folder, name)
    if (fs.statSync(file).isFile()) hash.update(name).update('\0').update(fs.readFileSync(file)).update('\0')
  }
  return hash.digest('hex')
}

/** Files in the folders a running build writes its new site into (`.dist.weft-new-…`). */
function stagedFiles(root: string): number {
  let count = 0
  for (const name of fs.readdirSync(root)) {
    if (!name.startsWith('.dist.weft-new-') || name.endsWith('.spill')) continue
    try {
      count += (fs.readdirSync(path.join(root, name), { recursive: true }) as string[]).length
    } catch {
      // Renamed to dist, or removed, meanwhile.
    }
  }
  return count
}

/** The folder's inode, which the swap changes (the new site is renamed to `dist`). */
function inode(folder: string): number | undefined {
  return fs.statSync(folder, { throwIfNoEntry: false })?.ino
}

it('never leaves a half-written site when killed', async () => {
  const root = makeSite(siteFiles('A'))
  const dist = path.join(root, 'dist')
  const build = () => spawnSync(process.execPath, [weft, 'build', '--root', root], { encoding: 'utf8' })
  expect(build().status).toBe(0)
  const siteA = digest(dist)
  for (const [name, text] of Object.entries(siteFiles('B'))) fs.writeFileSync(path.join(root, name), text)
  // The complete new site, built once elsewhere, to compare with.
  expect(spawnSync(process.execPath, [weft, 'build', '--root', root, '--out', path.join(root, 'reference')]).status).toBe(0)
  const siteB = digest(path.join(root, 'reference'))
  expect(siteB).not.toBe(siteA)

  /** Sites found after a kill that reached a running build, by the point it was killed at. */
  const seen: { at: string; state: 'A' | 'B' }[] = []
  /**
   * Starts a build of B over A and kills it as soon as `reached()` holds, watching the build's own
   * progress on disk (not a time: a busy machine only moves the kill along with the build).
   */
  const killWhen = async (at: string, reached: () => boolean, spare: 'keep' | 'drop' = 'drop') => {
    // Without the spare (the site before the last, which a build starts from), the folder of new pages
    // starts empty, and the files in it tell how far the build got.
    if (spare === 'drop') fs.rmSync(path.join(root, 'node_modules', '.cache', 'weft-spare'), { recursive: true, force: true })
    const before = inode(dist)
    const child = spawn(process.execPath, [weft, 'build', '--root', root], { stdio: 'ignore' })
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)))
    let running = true
    void exited.then(() => (running = false))
    while (running && !reached()) await new Promise((resolve) => setImmediate(resolve))
    child.kill('SIGKILL')
    const signal = await exited
    let state = digest(dist)
    if (state === undefined) state = digest(path.join(root, '.dist.weft-old'))
    expect([siteA, siteB], `killed at ${at}`).toContain(state)
    const site = state === siteA ? 'A' : 'B'
    // Only a kill that ended a running build counts; one that came after it exited shows nothing.
    if (signal === 'SIGKILL') seen.push({ at, state: site })
    // Put the old site back for the next attempt, so that kills keep landing on a swap from A.
    if (site === 'B') {
      for (const [name, text] of Object.entries(siteFiles('A'))) fs.writeFileSync(path.join(root, name), text)
      expect(build().status).toBe(0)
      expect(digest(dist)).toBe(siteA)
      for (const [name, text] of Object.entries(siteFiles('B'))) fs.writeFileSync(path.join(root, name), text)
    }
    return { killed: signal === 'SIGKILL', site, swapped: inode(dist) !== before }
  }

  // Points spread over a build, by what it has done: started, its folder of new pages made, then
  // filling it, a few pages at a time (61 pages and the theme's files), to the swap.
  await killWhen('the start', () => true)
  await killWhen('the lock taken', () => fs.existsSync(path.join(root, '.dist.weft-lock')))
  for (const count of [0, 1, 5, 10, 20, 30, 40, 50, 60, 62]) await killWhen(`${count + 1} staged files`, () => stagedFiles(root) > count)
  // With the spare, which the build takes as its folder of new pages at its start: the spare taken, and on.
  const spareTaken = () => fs.readdirSync(root).some((name) => name.startsWith('.dist.weft-new-') && !name.endsWith('.spill'))
  for (const [at, reached] of [['the spare taken', spareTaken], ['the lock taken, with a spare', () => fs.existsSync(path.join(root, '.dist.weft-lock'))]] as const) {
    // B built over A, then A over B: B is the spare, A in dist, and the next build is of B again.
    expect(build().status).toBe(0)
    for (const [name, text] of Object.entries(siteFiles('A'))) fs.writeFileSync(path.join(root, name), text)
    expect(build().status).toBe(0)
    expect(fs.readdirSync(path.join(root, 'node_modules', '.cache', 'weft-spare'))).toHaveLength(1)
    for (const [name, text] of Object.entries(siteFiles('B'))) fs.writeFileSync(path.join(root, name), text)
    await killWhen(at, reached, 'keep')
  }
  // Once the swap is seen: the build still records it and sweeps the cache. A build that exited
  // before the kill reached it is tried again.
  const swapped = () => {
    try {
      return fs.readFileSync(path.join(dist, 'index.html'), 'utf8').includes('Version B')
    } catch {
      return false // Between the two renames of the swap.
    }
  }
  for (let attempt = 0; attempt < 10 && !seen.some((kill) => kill.state === 'B'); attempt++) await killWhen('the swap seen', swapped)
  console.info(`kills that ended a running build: ${seen.map((kill) => `${kill.at} → ${kill.state}`).join(', ')}`)
  // The kills landed both before and after the swap.
  expect(seen.filter((kill) => kill.state === 'A').length, JSON.stringify(seen)).toBeGreaterThanOrEqual(4)
  expect(seen.some((kill) => kill.state === 'B'), JSON.stringify(seen)).toBe(true)
  // Whatever was killed, the next build finishes and cleans up after it.
  expect(build().status).toBe(0)
  expect(digest(dist)).toBe(siteB)
  expect(fs.readdirSync(root).filter((name) => name.startsWith('.dist.weft'))).toEqual([])
}, 180_000)
