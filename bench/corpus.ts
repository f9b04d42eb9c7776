// The synthetic sites weft is measured and tested on: the bench's corpus, N pages
// of 4–8 KB in the authoring dialect, and the tests' outline, a large site of short
// pages with titles a test can name. Both are made in memory (path → bytes) and
// written by one function, so the bench and test/helpers/large-site.ts share them.
//
// The corpus:
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
// Everything comes from a seeded PRNG: the same N and seed give the same bytes (the
// figures in BENCHMARKS.md were measured on these bytes; keep them so). Links and
// fragments are planned before any page is written, so each one names a page and a
// heading that exist.

import fs from 'node:fs'
import path from 'node:path'
import { slug as githubSlug } from 'github-slugger'
import { encodePng } from './png.js'

/** A site as files: path (with `/`) → text or bytes. */
export type SiteFiles = Record<string, string | Uint8Array>

/** The corpus and what the bench reports of it. */
export interface Corpus {
  files: SiteFiles
  pages: number
  sections: number
  /** Bytes of markdown in content/, and the smallest and largest page. */
  bytes: number
  minBytes: number
  maxBytes: number
  flatTitles: number
  /** Pages that include includes/teardown.md (TEARDOWN_USERS unless the site is smaller). */
  teardownUsers: number
  images: number
  /** The page the bench edits (under content/): an ordinary page halfway through that does not include teardown.md. */
  editPage: string
  /** The page open in the browser while teardown.md is saved: one that includes it. */
  teardownPage: string | undefined
}

export const TEARDOWN_FILE = 'includes/teardown.md'
export const TEARDOWN_USERS = 50
const PAGES_PER_SECTION = 20
const MIN_PAGE = 4096
const MAX_PAGE = 8192
const IMAGES = ['architecture.png', 'dashboard.png', 'pipeline.png', 'firewall.png', 'token.png']
const BT = '\\`' // an escaped backtick, as authors write shortcode attributes

/** Writes the files into `dir` (which may exist). */
export function writeSite(dir: string, files: SiteFiles): void {
  for (const [name, data] of Object.entries(files)) {
    const file = path.join(dir, name)
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, data)
  }
}

/**
 * The tests' large site: `sections` sections of `perSection` pages each, short pages
 * titled `Section 3` and `Page 3.4` at `content/section-3/page-4.md`, ordered by
 * `menu_order`; `extra` files are added (or replace one).
 */
export function generateOutline(sections: number, perSection: number, extra: Record<string, string> = {}): Record<string, string> {
  const files: Record<string, string> = { 'content/index.md': '---\ntitle: Handbook\n---\nWelcome.\n', ...extra }
  for (let s = 1; s <= sections; s++) {
    files[`content/section-${s}.md`] = `---\ntitle: Section ${s}\nmenu_order: ${s}\n---\nAbout section ${s}.\n`
    for (let p = 1; p <= perSection; p++) {
      files[`content/section-${s}/page-${p}.md`] = `---\ntitle: Page ${s}.${p}\nmenu_order: ${p}\n---\n## Steps\n\nStep ${p} of section ${s}.\n`
    }
  }
  return files
}

/** The bench's corpus of `n` pages from `seed`. */
export function generateCorpus(n: number, seed: number): Corpus {
  const plan = planSite(n, seed)
  const files: SiteFiles = {}
  for (const [name, text] of Object.entries(includeFiles())) files[`includes/${name}`] = text
  IMAGES.forEach((name, index) => (files[`images/${name}`] = encodePng(16 + index * 8, 12 + index * 4, index)))

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
    files[`content/${page.file}`] = text
  }
  return {
    files,
    pages: plan.pages.length,
    sections: plan.sections,
    bytes,
    minBytes,
    maxBytes,
    flatTitles: plan.pages.filter((page) => page.flat).length,
    teardownUsers: plan.pages.filter((page) => page.uses.teardown).length,
    images: IMAGES.length,
    editPage: (plan.pages.find((page) => page.index >= plan.pages.length >> 1 && page.kind === 'page' && !page.uses.teardown) ?? plan.pages.find((page) => !page.uses.teardown))!.file,
    teardownPage: plan.pages.find((page) => page.uses.teardown)?.file,
  }
}

// ---------------------------------------------------------------------------
// The plan: every page's place, title, headings and includes.

