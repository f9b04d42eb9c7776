// The build-error overlay of `weft dev` in Chromium: it shows each message's hint
// as the terminal does, and a reader can close it, with its button or Esc, until
// the next change brings it back. Focus goes to the button and back.

import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { startDev, type DevServer } from '../../src/dev/dev.js'
import { launchBrowser } from '../helpers/browser.js'
import { gotoLive } from '../helpers/live-reload.js'
import { makeSite } from '../helpers/site.js'

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
const page = (title: string, body: string) => `---\ntitle: ${title}\n---\n\n${body}\n`

let browser: Browser
let server: DevServer
let root: string

beforeAll(async () => {
  root = makeSite({ 'content/index.md': page('Home', 'Welcome.'), 'content/guide.md': page('Guide', 'Guide text.\n\n[[ open_details ]]\n\nInside.\n\n[[ close_details ]]') })
  browser = await launchBrowser()
  server = await startDev({ root, port: 0, config: { search: false }, log: () => {} })
})

afterAll(async () => {
  await server?.close()
  await browser?.close()
})

const write = (name: string, text: string) => fs.writeFileSync(path.join(root, name), text)

async function open(route: string): Promise<Page> {
  const tab = await browser.newPage()
  await gotoLive(tab, server, route)
  return tab
}

const broken = (note: string) => page('Guide', `Guide text.\n\n[[ open_details ]]\n\n${note}\n`)

describe('the error overlay of weft dev', () => {
  it('shows the hint, closes with its button or Esc until the next change, and gives focus back', async () => {
    const tab = await open('guide/')
    const search = tab.locator('#weft-search')
    await search.focus()
    write('content/guide.md', broken('First break.'))
    const overlay = tab.getByRole('alertdialog', { name: 'weft: the build failed' })
    await overlay.waitFor({ timeout: 10_000 })
    expect(await overlay.locator('.weft-error-place').textContent()).toBe('content/guide.md:7:1')
    expect(await overlay.locator('.weft-error-message').textContent()).toBe('error: `[[ open_details ]]` is never closed [unclosed-shortcode]')
    expect(await overlay.locator('.weft-error-hint').textContent()).toBe('hint: add `[[ close_details ]]` where the block ends')

    await tab.addScriptTag({ content: axeSource })
    const axe = (await tab.evaluate(() => (window as unknown as { axe: { run: (context: string, options: object) => Promise<unknown> } }).axe.run('#weft-error-overlay', { resultTypes: ['violations'] }))) as { violations: { id: string }[] }
    expect(axe.violations.map((violation) => violation.id)).toEqual([])

    // The button is a real one, named, and has the keyboard while the overlay is up.
    const close = overlay.getByRole('button', { name: 'Close' })
    expect(await close.evaluate((button) => button === document.activeElement)).toBe(true)
    await tab.keyboard.press('Tab')
    expect(await close.evaluate((button) => button === document.activeElement)).toBe(true)
    await close.click()
    await overlay.waitFor({ state: 'hidden' })
    expect(await search.evaluate((input) => input === document.activeElement)).toBe(true)

    // The next change that still fails shows it again; Esc closes it.
    write('content/guide.md', broken('Second break.'))
    await overlay.waitFor({ timeout: 10_000 })
    await tab.keyboard.press('Escape')
    await overlay.waitFor({ state: 'hidden' })
    expect(await search.evaluate((input) => input === document.activeElement)).toBe(true)

    // Closed, the page under it is the last good one, and it is usable.
    expect(await tab.locator('main').textContent()).toContain('Inside.')
    write('content/guide.md', broken('Third break.'))
    await overlay.waitFor({ timeout: 10_000 })
    expect(await overlay.locator('.weft-error-hint').count()).toBe(1)

    // Fixed: the page reloads, without the overlay.
    write('content/guide.md', page('Guide', 'Guide text, fixed.'))
    await tab.waitForFunction(() => document.body.textContent!.includes('fixed.') && !document.getElementById('weft-error-overlay'), undefined, { timeout: 10_000 })
    await tab.close()
  })

  it('shows a page opened while the build is broken its overlay, hint included', async () => {
    write('content/guide.md', broken('Broken before the page opened.'))
    const tab = await open('')
    const overlay = tab.getByRole('alertdialog')
    await overlay.waitFor({ timeout: 10_000 })
    expect(await overlay.locator('.weft-error-hint').textContent()).toBe('hint: add `[[ close_details ]]` where the block ends')
    await tab.keyboard.press('Escape')
    await overlay.waitFor({ state: 'hidden' })
    write('content/guide.md', page('Guide', 'Fixed again.'))
    await tab.close()
  })
})
