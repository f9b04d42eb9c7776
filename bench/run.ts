// weft's benchmark: a synthetic site of N pages written in the authoring dialect
// (see the dialect notes), built with weft's API — cold (empty render cache), warm
// (nothing changed), after one page changed and after an include used by 50 pages
// changed — next to a bare single-threaded unified pipeline over the same files as
// the floor; then the save-to-reload latency of `weft dev` on the same site.
//
//   npm run bench                 # N = 1000
//   npm run bench -- 5000         # N = 5000
//   npm run bench -- 200 --json   # the figures as one JSON object on stdout
//   npm run bench -- 1000 --write # also puts the run's table into BENCHMARKS.md
//
// `npm run bench` compiles weft (lib/) and the bench (into bench/out/, see
// bench/tsconfig.json) and runs bench/out/run.js, so that the children run plain
// JavaScript with nothing loaded but what they measure.
//
// Options: N (a positional integer, default 1000), --json, --markdown (the
// table BENCHMARKS.md keeps, instead of the text one; see bench/markdown-table.ts),
// --write (puts that table into BENCHMARKS.md in place of the last one of size N;
// the text table is printed as usual), --runs R (each
// measurement R times, each in a fresh process; the median is reported),
// --seed S (default 1), --keep (keep the generated site and print where it is;
// a failed build always keeps it), --generate-only (write the site, keep it,
// measure nothing: for looking at the corpus or profiling a build of it),
// --no-snapshot (see below), --no-peers or --peers=hugo,eleventy,… (which of the
// installed generators to build too; all by default).
//
// weft is measured as compiled in lib/ when the run starts: lib/, templates/ and
// package.json are copied to a temporary folder (with a link to node_modules) and
// every child imports weft from there, so that recompiling weft during a long run
// does not mix two builds of it into one table (it would also change every cache
// key: weft's version includes the times of its files). --no-snapshot imports
// ../lib/ in place instead, and warns if lib/ changes during the run.
//
// One run, in this order, each step in a child process of its own:
//   1. cold build: <site>/node_modules/.cache/weft is removed first (and checked gone);
//   2. warm build: the same site again, nothing changed (the cache step 1 filled);
//   3. one page changed: a paragraph appended to one page, build again;
//   4. one include changed: a paragraph appended to includes/teardown.md, which
//      exactly 50 pages include, build again; then both files are put back;
//   5. the bare unified pipeline (the floor), one thread, no cache;
//   6. weft dev: startDev() on the site (warm cache), a live-reload connection of
//      our own to /__weft/events, then 10 saves of one page, 5 saves of
//      teardown.md and 5 of the page with a new title, each timed from just
//      before fs.writeFileSync to the arrival of the `update` event (and on to
//      the changed page's HTML fetched again, as the open page does); then both
//      files are put back. The connection says which
//      page it shows, as a browser's does: the edited page, then a page that
//      includes teardown.md (weft dev renders open pages first);
//   7. the other generators that are installed (`npm run bench:setup`: Eleventy,
//      VitePress, Starlight, Hugo), each a cold build of the same corpus made into
//      plain markdown, in a project of its own; see bench/peers.ts for how the
//      corpus is converted and how their process trees are measured.
//
// Every measurement runs in a child process of its own (bench/child.ts, run as
// `child.js weft|bare|dev|peer|baseline DIR …`), so that the peak RSS reported is that
// process's own (`process.resourceUsage().maxRSS`) and nothing is loaded before it.
// Wall time is measured around `build()` (and around the loop over the files for
// the bare pipeline), after the modules are imported; the time to import them is
// reported separately. CPU time is `process.cpuUsage()` (user + system) over the
// same span: it counts every thread of the process, weft's render workers included.
// Pagefind's indexer runs in a process of its own, so its CPU and memory are not in
// those figures; they are reported apart, read on Linux from /proc: "pagefind CPU"
// once the indexer has exited, "pagefind RSS" its peak (VmHWM) sampled every 50 ms.
// At 5,000 pages it was the largest process of the build, so it counts in the
// comparisons with other generators, which take each one's largest process. "rendered" is the number of render-cache entries the build
// wrote (by their time), i.e. the pages it had to render because the cache had no result for them.
// The machine and its 1-minute load average at the start and the end are printed,
// since other processes on the machine can skew every figure. The children inherit
// the environment: `NODE_OPTIONS=--max-old-space-size=16384 npm run bench -- 5000`
// gives each a larger heap; `WEFT_WORKERS` sets weft's render threads.
//
// The modules, by job: corpus.ts and png.ts (the site); measure.ts and child.ts (a
// measurement in a process of its own); weft-build.ts, floor.ts (bare unified),
// dev-loop.ts and peers.ts (what is measured); proc.ts (/proc); snapshot.ts (which
// weft); summary.ts, table.ts and markdown-table.ts (the report). This file:
// arguments → steps.

