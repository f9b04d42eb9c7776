// Sections in what a page shows: the sidebar's HTML (a section without an index page
// is a summary that folds its pages, not a link), previous/next and "part N of M",
// the shared navigation of a large site, the list of all pages, the home page weft
// makes, and the navigation's digest that decides which pages are templated again.

import { describe, expect, it } from 'vitest'
import type { Element, Root } from 'hast'
import type { ResolvedConfig } from '../../src/config.js'
import type { Page, Site } from '../../src/core/site.js'
import { navigationEntries, navigationOf, pagesShowingRenames } from '../../src/project/navigation-changes.js'
import { homeContent } from '../../src/render/home-page.js'
import { pageContext, type PageContext } from '../../src/render/page-context.js'
import { allPagesHtml, sharedNavigation } from '../../src/render/shared-nav.js'
import { byTag, parseHtml, selectAll, textOf } from '../helpers/site.js'
import { siteTree } from '../helpers/site-tree.js'

const page = (title: string, keys = '') => `---\ntitle: ${title}\n${keys}---\n\nText of ${title}.\n`
const config = { title: 'Docs', url: undefined, buildInfo: '', lang: 'en', editUrl: undefined } as unknown as ResolvedConfig
const facts = { content: '', toc: [], summary: '', updated: undefined }

const docs = {
  'content/index.md': page('Home'),
  'content/getting-started/index.md': page('Getting Started', 'menu_order: 1\n'),
  'content/getting-started/install.md': page('Install'),
  'content/guides/_category_.json': '{ "label": "Guides", "position": 2 }',
  'content/guides/writing.md': page('Writing'),
  'content/guides/deploying.md': page('Deploying', 'sidebar_label: Deploy\n'),
  'content/reference/api/client.md': page('Client'),
  'content/reference/api/server.md': page('Server'),
}

const routeOf = (site: Site, route: string): Page => site.pages.find((entry) => entry.route === route)!
const contextOf = (site: Site, route: string): PageContext => pageContext(routeOf(site, route), facts, site, config)
/** The sidebar's list, as the default theme wraps `navHtml`. */
const sidebar = (context: PageContext): Root => parseHtml(`<nav><ul>${context.navHtml}</ul></nav>`)
/** Each `<li>` of a list: its own label (a link's text and href, or a summary's text) and what it folds. */
const entries = (list: Element): unknown[] =>
  list.children
    .filter((node): node is Element => node.type === 'element' && node.tagName === 'li')
    .map((li) => {
      const own = li.children.filter((node): node is Element => node.type === 'element')
      const link = own.find((node) => node.tagName === 'a')
      const details = own.find((node) => node.tagName === 'details')
      const summary = details?.children.find((node): node is Element => node.type === 'element' && node.tagName === 'summary')
      const sub = details?.children.find((node): node is Element => node.type === 'element' && node.tagName === 'ul')
      const label = link ? `link ${textOf(link)} → ${String(link.properties.href)}${link.properties.ariaCurrent ? ' (current)' : ''}` : `summary ${textOf(summary!)}`
      return sub ? { [`${label}${details!.properties.open ? ' [open]' : ''}`]: entries(sub) } : label
    })

