// The search box of a site whose index comes in shards (220 pages: two shards at
// weft's own sizes), in a real Chromium: a page indexed in a shard other than the
// first is found, a word on every page brings results from both shards, the pages
// that match best come first whichever shard holds them; and after one page
// changed, the index `weft build` makes again only in part answers every query
// exactly as an index made from nothing does. At a host's root and below a path.

import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { build } from '../../src/index.js'
import { searchShardCount, searchShardOf } from '../../src/render/search-index.js'
import { launchBrowser } from '../helpers/browser.js'
import { makeSite, tempDir } from '../helpers/site.js'
import { serveFolder } from '../helpers/static-server.js'

const pageCount = 219
const spices = ['amaranth', 'bergamot', 'cardamom', 'dill', 'elderflower', 'fennel', 'galangal', 'hyssop', 'juniper', 'kaffir', 'lovage', 'marjoram']
/** Pages about cumin: they name it in their title and three times in their text, every other page once. */
const cuminPages = [3, 50, 97, 144, 191]
const output = (number: number) => `page-${number}/index.html`

function pageText(number: number): string {
  const spice = spices[number % spices.length]!
  const title = cuminPages.includes(number) ? `Cumin, page ${number}` : `Page ${number}`
  const cumin = cuminPages.includes(number) ? 'Cumin seeds, ground cumin and cumin oil.' : 'A pinch of cumin.'
  return `---\ntitle: ${title}\nmenu_order: ${number}\n---\nThis page is about ${spice} from the spice cabinet, shelf s${number}x. ${cumin}\n`
}

let browser: Browser
let count: number
/** The site as built once, then after page 7 changed (made again with the cache), and as made from nothing. */
let sites: Record<'root' | 'below' | 'incremental' | 'fresh', { url: string; close: () => Promise<void> }>

beforeAll(async () => {
  count = searchShardCount(pageCount + 1)
  const files: Record<string, string> = { 'content/index.md': '---\ntitle: Home\n---\nThe spice cabinet.\n' }
  for (let number = 1; number <= pageCount; number++) files[`content/page-${number}.md`] = pageText(number)
  const root = makeSite(files)
  const first = tempDir()
  expect((await build({ root, out: first })).ok).toBe(true)
  sites = { root: await serveFolder(first), below: await serveFolder(first, '/docs/') } as typeof sites
  // Page 7 changes: it loses its spice and gains a word no page had.
  fs.writeFileSync(path.join(root, 'content', 'page-7.md'), '---\ntitle: Page 7\nmenu_order: 7\n---\nThis page is about quetzal feathers now, shelf s7x. A pinch of cumin.\n')
  const incremental = tempDir()
  const changed = await build({ root, out: incremental })
  expect(changed.ok).toBe(true)
  const fresh = tempDir()
  expect((await build({ root, out: fresh, cache: false })).ok).toBe(true)
  sites.incremental = await serveFolder(incremental)
  sites.fresh = await serveFolder(fresh)
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  for (const site of Object.values(sites ?? {})) await site.close()
})

/** A page of the site open in a fresh context, its search box ready. */
async function open(site: keyof typeof sites): Promise<Page> {
  const page = await (await browser.newContext()).newPage()
  await page.goto(new URL('page-1/index.html', sites[site].url).href)
  return page
}

/** The results the search box of `page` lists for `query`, as paths from the site's folder with their excerpts. */
async function results(page: Page, query: string): Promise<{ path: string; excerpt: string }[]> {
  const box = page.locator('#weft-search')
  const panel = page.locator('#weft-search-results')
  // Emptied first: the next results are then this query's, not the last one's.
  await box.fill('')
  await panel.waitFor({ state: 'hidden' })
  await box.fill(query)
  const links = page.locator('#weft-search-results > ul > li > a')
  await links.first().waitFor({ timeout: 10_000 })
  const prefix = new URL(page.url()).pathname.replace(/page-1\/index\.html$/, '')
  const found = await links.evaluateAll((anchors) => anchors.map((anchor) => ({ href: (anchor as HTMLAnchorElement).href, excerpt: anchor.textContent ?? '' })))
  return found.map(({ href, excerpt }) => ({ path: (new URL(href).pathname + new URL(href).hash).slice(prefix.length), excerpt }))
}

async function search(site: keyof typeof sites, query: string): Promise<{ page: Page; found: { path: string; excerpt: string }[] }> {
  const page = await open(site)
  return { page, found: await results(page, query) }
}

describe('an index in shards at weft\u2019s own sizes', () => {
  it('has two shards of at least 100 pages each', () => {
    expect(count).toBe(2)
    const outputs = ['index.html', ...Array.from({ length: pageCount }, (_, index) => output(index + 1))]
    for (let shard = 0; shard < count; shard++) expect(outputs.filter((name) => searchShardOf(name, count) === shard).length).toBeGreaterThanOrEqual(100)
  })
})

describe.each([['root', '/'], ['below', '/docs/']] as const)('search over an index in shards, the %s site served at %s', (site, _prefix) => {
  it('finds a page indexed in a shard other than the first, and leads to it', async () => {
    const number = Array.from({ length: pageCount }, (_, index) => index + 1).find((candidate) => searchShardOf(output(candidate), count) > 0)!
    const { page, found } = await search(site, `s${number}x`)
    expect(found.map((result) => result.path)).toEqual([output(number)])
    const prefix = new URL(sites[site].url).pathname
    await Promise.all([page.waitForURL((url) => url.pathname === `${prefix}${output(number)}`), page.locator('#weft-search-results > ul > li > a').first().click()])
    expect(await page.locator('main').textContent()).toContain(`s${number}x`)
    await page.context().close()
  })

  it('brings results from both shards for a word every page has', async () => {
    const { page, found } = await search(site, 'cabinet')
    // The results list shows eight at most: they come from both shards.
    expect(found.length).toBe(8)
    expect(new Set(found.map((result) => searchShardOf(result.path, count))).size).toBe(2)
    await page.context().close()
  })

  it('lists first the pages that match best, whichever shard holds them', async () => {
    expect(new Set(cuminPages.map((number) => searchShardOf(output(number), count))).size).toBe(2)
    const { page, found } = await search(site, 'cumin')
    expect(found.slice(0, cuminPages.length).map((result) => result.path).sort()).toEqual(cuminPages.map(output).sort())
    await page.context().close()
  })
})

describe('after one page changed', () => {
  const queries = ['cumin', 'cabinet', 'quetzal', 'amaranth', 'bergamot', 'fennel', 's7x', 's150x', 'pinch cumin', 'page']

  it('answers every query as an index made from nothing does', async () => {
    const [incremental, fresh] = await Promise.all([open('incremental'), open('fresh')])
    for (const query of queries) expect(await results(incremental, query), query).toEqual(await results(fresh, query))
    await incremental.context().close()
    await fresh.context().close()
  })

  it('finds the new word on the changed page, and the page no more by its old one', async () => {
    const { page, found } = await search('incremental', 'quetzal')
    expect(found.map((result) => result.path)).toEqual([output(7)])
    await page.context().close()
    const before = spices[7 % spices.length]!
    const { page: again, found: withOld } = await search('incremental', before)
    expect(withOld.map((result) => result.path)).not.toContain(output(7))
    await again.context().close()
  })
})
