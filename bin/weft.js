#!/usr/bin/env node
// Runs the compiled CLI; a crash of weft itself is reported as an internal error.
import { readFileSync, statSync } from 'node:fs'
import nodeModule from 'node:module'
import { keepCompiledCode } from './compile-cache.js'

// Before weft's modules load: they are what it saves compiling.
keepCompiledCode(nodeModule, process.env)

/**
 * The bundle (scripts/bundle.js) starts about 0.3 CPU-seconds sooner than lib/'s
 * modules, but is made from them: once `tsc -b` has compiled lib/ again after it
 * (lib/.tsbuildinfo is newer), lib/ is what is current. A package has no .tsbuildinfo.
 */
function entry() {
  const mtime = (file) => statSync(new URL(file, import.meta.url), { throwIfNoEntry: false })?.mtimeMs
  const bundled = mtime('../lib/bundle/cli.mjs')
  const compiled = mtime('../lib/.tsbuildinfo')
  return bundled !== undefined && (compiled === undefined || bundled >= compiled) ? '../lib/bundle/cli.mjs' : '../lib/cli.js'
}

const { main } = await import(entry())
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
