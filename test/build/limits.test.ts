// Pages built to hurt: weft finishes or refuses with a message, in bounded time.

import { describe, expect, it } from 'vitest'
import { build } from '../../src/index.js'
import { makeSite } from '../helpers/site.js'

const page = (body: string) => ({ 'content/index.md': `---\ntitle: Home\n---\n\n${body}` })

async function run(body: string, extra: Record<string, string> = {}) {
  const started = performance.now()
  const result = await build({ root: makeSite({ ...page(body), ...extra }), write: false, config: { search: false } })
  return { result, seconds: (performance.now() - started) / 1000, rules: result.messages.map((message) => `${message.file}:${message.line} ${message.ruleId}`) }
}

describe('limits', () => {
  it('refuses a 10 MB page at once', async () => {
    const { rules, seconds } = await run('A line of text for a page far too long.\n\n'.repeat(250_000))
    expect(rules).toEqual(['content/index.md:1 page-too-large'])
    console.info(`10 MB page refused in ${seconds.toFixed(2)} s`)
  })

  it('refuses lists nested 1,000 deep, pointing at the line', async () => {
    const body = Array.from({ length: 1000 }, (_, depth) => `${'  '.repeat(depth)}- item ${depth}\n`).join('')
    const { rules } = await run(body)
    expect(rules).toEqual(['content/index.md:106 nesting-too-deep'])
  })

  it('refuses includes that multiply without end', async () => {
    const files: Record<string, string> = {}
    for (let level = 0; level < 40; level++) files[`content/m${level}.md`] = `{{ include "./m${level + 1}.md" }}\n{{ include "./m${level + 1}.md" }}\n`
    files['content/m40.md'] = 'x'.repeat(100)
    const { rules } = await run('{{ include "./m0.md" }}\n', files)
    expect(rules).toEqual(['content/m38.md:2 page-too-large'])
  })

  it('builds a 100,000-character line and 20,000 headings', async () => {
    const long = await run(`${'word '.repeat(20_000)}\n`)
    expect(long.result.ok).toBe(true)
    const headings = await run(Array.from({ length: 20_000 }, (_, index) => `## Heading ${index}\n`).join('\n'))
    expect(headings.result.ok).toBe(true)
    console.info(`100,000-character line: ${long.seconds.toFixed(1)} s; 20,000 headings: ${headings.seconds.toFixed(1)} s`)
  }, 120_000)
})
