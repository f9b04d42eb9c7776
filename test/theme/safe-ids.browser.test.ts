// A `--safe` page in Chromium: an author's `<img name="createElement">` no longer
// replaces `document.createElement` (the theme's script runs), and links to the
// author's ids and named anchors, now `user-content-…`, still scroll to them.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { build } from '../../src/index.js'
import { launchBrowser } from '../helpers/browser.js'
import { makeSite, tempDir } from '../helpers/site.js'
import { serveFolder } from '../helpers/static-server.js'

const filler = 'A paragraph that takes room on the page.\n\n'.repeat(80)
const body = `<img src="pixel.png" name="createElement" alt="pixel">

[to the box](#the-box) [to the anchor](#old-anchor)

${filler}
<div id="the-box">The box</div>

${filler}
<a name="old-anchor"></a>Anchored text.

${filler}
`

let browser: Browser
let site: { url: string; close: () => Promise<void> }

beforeAll(async () => {
  const root = makeSite({ 'content/index.md': `---\ntitle: Home\n---\n\n${body}`, 'content/pixel.png': 'png' })
  const out = tempDir()
  const result = await build({ root, out, safe: true, config: { search: false } })
  expect(result.messages).toEqual([])
  site = await serveFolder(out)
  browser = await launchBrowser()
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await site?.close()
})

const inView = (page: Page, selector: string) =>
  page.$eval(selector, (element) => {
    const box = element.getBoundingClientRect()
    return box.top >= 0 && box.bottom <= innerHeight
  })

describe('--safe ids in the browser', () => {
  it('keeps document.createElement, so the theme’s script runs', async () => {
    const page = await browser.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto(site.url)
    expect(await page.evaluate(() => typeof document.createElement)).toBe('function')
    // The script adds a live region for screen readers as it starts.
    expect(await page.$$eval('p.sr-only[role="status"]', (found) => found.length)).toBe(1)
    expect(errors).toEqual([])
    await page.close()
  })

  it('scrolls a clicked #x link to user-content-x, and an opened #x address too', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 700 } })
    await page.goto(site.url)
    expect(await inView(page, '#user-content-the-box')).toBe(false)
    await page.click('a[href="#the-box"]')
    await page.waitForFunction(() => location.hash === '#the-box')
    await expect.poll(() => inView(page, '#user-content-the-box')).toBe(true)
    await page.click('a[href="#old-anchor"]')
    await expect.poll(() => inView(page, '[name="user-content-old-anchor"]')).toBe(true)
    await page.goto('about:blank')
    await page.goto(`${site.url}#the-box`)
    await expect.poll(() => inView(page, '#user-content-the-box')).toBe(true)
    await page.close()
  })
})
