// The page tree: clean URLs, `x.md` beside `x/`, `x/index.md`, menu_order, and a
// home page for sites that have none.

import { describe, expect, it } from 'vitest'
import type { Element } from 'hast'
import { build, routeOf } from '../../src/index.js'
import { byTag, makeSite, parseHtml, textOf } from '../helpers/site.js'

const page = (title: string, order?: number) => `---\ntitle: ${title}\n${order === undefined ? '' : `menu_order: ${order}\n`}---\n\nText of ${title}.\n`

describe('routeOf', () => {
  it('makes clean, sensible URLs', () => {
    expect(routeOf('index.md')).toBe('')
    expect(routeOf('part-4-secure.md')).toBe('part-4-secure/')
    expect(routeOf('guide/index.md')).toBe('guide/')
    expect(routeOf('My Guide/Über uns.md')).toBe('my-guide/über-uns/')
  })
})

describe('the page tree', () => {
  it('nests x/ under x.md and x/index.md, ordered by menu_order then title', async () => {
    const root = makeSite({
      'content/index.md': page('Home'),
      'content/b.md': page('B', 2),
      'content/a.md': page('A', 1),
      'content/b/z.md': page('Zed'),
      'content/b/y.md': page('Why', 1),
      'content/b/x.md': page('Ex'),
      'content/c/index.md': page('C', 3),
      'content/c/deep.md': page('Deep'),
    })
    const result = await build({ root, write: false, config: {} })
    expect(result.messages).toEqual([])
    expect(result.site!.pages.map((entry) => entry.route)).toEqual(['', 'a/', 'b/', 'b/y/', 'b/x/', 'b/z/', 'c/', 'c/deep/'])
    const nav = byTag(parseHtml(result.files.get('b/x/index.html')!), 'nav')[0] as Element
    const current = byTag(nav, 'a').find((link) => link.properties.ariaCurrent === 'page')!
    expect(textOf(current)).toBe('Ex')
    expect(current.properties.href).toBe('index.html')
    const pager = byTag(parseHtml(result.files.get('b/x/index.html')!), 'nav')[1] as Element
    expect(byTag(pager, 'a').map((link) => [textOf(link).replace(/^(Previous|Next)/, ''), link.properties.href])).toEqual([
      ['Why', '../y/index.html'],
      ['Zed', '../z/index.html'],
    ])
  })

  it('gives a site without index.md a home page that leads to its pages', async () => {
    const root = makeSite({ 'content/second.md': page('Second', 2), 'content/first.md': page('First', 1) })
    const result = await build({ root, write: false, config: { title: 'My Docs' } })
    expect(result.ok).toBe(true)
    const home = byTag(parseHtml(result.files.get('index.html')!), 'article')[0]!
    expect(byTag(home, 'a').map((link) => [textOf(link), link.properties.href])).toEqual([
      ['First', 'first/index.html'],
      ['Second', 'second/index.html'],
    ])
    expect(textOf(byTag(home, 'h1')[0]!)).toBe('My Docs')
  })

  it('gives pages with spaces and non-ASCII letters working URLs', async () => {
    const root = makeSite({ 'content/index.md': `${page('Home')}[x](My%20Page.md) [y](<Über uns.md>)\n`, 'content/My Page.md': page('Mine'), 'content/Über uns.md': page('Über') })
    const result = await build({ root, write: false, config: {} })
    expect(result.messages).toEqual([])
    expect(result.site!.pages.map((entry) => entry.output).sort()).toEqual(['index.html', 'my-page/index.html', 'über-uns/index.html'])
    expect(result.files.has('über-uns/index.html')).toBe(true)
    const links = byTag(byTag(parseHtml(result.files.get('index.html')!), 'article')[0]!, 'a').map((link) => link.properties.href)
    expect(links).toEqual(['my-page/index.html', '%C3%BCber-uns/index.html'])
  })
})
