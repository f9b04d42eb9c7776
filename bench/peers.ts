// The other generators `npm run bench` builds the same corpus with, for the ratio:
// Eleventy, VitePress, Astro's Starlight (from bench/peers/node_modules, which
// `npm run bench:setup` installs) and Hugo (Debian's package). Optional: a peer
// that is not installed is reported as such and the bench goes on without it.
//
// Each peer gets the corpus as plain markdown, in a project of its own in a new
// folder under bench/peers/projects/ (so every build is cold: no cache, no output
// from before; removed after a build that worked):
//   - front matter: the title only (the flat `title: Part 3: …` form quoted);
//   - weft's includes (all four spellings, `lines=` and `region=` slices, nested)
//     are replaced by the text they name, so each page has the same content;
//   - `[[ open_div … ]]` / `[[ close_div ]]` become <div> / </div> and
//     `[[ open_details … ]]` / `[[ close_details ]]` <details><summary>…</summary> /
//     </details>, each an HTML block of its own; `{"gitdown": "contents"}` is dropped
//     (plain markdown has no table of contents);
//   - image paths become /images/NAME, served from the peer's public folder (a
//     relative one would be resolved from the page's folder, and not found);
//   - links to .md files are left as they are: the peers that check links
//     (VitePress) resolve them as weft does.
// Each peer's config is the least it needs to write one HTML page per markdown
// file, with raw HTML in markdown allowed (weft allows it too); everything else is
// the tool's default (VitePress: no search; Starlight: Pagefind search, its sidebar
// of every page), but for the heap of VitePress's Node, raised to 8 GiB: at 5,000
// pages it ran out of Node's default one, and a team with a site that size would
// raise it (`nodeOptions` below). After the build the HTML pages are counted (its own 404 page
// aside) and must be as many as the corpus has.
//
// Measured around the peer's command, from spawn to exit (start-up and imports
// included). The command may start other processes (esbuild, Pagefind's indexer),
// so the process tree is sampled from /proc every SAMPLE_MS:
//   - CPU: user + system time of the processes that ended and were waited for
//     inside the tree, from our own cutime/cstime (as bench/proc.ts reads Pagefind's),
//     plus the last sampled CPU of any process that outlived its parent (an
//     orphan is waited for by someone else, so it never reaches our cutime);
//   - peak RSS: the largest VmHWM (a process's own peak) of any process in the
//     tree, comparable with weft's (its process's maxRSS, the indexer apart), and
//     the peak of the tree's summed VmRSS, for the tools that work in several
//     processes at once.
// Linux only (/proc).

import { spawn, spawnSync, type SpawnOptions } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { markdownFiles } from './markdown-files.js'
import { benchDir } from './paths.js'
import { parentOf, processFigures, reapedChildrenCpuMs, treeOf, type ProcessFigures } from './proc.js'

const modules = path.join(benchDir, 'peers', 'node_modules')
const projects = path.join(benchDir, 'peers', 'projects')
const SAMPLE_MS = 20

/** Where a peer's project keeps its pages and its public files, and where a page of the corpus goes. */
interface Layout {
  pages: string
  public: string
  place: (relative: string) => string
}

interface PeerTool {
  key: string
  name: string
  /** Its npm packages in bench/peers/ (the first is the tool, the second what it runs on); none for Hugo. */
  packages?: string[]
  /** [package, its bin, arguments…] */
  bin?: string[]
  /** Its output folder in the project. */
  output: string
  /** Added to NODE_OPTIONS for its build. */
  nodeOptions?: string
  project: (project: string) => Layout
}

export interface Peer {
  key: string
  name: string
  installed: boolean
  version: string | undefined
  /** Starlight's Astro. */
  on?: string | undefined
}

/** A peer's build, as buildPeer returns it. */
export type PeerFigures =
  | { ok: false; problem: string; output: string; kept: string }
  | ({ ok: true; kept: string | undefined; pages: number; htmlPages: number } & Omit<TreeRun, 'code' | 'signal' | 'output'>)

