// `weft dev` in Chromium: after a save changes the open page in place, the theme's
// script sets up what the save added (`weft:updated`): a new code block gets one Copy
// button that copies, the others keep just theirs, and 'On this page' marks a new
// heading as it is read; its toggle still opens and closes once a click, and stays open.

import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { startDev, type DevServer } from '../../src/dev/dev.js'
import { launchBrowser } from '../helpers/browser.js'
import { gotoLive } from '../helpers/live-reload.js'
import { makeSite } from '../helpers/site.js'

const filler = 'Filler paragraph.\n\n'.repeat(30)
const front = (title: string) => `---\ntitle: ${title}\n---\nIntro.\n\n`
const existing = '## First\n\n```js\nconst existing = 1\n```\n\n'
const added = '## Added\n\n```sh\necho added\n```\n\n'
const last = '## Last\n\n'
const withCode = (middle = '') => `${front('Code')}${existing}${filler}${middle}${filler}${last}${filler}End.\n`

let browser: Browser
let server: DevServer
let root: string

beforeAll(async () => {
  root = makeSite({
    'content/index.md': `${front('Home')}Welcome.\n`,
    'content/code.md': withCode(),
    'content/plain.md': `${front('Plain')}${filler}End.\n`,
  })
  browser = await launchBrowser()
  server = await startDev({ root, port: 0, config: {}, log: () => {} })
}, 30_000)

afterAll(async () => {
  await server?.close()
  await browser?.close()
})

const write = (name: string, text: string) => fs.writeFileSync(path.join(root, name), text)

/** The page in a tab of `context`, once its live-reload connection is open, with a mark on its window that a reload loses. */
async function open(context: BrowserContext, route: string): Promise<Page> {
  const tab = await context.newPage()
  await gotoLive(tab, server, route)
  await tab.evaluate(() => ((window as unknown as { kept: boolean }).kept = true))
  return tab
}
const kept = (tab: Page) => tab.evaluate(() => (window as unknown as { kept?: boolean }).kept === true)
const saved = (tab: Page, id: string) => tab.waitForFunction((id) => document.getElementById(id) !== null, id, { timeout: 10_000 })

/** Each code block's text, and how many Copy buttons its wrapper holds (-1: not wrapped). */
const blocks = (tab: Page) =>
  tab.evaluate(() =>
    [...document.querySelectorAll('pre')].map((pre) => ({
      code: pre.textContent!.trim(),
      buttons: pre.parentElement!.matches('.code') ? pre.parentElement!.querySelectorAll('.copy').length : -1,
    })),
  )
/** The hrefs of the links 'On this page' marks active, once `href`'s heading is at the top of the view. */
async function activeAt(tab: Page, href: string): Promise<string[]> {
  await tab.evaluate((href) => document.getElementById(href.slice(1))!.scrollIntoView(), href)
  await tab.waitForFunction((href) => document.querySelector('.toc a.active')?.getAttribute('href') === href, href, { timeout: 3000 }).catch(() => {})
  return tab.evaluate(() => [...document.querySelectorAll('.toc a.active')].map((link) => link.getAttribute('href')!))
}
async function copy(tab: Page, code: string): Promise<string> {
  const box = tab.locator('.code', { has: tab.locator('pre', { hasText: code }) })
  await box.hover()
  await box.locator('.copy').click()
  return tab.evaluate(() => navigator.clipboard.readText())
}

describe('weft dev sets up what a save adds to the open page', () => {
  it('gives a new code block one working Copy button and follows a new heading in the table of contents', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 700 }, permissions: ['clipboard-read', 'clipboard-write'] })
    const tab = await open(context, 'code/')
    expect(await blocks(tab)).toEqual([{ code: 'const existing = 1', buttons: 1 }])
    write('content/code.md', withCode(added))
    await saved(tab, 'added')
    expect(await kept(tab)).toBe(true)
    expect(await blocks(tab)).toEqual([
      { code: 'const existing = 1', buttons: 1 },
      { code: 'echo added', buttons: 1 },
    ])
    expect(await copy(tab, 'echo added')).toBe('echo added')
    expect(await copy(tab, 'const existing = 1')).toBe('const existing = 1')
    expect(await tab.locator('.toc a').evaluateAll((links) => links.map((link) => link.getAttribute('href')))).toEqual(['#first', '#added', '#last'])
    expect(await activeAt(tab, '#added')).toEqual(['#added'])
    expect(await activeAt(tab, '#first')).toEqual(['#first'])
    expect(await activeAt(tab, '#added')).toEqual(['#added'])
    expect(await kept(tab)).toBe(true)
    await context.close()
  })

  it('sets up a table of contents a save adds, once: its toggle works and stays open through the next save', async () => {
    // Narrow: the table sits above the page, folded behind its toggle.
    const context = await browser.newContext({ viewport: { width: 800, height: 700 } })
    const tab = await open(context, 'plain/')
    expect(await tab.locator('.toc').count()).toBe(0)
    write('content/plain.md', `${front('Plain')}${filler}## Second\n\n${filler}End.\n`)
    await saved(tab, 'second')
    const toggle = tab.locator('.toc-toggle')
    const expanded = () => toggle.getAttribute('aria-expanded')
    await toggle.click()
    expect(await expanded()).toBe('true')
    await toggle.click()
    expect(await expanded()).toBe('false')
    await toggle.click()
    write('content/plain.md', `${front('Plain')}${filler}## Second\n\n${filler}## Third\n\n${filler}End.\n`)
    await saved(tab, 'third')
    // The reader opened it: the save leaves it open, and a click closes it (a second listener would undo it).
    expect(await expanded()).toBe('true')
    await toggle.click()
    expect(await expanded()).toBe('false')
    expect(await activeAt(tab, '#third')).toEqual(['#third'])
    expect(await activeAt(tab, '#second')).toEqual(['#second'])
    expect(await kept(tab)).toBe(true)
    await context.close()
  })
})
