// The bad-input corpus through the `weft` command, as a user runs it: the exit
// code, exactly the expected messages on stderr, no stack trace (vitest's time
// limit stands guard against a hang). The command's `main` runs in this process;
// test/cli.test.ts runs a few cases through `bin/weft.js`, as a process of its own.

import fs from 'node:fs'
import { describe, it } from 'vitest'
import { badInputArgs, badInputFixtures, expectReported } from '../helpers/bad-input.js'
import { runWeft } from '../helpers/run-weft.js'

describe('bad input through the CLI', () => {
  for (const name of fs.readdirSync(badInputFixtures).sort()) {
    it(name, async () => {
      expectReported(name, await runWeft(badInputArgs(name), { WEFT_BUILD_INFO: '' }))
    })
  }
})
