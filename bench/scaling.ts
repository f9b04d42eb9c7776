// How much a second core gives on this machine: the bare parser (remark-parse with
// remark-gfm, one thread) over the pages of a generated corpus, in one process
// alone, then in two processes at once. On a machine whose two CPUs share one
// core's resources, two at once each take nearly twice as long, and the worker
// pool of any tool can gain little there. BENCHMARKS.md quotes what this printed.
//
// node bench/out/scaling.js [DIR]   (compiled by `npm run bench`) DIR: a site from
//                                   `npm run bench -- N --generate-only` (without it,
//                                   a site of 300 pages is generated and removed)

import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { generateCorpus, writeSite } from './corpus.js'

const self = fileURLToPath(import.meta.url)

async function main(given: string | undefined): Promise<void> {
  let dir = given
  if (!dir) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-bench-'))
    writeSite(dir, generateCorpus(300, 1).files)
  }
  try {
    const alone = await run(dir)
    const [first, second] = await Promise.all([run(dir), run(dir)])
    const together = (first + second) / 2
    console.log(`scaling: ${os.availableParallelism()} CPUs (${os.cpus()[0]?.model?.trim() ?? 'unknown'}), 1-minute load average ${os.loadavg()[0]!.toFixed(2)}`)
    console.log(`one process alone:        ${alone.toFixed(2)} ms a page`)
    console.log(`two processes at once:    ${first.toFixed(2)} and ${second.toFixed(2)} ms a page`)
    console.log(`pages a second, two vs one: ${((2 / together) / (1 / alone)).toFixed(2)}x`)
  } finally {
    if (!given) fs.rmSync(dir, { recursive: true, force: true })
  }
}

/** This file as `--child DIR` in a new process; resolves with its milliseconds a page. */
function run(dir: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = spawn(process.execPath, [self, '--child', dir], { stdio: ['ignore', 'pipe', 'inherit'] })
    let output = ''
    worker.stdout.on('data', (chunk: Buffer) => (output += chunk))
    worker.on('error', reject)
    worker.on('exit', (code) => (code === 0 ? resolve(Number(output)) : reject(new Error(`child exited with ${code}`))))
  })
}

/** Parses every page twice (the first pass warms the JIT up) and prints the second pass's milliseconds a page. */
async function child(dir: string): Promise<void> {
  const { unified } = await import('unified')
  const { default: remarkParse } = await import('remark-parse')
  const { default: remarkGfm } = await import('remark-gfm')
  const folder = path.join(dir, 'content')
  const pages = fs
    .readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md'))
    .map((name) => fs.readFileSync(path.join(folder, name), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, ''))
  const processor = unified().use(remarkParse).use(remarkGfm)
  let perPage = 0
  for (let pass = 0; pass < 2; pass++) {
    const started = performance.now()
    for (const text of pages) processor.parse(text)
    perPage = (performance.now() - started) / pages.length
  }
  process.stdout.write(String(perPage))
}

if (process.argv[2] === '--child') await child(process.argv[3] ?? '')
else await main(process.argv[2])
