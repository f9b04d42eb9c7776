// `npm run build` compiles weft before it builds the site. With `src/` unchanged, the
// compile must leave `lib/` as it is: weft's version, part of every cache key, includes
// the times of its files, and a compile that writes them again makes every build cold.

import { execSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { expect, it } from 'vitest'
import { repoRoot } from '../helpers/site.js'

function stamps(folder: string): Map<string, number> {
  const found = new Map<string, number>()
  for (const name of fs.readdirSync(folder, { recursive: true }) as string[]) {
    const stat = fs.statSync(path.join(folder, name))
    if (stat.isFile()) found.set(name, stat.mtimeMs)
  }
  return found
}

it('leaves lib/ untouched when src/ has not changed since the last compile', () => {
  const scripts = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts
  const compile = scripts.build!.split('&&')[0]!.trim()
  expect(compile).toMatch(/^tsc /)
  const env = { ...process.env, PATH: `${path.join(repoRoot, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH}` }
  // The test run compiled weft before it started; once more makes sure nothing is left to do.
  execSync(compile, { cwd: repoRoot, env, stdio: 'pipe' })
  const before = stamps(path.join(repoRoot, 'lib'))
  expect(before.get('cli.js')).toBeDefined()
  execSync(compile, { cwd: repoRoot, env, stdio: 'pipe' })
  expect(stamps(path.join(repoRoot, 'lib'))).toEqual(before)
}, 60_000)