/** The peers, in the order they are measured. */
export const PEERS: PeerTool[] = [
  { key: 'eleventy', name: 'Eleventy', packages: ['@11ty/eleventy'], bin: ['@11ty/eleventy', 'eleventy'], output: '_site', project: eleventyProject },
  { key: 'vitepress', name: 'VitePress', packages: ['vitepress'], bin: ['vitepress', 'vitepress', 'build'], output: '.vitepress/dist', nodeOptions: '--max-old-space-size=8192', project: vitepressProject },
  { key: 'starlight', name: 'Starlight', packages: ['@astrojs/starlight', 'astro'], bin: ['astro', 'astro', 'build'], output: 'dist', project: starlightProject },
  { key: 'hugo', name: 'Hugo', output: 'public', project: hugoProject },
]

/** Every peer with whether it is installed and at which version: `{ key, name, installed, version, on }` (`on`: Starlight's Astro). */
export function detectPeers(): Peer[] {
  return PEERS.map((peer) => {
    if (peer.key === 'hugo') {
      const result = spawnSync('hugo', ['version'], { encoding: 'utf8' })
      const version = result.status === 0 ? /v(\d+\.\d+\.\d+)/.exec(result.stdout)?.[1] : undefined
      return { key: peer.key, name: peer.name, installed: version !== undefined, version }
    }
    const packages = peer.packages ?? []
    const versions = packages.map((name) => {
      try {
        return (JSON.parse(fs.readFileSync(path.join(modules, name, 'package.json'), 'utf8')) as { version: string }).version
      } catch {
        return undefined
      }
    })
    const installed = versions.every(Boolean)
    return { key: peer.key, name: peer.name, installed, version: versions[0], on: installed && versions.length > 1 ? `${packages[1]} ${versions[1]}` : undefined }
  })
}

/**
 * Writes the peer's project for the site in `siteDir` into a new folder under projects/,
 * builds it, checks the pages it wrote, and returns the figures. The folder is
 * removed unless the build failed or `keep` is set (`kept` then says where it is).
 */
export async function buildPeer(key: string, siteDir: string, { keep = false } = {}): Promise<PeerFigures> {
  const peer = PEERS.find((candidate) => candidate.key === key)
  if (!peer) throw new Error(`unknown peer \`${key}\``)
  // Beside node_modules (not linked to it: Astro cannot build through a link to packages outside the project).
  fs.mkdirSync(projects, { recursive: true })
  const project = fs.mkdtempSync(path.join(projects, `${key}-`))
  const pages = writeProject(peer, siteDir, project)
  const [command, args] = peer.bin ? [process.execPath, [binOf(peer.bin[0]!, peer.bin[1]!), ...peer.bin.slice(2)]] : ['hugo', ['--quiet', '--cacheDir', path.join(project, '.hugo-cache')]]
  // No telemetry, no update checks, no progress spinners (CI): nothing but the build.
  const env: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', NO_UPDATE_NOTIFIER: '1', CI: '1' }
  if (peer.nodeOptions) env.NODE_OPTIONS = [process.env.NODE_OPTIONS, peer.nodeOptions].filter(Boolean).join(' ')
  const run = await runTree(command, args, { cwd: project, env })
  const htmlPages = run.code === 0 ? countHtml(path.join(project, peer.output)) : 0
  let problem: string | undefined
  if (run.code !== 0) problem = `exited with ${run.signal ?? run.code}`
  else if (htmlPages !== pages) problem = `wrote ${htmlPages} HTML pages for ${pages} markdown files`
  if (problem) return { ok: false, problem, output: run.output, kept: project }
  if (!keep) fs.rmSync(project, { recursive: true, force: true })
  return { ok: true, kept: keep ? project : undefined, pages, htmlPages, wallMs: run.wallMs, cpuMs: run.cpuMs, orphanCpuMs: run.orphanCpuMs, peakRssKiB: run.peakRssKiB, largestProcess: run.largestProcess, treePeakRssKiB: run.treePeakRssKiB, processes: run.processes }
}

function binOf(name: string, command: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(modules, name, 'package.json'), 'utf8')) as { bin: string | Record<string, string> }
  return path.join(modules, name, typeof manifest.bin === 'string' ? manifest.bin : manifest.bin[command]!)
}

// ---------------------------------------------------------------------------
// The projects.

