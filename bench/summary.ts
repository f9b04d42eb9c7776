// The runs' figures summed up for the report: the median of each figure over the
// runs, in the units the table and the JSON give (MiB, rounded ms, ratios).

import type { DevFigures, Saves } from './dev-loop.js'
import { median, round, type ProcessFacts } from './measure.js'
import type { Peer, PeerFigures } from './peers.js'
import type { Revision } from './snapshot.js'

/** A build's run (weft's or the bare pipeline's), as its child reported it. */
export type BuildRun = ProcessFacts & {
  wallMs: number
  cpuMs: number
  importMs: number
  /** The bare pipeline's count of files (weft's runs count pages instead). */
  files?: number
  rendered?: number
  pagefindCpuMs?: number | null
  pagefindPeakRssKiB?: number | null
  timings?: [string, number][]
}

export interface BuildSummary {
  wallMs: number
  cpuMs: number
  cpuPerWall: number
  pagesPerSec: number
  peakRssMiB: number
  importMs: number
  loadAverage1m: number[]
  rendered?: number
  pagefindCpuMs?: number | null
  pagefindPeakRssMiB?: number | null
  /** The largest process of the build: weft's own, or Pagefind's indexer. */
  largestRssMiB: number
  timingsMs?: Record<string, number>
}

export function summarize(runs: BuildRun[], pages: number): BuildSummary {
  const first = runs[0]!
  const pick = (get: (run: BuildRun) => number) => median(runs.map(get))
  const wallMs = pick((run) => run.wallMs)
  const cpuMs = pick((run) => run.cpuMs)
  const summary: Omit<BuildSummary, 'largestRssMiB' | 'timingsMs'> = {
    wallMs: round(wallMs),
    cpuMs: round(cpuMs),
    cpuPerWall: round(cpuMs / wallMs, 2),
    pagesPerSec: round((first.files ?? pages) / (wallMs / 1000), 1),
    peakRssMiB: round(pick((run) => run.maxRssKiB) / 1024, 1),
    importMs: round(pick((run) => run.importMs)),
    loadAverage1m: runs.map((run) => round(run.load1, 2)),
  }
  if (first.rendered !== undefined) summary.rendered = pick((run) => run.rendered!)
  if (first.pagefindCpuMs !== undefined) summary.pagefindCpuMs = runs.some((run) => run.pagefindCpuMs === null) ? null : round(pick((run) => run.pagefindCpuMs!))
  if (first.pagefindPeakRssKiB !== undefined) summary.pagefindPeakRssMiB = runs.some((run) => run.pagefindPeakRssKiB === null) ? null : round(pick((run) => run.pagefindPeakRssKiB!) / 1024, 1)
  const largestRssMiB = Math.max(summary.peakRssMiB, summary.pagefindPeakRssMiB ?? 0)
  if (!first.timings) return { ...summary, largestRssMiB }
  return { ...summary, largestRssMiB, timingsMs: Object.fromEntries(first.timings.map(([phase, ms]) => [phase, round(ms)])) }
}

export type PeerRun = Extract<PeerFigures, { ok: true }> & ProcessFacts

interface PeerAbout {
  name: string
  version: string | undefined
  on: string | undefined
  installed: boolean
}
interface PeerMeasured {
  htmlPages: number
  wallMs: number
  cpuMs: number
  cpuPerWall: number
  pagesPerSec: number
  peakRssMiB: number
  largestProcess: string
  treePeakRssMiB: number
  orphanCpuMs: number
  processes: Record<string, number>
  loadAverage1m: number[]
  /** weft's cold build over the peer's. */
  ratio: Ratio
}
/** A peer in the report: what it is, and its figures or why it has none. */
export type PeerSummary = PeerAbout | (PeerAbout & { failed: string }) | (PeerAbout & PeerMeasured)

/** Each peer's cold build, and weft's cold build over it (its wall with its import time, as a peer's command starts from nothing; its CPU with Pagefind's). */
export function summarizePeers(peers: Peer[], peerRuns: Record<string, PeerRun[]>, failures: Record<string, string>, cold: BuildSummary): Record<string, PeerSummary> {
  const weftWallMs = cold.wallMs + cold.importMs
  const weftCpuMs = cold.cpuMs + (cold.pagefindCpuMs ?? 0)
  return Object.fromEntries(
    peers.map((peer): [string, PeerSummary] => {
      const about = { name: peer.name, version: peer.version, on: peer.on, installed: peer.installed }
      const runs = peerRuns[peer.key] ?? []
      if (!peer.installed) return [peer.key, about]
      const first = runs[0]
      if (failures[peer.key] || !first) return [peer.key, { ...about, failed: failures[peer.key] ?? 'not run' }]
      const pick = (get: (run: PeerRun) => number) => median(runs.map(get))
      const wallMs = pick((run) => run.wallMs)
      const cpuMs = pick((run) => run.cpuMs)
      const peakRssMiB = round(pick((run) => run.peakRssKiB) / 1024, 1)
      return [
        peer.key,
        {
          ...about,
          htmlPages: first.htmlPages,
          wallMs: round(wallMs),
          cpuMs: round(cpuMs),
          cpuPerWall: round(cpuMs / wallMs, 2),
          pagesPerSec: round(first.htmlPages / (wallMs / 1000), 1),
          peakRssMiB,
          largestProcess: first.largestProcess,
          treePeakRssMiB: round(pick((run) => run.treePeakRssKiB) / 1024, 1),
          orphanCpuMs: round(pick((run) => run.orphanCpuMs)),
          processes: first.processes,
          loadAverage1m: runs.map((run) => round(run.load1, 2)),
          ratio: { wall: round(weftWallMs / wallMs, 2), cpu: round(weftCpuMs / cpuMs, 2), peakRss: round(cold.largestRssMiB / peakRssMiB, 2) },
        },
      ]
    }),
  )
}

