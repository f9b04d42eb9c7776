// The record of how each page loaded, which a build in a new process takes instead
// of reading a page whose file kept its size and time. Each case loads a small site
// twice, as two builds would, in milliseconds.

import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ResolvedConfig } from '../../src/config.js'
import { PageSources } from '../../src/project/page-sources.js'
import { makeSite } from '../helpers/site.js'

const setting = 'the same config'

/** A build's load in a process of its own: a new PageSources that keeps its record in the cache. */
function loadOnce(root: string, options: { setting?: string } = {}) {
  const sources = new PageSources({ root, contentDir: path.join(root, 'content'), title: 'My docs' } as ResolvedConfig)
  sources.keepRecord(path.join(root, 'cache', 'loaded-pages.bin'), options.setting ?? setting)
  const found = sources.find(undefined, true)
  const site = sources.pageTree(found.sources)
  sources.saveRecord()
  const titles = Object.fromEntries(site.pages.filter((page) => !page.generated).map((page) => [path.basename(page.file), page.title]))
  return { sources, site, titles, messages: sources.messages().map((message) => `${path.basename(message.file ?? '')}:${message.line}:${message.column} ${message.ruleId}`) }
}

/** A time with no fraction of a second, which `utimes` can put back exactly. */
const settled = new Date('2024-01-01T00:00:00Z')

/** A site whose pages all have the time `settled`. */
function siteOf(files: Record<string, string>): string {
  const root = makeSite(files)
  for (const name of Object.keys(files)) fs.utimesSync(path.join(root, name), settled, settled)
  return root
}

/** Writes new text of the same length and puts the file's time back: only a read would see the change. */
function changeUnseen(file: string, text: string) {
  expect(Buffer.byteLength(text)).toBe(fs.statSync(file).size)
  fs.writeFileSync(file, text)
  fs.utimesSync(file, settled, settled)
}

describe('the load record', () => {
  it('takes a page whose size and time are unchanged from the record, and reads one whose time moved', () => {
    const root = siteOf({
      'content/index.md': '---\ntitle: Home\n---\nHello.\n',
      'content/guide.md': '---\ntitle: Guide A\nmenu_order: 2\n---\nText.\n',
      'content/bare.md': '# Bare A\n',
    })
    expect(loadOnce(root).titles).toEqual({ 'index.md': 'Home', 'guide.md': 'Guide A', 'bare.md': 'Bare A' })
    const guide = path.join(root, 'content', 'guide.md')
    changeUnseen(guide, fs.readFileSync(guide, 'utf8').replace('Guide A', 'Guide B'))
    // Same size, same time: the record's page, and its digest, without reading the file.
    const second = loadOnce(root)
    expect(second.titles['guide.md']).toBe('Guide A')
    // The text is read only when asked for, as a released one would be.
    expect(second.sources.store.read(guide).text).toContain('Guide B')
    // A time that moved is a change: the page is read again.
    fs.utimesSync(guide, new Date(), new Date(Date.now() + 5000))
    expect(loadOnce(root).titles['guide.md']).toBe('Guide B')
  })

  it('keeps the digest a build records as the input, and the messages reading the page gave', () => {
    const root = siteOf({
      'content/index.md': '---\ntitle: Home\n---\nHello.\n',
      'content/broken.md': '---\ntitle: Fine\nmenu_order: two\n---\nText.\n',
    })
    const first = loadOnce(root)
    expect(first.messages).toEqual(['broken.md:3:1 invalid-menu-order'])
    const index = path.join(root, 'content', 'index.md')
    const digest = first.sources.store.firstRead(index)
    const second = loadOnce(root)
    expect(second.messages).toEqual(first.messages)
    expect(second.sources.store.firstRead(index)).toEqual(digest)
    expect(second.site.byFile.has(path.join(root, 'content', 'broken.md'))).toBe(false)
  })

  it('keeps front matter values JSON would change', () => {
    const root = siteOf({ 'content/index.md': '---\ntitle: Home\nreleased: 2024-05-01\n---\nHello.\n' })
    loadOnce(root)
    const page = loadOnce(root).site.pages.find((candidate) => path.basename(candidate.file) === 'index.md')!
    expect(page.data.released).toBeInstanceOf(Date)
    expect((page.data.released as Date).toISOString()).toBe('2024-05-01T00:00:00.000Z')
  })

  it('is not used under another setting, nor when damaged', () => {
    const root = siteOf({ 'content/index.md': '---\ntitle: Home A\n---\nHello.\n' })
    loadOnce(root)
    const index = path.join(root, 'content', 'index.md')
    changeUnseen(index, fs.readFileSync(index, 'utf8').replace('Home A', 'Home B'))
    expect(loadOnce(root, { setting: 'another config' }).titles['index.md']).toBe('Home B')
    changeUnseen(index, fs.readFileSync(index, 'utf8').replace('Home B', 'Home C'))
    fs.writeFileSync(path.join(root, 'cache', 'loaded-pages.bin'), 'not a record')
    expect(loadOnce(root).titles['index.md']).toBe('Home C')
  })

  it('is written again only when a page was read or went away', () => {
    const root = siteOf({ 'content/index.md': '---\ntitle: Home\n---\nHello.\n', 'content/other.md': '---\ntitle: Other\n---\n' })
    const record = path.join(root, 'cache', 'loaded-pages.bin')
    loadOnce(root)
    const past = new Date('2020-01-01T00:00:00Z')
    fs.utimesSync(record, past, past)
    loadOnce(root)
    expect(fs.statSync(record).mtimeMs).toBe(past.getTime())
    fs.rmSync(path.join(root, 'content', 'other.md'))
    loadOnce(root)
    expect(fs.statSync(record).mtimeMs).toBeGreaterThan(past.getTime())
  })
})
