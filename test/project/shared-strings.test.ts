// Sharing the repeated strings of pages' records changes nothing in them.

import { describe, expect, it } from 'vitest'
import { SharedStrings } from '../../src/project/shared-strings.js'
import type { RenderedPage } from '../../src/core/compiled-page.js'

const record = (page: string): RenderedPage => ({
  html: '<p>x</p>',
  ids: new Set(['a']),
  links: [{ target: '/site/content/b.md', fragment: 'x', origin: { file: '/site/includes/c.md', offset: 3, chain: [{ file: page, offset: 9 }] } }],
  assets: new Set(['/site/images/a.png']),
  sources: new Set([page, '/site/includes/c.md']),
  linked: new Set(['/site/content/b.md']),
  definitions: [{ identifier: 'home', origin: { file: '/site/includes/links.md', offset: 0 } }],
  references: new Set(['home']),
  toc: [],
  summary: '',
  print: '',
  digest: 'd',
})

describe('SharedStrings', () => {
  it('leaves every record as it was', () => {
    const strings = new SharedStrings()
    for (const page of ['/site/content/a.md', '/site/content/b.md']) {
      const shared = record(page)
      strings.share(shared)
      expect(shared).toEqual(record(page))
    }
  })

  it('gives each probe of a file and signature one array, the same for every page', () => {
    const strings = new SharedStrings()
    const probes = (page: string): [string, string][] => [
      ['/site/images/a.png', 'f:10:1'],
      [page, 'f:20:2'],
      ['/site/content/gone.md', '-'],
    ]
    const first = strings.shareProbes(probes('/site/content/a.md'))
    const second = strings.shareProbes(probes('/site/content/b.md'))
    expect(first).toEqual(probes('/site/content/a.md'))
    expect(second).toEqual(probes('/site/content/b.md'))
    expect(second[0]).toBe(first[0])
    expect(second[2]).toBe(first[2])
    expect(second[1]).not.toBe(first[1])
    // A file seen again with another signature is a probe of its own.
    expect(strings.shareProbes([['/site/images/a.png', 'f:11:3']])[0]).toEqual(['/site/images/a.png', 'f:11:3'])
  })
})
