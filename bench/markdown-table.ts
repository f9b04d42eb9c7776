// The figures of a run as the markdown table BENCHMARKS.md keeps: `--markdown`
// prints it, `--write` puts it into BENCHMARKS.md in place of the last table of
// the same size. BENCHMARKS.md holds one current table per size between the
// markers below, each table between markers of its own, so that a run at 1,000
// pages leaves the table of 5,000 where it is.
//
// Every row has the same basis, so that each can be set against the floor:
//   - wall: from loading the code to the end of the build. weft and the floor are
//     timed in their process, their modules' import included (Node's own start-up
//     is not); a peer is its whole command, start-up included;
//   - CPU: weft's process (all its threads) plus Pagefind's indexer; the floor's
//     process; a peer's whole process tree. Module import is not in weft's and
//     the floor's CPU (process.cpuUsage() runs around the build only);
//   - peak RSS: the largest process of the build (weft's own or Pagefind's; the
//     floor's; the peer's largest).

import fs from 'node:fs'
import { BUILD_STEPS, type BuildSummary, type Figures, type PeerSummary } from './summary.js'
import { seconds } from './table.js'

export const RESULTS_START = '<!-- bench:results -->'
export const RESULTS_END = '<!-- /bench:results -->'
const sizeStart = (n: number) => `<!-- bench:n=${n} -->`
const sizeEnd = (n: number) => `<!-- /bench:n=${n} -->`
const SIZE_BLOCK = /<!-- bench:n=(\d+) -->\n[\s\S]*?<!-- \/bench:n=\1 -->/g

/** What a row shows: wall, CPU and peak RSS as this module counts them. */
interface Row {
  label: string
  wallMs: number
  cpuMs: number
  peakRssMiB: number
}

/** Each build's label; `users`: how many pages the changed include is in (50 but on tiny sites). */
const labelOf = (step: (typeof BUILD_STEPS)[number][0], users: number): string =>
  ({ cold: 'weft, cold (empty cache)', warm: 'weft, warm (nothing changed)', pageChanged: 'weft, 1 page changed', includeChanged: `weft, include of ${users} pages changed` })[step]

/** The table of one run, with the line that says what and where it measured, between its size's markers. */
export function markdownTable(f: Figures): string {
  const weftRow = (label: string, step: BuildSummary): Row => ({ label, wallMs: step.importMs + step.wallMs, cpuMs: step.cpuMs + (step.pagefindCpuMs ?? 0), peakRssMiB: step.largestRssMiB })
  const floor: Row = { label: 'floor: bare unified, 1 thread', wallMs: f.bare.importMs + f.bare.wallMs, cpuMs: f.bare.cpuMs, peakRssMiB: f.bare.peakRssMiB }
  const ratio = (value: number, of: number) => `${(value / of).toFixed(2)}×`
  const cells = (row: Row) => [seconds(row.wallMs), seconds(row.cpuMs), row.peakRssMiB.toFixed(1), ratio(row.wallMs, floor.wallMs), ratio(row.cpuMs, floor.cpuMs), ratio(row.peakRssMiB, floor.peakRssMiB)]
  const line = (label: string, values: string[]) => `| ${label} | ${values.join(' | ')} |`
  const measuredRow = (row: Row) => line(row.label, cells(row))
  const peerRow = (peer: PeerSummary) => {
    const label = `${peer.name}${peer.version ? ` ${peer.version}` : ''}${peer.on ? ` (${peer.on})` : ''}`
    if (!('wallMs' in peer)) return line(label, [!peer.installed ? 'not installed' : 'failed' in peer ? `FAILED: ${peer.failed}` : 'not run', '', '', '', '', ''])
    return measuredRow({ label, wallMs: peer.wallMs, cpuMs: peer.cpuMs, peakRssMiB: peer.peakRssMiB })
  }
  const revision = f.weftRevision
  const uncommitted = revision.uncommitted?.length ? ` plus uncommitted changes to ${revision.uncommitted.map((file) => `\`${file}\``).join(', ')}` : ''
  const runs = f.runs > 1 ? `median of ${f.runs} runs` : 'one run'
  const d = f.dev
  // Tools that work in several processes at once: what their tree held together.
  const trees = Object.values(f.peers).flatMap((peer) => ('treePeakRssMiB' in peer && peer.treePeakRssMiB > peer.peakRssMiB ? [`${peer.name} ${peer.treePeakRssMiB.toFixed(1)} MiB`] : []))
  return [
    sizeStart(f.n),
    `### ${f.n.toLocaleString('en-US')} pages`,
    '',
    `weft at ${revision.commit ?? 'an unknown commit'}${uncommitted}, ${f.date.slice(0, 16).replace('T', ' ')} UTC; ${f.machine.nproc} CPUs (${f.machine.cpu ?? 'unknown'}), ${f.machine.totalMemGiB} GiB, Node ${f.machine.node}; 1-minute load average ${f.loadAverage1m.start.toFixed(2)} at the start, ${f.loadAverage1m.end.toFixed(2)} at the end; seed ${f.seed}, ${runs}.`,
    '',
    '| build | wall (s) | CPU (s) | peak RSS (MiB) | wall ÷ floor | CPU ÷ floor | RSS ÷ floor |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...BUILD_STEPS.map(([key]) => measuredRow(weftRow(labelOf(key, f.corpus.teardownIncludes), f.builds[key]))),
    measuredRow(floor),
    ...Object.values(f.peers).map(peerRow),
    '',
    ...(trees.length > 0 ? [`The peers' process trees at their peak, all processes summed: ${trees.join(', ')}.`, ''] : []),
    `weft dev, from a save to the live-reload event (medians): one page ${d.page.medianMs.toFixed(0)} ms; the include of ${f.corpus.teardownIncludes} pages ${d.include.medianMs.toFixed(0)} ms for the open page, ${d.include.rebuildMedianMs.toFixed(0)} ms for the whole rebuild; a new title ${d.title.medianMs.toFixed(0)} ms.`,
    sizeEnd(f.n),
  ].join('\n')
}

/**
 * Puts `table` (from markdownTable) into the results region of the markdown file,
 * in place of the table of the same size if there is one; the sizes in order.
 * Whatever else the region held (the placeholder) goes.
 */
export function writeIntoBenchmarks(file: string, n: number, table: string): void {
  const text = fs.readFileSync(file, 'utf8')
  const start = text.indexOf(RESULTS_START)
  const end = text.indexOf(RESULTS_END)
  if (start === -1 || end < start) throw new Error(`${file} has no results region: put \`${RESULTS_START}\` and \`${RESULTS_END}\` on lines of their own where the tables go`)
  const region = text.slice(start + RESULTS_START.length, end)
  const tables = new Map<number, string>([...region.matchAll(SIZE_BLOCK)].map((match) => [Number(match[1]), match[0]]))
  tables.set(n, table)
  const ordered = [...tables.entries()].sort(([a], [b]) => a - b).map(([, block]) => block)
  fs.writeFileSync(file, `${text.slice(0, start)}${RESULTS_START}\n${ordered.join('\n\n')}\n${text.slice(end)}`)
}
