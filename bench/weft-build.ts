// One weft build of the site, measured in a child: wall and CPU time around
// `build()` (after weft is imported; the import is timed apart), the pages it had to
// render, and Pagefind's indexer, which runs in a process of its own, read from /proc.

import fs from 'node:fs'
import path from 'node:path'
import { cpuMsSince } from './measure.js'
import { childrenCpuAfterExit, reapedChildrenCpuMs, sampleChildrenPeak } from './proc.js'
import { weftModule, type Weft } from './weft-module.js'

export interface WeftFigures {
  ok: boolean
  pages: number
  outputFiles: number
  errors: number
  warnings: number
  /** The build's messages, formatted ('' when there are none). */
  report: string
  /** The build's own figure of its duration. */
  durationMs: number
  wallMs: number
  cpuMs: number
  importMs: number
  /** Pagefind's indexer (null off Linux, or when it outlived the build by 2 s). */
  pagefindCpuMs: number | null
  pagefindPeakRssKiB: number | null
  cacheEntriesBefore: number
  /** Render-cache entries the build wrote: the pages it had to render. */
  rendered: number
  timings: [string, number][]
}

export async function measureWeftBuild(dir: string): Promise<WeftFigures> {
  const imported = performance.now()
  const { build, formatMessages } = (await import(weftModule('index.js'))) as Weft
  const importMs = performance.now() - imported
  const cacheEntriesBefore = cacheEntries(dir)
  // File times come from the kernel's coarse clock, a few ms behind.
  const writtenSince = Date.now() - 20
  const childrenBefore = reapedChildrenCpuMs()
  const childrenPeak = sampleChildrenPeak()
  const cpuBefore = process.cpuUsage()
  const started = performance.now()
  const result = await build({ root: dir })
  const wallMs = performance.now() - started
  const cpuMs = cpuMsSince(cpuBefore)
  const pagefindPeakRssKiB = childrenPeak.stop()
  const errors = result.messages.filter((message) => message.severity === 'error').length
  const pagefindCpuMs = await childrenCpuAfterExit(childrenBefore)
  return {
    ok: result.ok,
    pages: result.pages,
    outputFiles: result.files.size + result.copies.size,
    errors,
    warnings: result.messages.length - errors,
    report: result.messages.length ? formatMessages(result.messages) : '',
    durationMs: result.durationMs,
    wallMs,
    cpuMs,
    importMs,
    pagefindCpuMs,
    pagefindPeakRssKiB,
    cacheEntriesBefore,
    rendered: cacheEntries(dir, writtenSince),
    timings: result.timings,
  }
}

/**
 * Rendered pages in the render cache (`sites/<id>/render/<shard>/*.json`) written at
 * `since` (ms since the epoch) or later. Counting by time, not by number: after a
 * good build weft deletes what the build did not use, such as an edited page's old render.
 */
function cacheEntries(dir: string, since = 0): number {
  const sites = path.join(dir, 'node_modules', '.cache', 'weft', 'sites')
  let count = 0
  const list = (folder: string) => {
    try {
      return fs.readdirSync(folder)
    } catch {
      return []
    }
  }
  for (const site of list(sites)) {
    const render = path.join(sites, site, 'render')
    for (const shard of list(render)) {
      if (shard === 'pages') continue
      for (const name of list(path.join(render, shard))) {
        if (!name.endsWith('.json')) continue
        const stat = fs.statSync(path.join(render, shard, name), { throwIfNoEntry: false })
        if (stat && stat.mtimeMs >= since) count++
      }
    }
  }
  return count
}
