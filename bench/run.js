// weft's benchmark: a synthetic site of N pages written in the authoring dialect
// (see the dialect notes), built with weft's API — cold (empty render cache), warm
// (nothing changed), after one page changed and after an include used by 50 pages
// changed — next to a bare single-threaded unified pipeline over the same files as
// the floor; then the save-to-reload latency of `weft dev` on the same site.
//
//   npm run bench                 # N = 1000
//   npm run bench -- 5000         # N = 5000
//   npm run bench -- 200 --json   # the figures as one JSON object on stdout
//
// Options: N (a positional integer, default 1000), --json, --runs R (each
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
//      plain markdown, in a project of its own; see bench/peers.js for how the
//      corpus is converted and how their process trees are measured.
//
// Every measurement runs in a child process of its own (this file, run with
// `--child weft|bare|dev|peer|baseline DIR …`), so that the peak RSS reported is that
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

import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import zlib from 'node:zlib'
import { slug as githubSlug } from 'github-slugger'
import { buildPeer, detectPeers } from './peers.js'

const self = fileURLToPath(import.meta.url)
/** The child process measuring now, to stop on Ctrl-C. */
let running

/** Saves of one page, of the shared include and of the page's title in the `weft dev` step. */
const DEV_PAGE_SAVES = 10
const DEV_INCLUDE_SAVES = 5
const DEV_TITLE_SAVES = 5
const TEARDOWN_FILE = path.join('includes', 'teardown.md')

// ---------------------------------------------------------------------------
// The run: generate, measure in children, report.

function parseArguments(args) {
  const options = { n: 1000, json: false, keep: false, generateOnly: false, runs: 1, seed: 1, snapshot: true }
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]
    const value = () => {
      const next = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[++i]
      if (next === undefined || !/^\d+$/.test(next)) usage(`\`${arg}\` needs a whole number`)
      return Number(next)
    }
    if (/^\d+$/.test(arg)) options.n = Number(arg)
    else if (arg === '--json') options.json = true
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
  return options
}

function usage(problem) {
  const text = 'usage: node bench/run.js [N=1000] [--json] [--runs R] [--seed S] [--keep] [--generate-only] [--no-snapshot] [--no-peers | --peers=hugo,eleventy,vitepress,starlight]'
  if (problem) {
    console.error(`bench: ${problem}\n${text}`)
    process.exit(2)
  }
  console.log(text)
  process.exit(0)
}

const BUILD_STEPS = [
  ['cold', 'cold build (empty cache)'],
  ['warm', 'warm build (no change)'],
  ['pageChanged', '1 page changed'],
  ['includeChanged', 'include of 50 changed'],
]

