// A docs folder laid out as VitePress, Docusaurus and MkDocs sites are (test/fixtures/
// docs-site: folders with and without an index page, a `_category_.json`, pages without
// front matter titled by their `# heading`, an included snippet, both callout syntaxes,
// every link form those tools accept) builds as it is, with --strict and no message,
// into the site a reader expects: its navigation, one title per page, callouts, links
// that lead where they say; valid HTML, and no axe violation in either theme.

import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { Element } from 'hast'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { build } from '../../src/index.js'
import { launchBrowser } from '../helpers/browser.js'
import { byTag, parseHtml, repoRoot, selectAll, tempDir } from '../helpers/site.js'
import { serveFolder } from '../helpers/static-server.js'

const require = createRequire(import.meta.url)
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

let root: string
let out: string
let browser: Browser
let site: { url: string; close: () => Promise<void> }

const read = (output: string) => parseHtml(fs.readFileSync(path.join(out, output)))
const text = (node: Element): string => node.children.map((child) => (child.type === 'text' ? child.value : child.type === 'element' ? text(child) : '')).join('')
const classes = (element: Element) => (element.properties.className as string[] | undefined) ?? []
const htmlFiles = () => (fs.readdirSync(out, { recursive: true }) as string[]).filter((name) => name.endsWith('.html')).sort()

/** The sidebar as an outline: `link Title` or `section Label`, children indented. */
function outline(list: Element, depth = 0): string[] {
  const lines: string[] = []
  for (const li of list.children) {
    if (li.type !== 'element' || li.tagName !== 'li') continue
    const summary = byTag(li, 'summary')[0]
    const link = li.children.find((child): child is Element => child.type === 'element' && child.tagName === 'a')
    lines.push(`${'  '.repeat(depth)}${link ? `link ${text(link).trim()}` : `section ${text(summary!).trim()}`}`)
    const nested = byTag(li, 'ul')[0]
    if (nested) lines.push(...outline(nested, depth + 1))
  }
  return lines
}

beforeAll(async () => {
  root = tempDir()
  fs.cpSync(path.join(repoRoot, 'test/fixtures/docs-site'), root, { recursive: true })
  out = path.join(root, 'dist')
  const result = await build({ root, strict: true, config: { search: false } })
  expect(result.messages.map((message) => `${message.file}:${message.line} ${message.ruleId} ${message.reason}`)).toEqual([])
  expect(result.ok).toBe(true)
  site = await serveFolder(out)
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await site?.close()
})

