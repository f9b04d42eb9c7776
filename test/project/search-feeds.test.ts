// The search index's shards while pages render (SearchFeeds, with Pagefind): pages
// are handed back to render shard by shard, and with room for one shard only, each
// opens as the one before is finished, so that no shard is left for after the last
// page. The index comes out as one made with every shard open at once.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Page, Site } from '../../src/core/site.js'
import { Timings } from '../../src/core/timings.js'
import { SearchFeeds } from '../../src/project/search-feeds.js'
import { closeSearch, searchShardCount, searchShardOf } from '../../src/render/search-index.js'

const pages = Array.from({ length: 12 }, (_, index): Page => {
  const name = `page-${index + 1}`
  return { file: `/site/content/${name}.md`, source: `content/${name}.md`, route: `${name}/`, output: `${name}/index.html`, title: `Page ${index + 1}`, menuOrder: index, data: {}, bodyOffset: 0, parent: undefined, children: [], generated: false }
})
const site: Site = { root: '/site', contentDir: '/site/content', home: pages[0]!, roots: [], pages, byFile: new Map(pages.map((page) => [page.file, page])) }

function feedsFor(ready: Set<Page>, timings = new Timings()) {
  return new SearchFeeds({
    lang: 'en',
    cacheFolder: undefined,
    timings,
    isReady: (page) => ready.has(page),
    contentOf: (page) => `<p>${page.title} is about topic ${page.menuOrder} and the shared subject.</p>`,
    digestOf: (page) => page.title,
    spill: () => undefined,
    indexed: () => {},
  })
}

const environment = ['WEFT_SEARCH_SHARD_PAGES', 'WEFT_SEARCH_STREAMED_PAGES'] as const
let saved: (string | undefined)[] = []
beforeEach(() => {
  saved = environment.map((name) => process.env[name])
  process.env.WEFT_SEARCH_SHARD_PAGES = '4'
})
afterEach(async () => {
  environment.forEach((name, index) => (saved[index] === undefined ? delete process.env[name] : (process.env[name] = saved[index])))
  await closeSearch()
})

describe('search shards fed while pages render', () => {
  it('hands pages back shard by shard, opens each shard as the last is finished, and leaves none for the end', async () => {
    const count = searchShardCount(pages.length)
    expect(count).toBe(3)
    const together = feedsFor(new Set(pages))
    await together.open(site, pages)
    const expected = await together.index(site)

    process.env.WEFT_SEARCH_STREAMED_PAGES = '1'
    const ready = new Set<Page>()
    const timings = new Timings()
    const feeds = feedsFor(ready, timings)
    const order = await feeds.open(site, [...pages].reverse())
    const shards = order.map((page) => searchShardOf(page.output, count))
    expect(shards).toEqual([...shards].sort((a, b) => a - b))
    // Within a shard, the site's order.
    for (const shard of new Set(shards)) expect(order.filter((page) => searchShardOf(page.output, count) === shard)).toEqual(pages.filter((page) => searchShardOf(page.output, count) === shard))
    expect(order.map((page) => feeds.feeds(page))).toEqual(shards.map((shard) => shard === shards[0]))

    for (const [index, page] of order.entries()) {
      // The page's shard is open by the time it renders: the one before it was finished.
      await vi.waitFor(() => expect(feeds.feeds(page)).toBe(true))
      ready.add(page)
      feeds.feed()
      if (shards[index + 1] !== undefined && shards[index + 1] !== shards[index]) expect(feeds.feeds(order[index + 1]!)).toBe(false)
    }
    const files = await feeds.index(site)
    expect(timings.entries().map(([phase]) => phase)).not.toContain('search after render')
    expect([...files.keys()].sort()).toEqual([...expected.keys()].sort())
    for (const [name, contents] of expected) expect(Buffer.from(files.get(name)!).equals(Buffer.from(contents))).toBe(true)
  }, 60_000)
})
