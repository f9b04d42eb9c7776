// On a site of more than 200 pages each page lists only the pages around it, so the
// site grows linearly with its pages; the whole tree goes once into a shared script
// and a page listing every page. (What the reader sees: theme/large-nav.browser.test.ts.)

import fs from 'node:fs'
import path from 'node:path'
import vm from 'node:vm'
import type { Element } from 'hast'
import { beforeAll, describe, expect, it } from 'vitest'
import { build } from '../../src/index.js'
import { Project } from '../../src/project/project.js'
import { navigationWindow, type PageContext } from '../../src/render/page-context.js'
import type { Theme } from '../../src/render/templates.js'
import { makeLargeSite } from '../helpers/large-site.js'
import { byTag, makeSite, parseHtml, selectAll, tempDir, textOf } from '../helpers/site.js'

type Entry = [string, string, Entry[]?]

const sidebarOf = (html: string | Uint8Array) => selectAll(parseHtml(html), (element) => element.properties.id === 'weft-sidebar')[0]!
const childList = (element: Element, tagName: string) => element.children.filter((child): child is Element => child.type === 'element' && child.tagName === tagName)
/** The `<li>` entries of the sidebar's top list, and of each open section's list below it. */
function levels(sidebar: Element): Element[][] {
  const found: Element[][] = []
  let list: Element | undefined = childList(sidebar, 'ul')[0]
  while (list) {
    const items = childList(list, 'li')
    found.push(items)
    const open = items.map((item) => childList(item, 'details')[0]).find((details) => details?.properties.open !== undefined)
    list = open && childList(open, 'ul')[0]
  }
  return found
}
/** The entries of the shared script, read by running it as a browser would. */
function sharedEntries(out: string, sidebar: Element): Entry[] {
  const src = String(sidebar.properties.dataNav)
  expect(src).toMatch(/^\.\.\/\.\.\/assets\/weft-nav\.js\?v=[0-9a-f]{12}$/)
  let tree: Entry[] = []
  vm.runInNewContext(fs.readFileSync(path.join(out, 'assets/weft-nav.js'), 'utf8'), { weftNav: (entries: Entry[]) => (tree = entries) })
  return tree
}
const flatten = (entries: Entry[]): Entry[] => entries.flatMap((entry) => [entry, ...flatten(entry[2] ?? [])])
const htmlFiles = (out: string) => (fs.readdirSync(out, { recursive: true }) as string[]).filter((name) => name.endsWith('index.html'))

