// Folders as sections of the tree: an index page, else a label from `_category_.json`
// or the folder's name; their order among siblings; Docusaurus' sidebar_* keys; and
// the series that "part N of M" counts in. Built in memory (test/helpers/site-tree.ts).

import { describe, expect, it } from 'vitest'
import { isSection } from '../../src/core/site.js'
import { numberPrefix, readableName } from '../../src/load/readable-name.js'
import { seriesParts } from '../../src/render/page-context.js'
import { fakeRoot, outline, siteTree } from '../helpers/site-tree.js'

const page = (title: string, keys = '') => `---\ntitle: ${title}\n${keys}---\n\nText of ${title}.\n`

describe('a folder', () => {
  it('with an index page is that page, whichever way it is written', () => {
    const { site, messages } = siteTree({
      'content/index.md': page('Home'),
      'content/setup/index.md': page('Setup', 'menu_order: 1\n'),
      'content/setup/install.md': page('Install'),
      'content/deploy.md': page('Deploy', 'menu_order: 2\n'),
      'content/deploy/cloud.md': page('Cloud'),
    })
    expect(messages).toEqual([])
    expect(outline(site)).toEqual(['Setup', '  Install', 'Deploy', '  Cloud'])
    expect(site.roots.some(isSection)).toBe(false)
  })

  it('without one is a section: labelled by _category_.json, not a page, its pages read where it sits', () => {
    const { site, messages } = siteTree({
      'content/index.md': page('Home'),
      'content/intro.md': page('Intro', 'menu_order: 1\n'),
      'content/guides/_category_.json': '{ "label": "How-to guides", "position": 2, "collapsed": false, "link": { "type": "generated-index" } }\n',
      'content/guides/writing.md': page('Writing'),
      'content/guides/deploying.md': page('Deploying'),
      'content/faq.md': page('FAQ', 'menu_order: 3\n'),
    })
    expect(messages).toEqual([])
    expect(outline(site)).toEqual(['Intro', '[How-to guides]', '  Deploying', '  Writing', 'FAQ'])
    const guides = site.roots[1]!
    expect(isSection(guides) && { route: guides.route, source: guides.source, menuOrder: guides.menuOrder }).toEqual({ route: 'guides/', source: 'content/guides', menuOrder: 2 })
    // Reading order: the section's pages where it sits; the section is no page
    expect(site.pages.map((entry) => entry.route)).toEqual(['', 'intro/', 'guides/deploying/', 'guides/writing/', 'faq/'])
    expect(guides.children.map((child) => child.parent)).toEqual([guides, guides])
    expect(site.sectionFiles).toContain(`${fakeRoot}/content/guides/_category_.json`)
  })

  it('without index or metadata is labelled by its name made readable, nested folders too', () => {
    const { site, messages } = siteTree({
      'content/getting-started/first-steps.md': page('First steps'),
      'content/reference/api/client.md': page('Client'),
      'content/reference/api/server.md': page('Server'),
      'content/reference/cli.md': page('CLI'),
    })
    expect(messages).toEqual([])
    expect(outline(site)).toEqual(['[Getting started]', '  First steps', '[Reference]', '  [Api]', '    Client', '    Server', '  CLI'])
    expect(site.pages.map((entry) => entry.route)).toEqual(['', 'getting-started/first-steps/', 'reference/api/client/', 'reference/api/server/', 'reference/cli/'])
  })

  it('reads _category_.yml as well', () => {
    const { site, messages } = siteTree({
      'content/b.md': page('B'),
      'content/a/_category_.yml': 'label: Alpha section\nposition: 1\n',
      'content/a/x.md': page('X'),
    })
    expect(messages).toEqual([])
    expect(outline(site)).toEqual(['[Alpha section]', '  X', 'B'])
  })
})

