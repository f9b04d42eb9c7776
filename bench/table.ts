// The figures of a run as the table `npm run bench` prints (without --json).

import { BUILD_STEPS, type BuildSummary, type Figures, type PeerSummary, type Ratio, type SavesSummary } from './summary.js'

export const seconds = (ms: number) => (ms / 1000).toFixed(2)
export const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1)
const kib = (bytes: number) => (bytes / 1024).toFixed(1)

export function printTable(f: Figures): void {
  const c = f.corpus
  const runs = f.runs > 1 ? `, median of ${f.runs} runs` : ''
  const s = (ms: number | null | undefined) => (ms === null || ms === undefined ? 'n/a' : seconds(ms))
  const mibOrNa = (value: number | null | undefined) => (value === null || value === undefined ? 'n/a' : value === 0 ? 'none' : value.toFixed(1))
  const buildRow = (label: string, step: BuildSummary, withRate: boolean) => row(label, s(step.wallMs), s(step.cpuMs), step.cpuPerWall.toFixed(2), withRate ? step.pagesPerSec.toFixed(1) : '', step.peakRssMiB.toFixed(1), mibOrNa(step.pagefindPeakRssMiB), String(step.rendered), s(step.pagefindCpuMs), s(step.importMs))
  const ratioRow = (label: string, ratio: Ratio) => row(label, `${ratio.wall.toFixed(2)}x`, `${ratio.cpu.toFixed(2)}x`, '', '', `${ratio.peakRss.toFixed(2)}x`, '', '', '', '')
  const d = f.dev
  const devRow = (label: string, part: SavesSummary) => row(label, part.medianMs.toFixed(0), part.maxMs.toFixed(0), part.pagesRebuilt.join(', '), String(part.saves), part.detectMedianMs.toFixed(0), part.rebuildMedianMs.toFixed(0), part.reloadMedianMs.toFixed(0), part.cpuMedianMs.toFixed(0))
  const lines = [
    '',
    `weft bench: ${c.pages} pages in ${c.sections} sections, ${mib(c.bytes)} MiB of markdown (pages ${kib(c.minPageBytes)}–${kib(c.maxPageBytes)} KiB, ${c.flatTitles} flat titles), seed ${f.seed}${runs}`,
    `machine: ${f.machine.nproc} CPUs (${f.machine.cpu ?? 'unknown'}), ${f.machine.totalMemGiB} GiB, node ${f.machine.node}; an empty node process peaks at ${f.nodeBaselineRssMiB} MiB RSS`,
    `weft: commit ${f.weftRevision.commit ?? 'unknown'}${f.weftRevision.uncommitted?.length ? ` plus uncommitted changes to ${f.weftRevision.uncommitted.join(', ')}` : ''} (measured: ${f.weftRevision.measured})`,
    `1-minute load average: ${f.loadAverage1m.start.toFixed(2)} at the start, ${f.loadAverage1m.end.toFixed(2)} at the end (other processes on the machine skew every figure)`,
    '',
    row('', 'wall (s)', 'CPU (s)', 'CPU/wall', 'pages/s', 'peak RSS MiB', 'pagefind RSS', 'rendered', 'pagefind CPU', 'import (s)'),
    buildRow('cold build (empty cache)', f.builds.cold, true),
    buildRow('warm build (no change)', f.builds.warm, true),
    buildRow('1 page changed', f.builds.pageChanged, false),
    buildRow('include of 50 changed', f.builds.includeChanged, false),
    buildRow('bare unified, 1 thread', { ...f.bare, rendered: c.pages }, true),
    ratioRow('weft / bare, cold', f.ratio.cold),
    ratioRow('weft / bare, warm', f.ratio.warm),
    '',
    `Each build in a new process; CPU and peak RSS are that process's (all its threads, render workers included), pagefind RSS and CPU`,
    `the search indexer's own process's (its peak, sampled every 50 ms); "rendered" counts the pages the build rendered (render-cache entries it wrote). Edited: ${c.editedPage} and`,
    `${c.editedInclude} (included by ${c.teardownIncludes} pages). weft: ${f.weft.outputFiles} files written, ${f.weft.warnings} warnings; bare: ${mib(f.bare.htmlBytes)} MiB of HTML, ${f.bare.flatFallbacks} flat front matters skipped by regex.`,
    '',
    `Other generators: the same corpus as plain markdown (bench/peers.ts), a cold build in a new project, the whole command from start to exit:`,
    row('', 'wall (s)', 'CPU (s)', 'CPU/wall', 'pages/s', 'peak RSS MiB', 'tree RSS MiB', 'weft/it wall', 'weft/it CPU', 'weft/it RSS'),
    ...Object.values(f.peers).map(peerRow),
    '',
    `CPU: the peer's whole process tree; peak RSS: its largest process's (weft's: the larger of its own and Pagefind's), tree RSS: the peak of the tree's summed RSS.`,
    `weft/it: weft's cold build (wall ${s(f.builds.cold.wallMs)} s + import ${s(f.builds.cold.importMs)} s; CPU with pagefind's, without the import's) over the peer's. Processes:`,
    `${Object.values(f.peers).flatMap((peer) => ('processes' in peer ? [peer] : [])).map((peer) => `${peer.name}${peer.on ? ` (on ${peer.on})` : ''} ${Object.entries(peer.processes).map(([name, count]) => `${name}×${count}`).join(' ')}`).join('; ') || 'none measured'}.`,
    '',
    `weft's own phase timings (s; "(workers)" is summed over the render threads${f.runs > 1 ? '; first run' : ''}):`,
    ...BUILD_STEPS.map(([key, label]) => `  ${label.padEnd(26)}${Object.entries(f.builds[key].timingsMs ?? {}).map(([phase, ms]) => `${phase} ${seconds(ms)}`).join(' · ')}`),
    '',
    `weft dev (one process, warm cache: ready in ${s(d.startMs)} s, first build ${s(d.firstBuildMs)} s for ${d.firstBuildPages} pages); save → \`update\` event received:`,
    row('', 'median (ms)', 'max (ms)', 'pages rebuilt', 'saves', 'to watcher ms', 'rebuild ms', 'page fetched', 'CPU ms'),
    devRow('edit one page', d.page),
    devRow('edit include of 50', d.include),
    devRow('rename one page', d.title),
    '',
    `The connection shows the edited page, then a page that includes the include (the first event names that page, rendered before the rest), then the`,
    `edited page again while its title changes: the pages listing it in their navigation are made again.`,
    `Medians, from the save: "to watcher" until weft's watcher saw it, "rebuild" weft's whole rebuild (the outcome's durationMs), "page fetched" until the`,
    `changed page's HTML was fetched again after the event, as the open page does; "CPU" is the dev process's CPU from the save to the event. The`,
    `live-reload client runs in the dev server's own process, so it reads the event only once weft's main thread is free: work weft does in`,
    `that thread right after sending the event delays it (a browser's reload would wait for the same thread). Saves are made once the process`,
    `is idle (no rebuild, no search indexing). Dev process: ${s(d.sessionCpuMs)} s CPU over the session, pagefind ${s(d.pagefindCpuMs)} s, peak RSS ${d.peakRssMiB.toFixed(1)} MiB.`,
  ]
  if (f.libChangedDuringRun.length > 0) lines.push(`WARNING: lib/ (the compiled weft) changed during this run, found before ${f.libChangedDuringRun.map((step) => `"${step}"`).join(', ')}: the figures mix builds of weft.`)
  const rebuildsPerSave = Math.max(d.page.rebuildsPerSave, d.include.rebuildsPerSave, d.title.rebuildsPerSave)
  if (rebuildsPerSave > 1) lines.push(`note: some saves caused more than one rebuild (at most ${rebuildsPerSave}).`)
  console.log(lines.join('\n'))
}

function peerRow(peer: PeerSummary): string {
  const label = peer.version ? `${peer.name} ${peer.version}` : peer.name
  if (!peer.installed) return row(label, '  not installed (npm run bench:setup)')
  if ('failed' in peer) return row(label, `  FAILED: ${peer.failed}`)
  if (!('ratio' in peer)) return row(label, '  FAILED: not run')
  const s = seconds
  return row(label, s(peer.wallMs), s(peer.cpuMs), peer.cpuPerWall.toFixed(2), peer.pagesPerSec.toFixed(1), peer.peakRssMiB.toFixed(1), peer.treePeakRssMiB.toFixed(1), `${peer.ratio.wall.toFixed(2)}x`, `${peer.ratio.cpu.toFixed(2)}x`, `${peer.ratio.peakRss.toFixed(2)}x`)
}

function row(name: string, ...cells: string[]): string {
  return name.padEnd(26) + cells.map((cell) => String(cell).padStart(14)).join('')
}
