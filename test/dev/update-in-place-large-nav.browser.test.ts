// `weft dev` on a site too large for every page to list every page: the theme's
// script builds the sidebar's tree in the page. A saved page body changes in place
// and the tree stays; a saved title changes the tree's file, which the page loads
// (and the served sidebar, whose nodes the script replaced): the page loads again
// rather than being patched half-way. Either reason alone makes it reload; the test
// fails only with both checks taken out of the client.

import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { startDev, type DevServer } from '../../src/dev/dev.js'
import { launchBrowser } from '../helpers/browser.js'
import { gotoLive } from '../helpers/live-reload.js'
import { makeLargeSite } from '../helpers/large-site.js'

let browser: Browser
let server: DevServer
let root: string

beforeAll(async () => {
  root = makeLargeSite(40, 6)
  browser = await launchBrowser()
  server = await startDev({ root, port: 0, config: { search: false }, log: () => {} })
}, 60_000)

afterAll(async () => {
  await server?.close()
  await browser?.close()
})

const write = (text: string) => fs.writeFileSync(path.join(root, 'content/section-2/page-3.md'), text)
const kept = (tab: Page) => tab.evaluate(() => (window as unknown as { kept?: boolean }).kept === true)
/** The page, once its live-reload connection is open and the script has built the whole sidebar. */
async function open(route: string): Promise<Page> {
  const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  await gotoLive(tab, server, route)
  await tab.waitForFunction(() => document.querySelectorAll('#weft-sidebar > ul > li').length === 41, undefined, { timeout: 10_000 })
  await tab.evaluate(() => ((window as unknown as { kept: boolean }).kept = true))
  return tab
}

describe('weft dev on a site whose sidebar the script builds', () => {
  it('changes a saved body in place and keeps the whole tree', async () => {
    const tab = await open('section-2/page-3/')
    write('---\ntitle: Page 2.3\nmenu_order: 3\n---\n## Steps\n\nStep 3 of section 2, edited.\n')
    await tab.waitForFunction(() => document.body.textContent!.includes('Step 3 of section 2, edited.'), undefined, { timeout: 10_000 })
    expect(await kept(tab)).toBe(true)
    expect(await tab.locator('#weft-sidebar > ul > li').count()).toBe(41)
    await tab.close()
  })

  it('loads the page again when a saved title changes the sidebar', async () => {
    const tab = await open('section-2/page-3/')
    write('---\ntitle: Page 2.3, renamed\nmenu_order: 3\n---\n## Steps\n\nStep 3 of section 2, edited.\n')
    await tab.waitForFunction(() => document.querySelector('h1')?.textContent === 'Page 2.3, renamed', undefined, { timeout: 10_000 })
    await tab.waitForFunction(() => document.querySelectorAll('#weft-sidebar > ul > li').length === 41, undefined, { timeout: 10_000 })
    expect(await kept(tab)).toBe(false)
    expect(await tab.locator('#weft-sidebar a[aria-current="page"]').textContent()).toBe('Page 2.3, renamed')
    await tab.close()
  })
})
