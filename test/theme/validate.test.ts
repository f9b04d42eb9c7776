// Every page of the guide series passes the W3C Nu Html Checker (vnu-jar, run with
// the machine's Java) with no errors.

import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { expect, it } from 'vitest'
import { build } from '../../src/index.js'
import { repoRoot, tempDir } from '../helpers/site.js'

it('validates every page of the guide series', async () => {
  const out = tempDir()
  expect((await build({ root: repoRoot, out })).ok).toBe(true)
  const pages = (fs.readdirSync(out, { recursive: true }) as string[]).filter((name) => name.endsWith('.html')).map((name) => path.join(out, name))
  expect(pages.length).toBeGreaterThanOrEqual(7)
  // A page with a known error, checked last: its error must be reported, or the checker checked nothing.
  const canary = path.join(tempDir(), 'canary.html')
  fs.writeFileSync(canary, '<!doctype html><html lang="en"><head><title>Canary</title></head><body><p id="twice">a</p><p id="twice">b</p></body></html>\n')
  const jar = String(createRequire(import.meta.url)('vnu-jar'))
  // The checker writes its JSON report to stderr.
  const run = spawnSync('java', ['-jar', jar, '--format', 'json', '--exit-zero-always', ...pages, canary], { encoding: 'utf8' })
  if (run.error || run.status !== 0) throw new Error(`The Nu checker did not run (is Java installed?): ${run.error?.message ?? run.stderr}`)
  const report = JSON.parse(run.stderr) as { messages: { type: string; url: string; lastLine: number; message: string }[] }
  const errorsIn = (file: (name: string) => boolean) =>
    report.messages.filter((message) => message.type === 'error' && file(new URL(message.url).pathname)).map((message) => `${path.relative(out, new URL(message.url).pathname)}:${message.lastLine} ${message.message}`)
  expect(errorsIn((name) => name === canary).join('\n')).toMatch(/Duplicate ID “twice”/)
  expect(errorsIn((name) => name !== canary)).toEqual([])
}, 120_000)
