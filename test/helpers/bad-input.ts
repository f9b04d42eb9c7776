// The bad-input corpus (`test/fixtures/bad/<case>/`) as the `weft` command reports
// it: the arguments of a build of one case, and what a run must have said for it.

import fs from 'node:fs'
import path from 'node:path'
import { expect } from 'vitest'
import type { WeftRun } from './run-weft.js'
import { repoRoot, tempDir } from './site.js'

export const badInputFixtures = path.join(repoRoot, 'test', 'fixtures', 'bad')

/** `weft build` of one case into a fresh folder, with no cache. */
export const badInputArgs = (name: string) => ['build', '--root', path.join(badInputFixtures, name), '--out', path.join(tempDir(), 'dist'), '--no-cache']

/** The exit code, exactly the case's `expected.txt` on stderr, the summary line of a failed build, no stack trace. */
export function expectReported(name: string, run: Omit<WeftRun, 'stdout'>): void {
  const expected = fs.readFileSync(path.join(badInputFixtures, name, 'expected.txt'), 'utf8').trim()
  const hasErrors = /: error: /.test(expected)
  expect(run.code).toBe(hasErrors ? 1 : 0)
  const lines = run.stderr.trim().split('\n')
  // The messages, then one summary line when the build failed.
  const messages = hasErrors ? lines.slice(0, -1) : lines
  expect(messages.join('\n').trim()).toBe(expected)
  if (hasErrors) expect(lines.at(-1)).toMatch(/^weft: build failed \(\d+ errors?(, \d+ warnings?)?\); .* was left as it was$/)
  expect(run.stderr).not.toMatch(/\n\s+at |Internal error/)
}