describe('readable folder names', () => {
  it('are made as MkDocs makes them, without the number that orders them', () => {
    expect(readableName('getting-started')).toBe('Getting started')
    expect(readableName('how_to')).toBe('How to')
    expect(readableName('API_v2')).toBe('API v2')
    expect(readableName('iOS-apps')).toBe('iOS apps')
    expect(readableName('01-intro')).toBe('Intro')
    expect(readableName('2_first-steps')).toBe('First steps')
    expect(readableName('2024-05-notes')).toBe('2024 05 notes')
    expect(readableName('007')).toBe('007')
  })

  it('number prefixes are those Docusaurus strips, not dates or versions', () => {
    expect(numberPrefix('01-intro')).toEqual({ number: 1, length: 3 })
    expect(numberPrefix('3. Deploy')).toEqual({ number: 3, length: 3 })
    expect(numberPrefix('10_setup')).toEqual({ number: 10, length: 3 })
    expect(numberPrefix('2024-05-notes')).toBeUndefined()
    expect(numberPrefix('1.2-notes')).toBeUndefined()
    expect(numberPrefix('intro')).toBeUndefined()
  })
})

describe('the order of siblings', () => {
  it('puts numbered entries first (menu_order, sidebar_position, position, a 01- prefix), then the rest by label', () => {
    const { site, messages } = siteTree({
      'content/zeta.md': page('Zeta', 'menu_order: 1\n'),
      'content/yankee.md': page('Yankee', 'sidebar_position: 2\n'),
      'content/x-ray/_category_.json': '{"position": 3}',
      'content/x-ray/a.md': page('A'),
      'content/04-whiskey/b.md': page('B'),
      'content/05-victor.md': page('Victor'),
      'content/charlie/c.md': page('C'),
      'content/bravo.md': page('Bravo'),
      'content/alpha/_category_.json': '{"label": "Delta"}',
      'content/alpha/d.md': page('D'),
    })
    expect(messages).toEqual([])
    expect(outline(site).filter((line) => !line.startsWith(' '))).toEqual(['Zeta', 'Yankee', '[X ray]', '[Whiskey]', 'Victor', 'Bravo', '[Charlie]', '[Delta]'])
  })

  it('takes an index page’s own order, else its folder’s position', () => {
    const { site } = siteTree({
      'content/a.md': page('A', 'menu_order: 2\n'),
      'content/b/index.md': page('B'),
      'content/b/_category_.json': '{"label": "Not used: the index page names the folder", "position": 1}',
      'content/b/x.md': page('X'),
      'content/c/index.md': page('C', 'menu_order: 3\n'),
      'content/c/_category_.json': '{"position": 0}',
      'content/c/y.md': page('Y'),
    })
    expect(outline(site)).toEqual(['B', '  X', 'A', 'C', '  Y'])
  })

  it('warns when two siblings ask for the same place, naming where each was asked', () => {
    const { messages, where } = siteTree({
      'content/a.md': page('A', 'sidebar_position: 2\n'),
      'content/guides/_category_.json': '{\n  "label": "Guides",\n  "position": 2\n}\n',
      'content/guides/x.md': page('X'),
    })
    expect(messages.map((message) => [where(message), message.ruleId, message.reason, message.note])).toEqual([
      ['content/guides/_category_.json:3:3', 'duplicate-menu-order', '`content/guides/_category_.json` (`position: 2`) and `content/a.md` (`sidebar_position: 2`) ask for the same place', 'give each sibling its own number; weft orders them by title meanwhile'],
    ])
  })
})

describe("Docusaurus' sidebar keys", () => {
  it('sidebar_label is what the navigation shows; the title stays the title', () => {
    const { site, messages } = siteTree({
      'content/b.md': page('Bravo'),
      'content/a.md': page('Installing weft on your machine', 'sidebar_label: Install\n'),
    })
    expect(messages).toEqual([])
    const install = site.pages.find((entry) => entry.route === 'a/')!
    expect([install.title, install.navTitle]).toEqual(['Installing weft on your machine', 'Install'])
    // Ordered by what the navigation shows: "Bravo" before "Install"
    expect(outline(site)).toEqual(['Bravo', 'Install'])
  })

  it('menu_order wins over sidebar_position, with a warning at the key that loses', () => {
    const { site, messages, where } = siteTree({
      'content/a.md': page('A', 'menu_order: 2\nsidebar_position: 1\n'),
      'content/b.md': page('B', 'menu_order: 1\n'),
    })
    expect(outline(site)).toEqual(['B', 'A'])
    expect(messages.map((message) => [where(message), message.severity, message.ruleId, message.reason, message.note])).toEqual([
      ['content/a.md:4:1', 'warning', 'conflicting-menu-order', '`sidebar_position: 1` is ignored: `menu_order: 2` orders this page', 'keep one of the two keys'],
    ])
  })

  it('a sidebar_position that is not a number is an error at its line', () => {
    const { messages, where } = siteTree({ 'content/a.md': page('A', 'sidebar_position: first\n') })
    expect(messages.map((message) => [where(message), message.ruleId, message.reason])).toEqual([['content/a.md:3:1', 'invalid-menu-order', '`sidebar_position` must be a number, not `first`']])
  })
})

