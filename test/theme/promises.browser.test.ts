// What readers get from the default theme, in a real Chromium, for the README
// promises no other test held: images carry their size and load lazily after the
// first, wide tables scroll inside their box and not the page, videos and iframes
// fit the content's width, "On this page" follows the scroll, "Part N of M" shows
// on a guide page, and a search result leads to the heading it was found under.

import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { build } from '../../src/index.js'
import { launchBrowser } from '../helpers/browser.js'
import { makeSite, repoRoot, tempDir } from '../helpers/site.js'
import { serveFolder } from '../helpers/static-server.js'

const filler = (label: string, count: number) =>
  Array.from({ length: count }, (_, index) => `${label} paragraph ${index + 1} fills the page so that what follows sits far below the first screen of text.`).join('\n\n')

const wideTable = [
  `| ${Array.from({ length: 24 }, (_, index) => `Column-${index + 1}-with-a-long-name`).join(' | ')} |`,
  `| ${Array.from({ length: 24 }, () => '---').join(' | ')} |`,
  `| ${Array.from({ length: 24 }, (_, index) => `value-${index + 1}-that-does-not-wrap`).join(' | ')} |`,
].join('\n')

const files: Record<string, string> = {
  'content/index.md': '---\ntitle: Home\nseries: true\n---\n\nThe series.\n',
  'content/pictures.md': `---\ntitle: Pictures\nmenu_order: 1\n---\n\n![The first picture](images/first.png)\n\n${filler('Between', 150)}\n\n![The second picture](images/second.png)\n\n![The third picture](images/third.png)\n`,
  'content/wide.md': `---\ntitle: Wide things\nmenu_order: 2\n---\n\nA table with many columns:\n\n${wideTable}\n\n<iframe src="about:blank" width="1920" height="1080" title="A wide video"></iframe>\n\n<video width="1920" height="1080" controls></video>\n`,
  'content/headings.md': `---\ntitle: Headings\nmenu_order: 3\n---\n\nIntro.\n\n## Alpha\n\n${filler('Alpha', 25)}\n\n## Bravo\n\n${filler('Bravo', 25)}\n\n### Bravo detail\n\n${filler('Detail', 25)}\n\n## Charlie\n\n${filler('Charlie', 25)}\n`,
  'content/search-me.md': `---\ntitle: Search me\nmenu_order: 4\n---\n\nAn introduction about nothing in particular.\n\n## Tuning the zither\n\nThe word quodlibetarian appears only here, under its heading.\n`,
}

let browser: Browser
let site: { url: string; close: () => Promise<void> }
let out: string

beforeAll(async () => {
  const root = makeSite(files)
  fs.mkdirSync(path.join(root, 'images'))
  for (const [name, source] of [['first.png', 'secure.png'], ['second.png', 'flux-pipeline.png'], ['third.png', 'cortex-dashboard.png']]) {
    fs.copyFileSync(path.join(repoRoot, 'images', source!), path.join(root, 'images', name!))
  }
  out = tempDir()
  const result = await build({ root, out, cache: false })
  expect(result.messages).toEqual([])
  expect(result.ok).toBe(true)
  site = await serveFolder(out)
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await site?.close()
})

async function open(name: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const context = await browser.newContext({ viewport })
  const page = await context.newPage()
  await page.goto(new URL(name, site.url).href)
  return page
}

