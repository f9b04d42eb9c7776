// weft's benchmark: a synthetic site of N pages written in the authoring dialect
// (see the dialect notes), built cold with weft's API, next to a bare unified
// pipeline over the same files as the yardstick.
//
//   npm run bench                 # N = 1000
//   npm run bench -- 5000         # N = 5000
//   npm run bench -- 200 --json   # the figures as one JSON object on stdout
//
// Options: N (a positional integer, default 1000), --json, --runs R (each
// measurement R times, each in a fresh process; the median is reported),
// --seed S (default 1), --keep (keep the generated site and print where it is;
// a failed build always keeps it), --generate-only (write the site, keep it,
// measure nothing: for looking at the corpus or profiling a build of it).
//
// Every measurement runs in a child process of its own (this file, run with
// `--child weft|bare DIR`), so that the peak RSS reported is that process's own
// (`process.resourceUsage().maxRSS`) and every build is cold: nothing is loaded
// or cached before it. Wall time is measured around `build()` (and around the
// loop over the files for the bare pipeline), after the modules are imported;
// the time to import them is reported separately. The children inherit the
// environment: `NODE_OPTIONS=--max-old-space-size=16384 npm run bench -- 5000`
// gives each a larger heap.

import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import zlib from 'node:zlib'
import { slug as githubSlug } from 'github-slugger'

const self = fileURLToPath(import.meta.url)
/** The child process measuring now, to stop on Ctrl-C. */
let running

// ---------------------------------------------------------------------------
// The run: generate, measure in children, report.

function parseArguments(args) {
  const options = { n: 1000, json: false, keep: false, generateOnly: false, runs: 1, seed: 1 }
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
  const text = 'usage: node bench/run.js [N=1000] [--json] [--runs R] [--seed S] [--keep] [--generate-only]'
  if (problem) {
    console.error(`bench: ${problem}\n${text}`)
    process.exit(2)
  }
  console.log(text)
  process.exit(0)
}

async function main(options) {
  const log = (line) => process.stderr.write(`${line}\n`)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-bench-'))
  let keep = options.keep
  const interrupted = () => {
    running?.kill()
    if (!keep) fs.rmSync(dir, { recursive: true, force: true })
    process.exit(130)
  }
  process.once('SIGINT', interrupted)
  try {
    const started = performance.now()
    const corpus = generateSite(dir, options.n, options.seed)
    log(`bench: wrote ${corpus.pages} pages (${corpus.sections} sections, ${mib(corpus.bytes)} MiB of markdown, pages ${corpus.minBytes}–${corpus.maxBytes} bytes) in ${dir} in ${seconds(performance.now() - started)} s`)
    if (options.generateOnly) return

    const baseline = await measure('baseline', dir)
    const weftRuns = []
    const bareRuns = []
    for (let run = 1; run <= options.runs; run++) {
      const suffix = options.runs > 1 ? ` (run ${run} of ${options.runs})` : ''
      log(`bench: weft build${suffix}…`)
      const weft = await measure('weft', dir)
      if (!weft.ok) {
        keep = true
        log(`\nbench: weft's build of the generated site FAILED (${weft.errors} errors, ${weft.warnings} warnings):\n`)
        const lines = weft.report.split('\n')
        const shown = lines.findIndex((line, index) => index >= 150 && !line.startsWith(' '))
        log(shown === -1 ? weft.report : `${lines.slice(0, shown).join('\n')}\n… and more`)
        fs.writeFileSync(path.join(dir, 'weft-messages.txt'), `${weft.report}\n`)
        log(`\nbench: every message is in ${path.join(dir, 'weft-messages.txt')}`)
        process.exitCode = 1
        return
      }
      if (weft.pages !== corpus.pages) {
        keep = true
        throw new Error(`weft built ${weft.pages} pages, the generated site has ${corpus.pages} (kept in ${dir})`)
      }
      if (weft.warnings > 0 && run === 1) log(`bench: weft's build passed with ${weft.warnings} warnings:\n${weft.report}`)
      weftRuns.push(weft)
      log(`bench: bare unified pipeline${suffix}…`)
      const bare = await measure('bare', dir)
      if (bare.files !== corpus.pages) throw new Error(`the bare pipeline read ${bare.files} files, the generated site has ${corpus.pages}`)
      bareRuns.push(bare)
    }

    const weft = summarize(weftRuns)
    const bare = summarize(bareRuns)
    const figures = {
      n: options.n,
      seed: options.seed,
      runs: options.runs,
      corpus: {
        pages: corpus.pages,
        sections: corpus.sections,
        bytes: corpus.bytes,
        minPageBytes: corpus.minBytes,
        maxPageBytes: corpus.maxBytes,
        flatTitles: corpus.flatTitles,
        teardownIncludes: corpus.teardownUsers,
        images: corpus.images,
      },
      weft: { ...weft, warnings: weftRuns[0].warnings, outputFiles: weftRuns[0].outputFiles, buildDurationMs: round(median(weftRuns.map((run) => run.durationMs))) },
      bare: { ...bare, htmlBytes: bareRuns[0].htmlBytes, flatFallbacks: bareRuns[0].flatFallbacks },
      ratio: { wall: round(weft.wallMs / bare.wallMs, 2), peakRss: round(weft.peakRssMiB / bare.peakRssMiB, 2) },
      nodeBaselineRssMiB: round(baseline.maxRssKiB / 1024, 1),
      machine: { nproc: os.availableParallelism(), totalMemGiB: round(os.totalmem() / 2 ** 30, 1), node: process.version, platform: `${process.platform}-${process.arch}`, cpu: os.cpus()[0]?.model?.trim() },
    }
    if (options.json) console.log(JSON.stringify(figures, null, 2))
    else printTable(figures)
  } finally {
    process.off('SIGINT', interrupted)
    if (keep) log(`bench: site kept in ${dir}`)
    else fs.rmSync(dir, { recursive: true, force: true })
  }
}