describe('the sidebar', () => {
  it('shows a section without index as a summary that folds its pages, and an index page as a link', () => {
    const { site, messages } = siteTree(docs)
    expect(messages).toEqual([])
    const list = byTag(sidebar(contextOf(site, 'guides/writing/')), 'ul')[0]!
    expect(entries(list)).toEqual([
      { 'link Getting Started → ../../getting-started/index.html': ['link Install → ../../getting-started/install/index.html'] },
      { 'summary Guides [open]': ['link Deploy → ../deploying/index.html', 'link Writing → index.html (current)'] },
      { 'summary Reference': [{ 'summary Api': ['link Client → ../../reference/api/client/index.html', 'link Server → ../../reference/api/server/index.html'] }] },
    ])
  })

  it('gives a section no link and no aria-current; its summary is its label for screen readers', () => {
    const { site } = siteTree(docs)
    const tree = sidebar(contextOf(site, 'reference/api/client/'))
    const sections = selectAll(tree, (element) => element.tagName === 'li' && (element.properties.className as string[] | undefined)?.includes('section') === true)
    expect(sections.map((li) => textOf(byTag(li, 'summary')[0]!))).toEqual(['Guides', 'Reference', 'Api'])
    for (const li of sections) {
      const [details] = li.children.filter((node): node is Element => node.type === 'element')
      // The summary is the <li>'s only label: nothing before it, no link of its own
      expect(details!.tagName).toBe('details')
      expect(byTag(byTag(li, 'summary')[0]!, 'a')).toEqual([])
      expect(byTag(byTag(li, 'summary')[0]!, 'span')).toEqual([])
    }
    // Open along the current page's path, folded elsewhere
    expect(sections.map((li) => byTag(li, 'details')[0]!.properties.open === true)).toEqual([false, true, true])
    expect(selectAll(tree, (element) => element.properties.ariaCurrent !== undefined).map((element) => [element.tagName, textOf(element)])).toEqual([['a', 'Client']])
  })

  it('keeps a page with pages below it a link with a button beside it that folds them', () => {
    const { site } = siteTree(docs)
    const tree = sidebar(contextOf(site, 'guides/writing/'))
    const li = selectAll(tree, (element) => element.tagName === 'li' && (element.properties.className as string[] | undefined)?.includes('has-children') === true)
    expect(li.map((element) => [textOf(byTag(element, 'a')[0]!), textOf(byTag(element, 'summary')[0]!)])).toEqual([['Getting Started', 'Pages in Getting Started']])
  })
})

describe('the sidebar of a large site', () => {
  it('shows a section off the current page’s path as a link to its place in the list of all pages', () => {
    const many: Record<string, string> = { 'content/index.md': page('Home'), 'content/other.md': page('Other') }
    for (let index = 0; index < 210; index++) many[`content/docs/p${String(index).padStart(3, '0')}.md`] = page(`P${index}`)
    const { site } = siteTree(many)
    expect(entries(byTag(sidebar(contextOf(site, 'other/')), 'ul')[0]!)).toEqual(['link Docs (in the list of all pages) → ../all-pages.html#docs/', 'link Other → index.html (current)'])
    // On its path, it folds a window of its pages
    const inside = entries(byTag(sidebar(contextOf(site, 'docs/p100/')), 'ul')[0]!) as Record<string, string[]>[]
    expect(Object.keys(inside[0]!)).toEqual(['summary Docs [open]'])
    expect(inside[0]!['summary Docs [open]']!.filter((entry) => !entry.includes('more…')).length).toBe(21)
  })
})

describe('reading order', () => {
  it('runs through a section’s pages where it sits; a section is never previous or next', () => {
    const { site } = siteTree(docs)
    expect(site.pages.map((entry) => entry.route)).toEqual(['', 'getting-started/', 'getting-started/install/', 'guides/deploying/', 'guides/writing/', 'reference/api/client/', 'reference/api/server/'])
    const install = contextOf(site, 'getting-started/install/')
    expect([install.page.prev, install.page.next]).toEqual([
      { title: 'Getting Started', href: '../index.html' },
      { title: 'Deploy', href: '../../guides/deploying/index.html' },
    ])
    const writing = contextOf(site, 'guides/writing/')
    expect(writing.page.next).toEqual({ title: 'Client', href: '../../reference/api/client/index.html' })
  })

  it('prints no "part N of M" outside a series', () => {
    const { site } = siteTree(docs)
    expect(site.pages.map((entry) => contextOf(site, entry.route).page.part)).toEqual(site.pages.map(() => undefined))
  })

  it('counts in a site-wide series the pages, not the sections', () => {
    const { site } = siteTree({ ...docs, 'content/index.md': page('Home', 'series: true\n') })
    expect(site.pages.map((entry) => contextOf(site, entry.route).page.part)).toEqual([undefined, ...[1, 2, 3, 4, 5, 6].map((number) => ({ number, total: 6 }))])
  })
})

