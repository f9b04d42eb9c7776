// The reader's experience of the guide series in a real Chromium: the sidebar,
// details, search, copy buttons, the colour scheme, the mobile menu, escaping and
// accessibility (axe-core). Screenshots of Part 4 land in test/output/.

import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { build } from '../../src/index.js'
import { launchBrowser } from '../helpers/browser.js'
import { makeSite, repoRoot, tempDir } from '../helpers/site.js'
import { serveFolder } from '../helpers/static-server.js'

const part4 = 'part-4-secure-container-firewalls/index.html'
const screenshots = path.join(repoRoot, 'test', 'output')
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

let browser: Browser
let site: { url: string; close: () => Promise<void> }
/** The same site below a path, as on a host that serves several sites. */
let below: { url: string; close: () => Promise<void> }
let pages: string[]

beforeAll(async () => {
  const out = tempDir()
  const result = await build({ root: repoRoot, out })
  expect(result.ok).toBe(true)
  pages = (fs.readdirSync(out, { recursive: true }) as string[]).filter((name) => name.endsWith('.html'))
  site = await serveFolder(out)
  below = await serveFolder(out, '/guides/')
  browser = await launchBrowser()
  fs.mkdirSync(screenshots, { recursive: true })
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await site?.close()
  await below?.close()
})

async function open(route: string, options: { width?: number; context?: BrowserContext } = {}): Promise<Page> {
  const context = options.context ?? (await browser.newContext({ viewport: { width: options.width ?? 1280, height: 900 } }))
  const page = await context.newPage()
  await page.goto(new URL(route, site.url).href)
  return page
}

type Box = { x: number; y: number; width: number; height: number }
type Colour = [number, number, number]
const distance = (a: readonly number[], b: readonly number[]) => Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!)

/**
 * What a person sees in regions of a screenshot (boxes in CSS pixels, at scale 1), decoded by the
 * browser: each region's most common colour and the share of its pixels far from it (text, lines).
 */
async function pixelsOf(page: Page, png: Buffer, boxes: Box[]): Promise<{ width: number; height: number; regions: { dominant: Colour; contrast: number }[] }> {
  return page.evaluate(
    async ({ source, boxes }) => {
      const image = new Image()
      image.src = `data:image/png;base64,${source}`
      await image.decode()
      const canvas = document.createElement('canvas')
      canvas.width = image.naturalWidth
      canvas.height = image.naturalHeight
      const context = canvas.getContext('2d')!
      context.drawImage(image, 0, 0)
      const regions = boxes.map((box) => {
        const { data } = context.getImageData(Math.round(box.x), Math.round(box.y), Math.max(1, Math.round(box.width)), Math.max(1, Math.round(box.height)))
        const counts = new Map<number, number>()
        for (let at = 0; at < data.length; at += 4) {
          const key = (data[at]! << 16) | (data[at + 1]! << 8) | data[at + 2]!
          counts.set(key, (counts.get(key) ?? 0) + 1)
        }
        const top = [...counts].sort((a, b) => b[1] - a[1])[0]![0]
        const dominant = [(top >> 16) & 255, (top >> 8) & 255, top & 255] as [number, number, number]
        let far = 0
        for (let at = 0; at < data.length; at += 4) if (Math.hypot(data[at]! - dominant[0], data[at + 1]! - dominant[1], data[at + 2]! - dominant[2]) > 96) far++
        return { dominant, contrast: far / (data.length / 4) }
      })
      return { width: image.naturalWidth, height: image.naturalHeight, regions }
    },
    { source: png.toString('base64'), boxes },
  )
}

async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource })
  const result = (await page.evaluate(() => (window as unknown as { axe: { run: (context: Document, options: object) => Promise<unknown> } }).axe.run(document, { resultTypes: ['violations'] }))) as { violations: { id: string; nodes: { target: string[] }[] }[] }
  return result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)
}