describe('a docs folder from another tool, built as it is', () => {
  it('has every page, no partial, and folders as sections in the navigation', () => {
    expect(htmlFiles().filter((name) => name.endsWith('/index.html') || name === 'index.html')).toEqual(
      [
        'faq/index.html',
        'getting-started/index.html',
        'getting-started/installation/index.html',
        'getting-started/quick-start/index.html',
        'guides/deploying/index.html',
        'guides/theming/index.html',
        'guides/upgrading/index.html',
        'guides/writing-pages/index.html',
        'index.html',
        'print/index.html',
        'reference/api/client/index.html',
        'reference/api/plugins/index.html',
        'reference/api/server/index.html',
        'reference/cli/index.html',
        'reference/configuration/index.html',
      ].sort(),
    )
    // The included snippet is a partial; a folder without an index page has no page of its own.
    expect(fs.existsSync(path.join(out, '_snippets'))).toBe(false)
    expect(fs.existsSync(path.join(out, 'guides/index.html'))).toBe(false)
    const sidebar = byTag(read('faq/index.html'), 'nav').find((nav) => nav.properties.id === 'weft-sidebar' || classes(nav).includes('sidebar')) ?? byTag(read('faq/index.html'), 'nav')[0]!
    const lines = outline(byTag(sidebar, 'ul')[0]!)
    expect(lines.filter((line) => !line.startsWith(' '))).toEqual(['link Acme Docs', 'link Getting Started', 'section Guides', 'link FAQ', 'section Reference'])
    expect(lines.join('\n')).toContain('section Reference\n  section Api\n    link Client\n    link Plugins\n    link Server\n  link Command line\n  link Configuration')
    expect(lines).toContain('  link Quick start')
  })

  it('gives each page one title: its # heading, printed once, and no "Part N of M"', () => {
    for (const output of htmlFiles().filter((name) => name !== '404.html' && name !== 'print/index.html')) {
      const tree = read(output)
      const headings = byTag(tree, 'h1')
      expect(headings.length, `${output} has one <h1>`).toBe(1)
      const title = text(byTag(tree, 'title')[0]!)
      if (output !== 'index.html') expect(title.startsWith(`${text(headings[0]!).trim()} `) || title.startsWith('Quick start'), `${output}: <title> ${title}`).toBe(true)
      expect(selectAll(tree, (element) => classes(element).includes('part-of'))).toEqual([])
    }
    expect(text(byTag(read('getting-started/quick-start/index.html'), 'h1')[0]!)).toBe('Your first site in five minutes')
    // The print view gives each page one title too
    const print = read('print/index.html')
    expect(byTag(print, 'h1').map((h1) => text(h1).trim())).toContain('Writing pages')
    expect(byTag(print, 'h1').filter((h1) => text(h1).trim() === 'Writing pages')).toHaveLength(1)
  })

  it('renders both callout syntaxes and resolves every link form to the page', () => {
    const tree = read('guides/writing-pages/index.html')
    const callouts = selectAll(tree, (element) => classes(element).includes('callout'))
    expect(callouts.map((element) => `${element.tagName}.${classes(element)[1]} ${element.properties.role ?? ''}`.trim())).toEqual(['div.callout-note note', 'div.callout-warning note', 'div.callout-tip note', 'div.callout-danger note', 'details.callout-details'])
    expect(selectAll(tree, (element) => classes(element).includes('callout-title')).map((title) => text(title))).toEqual(['Note', 'Warning', 'Links other tools taught you', 'Before you delete a page'])
    const hrefs = Object.fromEntries(byTag(tree, 'a').filter((a) => ['no extension', 'its address', 'its file', 'the markdown file', 'FAQ', 'the client'].includes(text(a))).map((a) => [text(a), a.properties.href]))
    expect(hrefs).toEqual({
      'no extension': '../../reference/cli/index.html',
      'its address': '../../reference/cli/index.html',
      'its file': '../../reference/cli/index.html',
      'the markdown file': '../../reference/cli/index.html',
      FAQ: '../../faq/index.html',
      'the client': '../../reference/api/client/index.html#createclient',
    })
  })

  it('passes the Nu checker', () => {
    const canary = path.join(tempDir(), 'canary.html')
    fs.writeFileSync(canary, '<!doctype html><html lang="en"><head><title>Canary</title></head><body><p id="twice">a</p><p id="twice">b</p></body></html>\n')
    const run = spawnSync('java', ['-jar', String(require('vnu-jar')), '--format', 'json', '--exit-zero-always', ...htmlFiles().map((name) => path.join(out, name)), canary], { encoding: 'utf8' })
    if (run.error || run.status !== 0) throw new Error(`The Nu checker did not run: ${run.error?.message ?? run.stderr}`)
    const errors = (JSON.parse(run.stderr) as { messages: { type: string; url: string; lastLine: number; message: string }[] }).messages.filter((message) => message.type === 'error')
    // The canary's error shows that the checker checked
    expect(errors.some((message) => new URL(message.url).pathname === canary)).toBe(true)
    expect(errors.filter((message) => new URL(message.url).pathname !== canary).map((message) => `${new URL(message.url).pathname}:${message.lastLine} ${message.message}`)).toEqual([])
  }, 120_000)

  it('has no axe violation in the light and the dark theme, sections open', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme })
      for (const output of ['index.html', 'guides/writing-pages/index.html', 'reference/api/client/index.html']) {
        const page: Page = await context.newPage()
        await page.goto(new URL(output, site.url).href)
        await page.evaluate(() => document.querySelectorAll('details').forEach((details) => (details.open = true)))
        await page.addScriptTag({ content: axeSource })
        const result = (await page.evaluate(() => (window as unknown as { axe: { run: (context: Document, options: object) => Promise<unknown> } }).axe.run(document, { resultTypes: ['violations'] }))) as { violations: { id: string; nodes: { target: string[] }[] }[] }
        expect(result.violations.map((violation) => `${colorScheme} ${output} ${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([])
        await page.close()
      }
      await context.close()
    }
  }, 60_000)

  it('takes a changed _category_.json label at the next build, and builds nothing when nothing changed', async () => {
    const meta = path.join(root, 'content/guides/_category_.json')
    const again = await build({ root, strict: true, config: { search: false } })
    expect(again.written).toBe(false)
    fs.writeFileSync(meta, JSON.stringify({ label: 'How-to guides', position: 2 }))
    const relabelled = await build({ root, strict: true, config: { search: false } })
    expect(relabelled.ok).toBe(true)
    expect(relabelled.written).toBe(true)
    expect(byTag(read('faq/index.html'), 'summary').map((summary) => text(summary).trim())).toContain('How-to guides')
  }, 60_000)
})