interface Heading {
  text: string
  slug: string
  depth: number
  /** The heading under which teardown.md is included. */
  teardown?: boolean
}
interface PageBase {
  index: number
  file: string
  title: string
  /** The title in the flat legacy form (`title: Part 3: …`, invalid YAML). */
  flat: boolean
  order: number | undefined
  headings: Heading[]
}
interface Home extends PageBase {
  kind: 'home'
}
interface Section extends PageBase {
  kind: 'section'
  section: number
  children: Page[]
}
interface Page extends PageBase {
  kind: 'page'
  section: number
  part: number
  parent: Section
}
type Outline = Home | Section | Page
type IncludeForm = 'braces' | 'angles' | 'json' | 'json-swapped'
/** Which includes a page uses, and in which of the spellings. */
interface Uses {
  partsForm: IncludeForm
  setup: boolean
  slack: boolean
  manifest: boolean
  teardown: boolean
  contents: boolean
}
type Planned = Outline & { uses: Uses }
interface Plan {
  pages: Planned[]
  sections: number
}

type Random = ReturnType<typeof randomTools>

function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function randomTools(random: () => number) {
  return {
    random,
    int: (low: number, high: number) => low + Math.floor(random() * (high - low + 1)),
    chance: (p: number) => random() < p,
    pick: <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!,
    shuffle<T>(list: readonly T[]): T[] {
      const copy = [...list]
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1))
        ;[copy[i], copy[j]] = [copy[j]!, copy[i]!]
      }
      return copy
    },
  }
}