describe('a _category_.json with a mistake', () => {
  it('is an error at its line and column, with a hint', () => {
    const { messages, where } = siteTree({
      'content/guides/_category_.json': '{\n  "label": "Guides"\n  "position": 2\n}\n',
      'content/guides/x.md': page('X'),
    })
    expect(messages.map((message) => [where(message), message.severity, message.ruleId, message.reason, message.note])).toEqual([
      ['content/guides/_category_.json:3:3', 'error', 'invalid-section-file', '`content/guides/_category_.json` is not valid JSON: comma expected', 'write it as `{ "label": "Guides", "position": 2 }`'],
    ])
  })

  it('with a value that is not JSON at all, or keys of the wrong type', () => {
    const bad = (json: string) => siteTree({ 'content/g/_category_.json': json, 'content/g/x.md': page('X') })
    const said = (json: string) => bad(json).messages.map((message) => `${bad(json).where(message)} ${message.reason}`)
    expect(said('{"label": tru}')).toEqual(['content/g/_category_.json:1:11 `content/g/_category_.json` is not valid JSON: invalid symbol'])
    expect(said('["Guides"]')).toEqual(['content/g/_category_.json:1:1 `content/g/_category_.json` must hold an object of keys, not a list'])
    expect(said('{"label": "G", "position": "2"}')).toEqual(['content/g/_category_.json:1:16 `position` in `content/g/_category_.json` must be a number, not `2`'])
    // Still a section, named after its folder
    expect(outline(bad('{"position": "2"}').site)).toEqual(['[G]', '  X'])
  })
})

describe('a series', () => {
  const parts = (files: Record<string, string>) => {
    const { site } = siteTree(files)
    const numbered = seriesParts(site)
    return site.pages.map((entry) => `${entry.route || '/'} ${numbered.has(entry) ? `${numbered.get(entry)!.number}/${numbered.get(entry)!.total}` : '-'}`)
  }

  it('is nowhere unless a page opens one', () => {
    expect(parts({ 'content/index.md': page('Home'), 'content/a.md': page('A'), 'content/b.md': page('B') })).toEqual(['/ -', 'a/ -', 'b/ -'])
  })

  it('is the whole site when the home page says `series: true`, sections counting their pages but not themselves', () => {
    expect(parts({ 'content/index.md': page('Home', 'series: true\n'), 'content/a.md': page('A', 'menu_order: 1\n'), 'content/b/x.md': page('X'), 'content/b/y.md': page('Y') })).toEqual(['/ -', 'a/ 1/3', 'b/x/ 2/3', 'b/y/ 3/3'])
  })

  it('is the pages below an index page that says so, numbered within it; the flat form’s `true` counts', () => {
    expect(
      parts({
        'content/index.md': page('Home'),
        'content/intro.md': page('Intro', 'menu_order: 1\n'),
        'content/tutorial/index.md': '---\ntitle: Tutorial: the whole way\nseries: true\nmenu_order: 2\n---\n',
        'content/tutorial/01-setup.md': page('Setup'),
        'content/tutorial/02-deploy/index.md': page('Deploy'),
        'content/tutorial/02-deploy/more.md': page('More'),
      }),
    ).toEqual(['/ -', 'intro/ -', 'tutorial/ -', 'tutorial/01-setup/ 1/3', 'tutorial/02-deploy/ 2/3', 'tutorial/02-deploy/more/ 3/3'])
  })
})
