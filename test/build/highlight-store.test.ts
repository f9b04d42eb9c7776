// Highlighted code blocks kept in the render cache: a page rendered again because
// its prose changed takes its blocks from the store (shown here by a stored block
// altered on purpose), and the site comes out as a build without the cache makes
// it; a damaged stored block is highlighted again; a sweep keeps the blocks pages
// use and drops the others.

import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { build } from '../../src/index.js'
import { makeSite, parseHtml, selectAll, tempDir, textOf } from '../helpers/site.js'

const fm = (title: string) => `---\ntitle: ${title}\n---\n`
const files = {
  'content/index.md': `${fm('Home')}Welcome.\n\n\`\`\`yaml\nkey: value\n\`\`\`\n`,
  'content/guide.md': `${fm('Guide')}## Start\n\nSome prose.\n\n\`\`\`bash\necho hello\n\`\`\`\n\n\`\`\`weird-language\nplain words\n\`\`\`\n`,
}

function storeFolder(root: string): string {
  const sites = path.join(root, 'node_modules', '.cache', 'weft', 'sites')
  return path.join(sites, fs.readdirSync(sites)[0]!, 'highlighted')
}

function storedBlocks(root: string): Map<string, string> {
  const folder = storeFolder(root)
  const names = (fs.readdirSync(folder, { recursive: true }) as string[]).filter((name) => name.endsWith('.json'))
  return new Map(names.map((name) => [path.join(folder, name), fs.readFileSync(path.join(folder, name), 'utf8')]))
}

function tree(folder: string): [string, string][] {
  const names = (fs.readdirSync(folder, { recursive: true }) as string[]).filter((name) => fs.statSync(path.join(folder, name)).isFile()).sort()
  return names.map((name) => [name, fs.readFileSync(path.join(folder, name)).toString('base64')])
}

describe('highlighted code blocks kept between builds', () => {
  it('keeps one block for each block of the site, and serves a page rendered again from them', async () => {
    const root = makeSite(files)
    expect((await build({ root })).ok).toBe(true)
    const stored = storedBlocks(root)
    expect(stored.size).toBe(3)
    // The bash block, altered in the store: a page rendered again shows the stored block, not a new one.
    const [bashFile] = [...stored].find(([, text]) => text.includes('echo'))!
    fs.writeFileSync(bashFile, stored.get(bashFile)!.replace('"echo', '"ECHO-FROM-STORE'))
    fs.appendFileSync(path.join(root, 'content', 'guide.md'), '\nMore prose.\n')
    expect((await build({ root })).ok).toBe(true)
    const page = parseHtml(fs.readFileSync(path.join(root, 'dist', 'guide', 'index.html')))
    const blocks = selectAll(page, (element) => element.tagName === 'pre' && String(element.properties.className).includes('shiki'))
    expect(blocks.map((block) => textOf(block))).toEqual(['ECHO-FROM-STORE hello', 'plain words'])
    expect(blocks.map((block) => block.properties.dataLanguage)).toEqual(['bash', 'text'])
  })

  it('makes the site a build without the cache makes, after a change to prose', async () => {
    const root = makeSite(files)
    expect((await build({ root })).ok).toBe(true)
    fs.appendFileSync(path.join(root, 'content', 'guide.md'), '\nMore prose.\n')
    fs.appendFileSync(path.join(root, 'content', 'index.md'), '\n```yaml\nkey: value\n```\n')
    expect((await build({ root })).ok).toBe(true)
    const fresh = tempDir()
    expect((await build({ root, out: fresh, cache: false })).ok).toBe(true)
    expect(tree(path.join(root, 'dist'))).toEqual(tree(fresh))
  })

  it('highlights a damaged stored block again', async () => {
    const root = makeSite(files)
    expect((await build({ root })).ok).toBe(true)
    const before = fs.readFileSync(path.join(root, 'dist', 'guide', 'index.html'), 'utf8')
    for (const file of storedBlocks(root).keys()) fs.writeFileSync(file, '{"type":"root","chil')
    fs.appendFileSync(path.join(root, 'content', 'guide.md'), '\n')
    expect((await build({ root })).ok).toBe(true)
    expect(fs.readFileSync(path.join(root, 'dist', 'guide', 'index.html'), 'utf8')).toBe(before)
  })

  it('drops from the store a block no page has any more', async () => {
    const root = makeSite(files)
    expect((await build({ root })).ok).toBe(true)
    const first = storedBlocks(root)
    fs.writeFileSync(path.join(root, 'content', 'guide.md'), `${fm('Guide')}## Start\n\n\`\`\`bash\necho goodbye\n\`\`\`\n\n\`\`\`weird-language\nplain words\n\`\`\`\n`)
    expect((await build({ root })).ok).toBe(true)
    const second = storedBlocks(root)
    expect(second.size).toBe(3)
    expect([...second.values()].some((text) => text.includes('goodbye'))).toBe(true)
    expect([...second.values()].some((text) => text.includes('"echo'))).toBe(true)
    expect([...second.values()].some((text) => text.includes('hello'))).toBe(false)
    // The blocks of the unchanged pages are the same files.
    expect([...first.keys()].filter((file) => second.has(file)).length).toBe(2)
  })
})
