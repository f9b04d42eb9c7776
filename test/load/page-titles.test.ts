// Pages as other tools' folders have them: without front matter, titled by their
// first `# heading` or their file name, TOML headers, and the mistakes a flat header
// invites. Each reads one file or one small site, in milliseconds.

import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ResolvedConfig } from '../../src/config.js'
import { firstHeading, titleFromName } from '../../src/load/first-heading.js'
import { readFrontMatter } from '../../src/load/front-matter.js'
import { PageSources } from '../../src/project/page-sources.js'
import { makeSite } from '../helpers/site.js'

describe('firstHeading', () => {
  it('finds the first level-1 heading as plain text, outside fenced code', () => {
    expect(firstHeading('Intro text.\n\n# Install `weft` *now*\n\n# Second\n')).toBe('Install weft now')
    expect(firstHeading('```sh\n# not a heading\n```\n\n# Real one\n')).toBe('Real one')
    expect(firstHeading('~~~\n# no\n~~~~\n# Yes #\n')).toBe('Yes')
    expect(firstHeading('Setext title\n===\n\nText\n')).toBe('Setext title')
    expect(firstHeading('## Only a level two\n\n#hashtag is not a heading\n')).toBeUndefined()
  })

  it('starts at the body when given its offset', () => {
    const text = '---\nx: 1\n---\n# Body title\n'
    expect(firstHeading(text, text.indexOf('# Body'))).toBe('Body title')
  })
})

describe('titleFromName', () => {
  it('makes a file name readable, without a numbering prefix', () => {
    expect(titleFromName('/site/content/getting-started.md')).toBe('Getting started')
    expect(titleFromName('/site/content/02_first_steps.md')).toBe('First steps')
    expect(titleFromName('/site/content/2024.md')).toBe('2024')
  })
})

describe('front matter other tools write', () => {
  it('reads a TOML header between +++ lines', () => {
    const text = '+++\ntitle = "Deploying"\nweight = 3\n[params]\nkind = "guide"\n+++\nBody\n'
    const result = readFrontMatter(text)
    expect(result).toMatchObject({ present: true, data: { title: 'Deploying', weight: 3, params: { kind: 'guide' } } })
    expect(text.slice((result as { bodyOffset: number }).bodyOffset)).toBe('Body\n')
  })

  it('says where a TOML header goes wrong, with a hint', () => {
    const text = '+++\ntitle = "A"\nweight = = 3\n+++\n'
    const result = readFrontMatter(text) as { ruleId: string; reason: string; offset: number; hint: string }
    expect(result.ruleId).toBe('front-matter-syntax')
    expect(result.reason).toMatch(/^Front matter opened with `\+\+\+` is not valid TOML \(/)
    expect(text.slice(0, result.offset).split('\n').length).toBe(3)
    expect(result.hint).toBe('write `key = "value"` lines, or use YAML between `---` lines')
  })

  it('reports a TOML header that is never closed', () => {
    expect(readFrontMatter('+++\ntitle = "A"\n')).toMatchObject({ ruleId: 'front-matter-unclosed', reason: 'Front matter opened with `+++` is never closed by a `+++` line' })
  })

  it('warns about a quote left open in the flat form, and reads the value as written', () => {
    const text = '---\ntitle: "Deploying\nmenu_order: 2\n---\n'
    const result = readFrontMatter(text) as { data: Record<string, unknown>; warnings: { ruleId: string; reason: string; offset: number; hint: string }[] }
    expect(result.data.title).toBe('"Deploying')
    expect(result.warnings).toEqual([
      { ruleId: 'unbalanced-quote', reason: '`title` opens a quote it does not close; weft reads the value as `"Deploying`', offset: text.indexOf('"Deploying'), hint: 'close it (`title: "Deploying"`) or leave the quotes out' },
    ])
  })

  it('hints at the missing colon of `title Deploying`', () => {
    const result = readFrontMatter('---\ntitle Deploying\n---\n') as { ruleId: string; hint: string }
    expect(result.ruleId).toBe('front-matter-syntax')
    expect(result.hint).toBe('put a colon after the key: `title: …`')
  })
})

describe('which markdown files are pages', () => {
  const load = (files: Record<string, string>) => {
    const root = makeSite(files)
    const sources = new PageSources({ root, contentDir: path.join(root, 'content'), title: 'My docs' } as ResolvedConfig)
    const found = sources.find(undefined)
    const site = sources.pageTree(found.sources)
    const rel = (file: string) => path.relative(root, file).split(path.sep).join('/')
    return { titles: Object.fromEntries(site.pages.filter((page) => !page.generated).map((page) => [rel(page.file), page.title])), partials: found.withoutFrontMatter.map(rel), messages: sources.messages() }
  }

  it('builds a file without front matter as a page titled by its first heading, else its name', () => {
    const { titles, partials, messages } = load({
      'content/index.md': '# Welcome\n\nHello.\n',
      'content/install.md': 'Some words first.\n\n# Installing weft\n',
      'content/guides/first-steps.md': 'No heading here.\n',
      'content/reference/index.md': 'Nothing.\n',
      'content/titled.md': '---\ntitle: From front matter\n---\n# Body heading\n',
      'content/order-only.md': '---\nmenu_order: 2\n---\n# Heading wins over the name\n',
    })
    expect(titles).toEqual({
      'content/index.md': 'Welcome',
      'content/install.md': 'Installing weft',
      'content/guides/first-steps.md': 'First steps',
      'content/reference/index.md': 'Reference',
      'content/titled.md': 'From front matter',
      'content/order-only.md': 'Heading wins over the name',
    })
    expect(partials).toEqual([])
    expect(messages).toEqual([])
  })

  it('keeps a file without front matter that a page includes as a partial, through includes too', () => {
    const { titles, partials } = load({
      'content/index.md': '---\ntitle: Home\n---\n{{ include "./shared/note.md" }}\n',
      'content/shared/note.md': 'A note. {{ include "./deeper.md" }}\n',
      'content/shared/deeper.md': 'Deeper.\n',
      'content/alone.md': 'Nobody includes me.\n',
      'content/off.md': '---\ntitle: Off\n---\n<!-- gitdown: off -->\n{{ include "./skipped.md" }}\n<!-- gitdown: on -->\n',
      'content/skipped.md': 'An include that is switched off does not make this a partial.\n',
    })
    expect(partials.sort()).toEqual(['content/shared/deeper.md', 'content/shared/note.md'])
    expect(Object.keys(titles).sort()).toEqual(['content/alone.md', 'content/index.md', 'content/off.md', 'content/skipped.md'])
  })

  it('titles a home page without a title or heading after the site', () => {
    expect(load({ 'content/index.md': 'Just text.\n' }).titles).toEqual({ 'content/index.md': 'My docs' })
  })

  it('lets go of every page text once loaded when asked, also after looking for includes', () => {
    const root = makeSite({ 'content/index.md': '---\ntitle: Home\n---\nHello.\n', 'content/bare.md': 'No front matter.\n' })
    const sources = new PageSources({ root, contentDir: path.join(root, 'content'), title: 'My docs' } as ResolvedConfig)
    sources.find(undefined, true)
    // A text still held would be served as first read; one let go is read again, as the file is now.
    for (const name of ['index.md', 'bare.md']) {
      const file = path.join(root, 'content', name)
      fs.writeFileSync(file, 'Changed.\n')
      expect(sources.store.read(file).text).toBe('Changed.\n')
    }
  })
})