describe('the shared navigation, the list of all pages and the home page weft makes', () => {
  it('write a section as a label without href', () => {
    const { site } = siteTree(docs)
    const script = sharedNavigation(site).contents
    const tree = JSON.parse(script.slice(script.indexOf('(') + 1, script.lastIndexOf(')'))) as unknown
    expect(tree).toEqual([
      ['Getting Started', 'getting-started/index.html', [['Install', 'getting-started/install/index.html']]],
      ['Guides', null, [['Deploy', 'guides/deploying/index.html'], ['Writing', 'guides/writing/index.html']]],
      ['Reference', null, [['Api', null, [['Client', 'reference/api/client/index.html'], ['Server', 'reference/api/server/index.html']]]]],
    ])
    const all = parseHtml(allPagesHtml(site))
    expect(byTag(all, 'span').map((span) => [textOf(span), span.properties.id])).toEqual([
      ['Guides', 'guides/'],
      ['Reference', 'reference/'],
      ['Api', 'reference/api/'],
    ])
    expect(byTag(all, 'a').map((link) => textOf(link))).toEqual(['Getting Started', 'Install', 'Deploy', 'Writing', 'Client', 'Server'])
  })

  it('the generated home page lists a section’s pages under its label', () => {
    const withoutHome = Object.fromEntries(Object.entries(docs).filter(([name]) => name !== 'content/index.md'))
    const { site } = siteTree(withoutHome)
    const home = parseHtml(homeContent(site))
    const list = byTag(home, 'ul')[0]!
    const items = list.children.filter((node): node is Element => node.type === 'element')
    expect(items.map((li) => {
      const first = li.children[0]!
      return first.type === 'text' ? `label ${first.value.trim()}` : `link ${textOf(first as Element)}`
    })).toEqual(['link Getting Started', 'label Guides', 'label Reference'])
    expect(byTag(items[1]!, 'a').map((link) => [textOf(link), link.properties.href])).toEqual([
      ['Deploy', 'guides/deploying/index.html'],
      ['Writing', 'guides/writing/index.html'],
    ])
  })
})

describe('the navigation digest', () => {
  it('changes when a section is added or renamed, or a series opens', () => {
    const before = navigationOf(siteTree(docs).site)
    expect(navigationOf(siteTree({ ...docs, 'content/guides/_category_.json': '{ "label": "How-to", "position": 2 }' }).site)).not.toBe(before)
    expect(navigationOf(siteTree({ ...docs, 'content/more/page.md': page('Page') }).site)).not.toBe(before)
    expect(navigationOf(siteTree({ ...docs, 'content/index.md': page('Home', 'series: true\n') }).site)).not.toBe(before)
    expect(navigationOf(siteTree({ ...docs, 'content/guides/writing.md': page('Writing', 'sidebar_label: Write\n') }).site)).not.toBe(before)
    expect(navigationOf(siteTree({ ...docs, 'content/guides/writing.md': `${page('Writing')}More text.\n` }).site)).toBe(before)
  })

  it('on a large site, templates again the pages below a renamed section’s parent', () => {
    // More pages than every page lists, in a section inside a section
    const many: Record<string, string> = { 'content/index.md': page('Home'), 'content/other.md': page('Other') }
    for (let index = 0; index < 210; index++) many[`content/docs/api/p${String(index).padStart(3, '0')}.md`] = page(`P${index}`)
    many['content/docs/guide.md'] = page('Guide')
    const before = navigationEntries(siteTree(many).site)
    const { site } = siteTree({ ...many, 'content/docs/api/_category_.json': '{"label": "API"}' })
    const showing = pagesShowingRenames(before, site)!
    expect(showing).toBeDefined()
    // Every page under `docs/` lists `API` (it or its sibling); `Other` and the home page do not
    expect(showing.size).toBe(211)
    expect([...showing].some((entry) => entry.route === 'other/' || entry.route === '')).toBe(false)
    // A top-level section renamed: every page may show it
    expect(pagesShowingRenames(before, siteTree({ ...many, 'content/docs/_category_.json': '{"label": "Documentation"}' }).site)).toBeUndefined()
  })
})
