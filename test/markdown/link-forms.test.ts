// Links that name a page the way VitePress and Docusaurus let authors name it: by
// its file without `.md`, or by its URL with or without the trailing slash or
// `index.html`. Each becomes the same relative URL as the `.md` link to that page,
// keeps its fragment (checked against the target's ids), and files keep working.

import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { build, formatMessages } from '../../src/index.js'
import type { Page, Site } from '../../src/core/site.js'
import { resolveUrl } from '../../src/markdown/resolve-url.js'
import { byTag, makeSite, parseHtml } from '../helpers/site.js'

const fm = (title: string) => `---\ntitle: ${title}\n---\n`

const roots: string[] = []
afterEach(() => {
  for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true })
})

async function site(files: Record<string, string>) {
  const root = makeSite(files)
  roots.push(root)
  const result = await build({ root, write: false, config: { cache: false, search: false } })
  /** The `href`s (or another attribute) of the page's content, heading anchors left out. */
  const hrefs = (output: string, tag = 'a', attribute = 'href') => {
    const html = result.files.get(output)
    if (html === undefined) throw new Error(`no ${output} in ${[...result.files.keys()].join(', ')}`)
    return byTag(byTag(parseHtml(html), 'article')[0]!, tag)
      .filter((element) => element.properties[attribute] !== undefined && !String(element.properties.className).includes('heading-anchor'))
      .map((element) => String(element.properties[attribute]))
  }
  return { result, hrefs, report: formatMessages(result.messages) }
}

const reference = {
  'content/index.md': `${fm('Home')}Home.\n`,
  'content/reference/cli.md': `${fm('CLI')}## Options\n\nText.\n`,
  'content/reference/api/index.md': `${fm('API')}## Calls\n`,
  'content/files/guide.pdf': '%PDF-1.4\n',
}

describe('a page named by its URL or by its file without .md', () => {
  it('resolves every form to the URL a .md link gets, fragment kept', async () => {
    const { hrefs, report, result } = await site({
      ...reference,
      'content/guide/intro.md': `${fm('Intro')}${[
        '[md](../reference/cli.md)',
        '[bare](../reference/cli)',
        '[slash](/reference/cli/)',
        '[root bare](/reference/cli)',
        '[index](../reference/cli/index.html)',
        '[html](../reference/cli.html)',
        '[fragment](/reference/cli/#options)',
        '[folder](../reference/api)',
        '[folder slash](../reference/api/#calls)',
        '[home](/)',
        '[home up](../)',
        '[defined][cli]',
      ].join(' ')}\n\n<a href="/reference/cli/#options">raw</a> <a href="../reference/api/index.html">raw api</a>\n\n[cli]: /reference/cli\n`,
    })
    expect(report).toBe('')
    expect(result.ok).toBe(true)
    const cli = '../../reference/cli/index.html'
    expect(hrefs('guide/intro/index.html')).toEqual([
      cli, cli, cli, cli, cli, cli, `${cli}#options`,
      '../../reference/api/index.html', '../../reference/api/index.html#calls',
      '../../index.html', '../../index.html', cli,
      `${cli}#options`, '../../reference/api/index.html',
    ])
  })

  it('reads a root-relative URL from the content folder, and `./` as the folder’s page', async () => {
    const { hrefs, report } = await site({
      ...reference,
      'content/reference/api/calls.md': `${fm('Calls')}[up](./) [cli](/reference/cli/) [sibling](../cli)\n`,
    })
    expect(report).toBe('')
    expect(hrefs('reference/api/calls/index.html')).toEqual(['../index.html', '../../cli/index.html', '../../cli/index.html'])
  })

  it('names a page whose URL is a slug by its URL or by its file name', async () => {
    const { hrefs, report } = await site({
      'content/index.md': `${fm('Home')}[url](/my-guide/) [file](My%20Guide) [md](My%20Guide.md) <a href="my-guide/index.html">raw</a>\n`,
      'content/My Guide.md': `${fm('My Guide')}Text.\n`,
    })
    expect(report).toBe('')
    expect(hrefs('index.html')).toEqual(['my-guide/index.html', 'my-guide/index.html', 'my-guide/index.html', 'my-guide/index.html'])
  })

  it('resolves a link in an include from the include, then from the page', async () => {
    const { hrefs, report } = await site({
      ...reference,
      'content/guide/intro.md': `${fm('Intro')}{{ include "../../includes/links.md" }}\n`,
      'includes/links.md': '[from include](../content/reference/cli) [from page](../reference/api/) [root](/reference/cli/#options)\n',
    })
    expect(report).toBe('')
    expect(hrefs('guide/intro/index.html')).toEqual(['../../reference/cli/index.html', '../../reference/api/index.html', '../../reference/cli/index.html#options'])
  })

  it('checks the fragment of every new form against the target page', async () => {
    const { report } = await site({
      ...reference,
      'content/guide/intro.md': `${fm('Intro')}[a](../reference/cli#optons)\n\n<a href="/reference/api/#nothing-like-it">b</a>\n`,
    })
    expect(report).toBe([
      'content/guide/intro.md:4:1: error: Fragment `#optons` names no heading or id on `content/reference/cli.md` [dead-fragment]',
      '    hint: did you mean `#options`?',
      'content/guide/intro.md:6:1: error: Fragment `#nothing-like-it` names no heading or id on `content/reference/api/index.md` [dead-fragment]',
    ].join('\n'))
  })

  it('keeps links to files that exist, with or without an extension', async () => {
    const { hrefs, report, result } = await site({
      ...reference,
      'content/guide/intro.md': `${fm('Intro')}[pdf](../files/guide.pdf) <a href="/files/guide.pdf">raw</a> [licence](../LICENSE)\n`,
      'content/LICENSE': 'MIT\n',
    })
    expect(report).toBe('')
    expect(hrefs('guide/intro/index.html')).toEqual(['../../files/guide.pdf', '../../files/guide.pdf', '../../LICENSE'])
    expect([...result.copies.keys()].filter((key) => !key.startsWith('assets/')).sort()).toEqual(['LICENSE', 'files/guide.pdf'])
  })
})

