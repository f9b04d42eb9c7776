// A folder without an index page in a real Chromium: its label folds its pages, and a
// reader with only a keyboard opens it and reaches them, in the sidebar the page
// carries (test/fixtures/docs-site) and in the one a large site's script builds.

import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { build } from '../../src/index.js'
import { launchBrowser } from '../helpers/browser.js'
import { makeLargeSite } from '../helpers/large-site.js'
import { repoRoot, tempDir } from '../helpers/site.js'
import { serveFolder } from '../helpers/static-server.js'

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
const screenshots = path.join(repoRoot, 'test', 'output')

let browser: Browser
const servers: { close: () => Promise<void> }[] = []

/** Builds the site at `root` into a fresh folder and serves it. */
async function serve(root: string): Promise<string> {
  const result = await build({ root, out: tempDir(), config: { search: false, cache: false } })
  expect(result.messages.map((message) => message.reason)).toEqual([])
  const server = await serveFolder(result.outDir)
  servers.push(server)
  return server.url
}

beforeAll(async () => {
  browser = await launchBrowser()
  fs.mkdirSync(screenshots, { recursive: true })
}, 60_000)

afterAll(async () => {
  await browser?.close()
  for (const server of servers) await server.close()
})

/** What has the keyboard's focus: its tag, its text, and for a summary whether its details are open. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement as HTMLElement
    const open = active.tagName === 'SUMMARY' ? (active.parentElement as HTMLDetailsElement).open : undefined
    return { tag: active.tagName.toLowerCase(), text: active.textContent!.trim(), ...(open === undefined ? {} : { open }) }
  })

/** Chromium's own accessibility nodes (what a screen reader is given) for the elements `selector` finds. */
async function accessibleNodes(page: Page, selector: string): Promise<{ role: unknown; name: unknown; expanded: unknown }[]> {
  const cdp = await page.context().newCDPSession(page)
  const { root } = (await cdp.send('DOM.getDocument')) as { root: { nodeId: number } }
  const { nodeIds } = (await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector })) as { nodeIds: number[] }
  const found = []
  for (const nodeId of nodeIds) {
    const { nodes } = (await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false })) as {
      nodes: { role?: { value: unknown }; name?: { value: unknown }; properties?: { name: string; value: { value: unknown } }[] }[]
    }
    const node = nodes[0]!
    found.push({ role: node.role?.value, name: node.name?.value, expanded: node.properties?.find((property) => property.name === 'expanded')?.value.value })
  }
  return found
}

describe('a section without an index page', () => {
  let url: string
  beforeAll(async () => {
    const root = tempDir()
    fs.cpSync(path.join(repoRoot, 'test/fixtures/docs-site'), root, { recursive: true })
    url = await serve(root)
  }, 60_000)

  it('opens from the keyboard, and its pages, nested sections too, are a Tab away', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await page.goto(new URL('faq/index.html', url).href)
    await page.screenshot({ path: path.join(screenshots, 'sections-folded.png') })
    await page.focus('#weft-sidebar a[aria-current="page"]')
    await page.keyboard.press('Tab')
    expect(await focused(page)).toEqual({ tag: 'summary', text: 'Reference', open: false })
    // Folded, its pages are not in the Tab order
    expect(await page.locator('#weft-sidebar a', { hasText: 'Command line' }).isVisible()).toBe(false)
    await page.keyboard.press('Enter')
    expect(await focused(page)).toEqual({ tag: 'summary', text: 'Reference', open: true })
    await page.keyboard.press('Tab')
    expect(await focused(page)).toEqual({ tag: 'summary', text: 'Api', open: false })
    await page.keyboard.press('Space')
    await page.keyboard.press('Tab')
    expect(await focused(page)).toEqual({ tag: 'a', text: 'Client' })
    await page.screenshot({ path: path.join(screenshots, 'sections-open.png') })
    // What a screen reader gets from Chromium: a control named by the label, with its state
    expect(await accessibleNodes(page, '#weft-sidebar li.section > details > summary')).toEqual([
      { role: 'DisclosureTriangle', name: 'Guides', expanded: false },
      { role: 'DisclosureTriangle', name: 'Reference', expanded: true },
      { role: 'DisclosureTriangle', name: 'Api', expanded: true },
    ])
    await Promise.all([page.waitForURL(/reference\/api\/client\/index\.html$/), page.keyboard.press('Enter')])
    // On the page it led to, the sections above it are open and it is the current page
    const state = await page.evaluate(() => ({
      open: [...document.querySelectorAll('#weft-sidebar li.section > details')].map((details) => [details.querySelector('summary')!.textContent, (details as HTMLDetailsElement).open]),
      current: document.querySelector('#weft-sidebar [aria-current="page"]')!.textContent,
    }))
    expect(state).toEqual({ open: [['Guides', false], ['Reference', true], ['Api', true]], current: 'Client' })
    await page.addScriptTag({ content: axeSource })
    const result = (await page.evaluate(() => (window as unknown as { axe: { run: (context: Element, options: object) => Promise<unknown> } }).axe.run(document.querySelector('#weft-sidebar')!, { resultTypes: ['violations'] }))) as { violations: { id: string }[] }
    expect(result.violations.map((violation) => violation.id)).toEqual([])
    await page.close()
  }, 60_000)
})

describe('a section in the sidebar a large site’s script builds', () => {
  it('folds too, and opens from the keyboard onto its pages', async () => {
    const extra: Record<string, string> = {}
    for (let index = 1; index <= 3; index++) extra[`content/zz-notes/note-${index}.md`] = `# Note ${index}\n\nText.\n`
    const url = await serve(makeLargeSite(40, 6, extra))
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto(new URL('section-1/page-1/index.html', url).href)
    // 40 sections with index pages, the notes' folder, and the home page
    await page.waitForFunction(() => document.querySelectorAll('#weft-sidebar > ul > li').length === 42, undefined, { timeout: 10_000 })
    const notes = page.locator('#weft-sidebar > ul > li.section > details > summary')
    expect(await notes.textContent()).toBe('Zz notes')
    await notes.focus()
    await page.keyboard.press('Enter')
    await page.keyboard.press('Tab')
    expect(await focused(page)).toEqual({ tag: 'a', text: 'Note 1' })
    expect(await page.evaluate(() => (document.activeElement as HTMLAnchorElement).getAttribute('href'))).toBe('../../zz-notes/note-1/index.html')
    await Promise.all([page.waitForURL(/zz-notes\/note-1\/index\.html$/), page.keyboard.press('Enter')])
    await page.waitForFunction(() => document.querySelectorAll('#weft-sidebar > ul > li').length === 42, undefined, { timeout: 10_000 })
    expect(await page.evaluate(() => [(document.querySelector('#weft-sidebar li.section > details') as HTMLDetailsElement).open, document.querySelector('#weft-sidebar [aria-current="page"]')!.textContent])).toEqual([true, 'Note 1'])
    expect(errors).toEqual([])
    await page.close()
  }, 120_000)
})