/** Converts every page of the site into the project (where `peer.project` says) and writes its config; returns the page count. */
function writeProject(peer: PeerTool, siteDir: string, project: string): number {
  const layout = peer.project(project)
  const content = path.join(siteDir, 'content')
  const files = markdownFiles(content)
  for (const file of files) {
    const relative = path.relative(content, file).split(path.sep).join('/')
    const target = path.join(layout.pages, layout.place(relative))
    fs.mkdirSync(path.dirname(target), { recursive: true })
    fs.writeFileSync(target, plainMarkdown(fs.readFileSync(file, 'utf8'), file, siteDir))
  }
  fs.cpSync(path.join(siteDir, 'images'), path.join(layout.public, 'images'), { recursive: true })
  return files.length
}

const write = (file: string, text: string) => {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, text)
}
const asIs = (relative: string) => relative
const HTML_PAGE = (title: string, body: string) => `<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>${title}</title></head>\n<body><main>\n${body}\n</main></body>\n</html>\n`

function eleventyProject(project: string): Layout {
  // The markdown is not run through Liquid first (`{{ … }}` in code is not Liquid), and every page gets one layout.
  write(path.join(project, 'eleventy.config.js'), [
    'export default function (config) {',
    "  config.addGlobalData('layout', 'page.liquid')",
    "  config.addPassthroughCopy({ public: '/' })",
    "  return { dir: { input: 'content', output: '_site' }, markdownTemplateEngine: false }",
    '}',
    '',
  ].join('\n'))
  write(path.join(project, 'content', '_includes', 'page.liquid'), HTML_PAGE('{{ title }}', '{{ content }}'))
  write(path.join(project, 'package.json'), '{ "type": "module" }\n')
  return { pages: path.join(project, 'content'), public: path.join(project, 'public'), place: asIs }
}

function vitepressProject(project: string): Layout {
  // <center> (in the corpus's video blocks) is an HTML element, not a Vue component to resolve.
  write(path.join(project, '.vitepress', 'config.mjs'), [
    'export default {',
    "  title: 'weft bench',",
    "  srcDir: 'content',",
    "  vue: { template: { compilerOptions: { isCustomElement: (tag) => tag === 'center' } } },",
    '}',
    '',
  ].join('\n'))
  write(path.join(project, 'package.json'), '{ "type": "module" }\n')
  return { pages: path.join(project, 'content'), public: path.join(project, 'content', 'public'), place: asIs }
}

function starlightProject(project: string): Layout {
  // Astro's cache in the project (its default is node_modules/.astro, which is shared here).
  write(path.join(project, 'astro.config.mjs'), [
    "import { defineConfig } from 'astro/config'",
    "import starlight from '@astrojs/starlight'",
    '',
    "export default defineConfig({ cacheDir: './.astro-cache', integrations: [starlight({ title: 'weft bench' })] })",
    '',
  ].join('\n'))
  write(path.join(project, 'src', 'content.config.mjs'), [
    "import { defineCollection } from 'astro:content'",
    "import { docsLoader } from '@astrojs/starlight/loaders'",
    "import { docsSchema } from '@astrojs/starlight/schema'",
    '',
    'export const collections = { docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }) }',
    '',
  ].join('\n'))
  write(path.join(project, 'package.json'), '{ "type": "module" }\n')
  return { pages: path.join(project, 'src', 'content', 'docs'), public: path.join(project, 'public'), place: asIs }
}

function hugoProject(project: string): Layout {
  // No theme: one layout for every kind of page, and only pages (no taxonomies, feeds, sitemap, 404).
  write(path.join(project, 'hugo.toml'), [
    "baseURL = '/'",
    "title = 'weft bench'",
    "disableKinds = ['taxonomy', 'term', 'RSS', 'sitemap', 'robotsTXT', '404']",
    '[markup.goldmark.renderer]',
    'unsafe = true',
    '',
  ].join('\n'))
  for (const name of ['single', 'list']) write(path.join(project, 'layouts', '_default', `${name}.html`), HTML_PAGE('{{ .Title }}', '{{ .Content }}'))
  // Hugo's home and section pages are the _index.md of their folders (section-1.md
  // next to section-1/ would otherwise be written to the same place as the section).
  const place = (relative: string) => (relative === 'index.md' ? '_index.md' : /^[^/]+\.md$/.test(relative) ? `${relative.slice(0, -3)}/_index.md` : relative)
  return { pages: path.join(project, 'content'), public: path.join(project, 'static'), place }
}

// ---------------------------------------------------------------------------
// weft's dialect to plain markdown.

