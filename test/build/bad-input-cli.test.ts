// The bad-input corpus through the `weft` command, as a user runs it: the exit
// code, exactly the expected messages on stderr, no stack trace (vitest's time
// limit stands guard against a hang).

import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { repoRoot, tempDir } from '../helpers/site.js'

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'bad')

describe('bad input through the CLI', () => {
  for (const name of fs.readdirSync(fixtures).sort()) {
    it(name, () => {
      const root = path.join(fixtures, name)
      const expected = fs.readFileSync(path.join(root, 'expected.txt'), 'utf8').trim()
      const run = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'weft.js'), 'build', '--root', root, '--out', path.join(tempDir(), 'dist'), '--no-cache'], {
        encoding: 'utf8',
        env: { ...process.env, WEFT_BUILD_INFO: '' },
      })
      const hasErrors = /: error: /.test(expected)
      expect(run.status).toBe(hasErrors ? 1 : 0)
      const lines = run.stderr.trim().split('\n')
      // The messages, then one summary line when the build failed.
      const messages = hasErrors ? lines.slice(0, -1) : lines
      expect(messages.join('\n').trim()).toBe(expected)
      if (hasErrors) expect(lines.at(-1)).toMatch(/^weft: build failed \(\d+ errors?(, \d+ warnings?)?\); .* was left as it was$/)
      expect(run.stderr).not.toMatch(/\n\s+at |Internal error/)
    })
  }
})
