// `weft dev` in a real browser, on a temporary copy of a fixture site: saves show
// up in the open page, includes rebuild exactly their pages, new pages join the
// navigation, and a broken shortcode shows an overlay until it is fixed.

import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { startDev, type DevServer } from '../../src/dev/dev.js'
import type { BuildOutcome } from '../../src/project/project.js'
import { launchBrowser } from '../helpers/browser.js'
import { gotoLive } from '../helpers/live-reload.js'
import { makeSite } from '../helpers/site.js'

const fm = (title: string, order: number) => `---\ntitle: ${title}\nmenu_order: ${order}\n---\n`

let browser: Browser
let server: DevServer
let root: string
const rebuilds: BuildOutcome[] = []

beforeAll(async () => {
  root = makeSite({
    'content/index.md': `${fm('Home', 0)}Welcome.\n`,
    'content/one.md': `${fm('One', 1)}{{ include "./includes/note.md" }}\n\nFirst page text.\n\n${'Filler paragraph.\n\n'.repeat(60)}End.\n`,
    'content/two.md': `${fm('Two', 2)}{{ include "./includes/note.md" }}\n\nSecond page text.\n`,
    'content/three.md': `${fm('Three', 3)}Third page, no include.\n`,
    'includes/note.md': 'Shared note: version 1.\n',
    'templates/assets/weft.css': 'body { background-color: rgb(1, 2, 3); }\n',
  })
  browser = await launchBrowser()
  server = await startDev({ root, port: 0, config: {}, log: () => {}, onRebuild: (outcome) => outcome && rebuilds.push(outcome) })
})

afterAll(async () => {
  await server?.close()
  await browser?.close()
})

const write = (name: string, text: string) => fs.writeFileSync(path.join(root, name), text)
async function open(route: string): Promise<Page> {
  const page = await browser.newPage()
  await gotoLive(page, server, route)
  return page
}

describe('weft dev in a browser', () => {
  it('shows an edited page without a manual reload, keeping the scroll position', async () => {
    const page = await open('one/')
    await page.evaluate(() => window.scrollTo(0, 600))
    write('content/one.md', `${fm('One', 1)}{{ include "./includes/note.md" }}\n\nFirst page text, edited.\n\n${'Filler paragraph.\n\n'.repeat(60)}End.\n`)
    await page.waitForFunction(() => document.body.textContent!.includes('First page text, edited.'), undefined, { timeout: 10_000 })
    await page.waitForFunction(() => window.scrollY > 500, undefined, { timeout: 5_000 })
    await page.close()
  })

  it('rebuilds exactly the pages that use an edited include', async () => {
    const [one, two, three] = await Promise.all([open('one/'), open('two/'), open('three/')])
    await three.evaluate(() => ((window as unknown as { untouched: boolean }).untouched = true))
    rebuilds.length = 0
    write('includes/note.md', 'Shared note: version 2.\n')
    for (const page of [one, two]) await page.waitForFunction(() => document.body.textContent!.includes('version 2'), undefined, { timeout: 10_000 })
    await server.idle()
    expect(rebuilds.at(-1)!.rendered.map((file) => path.basename(file)).sort()).toEqual(['one.md', 'two.md'])
    expect(await three.evaluate(() => (window as unknown as { untouched?: boolean }).untouched)).toBe(true)
    await Promise.all([one.close(), two.close(), three.close()])
  })

  it('makes the print view when it is opened, and again when a page changes', async () => {
    const page = await open('print/')
    expect(await page.locator('main').textContent()).toContain('Third page, no include.')
    write('content/three.md', `${fm('Three', 3)}Third page, printed again.\n`)
    await page.waitForFunction(() => document.body.textContent!.includes('Third page, printed again.'), undefined, { timeout: 10_000 })
    await page.close()
  })

  it('makes the search index when the search box is first used, with the last save in it', async () => {
    const page = await open('one/')
    write('content/three.md', `${fm('Three', 3)}Third page, now about marmalade.\n`)
    await server.idle()
    await page.keyboard.press('/')
    await page.keyboard.type('marmalade')
    const results = page.locator('#weft-search-results a')
    await results.first().waitFor({ timeout: 15_000 })
    expect(await results.evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).pathname))).toContain('/three/index.html')
    await page.close()
  })

  it('puts a new page into the navigation of open pages', async () => {
    const page = await open('three/')
    write('content/four.md', `${fm('Four', 4)}A new page.\n`)
    await page.waitForSelector('nav a:text("Four")', { timeout: 10_000 })
    await page.close()
  })

  it('swaps a changed stylesheet without reloading the page', async () => {
    const page = await open('three/')
    await page.evaluate(() => ((window as unknown as { kept: boolean }).kept = true))
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(1, 2, 3)')
    write('templates/assets/weft.css', 'body { background-color: rgb(4, 5, 6); }\n')
    await page.waitForFunction(() => getComputedStyle(document.body).backgroundColor === 'rgb(4, 5, 6)', undefined, { timeout: 10_000 })
    expect(await page.evaluate(() => (window as unknown as { kept?: boolean }).kept)).toBe(true)
    await page.close()
  })

  it('shows a broken shortcode over the page with its file and line, and clears it when fixed', async () => {
    const page = await open('two/')
    write('content/two.md', `${fm('Two', 2)}{{ include "./includes/note.md" }}\n\n[[ open_details ]]\n\nSecond page text.\n`)
    const overlay = page.locator('#weft-error-overlay')
    await overlay.waitFor({ timeout: 10_000 })
    expect(await overlay.locator('.weft-error-place').first().textContent()).toBe('content/two.md:7:1')
    expect(await overlay.locator('.weft-error-message').first().textContent()).toContain('`[[ open_details ]]` is never closed')
    expect(await overlay.locator('.weft-error-source').first().textContent()).toContain('[[ open_details ]]')
    // The last good page is still what the server gives.
    const response = await fetch(new URL('two/', server.url))
    expect(await response.text()).toContain('Second page text.')
    write('content/two.md', `${fm('Two', 2)}{{ include "./includes/note.md" }}\n\n[[ open_details ]]\n\nSecond page text, fixed.\n\n[[ close_details ]]\n`)
    await page.waitForFunction(() => document.body.textContent!.includes('fixed.') && !document.getElementById('weft-error-overlay'), undefined, { timeout: 10_000 })
    expect(await page.locator('details').count()).toBe(1)
    await page.close()
  })
})
