// build(): the whole pipeline as named steps — load the pages and their tree,
// expand directives (stage 1), render markdown (stage 2), check links across the
// site, apply the theme, and write the site atomically. Nothing is written when
// any error was found.

import fs from 'node:fs'
import path from 'node:path'
import type { Root as HastRoot } from 'hast'
import { checkDefinitions } from './check/definitions.js'
import { checkFragments, collectIds } from './check/fragments.js'
import { resolveConfig, type ConfigOverrides, type ResolvedConfig } from './config.js'
import { Diagnostics, type WeftMessage } from './diagnostics.js'
import { expandPage, type Expanded } from './expand/expand.js'
import { findSources } from './load/find-sources.js'
import { buildTree } from './load/page-tree.js'
import { readPage, type PageSource } from './load/read-page.js'
import type { Page, Site } from './load/site.js'
import { SourceStore } from './load/source-store.js'
import type { PageData } from './markdown/context.js'
import { createProcessor, renderMarkdown } from './markdown/processor.js'
import { relativeUrl } from './markdown/resolve-url.js'
import { pageContext } from './render/page-context.js'
import { loadTheme } from './render/templates.js'
import { assetOutput } from './write/asset-output.js'
import { writeSite } from './write/write-site.js'

export interface BuildOptions extends ConfigOverrides {
  /** Fail on warnings too. */
  strict?: boolean
  /** Write the site to disk (default); `false` keeps it in memory, in `files`. */
  write?: boolean
  /** Called as pages are rendered, for progress on long builds. */
  onProgress?: (done: number, total: number) => void
}

export interface BuildResult {
  ok: boolean
  messages: WeftMessage[]
  /** Pages built (0 when the build failed). */
  pages: number
  outDir: string
  durationMs: number
  site: Site | undefined
  /** Every file of the site: output path → contents, or the source file to copy. */
  files: Map<string, string | Uint8Array>
  copies: Map<string, string>
}

export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const started = performance.now()
  const config = await resolveConfig(options)
  const sources = new SourceStore()
  const diagnostics = new Diagnostics(sources, config.root)
  const result = (site: Site | undefined, files = new Map<string, string | Uint8Array>(), copies = new Map<string, string>()): BuildResult => {
    const ok = diagnostics.errorCount === 0 && !(options.strict && diagnostics.warningCount > 0)
    return { ok, messages: diagnostics.messages, pages: ok && site ? site.pages.length : 0, outDir: config.outDir, durationMs: performance.now() - started, site, files, copies }
  }

  // Load: pages, their front matter and the tree they form.
  const found = findSources(config.contentDir)
  const loaded: PageSource[] = []
  const withoutFrontMatter: string[] = []
  for (const file of found.pages) {
    const page = readPage(file, sources, diagnostics)
    if (page === 'no-front-matter') withoutFrontMatter.push(file)
    else if (page) loaded.push(page)
  }
  const site = buildTree(loaded, { root: config.root, contentDir: config.contentDir, siteTitle: config.title, diagnostics })

  // Stage 1: directives.
  const expanded = new Map<Page, Expanded>()
  for (const page of site.pages) {
    if (!page.generated) expanded.set(page, expandPage(page.file, page.bodyOffset, { root: config.root, sources, diagnostics, buildInfo: config.buildInfo }))
  }
  warnUnusedPartials([...withoutFrontMatter, ...found.partials, ...rootIncludes(config)], expanded, diagnostics)

  // Stage 2: markdown → HTML trees, links resolved.
  const processor = createProcessor(config)
  const trees = new Map<Page, HastRoot>()
  const data: PageData[] = []
  let done = 0
  for (const page of site.pages) {
    const source = expanded.get(page)
    if (!source) continue
    const pageData: PageData = { page, site, map: source.map, diagnostics, targets: [], links: [], assets: new Set(), definitions: [], references: new Set() }
    trees.set(page, await renderMarkdown(processor, source.text, pageData))
    data.push(pageData)
    options.onProgress?.(++done, site.pages.length)
  }

  // Checks across the site.
  const ids = new Map([...trees].map(([page, tree]) => [page, collectIds(tree)]))
  checkFragments(data.flatMap((page) => page.links), (page) => ids.get(page) ?? (page.generated ? new Set() : undefined), diagnostics)
  checkDefinitions(data, diagnostics)
  if (diagnostics.errorCount > 0 || (options.strict && diagnostics.warningCount > 0)) return result(undefined)

  // Theme: every page in its template.
  const theme = loadTheme(config.root)
  const files = new Map<string, string | Uint8Array>()
  const copies = new Map<string, string>(theme.assets)
  const meta = { title: config.title, url: config.url, buildInfo: config.buildInfo }
  for (const page of site.pages) {
    const tree = trees.get(page)
    const content = tree ? processor.stringify(tree) : homeContent(site)
    files.set(page.output, await theme.render(pageContext(page, content, site, meta)))
  }
  for (const file of new Set(data.flatMap((page) => [...page.assets]))) copies.set(assetOutput(file, site), file)

  // Write: all or nothing.
  if (options.write !== false) writeSite(config.outDir, { files, copies })
  return result(site, files, copies)
}

/** The home page of a site without `index.md`: its top-level pages in order. */
function homeContent(site: Site): string {
  const items = site.roots.map((page) => `<li><a href="${escapeHtml(relativeUrl(site.home.output, page.output))}">${escapeHtml(page.title)}</a></li>`)
  return `<ul class="weft-home-list">\n${items.join('\n')}\n</ul>`
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

/** Markdown files in the root's `includes/` folder: partials too, when outside the content folder. */
function rootIncludes(config: ResolvedConfig): string[] {
  const folder = path.join(config.root, 'includes')
  if (!fs.existsSync(folder) || !path.relative(config.contentDir, folder).startsWith('..')) return []
  return (fs.readdirSync(folder, { recursive: true }) as string[])
    .filter((name) => /\.md$/i.test(name))
    .sort()
    .map((name) => path.join(folder, name))
}

function warnUnusedPartials(partials: string[], expanded: Map<Page, Expanded>, diagnostics: Diagnostics): void {
  const included = new Set<string>()
  for (const { includes } of expanded.values()) for (const file of includes) included.add(file)
  for (const file of partials) {
    if (!included.has(file)) {
      diagnostics.warn('unused-partial', `\`${diagnostics.relative(file)}\` is not a page (no front matter) and no page includes it`, { file, offset: 0 }, 'add front matter with a `title` to make it a page, or include it from one')
    }
  }
}
