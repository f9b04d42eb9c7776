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

})