async function main(options) {
  const log = (line) => process.stderr.write(`${line}\n`)
  const loadStart = os.loadavg()[0]
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-bench-'))
  const cacheDir = path.join(dir, 'node_modules', '.cache', 'weft')
  let keep = options.keep
  /** The copy of weft the children import, when there is one. */
  let snapshot
  /** Files edited by a step, with their text as generated, to put back. */
  const originals = new Map()
  const edit = (file, addition) => {
    if (!originals.has(file)) originals.set(file, fs.readFileSync(file, 'utf8'))
    fs.appendFileSync(file, addition)
  }
  const restore = () => {
    for (const [file, text] of originals) fs.writeFileSync(file, text)
    originals.clear()
  }
  const interrupted = () => {
    running?.kill()
    restore()
    if (snapshot) fs.rmSync(snapshot, { recursive: true, force: true })
    if (!keep) fs.rmSync(dir, { recursive: true, force: true })
    process.exit(130)
  }
  process.once('SIGINT', interrupted)
  try {
    const started = performance.now()
    const corpus = generateSite(dir, options.n, options.seed)
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
    const libChanged = []
    const checkLib = (step) => {
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
    const baseline = await measure('baseline', [dir])
    const stepRuns = Object.fromEntries(BUILD_STEPS.map(([key]) => [key, []]))
    const bareRuns = []
    const devRuns = []
    const peerRuns = Object.fromEntries(peers.map((peer) => [peer.key, []]))
    /** Why a peer's build failed, by key. */
    const peerFailures = {}
    for (let run = 1; run <= options.runs; run++) {
      const suffix = options.runs > 1 ? ` (run ${run} of ${options.runs})` : ''
      /** One weft build in a child; false (after reporting why) when it failed. */
      const buildStep = async (key, label) => {
        log(`bench: weft ${label}${suffix}…`)
        checkLib(`${key}${suffix}`)
        const result = await measure('weft', [dir])
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
      const bare = await measure('bare', [dir])
      if (bare.files !== corpus.pages) throw new Error(`the bare pipeline read ${bare.files} files, the generated site has ${corpus.pages}`)
      bareRuns.push(bare)

      // 6. weft dev: save to reload.
      log(`bench: weft dev, ${DEV_PAGE_SAVES} saves of ${corpus.editPage}, ${DEV_INCLUDE_SAVES} of ${TEARDOWN_FILE} and ${DEV_TITLE_SAVES} of the page's title${suffix}…`)
      for (const file of [pageFile, includeFile]) originals.set(file, fs.readFileSync(file, 'utf8'))
      checkLib(`dev${suffix}`)
      const shown = (file) => (file ? file.replace(/\.md$/, '/index.html').split(path.sep).join('/') : '')
      const dev = await measure('dev', [dir, pageFile, includeFile, shown(corpus.editPage), shown(corpus.teardownPage)])
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
        const result = await measure('peer', [dir, peer.key, ...(options.keep ? ['keep'] : [])])
        if (!result.ok) {
          // The others' figures still stand: report this one as failed.
          log(`\nbench: ${peer.name}'s build FAILED: ${result.problem}; its project is kept in ${result.kept}. The end of its output:\n${result.output.split('\n').slice(-40).join('\n')}\n`)
          peerFailures[peer.key] = result.problem
          continue
        }
        if (result.kept) log(`bench: ${peer.name}'s project kept in ${result.kept}`)
        peerRuns[peer.key].push(result)
      }
    }
    checkLib('end')
    const loadEnd = os.loadavg()[0]

    const builds = Object.fromEntries(BUILD_STEPS.map(([key]) => [key, summarize(stepRuns[key], corpus.pages)]))
    const bare = summarize(bareRuns, corpus.pages)
    const cold = stepRuns.cold[0]
    const ratioOf = (step) => ({ wall: round(step.wallMs / bare.wallMs, 2), cpu: round(step.cpuMs / bare.cpuMs, 2), peakRss: round(step.peakRssMiB / bare.peakRssMiB, 2) })
    const figures = {
      n: options.n,
      seed: options.seed,
      runs: options.runs,
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
      bare: { ...bare, htmlBytes: bareRuns[0].htmlBytes, flatFallbacks: bareRuns[0].flatFallbacks },
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
    else printTable(figures)
  } finally {
    process.off('SIGINT', interrupted)
    restore()
    if (snapshot) fs.rmSync(snapshot, { recursive: true, force: true })
    if (keep) log(`bench: site kept in ${dir}`)
    else fs.rmSync(dir, { recursive: true, force: true })
  }
}

/** A module of weft: from the run's copy of lib/ when there is one, else ../lib/. */
function weftModule(file) {
  return process.env.WEFT_BENCH_LIB ? pathToFileURL(path.join(process.env.WEFT_BENCH_LIB, file)).href : `../lib/${file}`
}

/** Copies lib/, templates/ and package.json to a temporary folder, with a link to node_modules; returns the folder. */
function snapshotWeft() {
  const repo = path.dirname(path.dirname(self))
  for (let attempt = 1; ; attempt++) {
    const before = libStamp()
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-bench-lib-'))
    for (const name of ['lib', 'templates', 'package.json']) fs.cpSync(path.join(repo, name), path.join(folder, name), { recursive: true, preserveTimestamps: true })
    fs.symlinkSync(path.join(repo, 'node_modules'), path.join(folder, 'node_modules'), 'dir')
    // A copy taken while weft was being compiled would be half of each build: take it again.
    if (libStamp() === before && before !== '') return folder
    fs.rmSync(folder, { recursive: true, force: true })
    if (attempt === 5) throw new Error('lib/ kept changing while it was being copied')
  }
}

/** The size and time of every file of the compiled weft (lib/): what its cache keys are made of. */
function libStamp() {
  const folder = path.join(path.dirname(path.dirname(self)), 'lib')
  try {
    return (fs.readdirSync(folder, { recursive: true }))
      .filter((name) => name.endsWith('.js'))
      .sort()
      .map((name) => {
        const stat = fs.statSync(path.join(folder, name))
        return `${name}:${stat.size}:${Math.floor(stat.mtimeMs)}`
      })
      .join('|')
  } catch {
    return ''
  }
}

/** The repository's commit and the source files changed since it, when this is a git checkout. */
function weftRevision() {
  const repo = path.dirname(path.dirname(self))
  const git = (...args) => {
    const result = spawnSync('git', args, { cwd: repo, encoding: 'utf8' })
    return result.status === 0 ? result.stdout.trimEnd() : undefined
  }
  const commit = git('rev-parse', '--short', 'HEAD')?.trim()
  const status = git('status', '--porcelain', '--', 'src', 'templates', 'package.json')
  return { commit, uncommitted: status === undefined ? undefined : status.split('\n').filter(Boolean).map((line) => line.slice(3)) }
}

function summarize(runs, pages) {
  const pick = (name) => median(runs.map((run) => run[name]))
  const wallMs = pick('wallMs')
  const cpuMs = pick('cpuMs')
  const summary = {
    wallMs: round(wallMs),
    cpuMs: round(cpuMs),
    cpuPerWall: round(cpuMs / wallMs, 2),
    pagesPerSec: round((runs[0].files ?? pages) / (wallMs / 1000), 1),
    peakRssMiB: round(pick('maxRssKiB') / 1024, 1),
    importMs: round(pick('importMs')),
    loadAverage1m: runs.map((run) => round(run.load1, 2)),
  }
  if (runs[0].rendered !== undefined) summary.rendered = pick('rendered')
  if (runs[0].pagefindCpuMs !== undefined) summary.pagefindCpuMs = runs.some((run) => run.pagefindCpuMs === null) ? null : round(pick('pagefindCpuMs'))
  if (runs[0].pagefindPeakRssKiB !== undefined) summary.pagefindPeakRssMiB = runs.some((run) => run.pagefindPeakRssKiB === null) ? null : round(pick('pagefindPeakRssKiB') / 1024, 1)
  // The largest process of the build: weft's own, or Pagefind's indexer.
  summary.largestRssMiB = Math.max(summary.peakRssMiB, summary.pagefindPeakRssMiB ?? 0)
  if (runs[0].timings) summary.timingsMs = Object.fromEntries(runs[0].timings.map(([phase, ms]) => [phase, round(ms)]))
  return summary
}

/** Each peer's cold build, and weft's cold build over it (its wall with its import time, as a peer's command starts from nothing; its CPU with Pagefind's). */
function summarizePeers(peers, peerRuns, failures, cold) {
  const weftWallMs = cold.wallMs + cold.importMs
  const weftCpuMs = cold.cpuMs + (cold.pagefindCpuMs ?? 0)
  return Object.fromEntries(
    peers.map((peer) => {
      const about = { name: peer.name, version: peer.version, on: peer.on, installed: peer.installed }
      const runs = peerRuns[peer.key]
      if (!peer.installed) return [peer.key, about]
      if (failures[peer.key] || runs.length === 0) return [peer.key, { ...about, failed: failures[peer.key] ?? 'not run' }]
      const pick = (name) => median(runs.map((run) => run[name]))
      const wallMs = pick('wallMs')
      const cpuMs = pick('cpuMs')
      const peakRssMiB = round(pick('peakRssKiB') / 1024, 1)
      return [
        peer.key,
        {
          ...about,
          htmlPages: runs[0].htmlPages,
          wallMs: round(wallMs),
          cpuMs: round(cpuMs),
          cpuPerWall: round(cpuMs / wallMs, 2),
          pagesPerSec: round(runs[0].htmlPages / (wallMs / 1000), 1),
          peakRssMiB,
          largestProcess: runs[0].largestProcess,
          treePeakRssMiB: round(pick('treePeakRssKiB') / 1024, 1),
          orphanCpuMs: round(pick('orphanCpuMs')),
          processes: runs[0].processes,
          loadAverage1m: runs.map((run) => round(run.load1, 2)),
          ratio: { wall: round(weftWallMs / wallMs, 2), cpu: round(weftCpuMs / cpuMs, 2), peakRss: round(cold.largestRssMiB / peakRssMiB, 2) },
        },
      ]
    }),
  )
}

function summarizeDev(runs) {
  const saves = (name) => {
    const all = runs.map((run) => run[name])
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
    firstBuildPages: runs[0].firstBuildPages,
    page: saves('page'),
    include: saves('include'),
    title: saves('title'),
    sessionCpuMs: round(median(runs.map((run) => run.cpuMs))),
    pagefindCpuMs: runs.some((run) => run.pagefindCpuMs === null) ? null : round(median(runs.map((run) => run.pagefindCpuMs))),
    peakRssMiB: round(median(runs.map((run) => run.maxRssKiB)) / 1024, 1),
    loadAverage1m: runs.map((run) => round(run.load1, 2)),
  }
}

function printTable(f) {
  const c = f.corpus
  const runs = f.runs > 1 ? `, median of ${f.runs} runs` : ''
  const s = (ms) => (ms === null || ms === undefined ? 'n/a' : seconds(ms))
  const mibOrNa = (value) => (value === null || value === undefined ? 'n/a' : value === 0 ? 'none' : value.toFixed(1))
  const buildRow = (label, step, withRate) => row(label, s(step.wallMs), s(step.cpuMs), step.cpuPerWall.toFixed(2), withRate ? step.pagesPerSec.toFixed(1) : '', step.peakRssMiB.toFixed(1), mibOrNa(step.pagefindPeakRssMiB), String(step.rendered), s(step.pagefindCpuMs), s(step.importMs))
  const ratioRow = (label, ratio) => row(label, `${ratio.wall.toFixed(2)}x`, `${ratio.cpu.toFixed(2)}x`, '', '', `${ratio.peakRss.toFixed(2)}x`, '', '', '', '')
  const d = f.dev
  const devRow = (label, part) => row(label, part.medianMs.toFixed(0), part.maxMs.toFixed(0), part.pagesRebuilt.join(', '), String(part.saves), part.detectMedianMs.toFixed(0), part.rebuildMedianMs.toFixed(0), part.reloadMedianMs.toFixed(0), part.cpuMedianMs.toFixed(0))
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
    `Other generators: the same corpus as plain markdown (bench/peers.js), a cold build in a new project, the whole command from start to exit:`,
    row('', 'wall (s)', 'CPU (s)', 'CPU/wall', 'pages/s', 'peak RSS MiB', 'tree RSS MiB', 'weft/it wall', 'weft/it CPU', 'weft/it RSS'),
    ...Object.values(f.peers).map(peerRow),
    '',
    `CPU: the peer's whole process tree; peak RSS: its largest process's (weft's: the larger of its own and Pagefind's), tree RSS: the peak of the tree's summed RSS.`,
    `weft/it: weft's cold build (wall ${s(f.builds.cold.wallMs)} s + import ${s(f.builds.cold.importMs)} s; CPU with pagefind's, without the import's) over the peer's. Processes:`,
    `${Object.values(f.peers).filter((peer) => peer.processes).map((peer) => `${peer.name}${peer.on ? ` (on ${peer.on})` : ''} ${Object.entries(peer.processes).map(([name, count]) => `${name}×${count}`).join(' ')}`).join('; ') || 'none measured'}.`,
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

function peerRow(peer) {
  const label = peer.version ? `${peer.name} ${peer.version}` : peer.name
  if (!peer.installed) return row(label, '  not installed (npm run bench:setup)')
  if (peer.failed) return row(label, `  FAILED: ${peer.failed}`)
  const s = seconds
  return row(label, s(peer.wallMs), s(peer.cpuMs), peer.cpuPerWall.toFixed(2), peer.pagesPerSec.toFixed(1), peer.peakRssMiB.toFixed(1), peer.treePeakRssMiB.toFixed(1), `${peer.ratio.wall.toFixed(2)}x`, `${peer.ratio.cpu.toFixed(2)}x`, `${peer.ratio.peakRss.toFixed(2)}x`)
}

function row(name, ...cells) {
  return name.padEnd(26) + cells.map((cell) => String(cell).padStart(14)).join('')
}

/** Runs this file as `--child KIND ARGS…` and returns what it printed as JSON. */
function measure(kind, args) {
  return new Promise((resolve, reject) => {
    const childProcess = spawn(process.execPath, [self, '--child', kind, ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
    running = childProcess
    let out = ''
    childProcess.stdout.setEncoding('utf8')
    childProcess.stdout.on('data', (chunk) => (out += chunk))
    childProcess.on('error', reject)
    childProcess.on('close', (code, signal) => {
      running = undefined
      const last = out.trim().split('\n').pop()
      if (code !== 0) return reject(new Error(`the ${kind} process exited with ${signal ?? code}${out ? `:\n${out}` : ''}`))
      try {
        resolve(JSON.parse(last))
      } catch {
        reject(new Error(`the ${kind} process printed no figures:\n${out}`))
      }
    })
  })
}

// ---------------------------------------------------------------------------
// The children: one measurement each, figures as one JSON line on stdout.

async function child(kind, dir, args) {
  const report = (figures) => console.log(JSON.stringify({ ...figures, maxRssKiB: process.resourceUsage().maxRSS, load1: os.loadavg()[0] }))
  if (kind === 'baseline') return report({})
  if (kind === 'peer') return report(await buildPeer(args[0], dir, { keep: args[1] === 'keep' }))
  if (kind === 'weft') {
    const imported = performance.now()
    const { build, formatMessages } = await import(weftModule('index.js'))
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
    return report({
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
    })
  }
  if (kind === 'bare') {
    const imported = performance.now()
    const [{ default: matter }, { unified }, { default: remarkParse }, { default: remarkGfm }, { default: remarkRehype }, { default: rehypeStringify }] = await Promise.all([
      import('gray-matter'),
      import('unified'),
      import('remark-parse'),
      import('remark-gfm'),
      import('remark-rehype'),
      import('rehype-stringify'),
    ])
    const processor = unified().use(remarkParse).use(remarkGfm).use(remarkRehype).use(rehypeStringify).freeze()
    const importMs = performance.now() - imported
    const cpuBefore = process.cpuUsage()
    const started = performance.now()
    let htmlBytes = 0
    let flatFallbacks = 0
    const files = markdownFiles(path.join(dir, 'content'))
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8')
      let body
      try {
        // Options (even empty ones) keep gray-matter from caching every file it reads.
        body = matter(text, {}).content
      } catch {
        // `title: Part 3: Something` is not YAML: skip the header as the old importer did.
        body = text.replace(/^---\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/, '')
        flatFallbacks++
      }
      htmlBytes += Buffer.byteLength(String(await processor.process(body)))
    }
    const wallMs = performance.now() - started
    const cpuMs = cpuMsSince(cpuBefore)
    return report({ files: files.length, htmlBytes, flatFallbacks, wallMs, cpuMs, importMs })
  }
  if (kind === 'dev') {
    const [pageFile, includeFile, pageShown, includeShown] = args
    // Whatever happens, this process ends (a handle left open must not hang the bench).
    const finish = (figures) => {
      report(figures)
      setTimeout(() => process.exit(0), 5000).unref()
    }
    const { startDev } = await import(weftModule('dev/dev.js'))
    const logs = []
    const rebuilds = []
    const childrenBefore = reapedChildrenCpuMs()
    const cpuBefore = process.cpuUsage()
    const started = performance.now()
    const server = await startDev({
      root: dir,
      port: 0,
      // Kept (not printed) to say why, if something fails.
      log: (line) => logs.push(line),
      onRebuild: (outcome, firstChangeAt) => rebuilds.push({ ok: outcome?.ok ?? false, rendered: outcome ? outcome.rendered.length : 0, durationMs: outcome?.durationMs ?? NaN, firstChangeAt }),
    })
    const startMs = performance.now() - started
    const built = logs.map((line) => /^weft: built (\d+) pages in (\d+) ms/.exec(line)).find(Boolean)
    let events
    let closed = false
    try {
      if (!built) return finish({ ok: false, problem: 'the first build of weft dev failed', logs })
      const saves = async (file, count, edit, shown) => {
        events?.close()
        events = await openEvents(`${server.url}__weft/events?page=${encodeURIComponent(shown)}`)
        const samples = []
        let contents = fs.readFileSync(file, 'utf8')
        for (let save = 1; save <= count; save++) {
          await server.idle()
          const quietMs = await waitQuiet()
          events.clear()
          rebuilds.length = 0
          contents = edit(contents, save)
          const cpu = process.cpuUsage()
          const before = performance.now()
          fs.writeFileSync(file, contents)
          const event = await events.next(120_000)
          const cpuMs = cpuMsSince(cpu)
          if (!event) return { problem: `no event within 120 s of saving ${path.relative(dir, file)} (save ${save})` }
          if (event.event !== 'update') return { problem: `saving ${path.relative(dir, file)} (save ${save}) brought \`${event.event}\`: ${event.data}` }
          // What the open page does next: fetch itself again.
          const changed = JSON.parse(event.data).changed
          const target = changed.find((output) => output.endsWith('.html') && !output.startsWith('print/') && output !== '404.html')
          if (target) await fetchText(`${server.url}${encodeURI(target)}`)
          const reloadMs = target ? performance.now() - before : NaN
          // A second rebuild of the same save would come now.
          await server.idle()
          await sleep(150)
          await server.idle()
          const rebuild = rebuilds[0]
          samples.push({ latencyMs: event.at - before, detectMs: rebuild ? rebuild.firstChangeAt - before : NaN, rebuildMs: rebuild?.durationMs ?? NaN, rendered: rebuild?.rendered ?? 0, rebuilds: rebuilds.length, changedOutputs: changed.length, reloadMs, cpuMs, quietMs })
        }
        const latencies = samples.map((sample) => sample.latencyMs)
        return {
          samples,
          medianMs: median(latencies),
          maxMs: Math.max(...latencies),
          detectMedianMs: median(samples.map((sample) => sample.detectMs)),
          rebuildMedianMs: median(samples.map((sample) => sample.rebuildMs)),
          reloadMedianMs: median(samples.map((sample) => sample.reloadMs)),
          cpuMedianMs: median(samples.map((sample) => sample.cpuMs)),
        }
      }
      const page = await saves(pageFile, DEV_PAGE_SAVES, (contents, save) => `${contents}\nA note the benchmark added while weft dev was watching (save ${save} of ${DEV_PAGE_SAVES}).\n`, pageShown)
      if (page.problem) return finish({ ok: false, problem: page.problem, logs })
      const include = await saves(includeFile, DEV_INCLUDE_SAVES, (contents, save) => `${contents}\nA line the benchmark added to the include (save ${save} of ${DEV_INCLUDE_SAVES}).\n`, includeShown)
      if (include.problem) return finish({ ok: false, problem: include.problem, logs })
      // A new title changes the navigation of the pages that list the page.
      const title = await saves(pageFile, DEV_TITLE_SAVES, (contents, save) => contents.replace(/^title:.*$/m, `title: "Renamed by the benchmark, save ${save}"`), pageShown)
      if (title.problem) return finish({ ok: false, problem: title.problem, logs })
      await waitQuiet()
      events.close()
      closed = true
      await server.close()
      const cpuMs = cpuMsSince(cpuBefore)
      const pagefindCpuMs = await childrenCpuAfterExit(childrenBefore)
      return finish({ ok: true, startMs, firstBuildPages: Number(built[1]), firstBuildMs: Number(built[2]), page, include, title, cpuMs, pagefindCpuMs })
    } finally {
      events?.close()
      if (!closed) await server.close().catch(() => {})
    }
  }
  throw new Error(`unknown child \`${kind}\``)
}

/** A live-reload connection: the server-sent events, each stamped with when it arrived. */
function openEvents(url) {
  return new Promise((resolve, reject) => {
    const queue = []
    let waiting
    const request = http.get(url, (response) => {
      if (response.statusCode !== 200 || !String(response.headers['content-type']).startsWith('text/event-stream')) {
        reject(new Error(`${url} answered ${response.statusCode} ${response.headers['content-type']}`))
        response.resume()
        return
      }
      response.setEncoding('utf8')
      let buffer = ''
      response.on('data', (chunk) => {
        const at = performance.now()
        buffer += chunk
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          let event = 'message'
          const data = []
          for (const line of block.split('\n')) {
            if (line.startsWith('event:')) event = line.slice(6).trim()
            else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''))
          }
          if (data.length === 0) continue // a comment, such as the greeting
          const message = { event, data: data.join('\n'), at }
          if (waiting) {
            const resolveNext = waiting
            waiting = undefined
            resolveNext(message)
          } else queue.push(message)
        }
      })
      resolve({
        clear: () => (queue.length = 0),
        next: (timeoutMs) =>
          queue.length > 0
            ? Promise.resolve(queue.shift())
            : new Promise((resolveNext) => {
                const timer = setTimeout(() => {
                  waiting = undefined
                  resolveNext(undefined)
                }, timeoutMs)
                waiting = (message) => {
                  clearTimeout(timer)
                  resolveNext(message)
                }
              }),
        close: () => request.destroy(),
      })
    })
    request.on('error', (error) => {
      if (error.code !== 'ECONNRESET') reject(error)
    })
  })
}

/** The body of a GET, as text. */
function fetchText(url) {
  return new Promise((resolve, reject) => {
    http
      .get(url, (response) => {
        let body = ''
        response.setEncoding('utf8')
        response.on('data', (chunk) => (body += chunk))
        response.on('end', () => (response.statusCode === 200 ? resolve(body) : reject(new Error(`${url} answered ${response.statusCode}`))))
      })
      .on('error', reject)
  })
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

function cpuMsSince(before) {
  const used = process.cpuUsage(before)
  return (used.user + used.system) / 1000
}

/** Until this process and its child processes (Pagefind's indexer) use under 5% of a core for 200 ms; how long that took. */
async function waitQuiet(maxMs = 120_000) {
  const started = performance.now()
  const busy = () => {
    const own = process.cpuUsage()
    return (own.user + own.system) / 1000 + (liveChildrenCpuMs() ?? 0)
  }
  let last = busy()
  for (;;) {
    await sleep(200)
    const now = busy()
    if (now - last < 10 || performance.now() - started > maxMs) return performance.now() - started
    last = now
  }
}

// Child processes' CPU on Linux, from /proc (clock ticks of 10 ms); null elsewhere.
const TICK_MS = 10

function procStat(pid) {
  const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
  return text.slice(text.lastIndexOf(')') + 2).split(' ') // from field 3, `state`
}

/** CPU of the child processes that have ended and been waited for. */
function reapedChildrenCpuMs() {
  try {
    const fields = procStat('self')
    return (Number(fields[13]) + Number(fields[14])) * TICK_MS // cutime, cstime
  } catch {
    return null
  }
}

/** The pids of the running child processes. */
function liveChildren() {
  try {
    return fs.readdirSync('/proc/self/task').flatMap((task) => fs.readFileSync(`/proc/self/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean))
  } catch {
    return null
  }
}

function liveChildrenCpuMs() {
  let total = 0
  for (const pid of liveChildren() ?? []) {
    try {
      const fields = procStat(pid)
      total += (Number(fields[11]) + Number(fields[12])) * TICK_MS // utime, stime
    } catch {
      // It ended meanwhile.
    }
  }
  return total
}

/**
 * Samples the peak RSS (VmHWM) of this process's children (Pagefind's indexer)
 * every 50 ms until `stop()`, which returns the largest, in KiB (null off Linux).
 */
function sampleChildrenPeak() {
  let peak = liveChildren() === null ? null : 0
  const sample = () => {
    for (const pid of liveChildren() ?? []) {
      try {
        const kib = Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0)
        if (peak !== null && kib > peak) peak = kib
      } catch {
        // It ended meanwhile.
      }
    }
  }
  const timer = setInterval(sample, 50)
  return {
    stop() {
      clearInterval(timer)
      sample()
      return peak
    },
  }
}

/** Once every child process has ended (up to 2 s), the CPU they used since `before`. */
async function childrenCpuAfterExit(before) {
  if (before === null) return null
  for (let waited = 0; (liveChildren()?.length ?? 0) > 0 && waited < 2000; waited += 20) await sleep(20)
  if ((liveChildren()?.length ?? 0) > 0) return null
  return reapedChildrenCpuMs() - before
}

/**
 * Rendered pages in the render cache (`sites/<id>/render/<shard>/*.json`) written at
 * `since` (ms since the epoch) or later. Counting by time, not by number: after a
 * good build weft deletes what the build did not use, such as an edited page's old render.
 */
function cacheEntries(dir, since = 0) {
  const sites = path.join(dir, 'node_modules', '.cache', 'weft', 'sites')
  let count = 0
  const list = (folder) => {
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

function markdownFiles(folder) {
  const found = []
  for (const entry of fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const file = path.join(folder, entry.name)
    if (entry.isDirectory()) found.push(...markdownFiles(file))
    else if (entry.isFile() && entry.name.endsWith('.md')) found.push(file)
  }
  return found
}

// ---------------------------------------------------------------------------
// The synthetic site.
//
//   content/index.md                     the home page
//   content/section-k.md                 a section, parent of …
//   content/section-k/part-NN-….md       … its ~20 pages
//   includes/parts.md                    reference definitions, included by every page
//   includes/setup-cluster.md            shown in a details block by ~30% of pages; itself
//                                        includes a slice of manifests/deployment.yaml
//   includes/teardown.md                 included by exactly 50 pages
//   includes/slack-us.md                 included by ~half of the pages
//   includes/manifests/deployment.yaml   put into code blocks (lines="…", region="…")
//   images/*.png                         tiny valid PNGs
//
// Everything comes from a seeded PRNG: the same N and seed give the same bytes.
// Links and fragments are planned before any page is written, so each one names a
// page and a heading that exist.

const PAGES_PER_SECTION = 20
const TEARDOWN_USERS = 50
const MIN_PAGE = 4096
const MAX_PAGE = 8192
const IMAGES = ['architecture.png', 'dashboard.png', 'pipeline.png', 'firewall.png', 'token.png']
const BT = '\\`' // an escaped backtick, as authors write shortcode attributes

function mulberry32(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function randomTools(random) {
  const tools = {
    random,
    int: (low, high) => low + Math.floor(random() * (high - low + 1)),
    chance: (p) => random() < p,
    pick: (list) => list[Math.floor(random() * list.length)],
    shuffle(list) {
      const copy = [...list]
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1))
        ;[copy[i], copy[j]] = [copy[j], copy[i]]
      }
      return copy
    },
  }
  return tools
}

// GitHub's heading slugs, as rehype-slug makes them (github-slugger is one of
// weft's own dependencies). Headings are unique on each page, so no `-1` suffixes.
function slugOf(text) {
  return githubSlug(text.replace(/`/g, ''))
}

const VERBS = ['Deploy', 'Monitor', 'Secure', 'Scale', 'Configure', 'Debug', 'Upgrade', 'Observe', 'Route', 'Cache', 'Back Up', 'Restore', 'Automate', 'Test', 'Tune', 'Migrate', 'Provision', 'Isolate', 'Trace', 'Rotate']
const TOPICS = ['the Ingress Controller', 'Container Firewalls', 'Prometheus Alerts', 'Rolling Updates', 'Service Meshes', 'Persistent Volumes', 'the Sock Shop', 'Cluster Autoscaling', 'Secrets', 'Network Policy', 'Log Pipelines', 'Helm Charts', 'Canary Releases', 'Cluster DNS', 'Load Balancers', 'Node Pools', 'Cron Jobs', 'Weave Net', 'Flux Pipelines', 'Cortex Dashboards']
const AREAS = ['Setup', 'Deploy', 'Monitor', 'Secure', 'Operate', 'Scale', 'Troubleshoot', 'Automate']
const HEADING_VERBS = ['Install', 'Verify', 'Inspect', 'Configure', 'Apply', 'Roll Back', 'Expose', 'Limit', 'Label', 'Annotate', 'Measure', 'Alert on', 'Patch', 'Export', 'Import', 'Restart', 'Replace', 'Watch']
const HEADING_OBJECTS = ['the Agent', 'the Probes', 'the Manifests', 'Resource Quotas', 'the Service Token', 'Readiness Checks', 'the Dashboard', 'Metrics', 'Pod Labels', 'the Release', 'Access Logs', 'the Namespace', 'Ports', 'Replicas', 'the Registry', 'Config Maps', 'the Front End', 'Shipping']
const HEADING_TAILS = ['', '', '', '', ' (Optional)', ': Step 2', ' & Clean Up Afterwards', ' with `kubectl`', " in the Team's Namespace", ' — Quick Version']
// Headings that the includes bring into pages; page headings never use these words.
const INCLUDE_HEADINGS = ['Cluster Prerequisites', 'Create the Hosts', 'Join the Nodes', 'Remove the Sample App', 'Remove the Cluster']

const SUBJECTS = ['The probe', 'Each node', 'The front-end service', 'Weave Net', 'The scheduler', 'Your cluster', 'The dashboard', 'Flux', 'The agent', 'Prometheus', 'The catalogue service', 'A network policy', 'The ingress controller', 'Every pod', 'The load balancer', 'Cortex', 'The orders service', 'The deploy key']
const PREDICATES = ['reports metrics every fifteen seconds', 'drops the packets that no policy allows', 'picks up a new release of the image', 'restarts the containers that fail their checks', 'keeps a copy of every series for a month', 'labels each connection with the pod that made it', 'forwards the request to a healthy replica', 'rewrites the manifests in the config repository', 'watches the registry for new tags', 'needs the service token from the settings page', 'scrapes the endpoints that carry the right annotation', 'spreads the replicas over the available zones', 'writes its logs to standard output', 'runs as a DaemonSet on every host', 'shows which services talk to each other']
const TAILS = ['', '', '', ' once the pods are ready', ' without any change to the app', ' as soon as the commit lands', ', so you never have to log in to a host', ' unless you turn it off', ' in the default namespace', ', which is what you want in production', ' after a few minutes']
const CODE_WORDS = ['kubectl get pods', 'weave status', 'fluxctl list-controllers', 'scope', 'prometheus.yml', 'front-end', 'sock-shop', 'NetworkPolicy', 'replicas: 3', '--namespace', 'kube-system', 'ConfigMap']
const EXTERNAL = ['https://cloud.weave.works/', 'https://kubernetes.io/docs/concepts/services-networking/network-policies/', 'https://github.com/microservices-demo/microservices-demo', 'https://prometheus.io/docs/introduction/overview/', 'https://www.weave.works/docs/net/latest/overview/']

function generateSite(dir, n, seed) {
  const plan = planSite(n, seed)
  const content = path.join(dir, 'content')
  fs.mkdirSync(content, { recursive: true })
  fs.mkdirSync(path.join(dir, 'includes', 'manifests'), { recursive: true })
  fs.mkdirSync(path.join(dir, 'images'), { recursive: true })
  for (const [name, text] of Object.entries(includeFiles())) fs.writeFileSync(path.join(dir, 'includes', name), text)
  IMAGES.forEach((name, index) => fs.writeFileSync(path.join(dir, 'images', name), png(16 + index * 8, 12 + index * 4, index)))

  let bytes = 0
  let minBytes = Infinity
  let maxBytes = 0
  for (const page of plan.pages) {
    const text = writePage(page, plan, seed)
    const size = Buffer.byteLength(text)
    if (size < MIN_PAGE || size > MAX_PAGE) throw new Error(`generator: ${page.file} is ${size} bytes, outside ${MIN_PAGE}–${MAX_PAGE}`)
    bytes += size
    minBytes = Math.min(minBytes, size)
    maxBytes = Math.max(maxBytes, size)
    const file = path.join(content, page.file)
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, text)
  }
  return {
    pages: plan.pages.length,
    sections: plan.sections,
    bytes,
    minBytes,
    maxBytes,
    flatTitles: plan.pages.filter((page) => page.flat).length,
    teardownUsers: plan.pages.filter((page) => page.uses.teardown).length,
    images: IMAGES.length,
    // The page the benchmark edits: an ordinary page halfway through that does not include teardown.md.
    editPage: (plan.pages.find((page) => page.index >= plan.pages.length >> 1 && page.kind === 'page' && !page.uses.teardown) ?? plan.pages.find((page) => !page.uses.teardown)).file,
    // The page open in the browser while teardown.md is saved: one that includes it.
    teardownPage: plan.pages.find((page) => page.uses.teardown)?.file,
  }
}

/** Every page's place, title, headings and includes, before any text is written. */
function planSite(n, seed) {
  const r = randomTools(mulberry32(seed))
  const pages = []
  const makeHeadings = (count, reserved = []) => {
    const headings = []
    const slugs = new Set([...INCLUDE_HEADINGS, ...reserved].map(slugOf))
    while (headings.length < count) {
      const text = `${r.pick(HEADING_VERBS)} ${r.pick(HEADING_OBJECTS)}${r.pick(HEADING_TAILS)}`
      const slug = slugOf(text)
      if (slugs.has(slug)) continue
      slugs.add(slug)
      headings.push({ text, slug, depth: headings.length > 0 && r.chance(0.3) ? 3 : 2 })
    }
    return headings
  }

  pages.push({ index: 0, kind: 'home', file: 'index.md', title: 'Weave Cloud Guides', flat: false, order: undefined, headings: makeHeadings(r.int(4, 6)) })
  let remaining = n - 1
  let sections = 0
  while (remaining > 0) {
    const k = ++sections
    const size = Math.min(PAGES_PER_SECTION + 1, remaining)
    remaining -= size
    const area = AREAS[(k - 1) % AREAS.length]
    const sectionTopic = TOPICS[(k - 1) % TOPICS.length]
    const section = {
      index: pages.length,
      kind: 'section',
      file: `section-${k}.md`,
      section: k,
      title: `${area}: ${sectionTopic[0].toUpperCase()}${sectionTopic.slice(1)}, Volume ${k}`,
      flat: false,
      order: k,
      headings: makeHeadings(r.int(4, 6)),
      children: [],
    }
    // Some titles in the flat legacy form (invalid YAML), the rest quoted.
    section.flat = r.chance(0.3)
    pages.push(section)
    for (let i = 1; i < size; i++) {
      const verb = r.pick(VERBS)
      const topic = r.pick(TOPICS)
      const flat = r.chance(0.3)
      const name = `${verb} ${topic}`
      const slugName = slugOf(name.replace(/^the /i, '')).replace(/-the-/g, '-')
      const page = {
        index: pages.length,
        kind: 'page',
        file: `section-${k}/part-${String(i).padStart(2, '0')}-${slugName}.md`,
        section: k,
        part: i,
        title: flat ? `Part ${i}: ${name}` : r.chance(0.4) ? `${r.pick(AREAS)}: ${name}` : name,
        flat,
        order: i,
        parent: section,
        headings: makeHeadings(r.int(5, 8), ['Clean Up']),
      }
      section.children.push(page)
      pages.push(page)
    }
  }
  // Which pages include what. The first ordinary page uses every include, so that
  // even a small site leaves no partial unused.
  const others = pages.filter((page) => page.kind !== 'home')
  const teardown = new Set(r.shuffle(others).slice(0, Math.min(TEARDOWN_USERS, others.length)))
  for (const page of pages) {
    page.uses = {
      partsForm: page.kind === 'home' ? 'braces' : r.pick(['braces', 'braces', 'braces', 'angles', 'json', 'json-swapped']),
      setup: page.kind !== 'home' && (page.index === 1 || r.chance(0.3)),
      slack: page.index === 1 || r.chance(0.5),
      manifest: page.kind !== 'home' && (page.index === 1 || r.chance(0.25)),
      teardown: teardown.has(page),
      contents: page.kind === 'section' || (page.kind === 'page' && r.chance(0.1)),
    }
    if (page.uses.teardown) page.headings.push({ text: 'Clean Up', slug: 'clean-up', depth: 2, teardown: true })
  }
  return { pages, sections }
}

function titleLine(page) {
  if (page.flat) return `title: ${page.title}`
  // Valid YAML: a title with `: ` in it must be quoted.
  return /: |[#&*!|>'"%@`]/.test(page.title) ? `title: "${page.title.replace(/["\\]/g, '\\$&')}"` : `title: ${page.title}`
}

function includeDirective(file, form, extra = '') {
  switch (form) {
    case 'angles':
      return `<< include "${file}"${extra} >>`
    case 'json':
      return `{"gitdown": "include", "file": "${file}"}`
    case 'json-swapped':
      return `{ "file" : "${file}", "gitdown" : "include" }`
    default:
      return `{{ include "${file}"${extra} }}`
  }
}

function relativeLink(from, to, r) {
  if (r.chance(0.08)) return `/${to}` // root-relative, resolved from the root, then the content folder
  const relative = path.posix.relative(path.posix.dirname(from.file), to)
  return !relative.startsWith('.') && r.chance(0.5) ? `./${relative}` : relative
}

/** The text of one page, 4–8 KB, from a PRNG of its own (so pages do not depend on each other). */
function writePage(page, plan, seed) {
  const r = randomTools(mulberry32((seed * 0x9e3779b1 + page.index * 7919 + 1) >>> 0))
  const definitions = [] // [identifier, url], each used at least once
  let nextRef = 1

  const linkTarget = () => {
    // Mostly pages nearby (siblings, the parent), sometimes anywhere in the site.
    let target
    if (page.kind === 'page' && r.chance(0.6)) target = r.pick([page.parent, ...page.parent.children])
    else target = r.pick(plan.pages)
    const heading = r.chance(0.7) ? r.pick(target.headings) : undefined
    if (target === page) return { url: heading ? `#${heading.slug}` : relativeLink(page, target.file, r), text: heading ? heading.text.replace(/`/g, '') : target.title, target }
    return { url: relativeLink(page, target.file, r) + (heading ? `#${heading.slug}` : ''), text: heading ? `${heading.text.replace(/`/g, '')} in ${target.title}` : target.title, target }
  }
  const link = () => {
    const { url, text } = linkTarget()
    const style = r.int(0, 9)
    if (style < 5) return `[${text}](${url})`
    if (style < 9) {
      const id = `ref-${nextRef++}`
      definitions.push([id, url])
      return r.chance(0.3) ? `[${text}][${id.toUpperCase()}]` : `[${text}][${id}]`
    }
    return `<a href="${url}">${text}</a>`
  }
  const sentence = () => {
    let words = `${r.pick(SUBJECTS)} ${r.pick(PREDICATES)}${r.pick(TAILS)}.`
    if (r.chance(0.25)) words = words.replace(/ ([a-z-]+)\.$/, ` \`${r.pick(CODE_WORDS)}\`.`)
    if (r.chance(0.1)) words = words.replace(/ ([a-z]+) /, ' _$1_ ')
    if (r.chance(0.15)) words = words.replace(/^(\S+ \S+)/, '**$1**')
    return words
  }
  const paragraph = () => {
    const parts = []
    for (let i = r.int(2, 5); i > 0; i--) parts.push(sentence())
    for (let i = r.int(0, 2); i > 0; i--) parts.splice(r.int(0, parts.length), 0, `See ${link()}.`)
    if (r.chance(0.15)) parts.push(`Read more on [the project's site](${r.pick(EXTERNAL)}).`)
    return parts.join(r.chance(0.3) ? '\n' : ' ')
  }
  const image = () => {
    const name = r.pick(IMAGES)
    const url = r.chance(0.15) ? `/images/${name}` : `images/${name}`
    return r.chance(0.5) ? `![${name.replace('.png', '')} diagram](${url})` : `<img src="${url}" alt="${name.replace(".png", "")} diagram" style="width:100%; border:1em solid #32324b;" />`
  }
  const fence = () => {
    const marker = r.pick(['```', '~~~'])
    const [lang, lines] = r.pick(CODE_SAMPLES)(r)
    return `${marker}${r.chance(0.75) ? lang : ''}\n${lines.join('\n')}\n${marker}`
  }
  const table = () => {
    const columns = r.int(3, 4)
    const header = ['Service', 'Port', 'Replicas', 'Notes'].slice(0, columns)
    const align = [':---', '---:', ':---:', '---'].slice(0, columns)
    const rows = [`| ${header.join(' | ')} |`, `| ${align.join(' | ')} |`]
    for (let i = r.int(3, 6); i > 0; i--) {
      const cells = [`\`${r.pick(['front-end', 'catalogue', 'orders', 'carts', 'shipping', 'payment', 'user'])}\``, String(r.int(80, 9000)), String(r.int(1, 5)), r.pick(['public', 'internal only', 'behind the `ingress`', 'scraped by Prometheus', 'a \\| pipe in a cell'])].slice(0, columns)
      rows.push(`| ${cells.join(' | ')} |`)
    }
    return rows.join('\n')
  }
  const list = () => {
    const ordered = r.chance(0.4)
    const items = []
    for (let i = 1, count = r.int(3, 6); i <= count; i++) items.push(`${ordered ? `${i}.` : r.pick(['-', '*'])} ${r.chance(0.35) ? link() : sentence()}`)
    return items.join('\n')
  }
  const div = () => {
    const style = `${BT}style='${r.pick(['background:#f4f4f8; padding: 1em;', 'border-left: 4px solid #32324b; padding-left: 1em;', 'width:50%; padding: 10px; float:left;font-weight: 700;'])}'${BT}`
    const klass = r.chance(0.3) ? ` "class='note'"` : ''
    return `[[ open_div ${style}${klass} ]]\n\n${paragraph()}\n\n[[ close_div ]]`
  }
  const details = () => {
    const open = r.pick(['[[ open_details ]]', `[[ open_details ${BT}summary='Show the commands'${BT} ]]`, `[[ open_details "summary='More about ${r.pick(TOPICS)}'" ]]`])
    const gap = r.chance(0.8) ? '\n\n' : '\n'
    const inner = r.chance(0.3) ? `${div()}\n\n${fence()}` : `${paragraph()}\n\n${fence()}`
    return `${open}${gap}${inner}${gap}[[ close_details ]]`
  }
  const quote = () => `> **Note:** ${sentence()}\n> ${sentence()}`
  const video = () => `<center>\n  <div style="width:530px; padding: 10px; display:inline-block;">\n    <iframe src="https://player.vimeo.com/video/${r.int(100000000, 199999999)}" width="640" height="360" frameborder="0" allowfullscreen></iframe>\n  </div>\n</center>`
  const comment = () => `<!-- TODO(${r.pick(['docs', 'ops', 'alex', 'sam'])}): ${sentence()} -->`
  const block = () => {
    const roll = r.int(0, 99)
    if (roll < 38) return paragraph()
    if (roll < 54) return fence()
    if (roll < 62) return table()
    if (roll < 71) return list()
    if (roll < 78) return image()
    if (roll < 84) return details()
    if (roll < 90) return div()
    if (roll < 95) return quote()
    if (roll < 97) return video()
    return comment()
  }

  // The page's siblings, for the previous/next boxes (as the series has them).
  const siblings = page.kind === 'page' ? page.parent.children : page.kind === 'section' ? plan.pages.filter((other) => other.kind === 'section') : []
  const position = siblings.indexOf(page)
  const previous = position > 0 ? siblings[position - 1] : page.kind === 'page' ? page.parent : undefined
  const next = position >= 0 && position < siblings.length - 1 ? siblings[position + 1] : undefined
  const nav = () => {
    const boxes = []
    if (previous) boxes.push(`[[ open_div ${BT}style='width:50%; padding: 10px; float:left;font-weight: 700;'${BT} ]]\n\n[&laquo; Go to previous part: ${previous.title}][prev]\n\n[[ close_div ]]`)
    if (next) boxes.push(`[[ open_div ${BT}style='width:50%; padding: 10px; float:right;font-weight: 700;'${BT} ]]\n\n[Go to next part: ${next.title} &raquo;][next]\n\n[[ close_div ]]`)
    return boxes
  }
  if (previous) definitions.push(['prev', relativeLink(page, previous.file, r)])
  if (next) definitions.push(['next', relativeLink(page, next.file, r)])

  // Head: front matter, the shared definitions, an intro, the boxes.
  const head = ['---', titleLine(page)]
  if (page.order !== undefined) head.push(`menu_order: ${page.order}`)
  if (!page.flat && r.chance(0.2)) head.push(`description: ${sentence().replace(/[`*_:]/g, '')}`)
  head.push('---', '', includeDirective('./includes/parts.md', page.uses.partsForm), '')
  const intro = page.kind === 'page'
    ? `This is Part ${page.part} of ${page.parent.children.length} of the [${page.parent.title}][${r.chance(0.5) ? 'up' : 'UP'}] series, part of the [guides][home].`
    : `Back to [the guides][home]. ${page.kind === 'home' || r.chance(0.5) ? 'Start with [the first section][start].' : ''}`
  if (page.kind === 'page') definitions.push(['up', relativeLink(page, page.parent.file, r)])
  const top = [head.join('\n'), intro.trim(), ...nav(), image(), paragraph()]
  if (page.uses.contents) top.push(page.kind === 'section' ? '{"gitdown": "contents", "maxLevel": 2}' : '{"gitdown": "contents"}')
  if (page.kind === 'section') top.push(page.children.map((child) => `- [${child.title}](${relativeLink(page, child.file, r)})`).join('\n') || '_No parts yet._')
  if (page.kind === 'home') top.push(plan.pages.filter((other) => other.kind === 'section').slice(0, 30).map((section) => `1. [${section.title}](${relativeLink(page, section.file, r)})`).join('\n'))

  // Tail: the includes that close a guide, the boxes again.
  const tail = []
  if (page.uses.slack) tail.push(includeDirective('./includes/slack-us.md', r.pick(['braces', 'braces', 'angles', 'json'])))
  tail.push(...nav())

  // Body: the planned headings, each followed by blocks until the page reaches its size.
  const sections = page.headings.map((heading) => [`${'#'.repeat(heading.depth)} ${heading.text}`])
  const special = []
  if (page.uses.setup) special.push(`Skip this if your cluster is running already. Otherwise, open "Details" to set one up.\n\n[[ open_details ]]\n\n${includeDirective('./includes/setup-cluster.md', r.pick(['braces', 'angles', 'json']))}\n\n[[ close_details ]]`)
  if (page.uses.manifest) {
    const slice = r.pick([' lines="1-12"', ' lines="5-"', ' lines="-20"', ' region="container"', ' region="probes"', ''])
    const marker = r.pick(['```', '~~~'])
    special.push(`The deployment looks like this:\n\n${marker}yaml\n${includeDirective('./includes/manifests/deployment.yaml', 'braces', slice)}\n${marker}`)
  }
  const teardownSection = sections.findIndex((_, index) => page.headings[index].teardown)
  if (teardownSection >= 0) sections[teardownSection].push(`[[ open_details ${BT}summary='Tear it all down'${BT} ]]\n\n${includeDirective('./includes/teardown.md', r.pick(['braces', 'angles', 'json']))}\n\n[[ close_details ]]`)
  for (const text of special) sections[r.int(0, sections.length - 1)].push(text)

  const target = r.int(4600, 7000)
  const assemble = () => {
    const refs = definitions.map(([id, url]) => `[${id}]: ${url}`).join('\n')
    return [...top, ...sections.flat(), ...tail, refs].filter(Boolean).join('\n\n') + '\n'
  }
  // Every heading gets at least one block; then blocks go round the sections
  // (a share per section) until the page reaches its target size.
  for (const section of sections) if (section.length === 1) section.push(block())
  let text = assemble()
  for (let turn = 0; Buffer.byteLength(text) < target; turn++) {
    const before = definitions.length
    const section = sections[turn % sections.length]
    section.push(block())
    text = assemble()
    if (Buffer.byteLength(text) > MAX_PAGE - 200) {
      // Too much: take it back, and end with a plain paragraph if still short.
      section.pop()
      definitions.length = before
      text = assemble()
      break
    }
  }
  while (Buffer.byteLength(text) < MIN_PAGE) {
    sections[sections.length - 1].push(`${sentence()} ${sentence()}`)
    text = assemble()
  }
  return text
}

// Code samples: [language, lines]. No directive syntax in them except on purpose
// (`{{ .Values.image }}` is not a directive and must pass through; `[[ … ]]` in a
// code block is shell, not a shortcode).
const CODE_SAMPLES = [
  (r) => ['bash', ['kubectl create namespace sock-shop', `kubectl apply -n sock-shop -f deploy/kubernetes/manifests/${r.pick(['front-end', 'orders', 'carts'])}-dep.yaml`, `kubectl -n sock-shop rollout status deployment/${r.pick(['front-end', 'orders', 'carts'])}`]],
  (r) => ['sh', ['if [[ -z "$WEAVE_TOKEN" ]]; then', '  echo "set WEAVE_TOKEN first" >&2', '  exit 1', 'fi', `kubectl apply -f "https://cloud.weave.works/k8s/v1.${r.int(6, 16)}/scope.yaml?service-token=$WEAVE_TOKEN"`]],
  (r) => ['yaml', ['apiVersion: networking.k8s.io/v1', 'kind: NetworkPolicy', 'metadata:', `  name: ${r.pick(['catalogue', 'shipping', 'orders'])}-access`, 'spec:', '  podSelector:', '    matchLabels:', `      name: ${r.pick(['catalogue', 'shipping', 'orders'])}`, '  ingress:', '    - from:', '        - podSelector:', '            matchLabels:', '              name: front-end']],
  (r) => ['yaml', ['# values.yaml for the Helm chart', 'image:', '  repository: weaveworksdemos/front-end', `  tag: "0.3.${r.int(1, 20)}"`, '# in templates/deployment.yaml:', '#   image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"', `replicaCount: ${r.int(1, 5)}`]],
  (r) => ['json', ['{', `  "name": "${r.pick(['front-end', 'orders', 'carts'])}",`, `  "replicas": ${r.int(1, 9)},`, '  "ports": [80, 443],', '  "labels": { "app": "sock-shop", "tier": "web" }', '}']],
  (r) => ['console', ['$ weave status', '', `        Version: 2.${r.int(0, 8)}.${r.int(0, 5)}`, '        Service: router', '       Protocol: weave 1..2', `          Peers: ${r.int(2, 9)} (with ${r.int(2, 20)} established connections)`]],
  (r) => ['', [`wget http://${r.pick(['shipping', 'catalogue', 'orders'])}`, 'wget: server returned error: HTTP/1.1 404']],
  (r) => ['ts', ['import { createServer } from "node:http"', '', `const port = Number(process.env.PORT ?? ${r.int(3000, 9000)})`, 'createServer((request, response) => {', '  response.end(`ok ${request.url}`)', '}).listen(port)']],
]

function includeFiles() {
  return {
    'parts.md': '[home]: /index.md\n[start]: /section-1.md\n',
    'setup-cluster.md': [
      '### Cluster Prerequisites',
      '',
      'You need three hosts with a recent Linux, 2 GB of memory each, and `kubeadm` installed on every one of them.',
      'The hosts must reach each other on TCP 6783 and UDP 6783–6784, which Weave Net uses.',
      '',
      '### Create the Hosts',
      '',
      '~~~bash',
      'for host in master node-1 node-2; do',
      '  gcloud compute instances create "$host" --machine-type n1-standard-1',
      'done',
      '~~~',
      '',
      '### Join the Nodes',
      '',
      'Run `kubeadm init` on the master, then the `kubeadm join` command it prints on each node.',
      'Add Weave Net and the sample app, whose deployment starts like this:',
      '',
      '```yaml',
      '{{ include "./manifests/deployment.yaml" lines="1-12" }}',
      '```',
      '',
      'See [the guides][home] for what to do next, and the diagram:',
      '',
      '![the cluster](images/architecture.png)',
      '',
    ].join('\n'),
    'teardown.md': [
      'Unless you plan to go on to the next part, remove what you created.',
      '',
      '#### Remove the Sample App',
      '',
      '```',
      'kubectl delete namespace sock-shop',
      '```',
      '',
      '#### Remove the Cluster',
      '',
      '| Where | Command |',
      '| --- | --- |',
      '| each node | `kubeadm reset` |',
      '| your machine | `gcloud compute instances delete master node-1 node-2` |',
      '',
    ].join('\n'),
    'slack-us.md': 'Questions? Join the `#weave-community` channel on [Slack](https://weave-community.slack.com/), or go back to [the guides][home].\n',
    'manifests/deployment.yaml': [
      '# The front end of the Sock Shop.',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: front-end',
      '  namespace: sock-shop',
      'spec:',
      '  replicas: 2',
      '  selector:',
      '    matchLabels:',
      '      name: front-end',
      '  template:',
      '    metadata:',
      '      labels:',
      '        name: front-end',
      '    spec:',
      '      containers:',
      '      # ANCHOR: container',
      '      - name: front-end',
      '        image: weaveworksdemos/front-end:0.3.12',
      '        ports:',
      '        - containerPort: 8079',
      '      # ANCHOR_END: container',
      '        # #region probes',
      '        readinessProbe:',
      '          httpGet:',
      '            path: /',
      '            port: 8079',
      '        # #endregion probes',
      '',
    ].join('\n'),
  }
}

// ---------------------------------------------------------------------------
// Tiny PNGs: RGB, 8 bits, a two-colour pattern, written by hand (no dependencies).

function png(width, height, variant) {
  const rows = []
  const [a, b] = [[50, 50, 75], [[232, 120, 60], [60, 160, 220], [90, 200, 120], [200, 80, 160], [240, 200, 60]][variant % 5]]
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3)
    for (let x = 0; x < width; x++) row.set(((x >> 2) + (y >> 2)) % 2 ? a : b, 1 + x * 3)
    rows.push(row)
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8)
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))])
}

function chunk(type, data) {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

let crcTable
function crc32(bytes) {
  crcTable ??= Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  let crc = 0xffffffff
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff] ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

// ---------------------------------------------------------------------------

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

function round(value, digits = 0) {
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}

const seconds = (ms) => (ms / 1000).toFixed(2)
const mib = (bytes) => (bytes / 2 ** 20).toFixed(1)
const kib = (bytes) => (bytes / 1024).toFixed(1)

// ---------------------------------------------------------------------------
// Last, so that every constant above is initialised before it runs.

const argv = process.argv.slice(2)
if (argv[0] === '--child') {
  await child(argv[1], argv[2], argv.slice(3))
} else {
  try {
    await main(parseArguments(argv))
  } catch (error) {
    console.error(`bench: ${error.message}`)
    process.exitCode = 1
  }
}
