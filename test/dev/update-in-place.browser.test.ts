// `weft dev` in Chromium: a saved page changes in place, without a reload, and what
// the reader did (scroll, an open `<details>`, focus, text typed in the search box)
// and what the theme's script made (copy buttons on code) stay; a template change
// still reloads the page.

import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { startDev, type DevServer } from '../../src/dev/dev.js'
import { launchBrowser } from '../helpers/browser.js'
import { gotoLive } from '../helpers/live-reload.js'
import { makeSite, repoRoot } from '../helpers/site.js'

const filler = 'Filler paragraph.\n\n'.repeat(40)
const page = (intro: string, code: string, added = '') =>
  `---\ntitle: One\n---\n${intro}\n\n${added}[[ open_details "summary='More'" ]]\n\nHidden text.\n\n[[ close_details ]]\n\n\`\`\`js\n${code}\n\`\`\`\n\n\`\`\`js\nconst unchanged = true\n\`\`\`\n\n${filler}End.\n`
const footer = (version: string) => fs.readFileSync(path.join(repoRoot, 'templates/partials/footer.liquid'), 'utf8').replace('{% if printHref', `<p class="footer-version">Footer ${version}</p>\n{% if printHref`)

let browser: Browser
let server: DevServer
let root: string

beforeAll(async () => {
  root = makeSite({
    'content/index.md': '---\ntitle: Home\n---\nWelcome.\n',
    'content/one.md': page('Intro, version 1.', 'const version = 1'),
    'templates/partials/footer.liquid': footer('v1'),
  })
  browser = await launchBrowser()
  server = await startDev({ root, port: 0, config: {}, log: () => {} })
}, 30_000)

afterAll(async () => {
  await server?.close()
  await browser?.close()
})

const write = (name: string, text: string) => fs.writeFileSync(path.join(root, name), text)
async function open(route: string): Promise<Page> {
  const tab = await browser.newPage({ viewport: { width: 1200, height: 700 } })
  await gotoLive(tab, server, route)
  // A mark on the window: a reload loses it.
  await tab.evaluate(() => ((window as unknown as { kept: boolean }).kept = true))
  return tab
}
const kept = (tab: Page) => tab.evaluate(() => (window as unknown as { kept?: boolean }).kept === true)

describe('weft dev updates the open page in place', () => {
  it('shows a saved page without a reload, keeping scroll, open details, focus, typed text and copy buttons', async () => {
    const tab = await open('one/')
    expect(await tab.locator('.code .copy').count()).toBe(2)
    await tab.locator('summary', { hasText: 'More' }).click()
    await tab.keyboard.press('/')
    await tab.keyboard.type('hello')
    await tab.evaluate(() => window.scrollTo(0, 900))
    expect(await tab.evaluate(() => window.scrollY)).toBe(900)
    write('content/one.md', page('Intro, version 2.', 'const version = 2', 'A paragraph that was not there.\n\n'))
    await tab.waitForFunction(() => document.body.textContent!.includes('Intro, version 2.'), undefined, { timeout: 10_000 })
    const state = await tab.evaluate(() => ({
      scrollY: window.scrollY,
      open: document.querySelector('details')!.open,
      focused: document.activeElement!.matches('.search input'),
      typed: document.querySelector<HTMLInputElement>('.search input')!.value,
      added: document.body.textContent!.includes('A paragraph that was not there.'),
      // The changed block, still inside the wrapper the theme's script put around it.
      code: [...document.querySelectorAll('.code > pre')].map((pre) => pre.textContent!.trim()),
      copyButtons: document.querySelectorAll('.code > pre + .copy').length,
      bareBlocks: document.querySelectorAll('pre:not(.code > pre)').length,
    }))
    expect(await kept(tab)).toBe(true)
    expect(state).toEqual({ scrollY: expect.any(Number), open: true, focused: true, typed: 'hello', added: true, code: ['const version = 2', 'const unchanged = true'], copyButtons: 2, bareBlocks: 0 })
    expect(state.scrollY).toBeGreaterThan(800)
    await tab.close()
  })

  it('shows a saved title in the tab and in the navigation, without a reload', async () => {
    const tab = await open('one/')
    write('content/one.md', page('Intro, version 3.', 'const version = 2').replace('title: One', 'title: One, renamed'))
    await tab.waitForFunction(() => document.title.startsWith('One, renamed'), undefined, { timeout: 10_000 })
    expect(await tab.locator('.sidebar a', { hasText: 'One, renamed' }).count()).toBe(1)
    expect(await tab.locator('h1').first().textContent()).toBe('One, renamed')
    expect(await kept(tab)).toBe(true)
    await tab.close()
  })

  it('reloads the page when a script in it changed, which only a load runs', async () => {
    write('content/two.md', '---\ntitle: Two\n---\nScript, version 1.\n\n<script>window.ran = 1</script>\n')
    const tab = await open('two/')
    expect(await tab.evaluate(() => (window as unknown as { ran?: number }).ran)).toBe(1)
    write('content/two.md', '---\ntitle: Two\n---\nScript, version 2.\n\n<script>window.ran = 2</script>\n')
    await tab.waitForFunction(() => (window as unknown as { ran?: number }).ran === 2, undefined, { timeout: 10_000 })
    expect(await tab.evaluate(() => document.body.textContent!.includes('Script, version 2.'))).toBe(true)
    expect(await kept(tab)).toBe(false)
    await tab.close()
  })

  it('reloads the page when a template changed', async () => {
    const tab = await open('one/')
    expect(await tab.locator('.footer-version').textContent()).toBe('Footer v1')
    write('templates/partials/footer.liquid', footer('v2'))
    await tab.waitForFunction(() => document.querySelector('.footer-version')?.textContent === 'Footer v2', undefined, { timeout: 10_000 })
    expect(await kept(tab)).toBe(false)
    await tab.close()
  })
})