import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { generateCorpus, TEARDOWN_FILE, TEARDOWN_USERS, writeSite } from './corpus.js'
import { DEV_INCLUDE_SAVES, DEV_PAGE_SAVES, DEV_TITLE_SAVES, type DevFigures } from './dev-loop.js'
import type { FloorFigures } from './floor.js'
import { markdownTable, writeIntoBenchmarks } from './markdown-table.js'
import { measure, median, round, stopMeasuring, type ProcessFacts } from './measure.js'
import { detectPeers, type PeerFigures } from './peers.js'
import { repoDir } from './paths.js'
import { libStamp, snapshotWeft, weftRevision } from './snapshot.js'
import { BUILD_STEPS, summarize, summarizeDev, summarizePeers, type BuildStep, type DevRun, type Figures, type PeerRun, type Ratio } from './summary.js'
import { mib, printTable, seconds } from './table.js'
import type { WeftFigures } from './weft-build.js'

interface Options {
  n: number
  json: boolean
  markdown: boolean
  /** Put the table into BENCHMARKS.md. */
  write: boolean
  keep: boolean
  generateOnly: boolean
  runs: number
  seed: number
  snapshot: boolean
  /** The peers to build (their keys); all installed ones when undefined. */
  peers?: string[]
}

function parseArguments(args: string[]): Options {
  const options: Options = { n: 1000, json: false, markdown: false, write: false, keep: false, generateOnly: false, runs: 1, seed: 1, snapshot: true }
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    const value = () => {
      const next = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[++i]
      if (next === undefined || !/^\d+$/.test(next)) usage(`\`${arg}\` needs a whole number`)
      return Number(next)
    }
    if (/^\d+$/.test(arg)) options.n = Number(arg)
    else if (arg === '--json') options.json = true
    else if (arg === '--markdown') options.markdown = true
    else if (arg === '--write') options.write = true
    else if (arg === '--keep') options.keep = true
    else if (arg === '--generate-only') options.generateOnly = options.keep = true
    else if (arg === '--no-snapshot') options.snapshot = false
    else if (arg === '--no-peers') options.peers = []
    else if (arg.startsWith('--peers=')) options.peers = arg.slice('--peers='.length).split(',').filter(Boolean)
    else if (arg === '--runs' || arg.startsWith('--runs=')) options.runs = value()
    else if (arg === '--seed' || arg.startsWith('--seed=')) options.seed = value()
    else if (arg === '--help' || arg === '-h') usage()
    else usage(`unknown argument \`${arg}\``)
  }
  if (options.n < 2) usage('N must be at least 2')
  if (options.runs < 1) usage('--runs must be at least 1')
  if (options.json && options.markdown) usage('--json and --markdown each print the figures: choose one')
  if (options.write && options.generateOnly) usage('--generate-only measures nothing to --write')
  return options
}

function usage(problem?: string): never {
  const text = 'usage: npm run bench -- [N=1000] [--json | --markdown] [--write] [--runs R] [--seed S] [--keep] [--generate-only] [--no-snapshot] [--no-peers | --peers=hugo,eleventy,vitepress,starlight]'
  if (problem) {
    console.error(`bench: ${problem}\n${text}`)
    process.exit(2)
  }
  console.log(text)
  process.exit(0)
}

type WeftRun = WeftFigures & ProcessFacts