describe('the guide series in a browser', () => {
  it('lists the parts in the sidebar in menu_order and marks the current one', async () => {
    const page = await open(part4)
    const titles = await page.locator('#weft-sidebar a').allTextContents()
    expect(titles.map((title) => title.trim())).toEqual([
      'Weave Cloud Guides',
      'Setup: Troubleshooting Dashboard with Weave Cloud and Weave Scope',
      'Deploy: Continuous Delivery with Weave Flux',
      'Monitor: Prometheus Monitoring with Weave Cortex',
      'Secure: Container Firewalls',
    ])
    expect((await page.locator('#weft-sidebar [aria-current="page"]').textContent())?.trim()).toBe('Secure: Container Firewalls')
    await page.context().close()
  })

  it('opens a <details> block with the set-up steps', async () => {
    const page = await open(part4)
    const details = page.locator('article details').first()
    expect(await details.evaluate((element) => (element as HTMLDetailsElement).open)).toBe(false)
    await details.locator('summary').click()
    expect(await details.evaluate((element) => (element as HTMLDetailsElement).open)).toBe(true)
    await expect.poll(() => details.locator('h3').first().isVisible()).toBe(true)
    await page.context().close()
  })

  for (const [query, expected] of [
    ['network policy', 'part-4-secure-container-firewalls/'],
    ['kubeadm', 'part-1-setup-troubleshooting-dashboard/'],
    // Only a highlighted code block of part 3 has this word.
    ['cadvisor', 'part-3-monitor-prometheus-monitoring/'],
  ] as const) {
    it(`finds "${query}" and leads to the page that has it`, async () => {
      const page = await open('index.html')
      await page.keyboard.press('/')
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('weft-search')
      await page.keyboard.type(query)
      const results = page.locator('#weft-search-results a')
      await results.first().waitFor({ timeout: 10_000 })
      const hrefs = await results.evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href))
      expect(hrefs.some((href) => href.includes(expected))).toBe(true)
      // The results show the passage, with the words marked.
      expect(await page.locator('#weft-search-results mark').count()).toBeGreaterThan(0)
      const target = results.filter({ has: page.locator('xpath=self::*[contains(@href, "' + expected + '")]') }).first()
      await Promise.all([page.waitForURL((url) => url.href.includes(expected)), target.click()])
      expect(await page.locator('main').textContent()).toContain(query)
      await page.context().close()
    })
  }

  it('leads from a search result to the page on a site served below a path', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(new URL(part4, below.url).href)
    await page.locator('#weft-search').fill('kubeadm')
    const results = page.locator('#weft-search-results > ul > li > a')
    await results.first().waitFor({ timeout: 10_000 })
    const paths = await results.evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname))
    expect(paths).toContain('/guides/part-1-setup-troubleshooting-dashboard/index.html')
    for (const found of paths) expect(found.startsWith('/guides/') && !found.startsWith('/guides/guides/')).toBe(true)
    await context.close()
  })

  it('copies a code block with its button', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] })
    const page = await open(part4, { context })
    // The first block outside the closed set-up <details>: `wget http://shipping`.
    const block = page.locator('article pre:visible').first()
    const code = (await block.locator('code').textContent())!.trim()
    expect(code).toBe('wget http://shipping')
    await block.hover()
    await page.locator('article button.copy:visible').first().click()
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(code)
    await context.close()
  })

  it('keeps the chosen colour scheme after a reload', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' })
    const page = await open(part4, { context })
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    const light = await background()
    await page.locator('.theme-toggle').click()
    expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(true)
    const dark = await background()
    expect(dark).not.toBe(light)
    await page.reload()
    expect(await background()).toBe(dark)
    await context.close()
  })

  it('opens the menu with its button at 390 px, and closes it with Escape', async () => {
    const page = await open(part4, { width: 390 })
    const sidebar = page.locator('#weft-sidebar')
    expect(await sidebar.isVisible()).toBe(false)
    const button = page.locator('.menu-button')
    await button.click()
    await expect.poll(() => sidebar.isVisible()).toBe(true)
    expect(await button.getAttribute('aria-expanded')).toBe('true')
    await page.keyboard.press('Escape')
    await expect.poll(() => sidebar.isVisible()).toBe(false)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await page.context().close()
  })

  it('reads completely without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } })
    const page = await open(part4, { context })
    expect(await page.locator('article').textContent()).toContain('And you’ll see the connection just times out'.replace('’', "'"))
    expect(await page.locator('#weft-sidebar a').count()).toBe(5)
    await context.close()
  })

  it('saves screenshots of Part 4 at 1280 and 390 px that show its title, text and navigation', async () => {
    for (const width of [1280, 390]) {
      const page = await open(part4, { width })
      const png = await page.screenshot({ path: path.join(screenshots, `part-4-${width}.png`), fullPage: true })
      const box = async (selector: string) => (await page.locator(selector).first().boundingBox())!
      const heading = await box('article h1')
      const paragraph = await box('article p')
      const navigation = width === 1280 ? await box('#weft-sidebar') : await box('.menu-button')
      expect(await page.locator('#weft-sidebar').isVisible()).toBe(width === 1280)
      const background = await page.evaluate(() => {
        // The colour behind the heading: the first element up from it with a background of its own.
        for (let element: Element | null = document.querySelector('article h1'); element; element = element.parentElement) {
          const colour = getComputedStyle(element).backgroundColor
          if (!/^rgba\(.*, 0\)$|^transparent$/.test(colour)) return colour.match(/\d+/g)!.slice(0, 3).map(Number)
        }
        return [255, 255, 255]
      })
      const scrollHeight = await page.evaluate(() => document.documentElement.scrollHeight)
      const shot = await pixelsOf(page, png, [heading, paragraph, navigation])
      // The whole page, at the width asked for.
      expect([shot.width, shot.height]).toEqual([width, scrollHeight])
      const [title, text, nav] = shot.regions
      // The title is drawn on the page's own background, in a colour that stands out from it.
      expect(distance(title!.dominant, background), `${width} px: background ${title!.dominant} under the title, ${background} in the styles`).toBeLessThan(12)
      for (const [name, region] of [['title', title], ['first paragraph', text], [width === 1280 ? 'sidebar' : 'menu button', nav]] as const) {
        expect(region!.contrast, `${width} px: share of the ${name}'s pixels that stand out`).toBeGreaterThan(0.02)
        expect(region!.contrast, `${width} px: share of the ${name}'s pixels that stand out`).toBeLessThan(0.7)
      }
      await page.context().close()
    }
  })

  it('has no accessibility violations on any page, light and dark, wide and narrow', async () => {
    const found: string[] = []
    for (const route of pages) {
      for (const [width, colorScheme] of [[1280, 'light'], [390, 'dark']] as const) {
        const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme })
        const page = await open(route, { context })
        for (const violation of await violations(page)) found.push(`${route} at ${width} px, ${colorScheme}: ${violation}`)
        await context.close()
      }
    }
    expect(found).toEqual([])
  }, 120_000)
})

