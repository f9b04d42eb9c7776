// The bad-input corpus through the `weft` command, as a user runs it: the exit
// code, exactly the expected messages on stderr, no stack trace (vitest's time
// limit stands guard against a hang). Every case runs the command's `main` in this
// process; a few cases also run `bin/weft.js` as its own process, the compiled weft
// a user installs.

import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runWeft, type WeftRun } from '../helpers/run-weft.js'
import { repoRoot, tempDir } from '../helpers/site.js'

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'bad')

const args = (name: string) => ['build', '--root', path.join(fixtures, name), '--out', path.join(tempDir(), 'dist'), '--no-cache']

function expectReported(name: string, run: Omit<WeftRun, 'stdout'>): void {
  const expected = fs.readFileSync(path.join(fixtures, name, 'expected.txt'), 'utf8').trim()
  const hasErrors = /: error: /.test(expected)
  expect(run.code).toBe(hasErrors ? 1 : 0)
  const lines = run.stderr.trim().split('\n')
  // The messages, then one summary line when the build failed.
  const messages = hasErrors ? lines.slice(0, -1) : lines
  expect(messages.join('\n').trim()).toBe(expected)
  if (hasErrors) expect(lines.at(-1)).toMatch(/^weft: build failed \(\d+ errors?(, \d+ warnings?)?\); .* was left as it was$/)
  expect(run.stderr).not.toMatch(/\n\s+at |Internal error/)
}

describe('bad input through the CLI', () => {
  for (const name of fs.readdirSync(fixtures).sort()) {
    it(name, async () => {
      expectReported(name, await runWeft(args(name), { WEFT_BUILD_INFO: '' }))
    })
  }
})

// Errors (exit 1 and the summary line), warnings alone (exit 0), and a mistake in the site's template.
describe('bad input through the weft process', () => {
  for (const name of ['dead-link', 'unused-partial', 'template-error']) {
    it(name, () => {
      const run = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'weft.js'), ...args(name)], {
        encoding: 'utf8',
        env: { ...process.env, WEFT_BUILD_INFO: '' },
      })
      expectReported(name, { code: run.status ?? -1, stderr: run.stderr })
    })
  }
})