// GitHub's heading slugs, as rehype-slug makes them (github-slugger is one of
// weft's own dependencies). Headings are unique on each page, so no `-1` suffixes.
function slugOf(text: string): string {
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

/** Every page's place, title, headings and includes, before any text is written. */
function planSite(n: number, seed: number): Plan {
  const r = randomTools(mulberry32(seed))
  const pages: Outline[] = []
  const makeHeadings = (count: number, reserved: string[] = []): Heading[] => {
    const headings: Heading[] = []
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
    const area = AREAS[(k - 1) % AREAS.length]!
    const sectionTopic = TOPICS[(k - 1) % TOPICS.length]!
    const section: Section = {
      index: pages.length,
      kind: 'section',
      file: `section-${k}.md`,
      section: k,
      title: `${area}: ${sectionTopic[0]!.toUpperCase()}${sectionTopic.slice(1)}, Volume ${k}`,
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
      const page: Page = {
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
  const teardown = new Set<Outline>(r.shuffle(others).slice(0, Math.min(TEARDOWN_USERS, others.length)))
  const planned = pages.map((page): Planned => {
    const uses: Uses = {
      partsForm: page.kind === 'home' ? 'braces' : r.pick(['braces', 'braces', 'braces', 'angles', 'json', 'json-swapped']),
      setup: page.kind !== 'home' && (page.index === 1 || r.chance(0.3)),
      slack: page.index === 1 || r.chance(0.5),
      manifest: page.kind !== 'home' && (page.index === 1 || r.chance(0.25)),
      teardown: teardown.has(page),
      contents: page.kind === 'section' || (page.kind === 'page' && r.chance(0.1)),
    }
    if (uses.teardown) page.headings.push({ text: 'Clean Up', slug: 'clean-up', depth: 2, teardown: true })
    // The same object, so that parents and children still point at it.
    return Object.assign(page, { uses })
  })
  return { pages: planned, sections }
}

function titleLine(page: Outline): string {
  if (page.flat) return `title: ${page.title}`
  // Valid YAML: a title with `: ` in it must be quoted.
  return /: |[#&*!|>'"%@`]/.test(page.title) ? `title: "${page.title.replace(/["\\]/g, '\\$&')}"` : `title: ${page.title}`
}

function includeDirective(file: string, form: IncludeForm, extra = ''): string {
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

function relativeLink(from: { file: string }, to: string, r: Random): string {
  if (r.chance(0.08)) return `/${to}` // root-relative, resolved from the root, then the content folder
  const relative = path.posix.relative(path.posix.dirname(from.file), to)
  return !relative.startsWith('.') && r.chance(0.5) ? `./${relative}` : relative
}

/** The text of one page, 4–8 KB, from a PRNG of its own (so pages do not depend on each other). */
function writePage(page: Planned, plan: Plan, seed: number): string {
  const r = randomTools(mulberry32((seed * 0x9e3779b1 + page.index * 7919 + 1) >>> 0))
  const definitions: [string, string][] = [] // [identifier, url], each used at least once
  let nextRef = 1

  const linkTarget = () => {
    // Mostly pages nearby (siblings, the parent), sometimes anywhere in the site.
    let target: Outline
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
    const parts: string[] = []
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
    const rows: string[] = [`| ${header.join(' | ')} |`, `| ${align.join(' | ')} |`]
    for (let i = r.int(3, 6); i > 0; i--) {
      const cells = [`\`${r.pick(['front-end', 'catalogue', 'orders', 'carts', 'shipping', 'payment', 'user'])}\``, String(r.int(80, 9000)), String(r.int(1, 5)), r.pick(['public', 'internal only', 'behind the `ingress`', 'scraped by Prometheus', 'a \\| pipe in a cell'])].slice(0, columns)
      rows.push(`| ${cells.join(' | ')} |`)
    }
    return rows.join('\n')
  }
  const list = () => {
    const ordered = r.chance(0.4)
    const items: string[] = []
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
  const block = (): string => {
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
  const siblings: Outline[] = page.kind === 'page' ? page.parent.children : page.kind === 'section' ? plan.pages.filter((other) => other.kind === 'section') : []
  const position = siblings.indexOf(page)
  const previous = position > 0 ? siblings[position - 1] : page.kind === 'page' ? page.parent : undefined
  const next = position >= 0 && position < siblings.length - 1 ? siblings[position + 1] : undefined
  const nav = () => {
    const boxes: string[] = []
    if (previous) boxes.push(`[[ open_div ${BT}style='width:50%; padding: 10px; float:left;font-weight: 700;'${BT} ]]\n\n[&laquo; Go to previous part: ${previous.title}][prev]\n\n[[ close_div ]]`)
    if (next) boxes.push(`[[ open_div ${BT}style='width:50%; padding: 10px; float:right;font-weight: 700;'${BT} ]]\n\n[Go to next part: ${next.title} &raquo;][next]\n\n[[ close_div ]]`)
    return boxes
  }
  if (previous) definitions.push(['prev', relativeLink(page, previous.file, r)])
  if (next) definitions.push(['next', relativeLink(page, next.file, r)])

  // Head: front matter, the shared definitions, an intro, the boxes.
  const head: string[] = ['---', titleLine(page)]
  if (page.order !== undefined) head.push(`menu_order: ${page.order}`)
  if (!page.flat && r.chance(0.2)) head.push(`description: ${sentence().replace(/[`*_:]/g, '')}`)
  head.push('---', '', includeDirective('./includes/parts.md', page.uses.partsForm), '')
  const intro = page.kind === 'page'
    ? `This is Part ${page.part} of ${page.parent.children.length} of the [${page.parent.title}][${r.chance(0.5) ? 'up' : 'UP'}] series, part of the [guides][home].`
    : `Back to [the guides][home]. ${page.kind === 'home' || r.chance(0.5) ? 'Start with [the first section][start].' : ''}`
  if (page.kind === 'page') definitions.push(['up', relativeLink(page, page.parent.file, r)])
  const top: string[] = [head.join('\n'), intro.trim(), ...nav(), image(), paragraph()]
  if (page.uses.contents) top.push(page.kind === 'section' ? '{"gitdown": "contents", "maxLevel": 2}' : '{"gitdown": "contents"}')
  if (page.kind === 'section') top.push(page.children.map((child) => `- [${child.title}](${relativeLink(page, child.file, r)})`).join('\n') || '_No parts yet._')
  if (page.kind === 'home') top.push(plan.pages.filter((other) => other.kind === 'section').slice(0, 30).map((section) => `1. [${section.title}](${relativeLink(page, section.file, r)})`).join('\n'))

  // Tail: the includes that close a guide, the boxes again.
  const tail: string[] = []
  if (page.uses.slack) tail.push(includeDirective('./includes/slack-us.md', r.pick(['braces', 'braces', 'angles', 'json'])))
  tail.push(...nav())

  // Body: the planned headings, each followed by blocks until the page reaches its size.
  const sections: string[][] = page.headings.map((heading) => [`${'#'.repeat(heading.depth)} ${heading.text}`])
  const special: string[] = []
  if (page.uses.setup) special.push(`Skip this if your cluster is running already. Otherwise, open "Details" to set one up.\n\n[[ open_details ]]\n\n${includeDirective('./includes/setup-cluster.md', r.pick(['braces', 'angles', 'json']))}\n\n[[ close_details ]]`)
  if (page.uses.manifest) {
    const slice = r.pick([' lines="1-12"', ' lines="5-"', ' lines="-20"', ' region="container"', ' region="probes"', ''])
    const marker = r.pick(['```', '~~~'])
    special.push(`The deployment looks like this:\n\n${marker}yaml\n${includeDirective('./includes/manifests/deployment.yaml', 'braces', slice)}\n${marker}`)
  }
  const teardownSection = sections.findIndex((_, index) => page.headings[index]?.teardown)
  if (teardownSection >= 0) sections[teardownSection]!.push(`[[ open_details ${BT}summary='Tear it all down'${BT} ]]\n\n${includeDirective('./includes/teardown.md', r.pick(['braces', 'angles', 'json']))}\n\n[[ close_details ]]`)
  for (const text of special) sections[r.int(0, sections.length - 1)]!.push(text)

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
    const section = sections[turn % sections.length]!
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
    sections[sections.length - 1]!.push(`${sentence()} ${sentence()}`)
    text = assemble()
  }
  return text
}

// Code samples: [language, lines]. No directive syntax in them except on purpose
// (`{{ .Values.image }}` is not a directive and must pass through; `[[ … ]]` in a
// code block is shell, not a shortcode).
const CODE_SAMPLES: ((r: Random) => [string, string[]])[] = [
  (r) => ['bash', ['kubectl create namespace sock-shop', `kubectl apply -n sock-shop -f deploy/kubernetes/manifests/${r.pick(['front-end', 'orders', 'carts'])}-dep.yaml`, `kubectl -n sock-shop rollout status deployment/${r.pick(['front-end', 'orders', 'carts'])}`]],
  (r) => ['sh', ['if [[ -z "$WEAVE_TOKEN" ]]; then', '  echo "set WEAVE_TOKEN first" >&2', '  exit 1', 'fi', `kubectl apply -f "https://cloud.weave.works/k8s/v1.${r.int(6, 16)}/scope.yaml?service-token=$WEAVE_TOKEN"`]],
  (r) => ['yaml', ['apiVersion: networking.k8s.io/v1', 'kind: NetworkPolicy', 'metadata:', `  name: ${r.pick(['catalogue', 'shipping', 'orders'])}-access`, 'spec:', '  podSelector:', '    matchLabels:', `      name: ${r.pick(['catalogue', 'shipping', 'orders'])}`, '  ingress:', '    - from:', '        - podSelector:', '            matchLabels:', '              name: front-end']],
  (r) => ['yaml', ['# values.yaml for the Helm chart', 'image:', '  repository: weaveworksdemos/front-end', `  tag: "0.3.${r.int(1, 20)}"`, '# in templates/deployment.yaml:', '#   image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"', `replicaCount: ${r.int(1, 5)}`]],
  (r) => ['json', ['{', `  "name": "${r.pick(['front-end', 'orders', 'carts'])}",`, `  "replicas": ${r.int(1, 9)},`, '  "ports": [80, 443],', '  "labels": { "app": "sock-shop", "tier": "web" }', '}']],
  (r) => ['console', ['$ weave status', '', `        Version: 2.${r.int(0, 8)}.${r.int(0, 5)}`, '        Service: router', '       Protocol: weave 1..2', `          Peers: ${r.int(2, 9)} (with ${r.int(2, 20)} established connections)`]],
  (r) => ['', [`wget http://${r.pick(['shipping', 'catalogue', 'orders'])}`, 'wget: server returned error: HTTP/1.1 404']],
  (r) => ['ts', ['import { createServer } from "node:http"', '', `const port = Number(process.env.PORT ?? ${r.int(3000, 9000)})`, 'createServer((request, response) => {', '  response.end(`ok ${request.url}`)', '}).listen(port)']],
]

function includeFiles(): Record<string, string> {
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