export type DevRun = Extract<DevFigures, { ok: true }> & ProcessFacts

export interface SavesSummary {
  saves: number
  medianMs: number
  maxMs: number
  pagesRebuilt: number[]
  rebuildsPerSave: number
  detectMedianMs: number
  rebuildMedianMs: number
  reloadMedianMs: number
  cpuMedianMs: number
  samplesMs: number[][]
}

export interface DevSummary {
  startMs: number
  firstBuildMs: number
  firstBuildPages: number
  page: SavesSummary
  include: SavesSummary
  title: SavesSummary
  sessionCpuMs: number
  pagefindCpuMs: number | null
  peakRssMiB: number
  loadAverage1m: number[]
}

export function summarizeDev(runs: DevRun[]): DevSummary {
  const saves = (name: 'page' | 'include' | 'title'): SavesSummary => {
    const all: Saves[] = runs.map((run) => run[name])
    return {
      saves: all.reduce((sum, part) => sum + part.samples.length, 0),
      // The median of each run's median, the largest of all.
      medianMs: round(median(all.map((part) => part.medianMs)), 1),
      maxMs: round(Math.max(...all.map((part) => part.maxMs)), 1),
      pagesRebuilt: [...new Set(all.flatMap((part) => part.samples.map((sample) => sample.rendered)))].sort((a, b) => a - b),
      rebuildsPerSave: Math.max(...all.flatMap((part) => part.samples.map((sample) => sample.rebuilds))),
      detectMedianMs: round(median(all.map((part) => part.detectMedianMs)), 1),
      rebuildMedianMs: round(median(all.map((part) => part.rebuildMedianMs)), 1),
      reloadMedianMs: round(median(all.map((part) => part.reloadMedianMs)), 1),
      cpuMedianMs: round(median(all.map((part) => part.cpuMedianMs)), 1),
      samplesMs: all.map((part) => part.samples.map((sample) => round(sample.latencyMs, 1))),
    }
  }
  return {
    startMs: round(median(runs.map((run) => run.startMs))),
    firstBuildMs: round(median(runs.map((run) => run.firstBuildMs))),
    firstBuildPages: runs[0]!.firstBuildPages,
    page: saves('page'),
    include: saves('include'),
    title: saves('title'),
    sessionCpuMs: round(median(runs.map((run) => run.cpuMs))),
    pagefindCpuMs: runs.some((run) => run.pagefindCpuMs === null) ? null : round(median(runs.map((run) => run.pagefindCpuMs!))),
    peakRssMiB: round(median(runs.map((run) => run.maxRssKiB)) / 1024, 1),
    loadAverage1m: runs.map((run) => round(run.load1, 2)),
  }
}

/** The builds of a run, in order, with their labels in the table. */
export const BUILD_STEPS = [
  ['cold', 'cold build (empty cache)'],
  ['warm', 'warm build (no change)'],
  ['pageChanged', '1 page changed'],
  ['includeChanged', 'include of 50 changed'],
] as const
export type BuildStep = (typeof BUILD_STEPS)[number][0]

export interface Ratio {
  wall: number
  cpu: number
  peakRss: number
}

/** Every figure of a run: what `--json` prints, and what the table shows. */
export interface Figures {
  n: number
  seed: number
  runs: number
  /** When the run ended (ISO 8601, UTC). */
  date: string
  machine: { nproc: number; totalMemGiB: number; node: string; platform: string; cpu: string | undefined }
  loadAverage1m: { start: number; end: number }
  weftRevision: Revision & { measured: string }
  /** Steps before which lib/ was found recompiled. */
  libChangedDuringRun: string[]
  corpus: {
    pages: number
    sections: number
    bytes: number
    minPageBytes: number
    maxPageBytes: number
    flatTitles: number
    teardownIncludes: number
    images: number
    editedPage: string
    editedInclude: string
  }
  /** The cold build, as this benchmark has always reported it. */
  weft: BuildSummary & { warnings: number; outputFiles: number; buildDurationMs: number }
  builds: Record<BuildStep, BuildSummary>
  bare: BuildSummary & { htmlBytes: number; flatFallbacks: number }
  /** wall and peakRss: the cold build's, as before. */
  ratio: { wall: number; peakRss: number; cold: Ratio; warm: Ratio }
  dev: DevSummary
  peers: Record<string, PeerSummary>
  nodeBaselineRssMiB: number
}
