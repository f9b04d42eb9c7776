#!/usr/bin/env node
// Runs the compiled CLI; a crash of weft itself is reported as an internal error.
import { readFileSync } from 'node:fs'
import { main } from '../lib/cli.js'

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
main(process.argv.slice(2), version).then(
  (code) => {
    process.exitCode = code
  },
  (error) => {
    process.stderr.write(`weft: Internal error: ${error?.stack ?? error}\nPlease report this as a bug of weft.\n`)
    process.exitCode = 70
  },
)
