// A definition pulled into many pages is unused only while none of them refers to
// it, as pages are added, replaced and taken away one at a time.

import { describe, expect, it } from 'vitest'
import { DefinitionUse, type PageReferences } from '../../src/check/definitions.js'
import { Diagnostics } from '../../src/core/diagnostics.js'

const links = '/site/includes/links.md'
const points = { point: (_file: string, offset: number) => ({ line: 1 + offset, column: 1, offset }) }

/** A page that pulls in the include's two definitions, and refers to `uses`. */
const page = (...uses: string[]): PageReferences => ({
  definitions: [
    { identifier: 'home', origin: { file: links, offset: 0, chain: [{ file: '/site/content/x.md', offset: 4 }] } },
    { identifier: 'docs', origin: { file: links, offset: 1, chain: [{ file: '/site/content/x.md', offset: 4 }] } },
  ],
  references: new Set(uses),
})

function unused(use: DefinitionUse): string[] {
  const diagnostics = new Diagnostics(points, '/site')
  use.check(diagnostics)
  return diagnostics.messages.map((message) => `${message.line}: ${message.reason}`)
}

describe('DefinitionUse', () => {
  it('warns about a definition once, where it was written, until a page uses it', () => {
    const use = new DefinitionUse()
    use.set('/site/content/a.md', page())
    use.set('/site/content/b.md', page('home'))
    expect(unused(use)).toEqual(['2: Reference definition `[docs]` is used by no page'])
    use.set('/site/content/a.md', page('docs'))
    expect(unused(use)).toEqual([])
  })

  it('counts a use again when the page that used it is replaced or taken away', () => {
    const use = new DefinitionUse()
    use.set('/site/content/a.md', page('home', 'docs'))
    use.set('/site/content/b.md', page())
    use.set('/site/content/a.md', page('home'))
    expect(unused(use)).toEqual(['2: Reference definition `[docs]` is used by no page'])
    use.delete('/site/content/a.md')
    expect(unused(use)).toEqual(['1: Reference definition `[home]` is used by no page', '2: Reference definition `[docs]` is used by no page'])
    // The last page that pulls them in goes: nothing is left to warn about.
    use.delete('/site/content/b.md')
    expect(unused(use)).toEqual([])
  })
})