describe('navigation on a large site', () => {
  let out: string
  beforeAll(async () => {
    out = tempDir()
    const result = await build({ root: makeLargeSite(40, 6), out, config: { search: false } })
    expect(result.ok).toBe(true)
  }, 60_000)

  it('lists at most a window of each level around the page, and marks the page and its section', () => {
    const sidebar = sidebarOf(fs.readFileSync(path.join(out, 'section-15/page-4/index.html')))
    const [top, inSection, below] = levels(sidebar)
    const titles = (items: Element[]) => items.map((item) => textOf(byTag(item, 'a')[0]!))
    // The home page, then the window around section 15 between two entries for the sections left out
    expect(titles(top!)).toEqual(['Handbook', '4 more… (the list of all pages)', ...Array.from({ length: navigationWindow }, (_, i) => `Section ${5 + i}`), '15 more… (the list of all pages)'])
    expect(titles(inSection!)).toEqual(['Page 15.1', 'Page 15.2', 'Page 15.3', 'Page 15.4', 'Page 15.5', 'Page 15.6'])
    expect(below).toBeUndefined()
    expect(selectAll(sidebar, (element) => element.properties.ariaCurrent === 'page').map(textOf)).toEqual(['Page 15.4'])
    const more = selectAll(sidebar, (element) => element.tagName === 'li' && String(element.properties.className) === 'nav-more')
    expect(more.map((item) => byTag(item, 'a')[0]!.properties.href)).toEqual(['../../all-pages.html', '../../all-pages.html'])
  })

  it('keeps the window at the ends of a level', () => {
    const home = levels(sidebarOf(fs.readFileSync(path.join(out, 'index.html'))))
    expect(home).toHaveLength(1)
    expect(home[0]!.map((item) => textOf(byTag(item, 'a')[0]!)).slice(1)).toEqual([...Array.from({ length: navigationWindow }, (_, i) => `Section ${1 + i}`), '19 more… (the list of all pages)'])
    const last = levels(sidebarOf(fs.readFileSync(path.join(out, 'section-40/index.html'))))
    expect(last[0]!.map((item) => textOf(byTag(item, 'a')[0]!)).slice(1, 3)).toEqual(['19 more… (the list of all pages)', 'Section 20'])
    expect(last[0]!.length).toBe(1 + 1 + navigationWindow)
  })

  it('writes the whole tree once, into the script every page loads and into the list of all pages', () => {
    const pages = htmlFiles(out).filter((name) => name !== 'index.html' && !name.startsWith('print'))
    expect(pages).toHaveLength(40 * 7)
    const sidebar = sidebarOf(fs.readFileSync(path.join(out, 'section-15/page-4/index.html')))
    expect(sidebar.properties.dataRoot).toBe('../../')
    const entries = sharedEntries(out, sidebar)
    expect(entries.map((entry) => entry[0])).toEqual(Array.from({ length: 40 }, (_, i) => `Section ${i + 1}`))
    expect(flatten(entries).map((entry) => entry[1]).sort()).toEqual(pages.sort())
    expect(entries[14]![2]!.map((entry) => entry[0])).toEqual(['Page 15.1', 'Page 15.2', 'Page 15.3', 'Page 15.4', 'Page 15.5', 'Page 15.6'])

    const all = parseHtml(fs.readFileSync(path.join(out, 'all-pages.html')))
    expect(textOf(byTag(all, 'h1')[0]!)).toBe('All pages')
    const listed = byTag(selectAll(all, (element) => element.tagName === 'article')[0]!, 'a').map((a) => String(a.properties.href))
    expect(listed.sort()).toEqual(pages.sort())
    // Every page points at the same version of the script
    const versions = new Set(pages.map((name) => String(sidebarOf(fs.readFileSync(path.join(out, name))).properties.dataNav).split('?v=')[1]))
    expect(versions.size).toBe(1)
  })

  it('grows linearly: a page lists as much on a site twice as large', async () => {
    const twice = tempDir()
    expect((await build({ root: makeLargeSite(80, 6), out: twice, config: { search: false } })).ok).toBe(true)
    const largest = (folder: string) => Math.max(...htmlFiles(folder).filter((name) => !name.startsWith('print')).map((name) => byTag(sidebarOf(fs.readFileSync(path.join(folder, name))), 'li').length))
    expect(largest(twice)).toBe(largest(out))
    expect(largest(out)).toBeLessThanOrEqual(1 + 2 + navigationWindow + 6)
  }, 60_000)
})

describe('navigation on a small site', () => {
  it('lists every page on every page, with no shared files', async () => {
    const out = tempDir()
    const result = await build({ root: makeLargeSite(5, 3), out, config: { search: false } })
    expect(result.ok).toBe(true)
    const sidebar = sidebarOf(fs.readFileSync(path.join(out, 'section-2/page-1/index.html')))
    expect(sidebar.properties.dataNav).toBeUndefined()
    expect(byTag(sidebar, 'a')).toHaveLength(1 + 5 * 4)
    expect(fs.existsSync(path.join(out, 'assets/weft-nav.js'))).toBe(false)
    expect(fs.existsSync(path.join(out, 'all-pages.html'))).toBe(false)
  })
})

