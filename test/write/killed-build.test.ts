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

  const started = Date.now()
  const timed = spawnSync(process.execPath, [weft, 'build', '--root', root, '--out', path.join(root, 'timing')])
  const duration = Date.now() - started
  expect(timed.status).toBe(0)

  const seen = new Set<string>()
  const killAfter = async (delay: number) => {
    const child = spawn(process.execPath, [weft, 'build', '--root', root], { stdio: 'ignore' })
    const exited = new Promise((resolve) => child.on('exit', resolve))
    await new Promise((resolve) => setTimeout(resolve, Math.floor(delay)))
    child.kill('SIGKILL')
    await exited
    let state = digest(dist)
    if (state === undefined) state = digest(path.join(root, '.dist.weft-old'))
    expect([siteA, siteB]).toContain(state)
    seen.add(state === siteA ? 'A' : 'B')
    // Put the old site back for the next attempt, so that kills keep landing on a swap from A.
    if (state === siteB) {
      for (const [name, text] of Object.entries(siteFiles('A'))) fs.writeFileSync(path.join(root, name), text)
      expect(build().status).toBe(0)
      for (const [name, text] of Object.entries(siteFiles('B'))) fs.writeFileSync(path.join(root, name), text)
    }
  }
  for (let attempt = 0; attempt < 16; attempt++) await killAfter(((attempt + 0.5) / 16) * duration * 1.1)
  // On a machine busier than when the build was timed (other test files run at the
  // same time), the builds may all have been killed before the swap, or after: a few
  // more kills, later or earlier, until both sides were seen.
  for (let factor = 1.25; !seen.has('B') && factor <= 4; factor += 0.25) await killAfter(duration * factor)
  for (let factor = 0.25; !seen.has('A') && factor > 0.01; factor /= 2) await killAfter(duration * factor)
  // The kills landed both before and after the swap.
  expect(seen).toEqual(new Set(['A', 'B']))
  // Whatever was killed, the next build finishes and cleans up after it.
  expect(build().status).toBe(0)
  expect(digest(dist)).toBe(siteB)
  expect(fs.readdirSync(root).filter((name) => name.startsWith('.dist.weft'))).toEqual([])
}, 180_000)