describe('the theme in a browser', () => {
  it('gives images their width and height, and loads all but the first only when they come near', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    const requested: string[] = []
    page.on('request', (request) => requested.push(new URL(request.url()).pathname))
    await page.goto(new URL('pictures/index.html', site.url).href)
    const images = page.locator('article img')
    expect(await images.count()).toBe(3)
    const first = images.nth(0)
    await first.evaluate((image: HTMLImageElement) => (image.complete ? undefined : new Promise((resolve) => image.addEventListener('load', resolve, { once: true }))))
    const attributes = await images.evaluateAll((list) => list.map((image) => ({ width: image.getAttribute('width'), height: image.getAttribute('height'), loading: image.getAttribute('loading') })))
    expect(attributes).toEqual([
      { width: '1200', height: '600', loading: null },
      { width: '1200', height: '600', loading: 'lazy' },
      { width: '1200', height: '600', loading: 'lazy' },
    ])
    // The size is there before the bytes: the far images already take their room.
    const third = images.nth(2)
    const before = await third.evaluate((image: HTMLImageElement) => ({ loaded: image.complete && image.naturalWidth > 0, width: image.getBoundingClientRect().width, height: image.getBoundingClientRect().height }))
    expect(before.loaded).toBe(false)
    expect(before.width).toBeGreaterThan(100)
    expect(Math.abs(before.height - before.width / 2)).toBeLessThan(1)
    expect(requested.some((name) => name.endsWith('/first.png'))).toBe(true)
    expect(requested.some((name) => name.endsWith('/third.png'))).toBe(false)
    // Scrolled to, they load, at the size the attributes promised.
    await third.scrollIntoViewIfNeeded()
    await page.waitForFunction(() => [...document.querySelectorAll('article img')].every((image) => (image as HTMLImageElement).complete && (image as HTMLImageElement).naturalWidth > 0))
    expect(await images.evaluateAll((list) => list.map((image) => [(image as HTMLImageElement).naturalWidth, (image as HTMLImageElement).naturalHeight]))).toEqual([[1200, 600], [1200, 600], [1200, 600]])
    expect(requested.some((name) => name.endsWith('/third.png'))).toBe(true)
    await context.close()
  })

  for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
    it(`scrolls a wide table inside its box, not the page, and fits iframes and videos in the content, at ${viewport.width} px`, async () => {
      const page = await open('wide/index.html', viewport)
      const sizes = await page.evaluate(() => {
        const table = document.querySelector('article table')!
        const box = table.parentElement!
        const article = document.querySelector('article')!
        const content = article.getBoundingClientRect()
        const fits = (selector: string) => {
          const rect = document.querySelector(selector)!.getBoundingClientRect()
          return rect.width > 0 && rect.left >= content.left - 0.5 && rect.right <= content.right + 0.5
        }
        return {
          pageScrolls: document.documentElement.scrollWidth > document.documentElement.clientWidth,
          tableWiderThanBox: table.getBoundingClientRect().width > box.clientWidth,
          boxScrolls: box.scrollWidth > box.clientWidth && ['auto', 'scroll'].includes(getComputedStyle(box).overflowX),
          boxInsideContent: box.getBoundingClientRect().right <= content.right + 0.5,
          iframeFits: fits('article iframe'),
          videoFits: fits('article video'),
        }
      })
      expect(sizes).toEqual({ pageScrolls: false, tableWiderThanBox: true, boxScrolls: true, boxInsideContent: true, iframeFits: true, videoFits: true })
      // A reader can scroll the box itself.
      const box = page.locator('article table').locator('xpath=..')
      await box.evaluate((element) => element.scrollBy(200, 0))
      expect(await box.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0)
      expect(await page.evaluate(() => scrollX)).toBe(0)
      await page.context().close()
    })
  }

  it('marks in "On this page" the heading being read, following the scroll', async () => {
    const page = await open('headings/index.html')
    const active = () => page.locator('.toc a.active').getAttribute('href')
    await page.waitForFunction(() => document.querySelector('.toc a.active')?.getAttribute('href') === '#alpha', undefined, { timeout: 15_000 })
    for (const id of ['charlie', 'bravo', 'bravo-detail', 'alpha']) {
      // Scroll the heading to near the top of the view, as a reader reaching it would.
      await page.evaluate((target) => {
        const heading = document.getElementById(target)!
        scrollTo(0, heading.getBoundingClientRect().top + scrollY - 120)
      }, id)
      await page.waitForFunction((target) => document.querySelector('.toc a.active')?.getAttribute('href') === `#${target}`, id, { timeout: 15_000 })
      expect(await active()).toBe(`#${id}`)
      expect(await page.locator('.toc a.active').count()).toBe(1)
    }
    await page.context().close()
  })

  it('shows "Part N of M" above the title of a guide page, and not on the home page', async () => {
    const page = await open('headings/index.html')
    const part = page.locator('article .part-of')
    await expect(part.isVisible()).resolves.toBe(true)
    expect((await part.textContent())?.trim()).toBe('Part 3 of 4')
    const [partBox, titleBox] = await Promise.all([part.boundingBox(), page.locator('article h1').boundingBox()])
    expect(partBox!.y + partBox!.height).toBeLessThanOrEqual(titleBox!.y + 1)
    await page.goto(new URL('index.html', site.url).href)
    expect(await page.locator('.part-of').count()).toBe(0)
    await page.context().close()
  })

  it('links a search result to the heading it was found under, and following it shows that heading', async () => {
    const page = await open('index.html')
    await page.locator('#weft-search').fill('quodlibetarian')
    const results = page.locator('#weft-search-results a')
    await results.first().waitFor({ timeout: 20_000 })
    const hrefs = await results.evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname + new URL((link as HTMLAnchorElement).href).hash))
    expect(hrefs).toContain('/search-me/index.html#tuning-the-zither')
    const toHeading = results.filter({ has: page.locator('xpath=self::*[contains(@href, "#tuning-the-zither")]') }).first()
    await Promise.all([page.waitForURL((url) => url.hash === '#tuning-the-zither'), toHeading.click()])
    expect(new URL(page.url()).pathname).toBe('/search-me/index.html')
    const heading = page.locator('#tuning-the-zither')
    expect((await heading.textContent())?.replace(/#$/, '')).toBe('Tuning the zither')
    await page.waitForFunction(() => {
      const rect = document.getElementById('tuning-the-zither')!.getBoundingClientRect()
      return rect.top >= 0 && rect.bottom <= innerHeight
    })
    await page.context().close()
  })
})