async function main(options: Options): Promise<void> {
  const log = (line: string) => process.stderr.write(`${line}\n`)
  const loadStart = os.loadavg()[0]!
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-bench-'))
  const cacheDir = path.join(dir, 'node_modules', '.cache', 'weft')
  let keep = options.keep
  /** The copy of weft the children import, when there is one. */
  let snapshot: string | undefined
  /** Files edited by a step, with their text as generated, to put back. */
  const originals = new Map<string, string>()
  const edit = (file: string, addition: string) => {
    if (!originals.has(file)) originals.set(file, fs.readFileSync(file, 'utf8'))
    fs.appendFileSync(file, addition)
  }
  const restore = () => {
    for (const [file, text] of originals) fs.writeFileSync(file, text)
    originals.clear()
  }
  const interrupted = () => {
    stopMeasuring()
    restore()
    if (snapshot) fs.rmSync(snapshot, { recursive: true, force: true })
    if (!keep) fs.rmSync(dir, { recursive: true, force: true })
    process.exit(130)
  }
  process.once('SIGINT', interrupted)
  try {
    const started = performance.now()
    const corpus = generateCorpus(options.n, options.seed)
    writeSite(dir, corpus.files)
    log(`bench: wrote ${corpus.pages} pages (${corpus.sections} sections, ${mib(corpus.bytes)} MiB of markdown, pages ${corpus.minBytes}–${corpus.maxBytes} bytes) in ${dir} in ${seconds(performance.now() - started)} s`)
    log(`bench: machine: ${os.availableParallelism()} CPUs, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}; 1-minute load average at the start: ${loadStart.toFixed(2)}`)
    if (options.generateOnly) return
    if (corpus.teardownUsers !== TEARDOWN_USERS) log(`bench: note: this site has only ${corpus.teardownUsers} pages including ${TEARDOWN_FILE} (the step is meant for ${TEARDOWN_USERS})`)
    const pageFile = path.join(dir, 'content', corpus.editPage)
    const includeFile = path.join(dir, TEARDOWN_FILE)

    // What was measured: lib/ is compiled from the working tree, which may differ from the commit.
    const revision = weftRevision()
    log(`bench: weft at ${revision.commit ?? 'an unknown commit'}${revision.uncommitted?.length ? ` with uncommitted changes to ${revision.uncommitted.join(', ')}` : ''}`)
    let stamp = libStamp()
    if (options.snapshot) {
      snapshot = snapshotWeft()
      process.env.WEFT_BENCH_LIB = path.join(snapshot, 'lib')
      log(`bench: measuring a copy of lib/ as it is now, in ${snapshot}`)
    }
    /** Steps before which lib/ was found recompiled (since the run began, or since it was last found so). */
    const libChanged: string[] = []
    const checkLib = (step: string) => {
      if (snapshot) return
      const now = libStamp()
      if (now === stamp) return
      stamp = now
      libChanged.push(step)
      log(`bench: WARNING: lib/ (the compiled weft) changed during the run, before "${step}": the figures from here on are of another build of weft, and its render cache keys changed with it`)
    }
    // --peers/--no-peers choose which installed generators are built too (at 5,000 pages the slow ones take many minutes).
    const peers = detectPeers().filter((peer) => !options.peers || options.peers.includes(peer.key))
    log(`bench: other generators: ${peers.map((peer) => (peer.installed ? `${peer.name} ${peer.version}` : `${peer.name} not installed`)).join(', ')}`)
    const baseline = await measure<ProcessFacts>('baseline', [dir])
    const stepRuns: Record<BuildStep, WeftRun[]> = { cold: [], warm: [], pageChanged: [], includeChanged: [] }
    const bareRuns: (FloorFigures & ProcessFacts)[] = []
    const devRuns: DevRun[] = []
    const peerRuns: Record<string, PeerRun[]> = Object.fromEntries(peers.map((peer) => [peer.key, []]))
    /** Why a peer's build failed, by key. */
    const peerFailures: Record<string, string> = {}
    for (let run = 1; run <= options.runs; run++) {
      const suffix = options.runs > 1 ? ` (run ${run} of ${options.runs})` : ''
      /** One weft build in a child; false (after reporting why) when it failed. */
      const buildStep = async (key: BuildStep, label: string) => {
        log(`bench: weft ${label}${suffix}…`)
        checkLib(`${key}${suffix}`)
        const result = await measure<WeftRun>('weft', [dir])
        if (!result.ok) {
          keep = true
          log(`\nbench: weft's ${label} of the generated site FAILED (${result.errors} errors, ${result.warnings} warnings):\n`)
          const lines = result.report.split('\n')
          const shown = lines.findIndex((line, index) => index >= 150 && !line.startsWith(' '))
          log(shown === -1 ? result.report : `${lines.slice(0, shown).join('\n')}\n… and more`)
          fs.writeFileSync(path.join(dir, 'weft-messages.txt'), `${result.report}\n`)
          log(`\nbench: every message is in ${path.join(dir, 'weft-messages.txt')}`)
          process.exitCode = 1
          return false
        }
        if (result.pages !== corpus.pages) {
          keep = true
          throw new Error(`weft's ${label} built ${result.pages} pages, the generated site has ${corpus.pages} (kept in ${dir})`)
        }
        if (key === 'cold' && result.cacheEntriesBefore !== 0) throw new Error(`the render cache held ${result.cacheEntriesBefore} entries before the cold build`)
        if (result.warnings > 0 && run === 1 && key === 'cold') log(`bench: weft's build passed with ${result.warnings} warnings:\n${result.report}`)
        stepRuns[key].push(result)
        return true
      }

      // 1. Cold: nothing in the render cache.
      fs.rmSync(cacheDir, { recursive: true, force: true })
      if (fs.existsSync(cacheDir)) throw new Error(`could not empty ${cacheDir}`)
      if (!(await buildStep('cold', 'cold build'))) return
      // 2. Warm: the same site again.
      if (!(await buildStep('warm', 'warm build'))) return
      // 3. One page changed.
      edit(pageFile, `\nThis paragraph was added by the benchmark (run ${run}) to change one page and nothing else.\n`)
      if (!(await buildStep('pageChanged', `build after changing ${corpus.editPage}`))) return
      // 4. The include that exactly 50 pages use changed.
      edit(includeFile, `\nThis paragraph was added to the include by the benchmark (run ${run}).\n`)
      if (!(await buildStep('includeChanged', `build after changing ${TEARDOWN_FILE}`))) return
      restore()

      // 5. The floor.
      log(`bench: bare unified pipeline${suffix}…`)
      checkLib(`bare${suffix}`)
      const bare = await measure<FloorFigures & ProcessFacts>('bare', [dir])
      if (bare.files !== corpus.pages) throw new Error(`the bare pipeline read ${bare.files} files, the generated site has ${corpus.pages}`)
      bareRuns.push(bare)

      // 6. weft dev: save to reload.
      log(`bench: weft dev, ${DEV_PAGE_SAVES} saves of ${corpus.editPage}, ${DEV_INCLUDE_SAVES} of ${TEARDOWN_FILE} and ${DEV_TITLE_SAVES} of the page's title${suffix}…`)
      for (const file of [pageFile, includeFile]) originals.set(file, fs.readFileSync(file, 'utf8'))
      checkLib(`dev${suffix}`)
      const shown = (file: string | undefined) => (file ? file.replace(/\.md$/, '/index.html').split(path.sep).join('/') : '')
      const dev = await measure<DevFigures & ProcessFacts>('dev', [dir, pageFile, includeFile, shown(corpus.editPage), shown(corpus.teardownPage)])
      restore()
      if (!dev.ok) {
        keep = true
        log(`\nbench: the weft dev step FAILED: ${dev.problem}`)
        if (dev.logs?.length) log(`weft dev printed:\n${dev.logs.join('\n')}`)
        process.exitCode = 1
        return
      }
      devRuns.push(dev)

      // 7. The other generators, cold, over the same corpus as plain markdown.
      for (const peer of peers.filter((candidate) => candidate.installed && !peerFailures[candidate.key])) {
        log(`bench: ${peer.name} ${peer.version}, cold build of the corpus as plain markdown${suffix}…`)
        const result = await measure<PeerFigures & ProcessFacts>('peer', [dir, peer.key, ...(options.keep ? ['keep'] : [])])
        if (!result.ok) {
          // The others' figures still stand: report this one as failed.
          log(`\nbench: ${peer.name}'s build FAILED: ${result.problem}; its project is kept in ${result.kept}. The end of its output:\n${result.output.split('\n').slice(-40).join('\n')}\n`)
          peerFailures[peer.key] = result.problem
          continue
        }
        if (result.kept) log(`bench: ${peer.name}'s project kept in ${result.kept}`)
        peerRuns[peer.key]!.push(result)
      }
    }
    checkLib('end')
    const loadEnd = os.loadavg()[0]!

    const builds = Object.fromEntries(BUILD_STEPS.map(([key]) => [key, summarize(stepRuns[key], corpus.pages)])) as Figures['builds']
    const bare = summarize(bareRuns, corpus.pages)
    const cold = stepRuns.cold[0]!
    const ratioOf = (step: Figures['builds'][BuildStep]): Ratio => ({ wall: round(step.wallMs / bare.wallMs, 2), cpu: round(step.cpuMs / bare.cpuMs, 2), peakRss: round(step.peakRssMiB / bare.peakRssMiB, 2) })
    const figures: Figures = {
      n: options.n,
      seed: options.seed,
      runs: options.runs,
      date: new Date().toISOString(),
      machine: { nproc: os.availableParallelism(), totalMemGiB: round(os.totalmem() / 2 ** 30, 1), node: process.version, platform: `${process.platform}-${process.arch}`, cpu: os.cpus()[0]?.model?.trim() },
      loadAverage1m: { start: round(loadStart, 2), end: round(loadEnd, 2) },
      weftRevision: { ...revision, measured: snapshot ? 'a copy of lib/ taken when the run began' : 'lib/ in place' },
      libChangedDuringRun: libChanged,
      corpus: {
        pages: corpus.pages,
        sections: corpus.sections,
        bytes: corpus.bytes,
        minPageBytes: corpus.minBytes,
        maxPageBytes: corpus.maxBytes,
        flatTitles: corpus.flatTitles,
        teardownIncludes: corpus.teardownUsers,
        images: corpus.images,
        editedPage: corpus.editPage,
        editedInclude: TEARDOWN_FILE,
      },
      // The cold build, as this benchmark has always reported it.
      weft: { ...builds.cold, warnings: cold.warnings, outputFiles: cold.outputFiles, buildDurationMs: round(median(stepRuns.cold.map((run) => run.durationMs))) },
      builds,
      bare: { ...bare, htmlBytes: bareRuns[0]!.htmlBytes, flatFallbacks: bareRuns[0]!.flatFallbacks },
      ratio: {
        // wall and peakRss: the cold build, as before.
        wall: ratioOf(builds.cold).wall,
        peakRss: ratioOf(builds.cold).peakRss,
        cold: ratioOf(builds.cold),
        warm: ratioOf(builds.warm),
      },
      dev: summarizeDev(devRuns),
      peers: summarizePeers(peers, peerRuns, peerFailures, builds.cold),
      nodeBaselineRssMiB: round(baseline.maxRssKiB / 1024, 1),
    }
    if (options.json) console.log(JSON.stringify(figures, null, 2))
    else if (options.markdown) console.log(markdownTable(figures))
    else printTable(figures)
    if (options.write) {
      const file = path.join(repoDir, 'BENCHMARKS.md')
      writeIntoBenchmarks(file, options.n, markdownTable(figures))
      log(`bench: the table of ${options.n} pages is now in ${file}`)
    }
  } finally {
    process.off('SIGINT', interrupted)
    restore()
    if (snapshot) fs.rmSync(snapshot, { recursive: true, force: true })
    if (keep) log(`bench: site kept in ${dir}`)
    else fs.rmSync(dir, { recursive: true, force: true })
  }
}

try {
  await main(parseArguments(process.argv.slice(2)))
} catch (error) {
  console.error(`bench: ${(error as Error).message}`)
  process.exitCode = 1
}
