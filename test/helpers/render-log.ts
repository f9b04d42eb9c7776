// Which render thread rendered which page: the compiled weft's threads add a line per
// page to the file `WEFT_RENDER_LOG` names (src/project/render-worker.ts). Tests wait
// on it for the threads' warm-up to be over, instead of for a time.

import fs from 'node:fs'
import path from 'node:path'
import { tempDir } from './site.js'

export interface RenderLogEntry {
  thread: number
  kind: 'page' | 'warm-up'
  /** The page's source file. */
  file: string
}

export interface RenderLog {
  entries(): RenderLogEntry[]
  /** Resolves once `done(entries)` holds; fails after `timeoutMs` (a bound for a stuck run, not a guess at its time). */
  waitFor(done: (entries: RenderLogEntry[]) => boolean, what: string, timeoutMs?: number): Promise<RenderLogEntry[]>
  /** Puts back the environment as it was. */
  close(): void
}

/**
 * Sets `WEFT_RENDER_LOG` (and `WEFT_WORKERS` to `threads`) for the render threads started from now
 * on: they read both when they start.
 */
export function openRenderLog(threads: number): RenderLog {
  const file = path.join(tempDir(), 'renders.log')
  fs.writeFileSync(file, '')
  const before = { log: process.env.WEFT_RENDER_LOG, workers: process.env.WEFT_WORKERS }
  process.env.WEFT_RENDER_LOG = file
  process.env.WEFT_WORKERS = String(threads)
  const entries = () =>
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [thread, kind, source] = line.split('\t')
        return { thread: Number(thread), kind: kind as RenderLogEntry['kind'], file: source! }
      })
  return {
    entries,
    async waitFor(done, what, timeoutMs = 60_000) {
      const until = Date.now() + timeoutMs
      for (;;) {
        const seen = entries()
        if (done(seen)) return seen
        if (Date.now() > until) throw new Error(`Gave up waiting for ${what} after ${timeoutMs} ms; the render log has ${seen.length} lines`)
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    },
    close() {
      for (const [name, value] of [['WEFT_RENDER_LOG', before.log], ['WEFT_WORKERS', before.workers]] as const) {
        if (value === undefined) delete process.env[name]
        else process.env[name] = value
      }
    },
  }
}

/** The thread count a log was opened with have each rendered their warm-up page: `warmPool` is over. */
export const warmedUp = (threads: number) => (entries: RenderLogEntry[]) => entries.filter((entry) => entry.kind === 'warm-up').length >= threads