describe('text weft writes into pages', () => {
  it('is escaped everywhere: title, navigation, table of contents, search', async () => {
    const attack = '<img src=x onerror=alert(1)>'
    const root = makeSite({
      'content/index.md': '---\ntitle: Home\n---\n\nHome.\n',
      'content/attack.md': `---\ntitle: Page ${attack}\n---\n\n## Heading \\${attack}\n\nSome text about weft.\n`,
    })
    const out = tempDir()
    const result = await build({ root, out })
    expect(result.ok).toBe(true)
    const served = await serveFolder(out)
    const page = await browser.newPage()
    const dialogs: string[] = []
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message())
      await dialog.dismiss()
    })
    await page.goto(new URL('attack/', served.url).href)
    expect(await page.title()).toContain(attack)
    expect(await page.locator('#weft-sidebar').textContent()).toContain(attack)
    expect(await page.locator('aside').first().textContent()).toContain(attack)
    expect(await page.locator('h1').textContent()).toContain(attack)
    expect(await page.locator('article h2').textContent()).toContain(attack)
    expect(await page.locator('img[src="x"]').count()).toBe(0)
    await page.locator('#weft-search').fill('weft')
    await page.locator('#weft-search-results a').first().waitFor({ timeout: 10_000 })
    expect(await page.locator('#weft-search-results img').count()).toBe(0)
    expect(dialogs).toEqual([])
    await page.close()
    await served.close()
  })
})