describe('ambiguous names, read as VitePress reads them', () => {
  it('takes a name without an extension as the page when a file of that name exists too', async () => {
    const { hrefs, report, result } = await site({
      'content/index.md': `${fm('Home')}[notes](notes) [notes file](notes.txt)\n`,
      'content/notes.md': `${fm('Notes')}Text.\n`,
      'content/notes': 'a file without extension\n',
      'content/notes.txt': 'a text file\n',
    })
    expect(report).toBe('')
    expect(hrefs('index.html')).toEqual(['notes/index.html', 'notes.txt'])
    expect([...result.copies.keys()].filter((key) => !key.startsWith('assets/'))).toEqual(['notes.txt'])
  })

  it('takes a file named with an extension over a page of the same stem', async () => {
    const { hrefs, report } = await site({
      'content/index.md': `${fm('Home')}[html](notes.html) [page](notes/)\n`,
      'content/notes.md': `${fm('Notes')}Text.\n`,
      'content/notes.html': '<p>an HTML file of its own</p>\n',
    })
    expect(report).toBe('')
    expect(hrefs('index.html')).toEqual(['notes.html', 'notes/index.html'])
  })

  it('takes `foo` as `foo.md` when `foo/index.md` is a page too', () => {
    // Two such pages share a URL, which a build refuses; the resolver alone shows the choice.
    const root = makeSite({})
    roots.push(root)
    const contentDir = path.join(root, 'content')
    const page = (file: string, route: string): Page => ({
      file: path.join(contentDir, file), source: `content/${file}`, route, output: `${route}index.html`, title: file,
      menuOrder: undefined, data: {}, bodyOffset: 0, parent: undefined, children: [], generated: false,
    })
    const home = page('index.md', '')
    const [file, folder] = [page('foo.md', 'foo/'), page('foo/index.md', 'foo/')]
    const site: Site = { root, contentDir, home, roots: [folder, file], pages: [home, folder, file], byFile: new Map([home, folder, file].map((each) => [each.file, each])) }
    const resolve = (url: string) => {
      const target = resolveUrl(url, home.file, home, site, false)
      return target.kind === 'page' ? target.page.source : target.kind
    }
    expect([resolve('foo'), resolve('foo.html'), resolve('foo/'), resolve('foo/index.html'), resolve('/foo')]).toEqual(['content/foo.md', 'content/foo.md', 'content/foo/index.md', 'content/foo/index.md', 'content/foo.md'])
  })
})
