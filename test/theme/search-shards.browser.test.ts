// The search box of a site whose index comes in shards (made small here with
// WEFT_SEARCH_SHARD_PAGES), in a real Chromium: a page indexed in a shard other
// than the first is found, a word on every page brings results from all shards,
// and a word one shard has a little less often does not fill the first results
// with that shard's pages; at a host's root and below a path.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { build } from '../../src/index.js'
import { searchShardCount, searchShardOf } from '../../src/render/search-index.js'
import { launchBrowser } from '../helpers/browser.js'
import { makeSite, tempDir } from '../helpers/site.js'
import { serveFolder } from '../helpers/static-server.js'

const pageCount = 12
const words = ['amaranth', 'bergamot', 'cardamom', 'dill', 'elderflower', 'fennel', 'galangal', 'hyssop', 'juniper', 'kaffir', 'lovage', 'marjoram']

let browser: Browser
let sites: Record<string, { url: string; close: () => Promise<void> }>
let count: number
/** The page left without the word "pepper", which every other page has: in the shard with the most pages. */
let without: number

beforeAll(async () => {
  const before = process.env.WEFT_SEARCH_SHARD_PAGES
  process.env.WEFT_SEARCH_SHARD_PAGES = '4'
  count = searchShardCount(pageCount + 1)
  const shardOfPage = (number: number) => searchShardOf(`page-${number}/index.html`, count)
  const numbers = Array.from({ length: pageCount }, (_, index) => index + 1)
  const largest = [...Array(count).keys()].sort((a, b) => numbers.filter((n) => shardOfPage(n) === b).length - numbers.filter((n) => shardOfPage(n) === a).length)[0]
  without = numbers.find((number) => shardOfPage(number) === largest)!
  const files: Record<string, string> = { 'content/index.md': '---\ntitle: Home\n---\nThe spice cabinet.\n' }
  for (const number of numbers) {
    const pepper = number === without ? '' : ' It goes well with pepper.'
    files[`content/page-${number}.md`] = `---\ntitle: Page ${number}\nmenu_order: ${number}\n---\nThis page is about ${words[number - 1]}, one more spice of the cabinet.${pepper}\n`
  }
  try {
    const out = tempDir()
    expect((await build({ root: makeSite(files), out })).ok).toBe(true)
    sites = { '/': await serveFolder(out), '/docs/': await serveFolder(out, '/docs/') }
  } finally {
    if (before === undefined) delete process.env.WEFT_SEARCH_SHARD_PAGES
    else process.env.WEFT_SEARCH_SHARD_PAGES = before
  }
  browser = await launchBrowser()
}, 60_000)

afterAll(async () => {
  await browser?.close()
  for (const site of Object.values(sites ?? {})) await site.close()
})

async function search(prefix: string, query: string): Promise<{ page: Page; hrefs: string[] }> {
  const page = await (await browser.newContext()).newPage()
  await page.goto(new URL('page-1/index.html', sites[prefix]!.url).href)
  await page.locator('#weft-search').fill(query)
  const results = page.locator('#weft-search-results > ul > li > a')
  await results.first().waitFor({ timeout: 10_000 })
  return { page, hrefs: await results.evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href)) }
}

describe.each(['/', '/docs/'])('search over an index in shards, the site at %s', (prefix) => {
  it('finds a page indexed in a shard other than the first, and leads to it', async () => {
    const number = words.findIndex((_, index) => searchShardOf(`page-${index + 1}/index.html`, count) > 0) + 1
    expect(number).toBeGreaterThan(0)
    const { page, hrefs } = await search(prefix, words[number - 1]!)
    expect(hrefs.map((href) => new URL(href).pathname + new URL(href).hash)).toEqual([`${prefix}page-${number}/index.html`])
    await Promise.all([page.waitForURL((url) => url.pathname === `${prefix}page-${number}/index.html`), page.locator('#weft-search-results > ul > li > a').first().click()])
    expect(await page.locator('main').textContent()).toContain(words[number - 1])
    await page.context().close()
  })

  it('brings results from every shard for a word every page has', async () => {
    const { page, hrefs } = await search(prefix, 'spice')
    const paths = hrefs.map((href) => new URL(href).pathname + new URL(href).hash)
    for (const found of paths) expect(found).toMatch(new RegExp(`^${prefix}(?:page-\\d+/)?index\\.html$`))
    const shards = new Set(paths.map((found) => searchShardOf(found.slice(prefix.length), count)))
    // The results list shows eight at most: they come from more than one shard.
    expect(hrefs.length).toBe(8)
    expect(shards.size).toBeGreaterThan(1)
    await page.context().close()
  })

  it('weighs the shards alike: a word one shard has less often does not take the first results', async () => {
    const { page, hrefs } = await search(prefix, 'pepper')
    const shardOf = (href: string) => searchShardOf(new URL(href).pathname.slice(prefix.length), count)
    const having = new Set(Array.from({ length: pageCount }, (_, index) => index + 1).filter((number) => number !== without).map((number) => searchShardOf(`page-${number}/index.html`, count)))
    expect(having.size).toBeGreaterThan(2)
    // The best page of each shard first, then the second of each.
    const first = hrefs.slice(0, having.size).map(shardOf)
    expect(new Set(first)).toEqual(having)
    await page.context().close()
  })
})