const INCLUDE = [
  /^\{\{ include "([^"]+)"(.*?) \}\}$/,
  /^<< include "([^"]+)"(.*?) >>$/,
  /^\{\s*"gitdown"\s*:\s*"include"\s*,\s*"file"\s*:\s*"([^"]+)"\s*\}()$/,
  /^\{\s*"file"\s*:\s*"([^"]+)"\s*,\s*"gitdown"\s*:\s*"include"\s*\}()$/,
]

function plainMarkdown(text: string, file: string, siteDir: string): string {
  const match = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*\r?\n/.exec(text)
  const header = match?.[1] ?? ''
  let title = /^title:[ \t]*(.*)$/m.exec(header)?.[1]!.trim() ?? path.basename(file, '.md')
  if (title.startsWith('"')) title = JSON.parse(title) as string
  const body = expand(match ? text.slice(match[0].length) : text, path.dirname(file), siteDir, 0)
  return `---\ntitle: ${JSON.stringify(title)}\n---\n\n${body}`
}

/** The text with its directives replaced, line by line (a directive is a line of its own). */
function expand(text: string, fromDir: string, siteDir: string, depth: number): string {
  if (depth > 8) throw new Error('peers: includes nested more than 8 deep')
  const out: string[] = []
  for (const line of text.split('\n')) {
    const trimmed = line.trim()
    const include = INCLUDE.map((pattern) => pattern.exec(trimmed)).find(Boolean)
    if (include) {
      const target = resolveInclude(include[1]!, fromDir, siteDir)
      let included = sliceOf(fs.readFileSync(target, 'utf8'), include[2]!)
      if (target.endsWith('.md')) included = expand(included, path.dirname(target), siteDir, depth + 1)
      out.push(included.replace(/\n$/, ''))
    } else if (/^\[\[ open_div\b.*\]\]$/.test(trimmed)) out.push('<div>')
    else if (/^\[\[ open_details\b.*\]\]$/.test(trimmed)) out.push(`<details><summary>${/summary='([^']*)'/.exec(trimmed)?.[1] ?? 'Details'}</summary>`)
    else if (trimmed === '[[ close_div ]]') out.push('</div>')
    else if (trimmed === '[[ close_details ]]') out.push('</details>')
    else if (/^\{\s*"gitdown"\s*:\s*"contents"/.test(trimmed)) continue
    else out.push(line.replace(/(\]\(|src=")\/?images\//g, '$1/images/'))
  }
  return out.join('\n')
}

/** An include is found next to the file that names it, else from the site's root (as `./includes/…` in pages). */
function resolveInclude(name: string, fromDir: string, siteDir: string): string {
  const beside = path.resolve(fromDir, name)
  return fs.existsSync(beside) ? beside : path.resolve(siteDir, name)
}

/** `lines="a-b"` or `region="name"` of an included file, without its region markers. */
function sliceOf(text: string, options: string): string {
  let lines = text.replace(/\n$/, '').split('\n')
  const range = /lines="(\d*)-(\d*)"/.exec(options)
  const region = /region="([^"]+)"/.exec(options)?.[1]
  if (range) lines = lines.slice(range[1] ? Number(range[1]) - 1 : 0, range[2] ? Number(range[2]) : lines.length)
  if (region) {
    const start = lines.findIndex((line) => new RegExp(`(ANCHOR|#region):? ${region}$`).test(line.trim()))
    const end = lines.findIndex((line, index) => index > start && new RegExp(`(ANCHOR_END|#endregion):? ${region}$`).test(line.trim()))
    if (start >= 0 && end > start) lines = lines.slice(start + 1, end)
  }
  return `${lines.filter((line) => !/#\s*(ANCHOR|ANCHOR_END):|#\s*#(region|endregion)\b/.test(line)).join('\n')}\n`
}

/** The HTML pages in the output, the peer's own 404 page aside. */
function countHtml(folder: string): number {
  let count = 0
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(file)
      else if (entry.name.endsWith('.html') && file !== path.join(folder, '404.html')) count++
    }
  }
  if (fs.existsSync(folder)) walk(folder)
  return count
}

// ---------------------------------------------------------------------------
// Measuring a process tree.

/** A command's run, as runTree measured it. */
interface TreeRun {
  code: number | null
  signal: NodeJS.Signals | null
  /** The end of its output (stdout and stderr). */
  output: string
  wallMs: number
  cpuMs: number
  orphanCpuMs: number
  peakRssKiB: number
  largestProcess: string
  treePeakRssKiB: number
  /** Process name → how many ran. */
  processes: Record<string, number>
}

