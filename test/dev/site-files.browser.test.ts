// In `weft dev`, the 404 page and the sitemap follow a save: after a new page is
// added, the sitemap lists it and the navigation of the 404 page (what Chromium
// shows for a URL the site does not have) leads to it. And, broken: with a `url`
// below a path, the 404 page's links in `weft dev` lead below that path, which the
// dev server (serving the site at `/`) does not have.

import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { startDev, type DevServer } from '../../src/dev/dev.js'
import type { BuildOutcome } from '../../src/project/project.js'
import { launchBrowser } from '../helpers/browser.js'
import { byTag, makeSite, parseHtml, textOf } from '../helpers/site.js'

const fm = (title: string, order: number) => `---\ntitle: ${title}\nmenu_order: ${order}\n---\n`

let browser: Browser
const servers: DevServer[] = []

beforeAll(async () => {
  browser = await launchBrowser()
}, 60_000)

afterAll(async () => {
  for (const server of servers) await server.close()
  await browser?.close()
})

async function startSite(url: string) {
  const root = makeSite({
    'content/index.md': `${fm('Home', 0)}Welcome.\n`,
    'content/one.md': `${fm('One', 1)}First page.\n`,
  })
  let rebuilt: ((outcome: BuildOutcome | undefined) => void) | undefined
  const server = await startDev({ root, port: 0, config: { url, search: false }, log: () => {}, onRebuild: (outcome) => rebuilt?.(outcome) })
  servers.push(server)
  // The first build's 404 page and sitemap, made a moment after it.
  await server.idle()
  /** Writes a file of the site and waits for the rebuild, then for the 404 page and the sitemap. */
  const save = async (name: string, text: string) => {
    const rebuild = new Promise<BuildOutcome | undefined>((resolve) => (rebuilt = resolve))
    fs.writeFileSync(path.join(root, name), text)
    expect((await rebuild)?.ok).toBe(true)
    await server.idle()
  }
  return { server, save }
}

async function sitemapLocations(server: DevServer): Promise<string[]> {
  const response = await fetch(new URL('sitemap.xml', server.url))
  expect(response.status).toBe(200)
  return byTag(parseHtml(await response.text()), 'loc').map((loc) => textOf(loc).trim())
}

async function notFoundNavigation(server: DevServer): Promise<{ status: number | undefined; links: Array<{ text: string; href: string }> }> {
  const page = await browser.newPage()
  const response = await page.goto(new URL('no-such-page/', server.url).href)
  const links = await page.locator('main .not-found-list a').evaluateAll((anchors) => anchors.map((anchor) => ({ text: anchor.textContent!.trim(), href: (anchor as HTMLAnchorElement).href })))
  await page.close()
  return { status: response?.status(), links }
}

describe('weft dev, after a page is added', () => {
  it('lists the new page in the sitemap and in the navigation of the 404 page', async () => {
    const { server, save } = await startSite('https://example.com/')
    expect(await sitemapLocations(server)).toEqual(['https://example.com/', 'https://example.com/one/'])
    const before = await notFoundNavigation(server)
    expect(before.status).toBe(404)
    expect(before.links.map((link) => link.text)).toContain('One')
    expect(before.links.map((link) => link.text)).not.toContain('Two, just added')

    await save('content/two.md', `${fm('Two, just added', 2)}Second page.\n`)

    expect(await sitemapLocations(server)).toEqual(['https://example.com/', 'https://example.com/one/', 'https://example.com/two/'])
    const after = await notFoundNavigation(server)
    expect(after.status).toBe(404)
    const added = after.links.find((link) => link.text === 'Two, just added')
    expect(added, JSON.stringify(after.links)).toBeDefined()
    // Followed, the link opens the new page.
    const page = await browser.newPage()
    const response = await page.goto(added!.href)
    expect(response?.status()).toBe(200)
    expect(await page.locator('h1').textContent()).toBe('Two, just added')
    await page.close()
  })

  // The 404 page's `<base href>` comes from the config's `url` (here `/docs/`) in a
  // build, but is `/` in `weft dev`, which serves the site there.
  it('leads from the 404 page to the new page when the site’s `url` has a path', async () => {
    const { server, save } = await startSite('https://example.com/docs/')
    await save('content/two.md', `${fm('Two, just added', 2)}Second page.\n`)
    expect(await sitemapLocations(server)).toEqual(['https://example.com/docs/', 'https://example.com/docs/one/', 'https://example.com/docs/two/'])
    const added = (await notFoundNavigation(server)).links.find((link) => link.text === 'Two, just added')
    expect(added).toBeDefined()
    const page = await browser.newPage()
    const response = await page.goto(added!.href)
    await page.close()
    expect(response?.status()).toBe(200)
  })
})
