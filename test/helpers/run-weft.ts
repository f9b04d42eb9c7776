// The `weft` command in this process: the CLI's `main` with what it writes to
// stdout and stderr captured and the environment it is given, its exit code
// returned. A few tens of milliseconds instead of a new Node process loading the
// compiled weft; what only a real process shows (the compiled code, exit 70,
// signals, a terminal) stays with the tests that spawn `bin/weft.js`.

import fs from 'node:fs'
import path from 'node:path'
import { main } from '../../src/cli.js'
import { repoRoot } from './site.js'

export interface WeftRun {
  code: number
  stdout: string
  stderr: string
}

const { version } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }

/** Runs `weft ...args`; `env` sets (or, with `undefined`, removes) variables for the run. A crash of weft throws. */
export async function runWeft(args: string[], env: Record<string, string | undefined> = {}): Promise<WeftRun> {
  const output = { stdout: '', stderr: '' }
  const restore: (() => void)[] = []
  for (const name of ['stdout', 'stderr'] as const) {
    const stream = process[name]
    const { write } = stream
    const isTTY = Object.getOwnPropertyDescriptor(stream, 'isTTY')
    stream.write = ((chunk: string | Uint8Array) => {
      output[name] += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')
      return true
    }) as typeof stream.write
    // As when its output goes to a pipe: no progress line.
    Object.defineProperty(stream, 'isTTY', { value: false, configurable: true, writable: true })
    restore.push(() => {
      stream.write = write
      if (isTTY) Object.defineProperty(stream, 'isTTY', isTTY)
      else delete (stream as { isTTY?: boolean }).isTTY
    })
  }
  for (const [name, value] of Object.entries(env)) {
    const before = process.env[name]
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
    restore.push(() => {
      if (before === undefined) delete process.env[name]
      else process.env[name] = before
    })
  }
  try {
    const code = await main(args, version)
    return { code, ...output }
  } finally {
    for (const undo of restore.reverse()) undo()
  }
}
