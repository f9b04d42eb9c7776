// Every bad input an author can write, one small site per case under
// `test/fixtures/bad/<case>/`, with the exact messages (file, line, column, rule)
// in `expected.txt` (empty where weft reads the input without complaint). Run with
// `UPDATE_FIXTURES=1` to write the expectations (a new case's too), then read the
// diff: without it, a case with no `expected.txt` fails instead of passing against
// whatever weft said.

import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { build, formatMessages } from '../../src/index.js'
import { repoRoot } from '../helpers/site.js'

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'bad')
const update = process.env.UPDATE_FIXTURES === '1'

describe('bad input', () => {
  for (const name of fs.readdirSync(fixtures).sort()) {
    it(name, async () => {
      const root = path.join(fixtures, name)
      const result = await build({ root, write: false, config: { cache: false, search: false } })
      const actual = `${formatMessages(result.messages)}\n`
      const expectedFile = path.join(root, 'expected.txt')
      if (update) fs.writeFileSync(expectedFile, actual)
      expect(fs.existsSync(expectedFile), `${name} has no expected.txt: write it with UPDATE_FIXTURES=1 and read what weft said`).toBe(true)
      expect(actual).toBe(fs.readFileSync(expectedFile, 'utf8'))
      const hasErrors = result.messages.some((message) => message.severity === 'error')
      expect(result.ok).toBe(!hasErrors)
    })
  }
})