/** Runs the command and samples its process tree until it exits; resolves with its figures and the end of its output. */
function runTree(command: string, args: string[], options: SpawnOptions): Promise<TreeRun> {
  return new Promise((resolve, reject) => {
    const reapedBefore = reapedChildrenCpuMs()
    if (reapedBefore === null) throw new Error('peers: measuring a process tree needs Linux (/proc)')
    const started = performance.now()
    // A process group of its own, so that an interrupted bench can stop all of it.
    const tool = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
    const stop = () => {
      try {
        process.kill(-tool.pid!, 'SIGTERM')
      } catch {
        // Gone already.
      }
      process.exit(130)
    }
    process.once('SIGTERM', stop)
    process.once('SIGINT', stop)
    let output = ''
    const keep = (chunk: string) => (output = (output + chunk).slice(-20_000))
    tool.stdout!.setEncoding('utf8').on('data', keep)
    tool.stderr!.setEncoding('utf8').on('data', keep)
    /** pid → { name, cpuMs, hwmKiB } as last sampled, for every process ever seen in the tree. */
    const seen = new Map<number, ProcessFigures>()
    /** Processes that left the tree alive (orphans), followed until they end; and all that ever did. */
    const orphans = new Set<number>()
    const orphaned = new Set<number>()
    let inTree = new Set<number>()
    let treePeakRssKiB = 0
    const sample = () => {
      const now = treeOf(tool.pid!)
      let rss = 0
      for (const pid of [...now, ...orphans]) {
        const figures = processFigures(pid)
        if (!figures) {
          orphans.delete(pid)
          continue
        }
        // A zombie has no memory figures left: keep the largest seen.
        const before = seen.get(pid)
        seen.set(pid, before ? { ...figures, cpuMs: Math.max(figures.cpuMs, before.cpuMs), hwmKiB: Math.max(figures.hwmKiB, before.hwmKiB) } : figures)
        if (now.has(pid)) rss += figures.rssKiB
      }
      // Left the tree but still there, and not waiting in the tree to be reaped: an orphan.
      for (const pid of inTree) if (!now.has(pid) && pid !== tool.pid && fs.existsSync(`/proc/${pid}`) && !now.has(parentOf(pid))) {
        orphans.add(pid)
        orphaned.add(pid)
      }
      inTree = now
      treePeakRssKiB = Math.max(treePeakRssKiB, rss)
    }
    const timer = setInterval(sample, SAMPLE_MS)
    sample()
    tool.on('error', (error) => {
      clearInterval(timer)
      reject(error)
    })
    // The command ends when its process exits: an orphan that still holds its
    // output open (an esbuild service winding down) is not waited for by a shell
    // either ('close' waits for the pipes); its CPU is counted below.
    let exitedMs: number | undefined
    tool.on('exit', () => (exitedMs = performance.now() - started))
    tool.on('close', async (code, signal) => {
      const wallMs = exitedMs ?? performance.now() - started
      clearInterval(timer)
      sample()
      // Orphans (an esbuild service whose parent has gone) are followed to their end, up to 5 s.
      for (let waited = 0; orphans.size > 0 && waited < 5000; waited += SAMPLE_MS) {
        sample()
        await new Promise((done) => setTimeout(done, SAMPLE_MS))
      }
      process.off('SIGTERM', stop)
      process.off('SIGINT', stop)
      const orphanCpuMs = [...orphaned].reduce((sum, pid) => sum + (seen.get(pid)?.cpuMs ?? 0), 0)
      let largest = { hwmKiB: 0, name: '' }
      const processes: Record<string, number> = {}
      for (const figures of seen.values()) {
        if (figures.hwmKiB > largest.hwmKiB) largest = figures
        processes[figures.name] = (processes[figures.name] ?? 0) + 1
      }
      resolve({
        code,
        signal,
        output,
        wallMs,
        cpuMs: (reapedChildrenCpuMs() ?? reapedBefore) - reapedBefore + orphanCpuMs,
        orphanCpuMs,
        peakRssKiB: largest.hwmKiB,
        largestProcess: largest.name,
        treePeakRssKiB,
        processes,
      })
    })
  })
}
