// The sidebar of a site too large for every page to list every page, in a real
// Chromium: the script fills in the whole tree from the shared file, over HTTP, from
// disk and in weft dev; without JavaScript the list of all pages is one link away.

import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { startDev } from '../../src/dev/dev.js'
import { build } from '../../src/index.js'
import { launchBrowser } from '../helpers/browser.js'
import { makeLargeSite } from '../helpers/large-site.js'
import { tempDir } from '../helpers/site.js'
import { serveFolder } from '../helpers/static-server.js'

const attack = '<img src=x onerror=alert(1)>'
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

let browser: Browser
let out: string
let site: { url: string; close: () => Promise<void> }

beforeAll(async () => {
  out = tempDir()
  const root = makeLargeSite(40, 6, {
    'content/section-2/page-7.md': `---\ntitle: Page ${attack}\nmenu_order: 7\n---\nText.\n`,
    // A name the page's own links encode: the script must still find the page in the tree
    "content/section-4/café d'été.md": '---\ntitle: Café\nmenu_order: 7\n---\nText.\n',
  })
  const result = await build({ root, out, config: { search: false } })
  expect(result.ok).toBe(true)
  site = await serveFolder(out)
  browser = await launchBrowser()
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await site?.close()
})

/** The page, once the script has built the whole sidebar. */
async function openFilled(url: string, width = 1280): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } })
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('dialog', (dialog) => errors.push(`dialog: ${dialog.message()}`))
  await page.goto(url)
  await page.waitForFunction(() => document.querySelectorAll('#weft-sidebar > ul > li').length === 41, undefined, { timeout: 10_000 })
  expect(errors).toEqual([])
  return page
}

const sidebarState = (page: Page) =>
  page.evaluate(() => {
    const sidebar = document.querySelector('#weft-sidebar')!
    const current = sidebar.querySelector('[aria-current="page"]')!
    const box = sidebar.getBoundingClientRect(), at = current.getBoundingClientRect()
    return {
      top: [...sidebar.querySelectorAll(':scope > ul > li > a')].map((a) => a.textContent),
      current: [...sidebar.querySelectorAll('[aria-current="page"]')].map((a) => a.textContent),
      open: [...sidebar.querySelectorAll('details[open]')].map((details) => details.parentElement!.querySelector('a')!.textContent),
      more: sidebar.querySelectorAll('.nav-more').length,
      inView: at.top >= box.top && at.bottom <= box.bottom,
    }
  })

describe('the sidebar of a large site', () => {
  it('lists every section once the script has run, with the current page marked, open and in view', async () => {
    const page = await openFilled(new URL('section-35/page-4/', site.url).href)
    const state = await sidebarState(page)
    expect(state.top).toEqual(['Handbook', ...Array.from({ length: 40 }, (_, i) => `Section ${i + 1}`)])
    expect(state.current).toEqual(['Page 35.4'])
    expect(state.open).toEqual(['Section 35'])
    expect(state.more).toBe(0)
    // Scrolled into view at the next frame
    await expect.poll(async () => (await sidebarState(page)).inView).toBe(true)
    // A closed section fills in when opened, its links going where the pages are
    const section = page.locator('#weft-sidebar > ul > li').nth(3)
    expect(await section.locator('ul a').count()).toBe(0)
    await section.locator(':scope > details > summary').click()
    expect(await section.locator('ul a').allTextContents()).toEqual(['Page 3.1', 'Page 3.2', 'Page 3.3', 'Page 3.4', 'Page 3.5', 'Page 3.6'])
    await section.locator('ul a').nth(1).click()
    await page.waitForURL(/section-3\/page-2\/index\.html$/)
    expect((await (await openFilled(page.url())).locator('#weft-sidebar [aria-current="page"]').textContent())).toBe('Page 3.2')
    await page.close()
  })

  it('writes titles as text', async () => {
    const page = await openFilled(new URL('section-2/', site.url).href)
    expect(await page.locator('#weft-sidebar').textContent()).toContain(`Page ${attack}`)
    expect(await page.locator('#weft-sidebar img').count()).toBe(0)
    await page.close()
  })

  it('finds the current page under a name with encoded characters', async () => {
    const page = await openFilled(new URL('section-4/café-dété/', site.url).href)
    expect((await sidebarState(page)).current).toEqual(['Café'])
    expect((await sidebarState(page)).open).toEqual(['Section 4'])
    await page.close()
  })

  it('fills in from disk too', async () => {
    const page = await openFilled(pathToFileURL(path.join(out, 'section-12/page-1/index.html')).href)
    expect((await sidebarState(page)).current).toEqual(['Page 12.1'])
    await page.close()
  })

  it('focuses the current page when the menu opens at 390 px', async () => {
    const page = await openFilled(new URL('section-38/page-6/', site.url).href, 390)
    await page.locator('.menu-button').click()
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Page 38.6')
    await page.close()
  })

  it('leads readers without JavaScript to the list of all pages', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false })
    const page = await context.newPage()
    await page.goto(new URL('section-20/page-2/', site.url).href)
    const links = page.locator('#weft-sidebar > ul > li > a')
    expect(await links.count()).toBe(1 + 21 + 2)
    await page.locator('#weft-sidebar .nav-more a').first().click()
    await page.waitForURL(/all-pages\.html$/)
    expect(await page.locator('h1').textContent()).toBe('All pages')
    expect(await page.locator('article a').count()).toBe(40 * 7 + 2)
    await page.locator('article a', { hasText: 'Page 40.6' }).click()
    await page.waitForURL(/section-40\/page-6\/index\.html$/)
    await context.close()
  })

  it('has no accessibility violations, filled in and on the list of all pages', async () => {
    const found: string[] = []
    for (const route of ['section-35/page-4/', 'all-pages.html']) {
      for (const width of [1280, 390]) {
        const page = route.endsWith('/') ? await openFilled(new URL(route, site.url).href, width) : await browser.newPage({ viewport: { width, height: 900 } })
        if (!route.endsWith('/')) await page.goto(new URL(route, site.url).href)
        await page.addScriptTag({ content: axeSource })
        const result = (await page.evaluate(() => (window as unknown as { axe: { run: (context: Document, options: object) => Promise<unknown> } }).axe.run(document, { resultTypes: ['violations'] }))) as { violations: { id: string; nodes: { target: string[] }[] }[] }
        for (const violation of result.violations) found.push(`${route} at ${width} px: ${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)
        await page.close()
      }
    }
    expect(found).toEqual([])
  }, 60_000)
})

describe('the sidebar of a large site in weft dev', () => {
  it('fills in, and shows a page renamed in the same section after the reload', async () => {
    const root = makeLargeSite(40, 6)
    const server = await startDev({ root, port: 0, config: { search: false }, log: () => {} })
    try {
      const page = await openFilled(new URL('section-15/page-2/', server.url).href)
      expect(await page.getAttribute('#weft-sidebar', 'data-nav')).toBe('../../assets/weft-nav.js')
      fs.writeFileSync(path.join(root, 'content/section-15/page-5.md'), '---\ntitle: Renamed in dev\nmenu_order: 5\n---\nText.\n')
      await page.waitForFunction(() => document.querySelector('#weft-sidebar')!.textContent!.includes('Renamed in dev'), undefined, { timeout: 10_000 })
      await page.waitForFunction(() => document.querySelectorAll('#weft-sidebar > ul > li').length === 41, undefined, { timeout: 10_000 })
      const state = await sidebarState(page)
      expect(state.current).toEqual(['Page 15.2'])
      expect(state.open).toEqual(['Section 15'])
      await page.close()
    } finally {
      await server.close()
    }
  }, 60_000)
})
