// Every bad input an author can write, one small site per case under
// `test/fixtures/bad/<case>/`, with the exact messages (file, line, column, rule)
// in `expected.txt` (empty where weft reads the input without complaint). Run with `UPDATE_FIXTURES=1` to rewrite the expectations,
// then read the diff.

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
      if (update || !fs.existsSync(expectedFile)) fs.writeFileSync(expectedFile, actual)
      expect(actual).toBe(fs.readFileSync(expectedFile, 'utf8'))
      const hasErrors = result.messages.some((message) => message.severity === 'error')
      expect(result.ok).toBe(!hasErrors)
    })
  }
})