describe('weft dev on a large site', () => {
  it('makes again only the pages that show a changed title', async () => {
    const root = makeLargeSite(40, 6)
    const project = await Project.open({ root, config: { search: false }, live: true })
    expect((await project.build()).ok).toBe(true)
    // Served without caching: the pages load the shared navigation without a version
    expect(sidebarOf(project.files.get('section-30/page-1/index.html')!).properties.dataNav).toBe('../../assets/weft-nav.js')
    // Which pages go through the theme again (an unchanged page would come out the same anyway)
    const theme = (project as unknown as { templater: { theme: Theme } }).templater.theme
    const templated: string[] = []
    const render = theme.render.bind(theme)
    theme.render = (template, context) => {
      templated.push((context as PageContext).page.route)
      return render(template, context)
    }
    const page = path.join(root, 'content/section-3/page-2.md')
    fs.writeFileSync(page, '---\ntitle: Renamed\nmenu_order: 2\n---\nText.\n')
    const outcome = await project.build([page])
    expect(outcome.ok).toBe(true)
    expect(outcome.rendered).toEqual([page])
    expect(templated.sort()).toEqual(['all-pages.html', 'section-3/', ...Array.from({ length: 6 }, (_, i) => `section-3/page-${i + 1}/`)].sort())
    // The pages of section 3 list it; no other page does
    expect([...outcome.changed].sort()).toEqual(['all-pages.html', 'assets/weft-nav.js', ...Array.from({ length: 6 }, (_, i) => `section-3/page-${i + 1}/index.html`), 'section-3/index.html'].sort())
    expect(String(project.files.get('assets/weft-nav.js'))).toContain('Renamed')

    // Renames deep and at the top, a page moved, the home page renamed: after each,
    // the same site as a fresh start gives
    const rename = async (name: string, title: string, order: number) => {
      const file = path.join(root, name)
      fs.writeFileSync(file, `---\ntitle: ${title}\nmenu_order: ${order}\n---\nText.\n`)
      expect((await project.build([file])).ok).toBe(true)
      const fresh = await Project.open({ root, config: { search: false }, live: true })
      expect((await fresh.build()).ok).toBe(true)
      expect(new Map(project.files), name).toEqual(new Map(fresh.files))
    }
    await rename('content/section-20/page-6.md', 'Last of twenty', 6)
    await rename('content/section-21.md', 'Twenty-one', 21)
    await rename('content/section-22/page-1.md', 'Now last', 99)
    await rename('content/index.md', 'The handbook', 0)
  }, 60_000)


  it('keeps the shared navigation up to date as titles change and pages come and go', async () => {
    const root = makeLargeSite(40, 6)
    const project = await Project.open({ root, config: { search: false } })
    expect((await project.build()).ok).toBe(true)
    const shared = () => {
      let tree: Entry[] = []
      vm.runInNewContext(String(project.files.get('assets/weft-nav.js')), { weftNav: (entries: Entry[]) => (tree = entries) })
      return flatten(tree).map((entry) => entry[0])
    }
    expect(shared()).toContain('Page 3.2')
    const page = path.join(root, 'content/section-3/page-2.md')
    fs.writeFileSync(page, '---\ntitle: Renamed\nmenu_order: 2\n---\nText.\n')
    expect((await project.build([page])).ok).toBe(true)
    expect(shared()).toContain('Renamed')
    expect(shared()).not.toContain('Page 3.2')
    expect(String(project.files.get('all-pages.html'))).toContain('Renamed')
    const fresh = await build({ root, write: false, config: { search: false } })
    for (const output of ['assets/weft-nav.js', 'all-pages.html', 'section-30/page-1/index.html']) expect(project.files.get(output), output).toEqual(fresh.files.get(output))

    // Down to 200 pages or fewer: every page lists everything again, and the shared files go
    for (let s = 10; s <= 40; s++) fs.rmSync(path.join(root, `content/section-${s}`), { recursive: true })
    const removed = Array.from({ length: 31 }, (_, i) => path.join(root, `content/section-${10 + i}.md`))
    for (const file of removed) fs.rmSync(file)
    expect((await project.build(removed)).ok).toBe(true)
    expect(project.files.has('assets/weft-nav.js')).toBe(false)
    expect(project.files.has('all-pages.html')).toBe(false)
    expect(sidebarOf(project.files.get('section-2/page-1/index.html')!).properties.dataNav).toBeUndefined()
  }, 60_000)
})