function summarize(runs) {
  const wallMs = median(runs.map((run) => run.wallMs))
  return {
    wallMs: round(wallMs),
    pagesPerSec: round((runs[0].files ?? runs[0].pages) / (wallMs / 1000), 1),
    peakRssMiB: round(median(runs.map((run) => run.maxRssKiB)) / 1024, 1),
    importMs: round(median(runs.map((run) => run.importMs))),
  }
}

function printTable(f) {
  const c = f.corpus
  const runs = f.runs > 1 ? `, median of ${f.runs} runs` : ''
  const lines = [
    '',
    `weft bench: ${c.pages} pages in ${c.sections} sections, ${mib(c.bytes)} MiB of markdown (pages ${kib(c.minPageBytes)}–${kib(c.maxPageBytes)} KiB, ${c.flatTitles} flat titles), seed ${f.seed}${runs}`,
    `machine: ${f.machine.nproc} CPUs (${f.machine.cpu ?? 'unknown'}), ${f.machine.totalMemGiB} GiB, node ${f.machine.node}; an empty node process peaks at ${f.nodeBaselineRssMiB} MiB RSS`,
    '',
    row('', 'wall (s)', 'pages/s', 'peak RSS (MiB)', 'import (s)'),
    row('weft build', seconds(f.weft.wallMs), f.weft.pagesPerSec.toFixed(1), f.weft.peakRssMiB.toFixed(1), seconds(f.weft.importMs)),
    row('bare unified', seconds(f.bare.wallMs), f.bare.pagesPerSec.toFixed(1), f.bare.peakRssMiB.toFixed(1), seconds(f.bare.importMs)),
    row('weft / bare', `${f.ratio.wall.toFixed(2)}x`, '', `${f.ratio.peakRss.toFixed(2)}x`, ''),
    '',
    `weft: ${f.weft.outputFiles} files written, ${f.weft.warnings} warnings; bare: ${mib(f.bare.htmlBytes)} MiB of HTML, ${f.bare.flatFallbacks} flat front matters skipped by regex`,
  ]
  console.log(lines.join('\n'))
}

function row(name, ...cells) {
  return name.padEnd(14) + cells.map((cell) => String(cell).padStart(16)).join('')
}

/** Runs this file as `--child KIND DIR` and returns what it printed as JSON. */
function measure(kind, dir) {
  return new Promise((resolve, reject) => {
    const childProcess = spawn(process.execPath, [self, '--child', kind, dir], { stdio: ['ignore', 'pipe', 'inherit'] })
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

async function child(kind, dir) {
  const report = (figures) => console.log(JSON.stringify({ ...figures, maxRssKiB: process.resourceUsage().maxRSS }))
  if (kind === 'baseline') return report({})
  if (kind === 'weft') {
    const imported = performance.now()
    const { build, formatMessages } = await import('../lib/index.js')
    const importMs = performance.now() - imported
    const started = performance.now()
    const result = await build({ root: dir })
    const wallMs = performance.now() - started
    const errors = result.messages.filter((message) => message.severity === 'error').length
    return report({
      ok: result.ok,
      pages: result.pages,
      outputFiles: result.files.size + result.copies.size,
      errors,
      warnings: result.messages.length - errors,
      report: result.messages.length ? formatMessages(result.messages) : '',
      durationMs: result.durationMs,
      wallMs,
      importMs,
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
    return report({ files: files.length, htmlBytes, flatFallbacks, wallMs, importMs })
  }
  throw new Error(`unknown child \`${kind}\``)
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
  await child(argv[1], argv[2])
} else {
  try {
    await main(parseArguments(argv))
  } catch (error) {
    console.error(`bench: ${error.message}`)
    process.exitCode = 1
  }
}
