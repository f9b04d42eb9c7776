// Random soups of directives, quotes, brackets and line endings through the front
// matter reader, the include expander and the shortcode parser: they never throw
// anything but weft's own positioned messages, always end, and every position they
// report lies inside the file they name.

import fs from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { build, Diagnostics, expandPage, readFrontMatter, SourceStore } from '../../src/index.js'
import { makeSite } from '../helpers/site.js'

const pieces = [
  '{{ include "./a.md" }}', '{{ include "./b.md" lines="1-2" }}', '{{ include "./missing.md" }}', '<< include "./a.md" >>',
  '{"gitdown": "include", "file": "./a.md"}', '{"gitdown": "contents"}', '{"gitdown": "nope"}', '{"gitdown": ', '{{ build_info }}',
  '{{ include ', '{{', '}}', '<<', '>>', '{', '}', '[[ open_div ]]', '[[ close_div ]]', '[[ open_details "summary=\'x\'" ]]',
  '[[ close_details ]]', '[[ open_tag "section" ]]', '[[ close_tag "section" ]]', '[[ open_div "class=\'a ]]', '[[ bogus ]]', '[[', ']]',
  '"', "'", '`', '\\`', '\\', '\n', '\r\n', '\r', '\n\n', ' ', '\t', '## Heading', '- item', '> quote', '```', '~~~', 'text',
  '<!-- gitdown: off -->', '<!-- gitdown: on -->', '<div>', '</div>', '[link](a.md)', '![img](x.png)', '---', 'title: x', 'é', '\u0000',
]
const soup = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((parts) => parts.join(''))

/** Positioned messages checked, by file name: each property must have checked some, or it proved nothing. */
let checked = new Map<string, number>()

/** Every message names a file of the site and a line and column inside it. */
function expectInside(messages: { file?: string | null; line?: number; column?: number }[], root: string): void {
  for (const message of messages) {
    if (!message.file) continue
    checked.set(message.file, (checked.get(message.file) ?? 0) + 1)
    const text = fs.readFileSync(path.join(root, message.file), 'utf8').replace(/^\uFEFF/, '')
    const lines = text.split(/\r\n|\r|\n/)
    expect(message.line, `${message.file}:${message.line}`).toBeGreaterThanOrEqual(1)
    expect(message.line!).toBeLessThanOrEqual(lines.length)
    expect(message.column!).toBeGreaterThanOrEqual(1)
    expect(message.column!).toBeLessThanOrEqual(lines[message.line! - 1]!.length + 1)
  }
}

describe('properties', () => {
  it('the front matter reader never throws, and points inside the text', () => {
    fc.assert(
      fc.property(soup, fc.constantFrom('---\n', '---\r\n', '---\r', ''), (body, opening) => {
        const text = opening + body
        const result = readFrontMatter(text)
        if ('offset' in result) expect(result.offset).toBeLessThanOrEqual(text.length)
        else expect(result.bodyOffset).toBeLessThanOrEqual(text.length)
      }),
      { numRuns: 2000 },
    )
  })

  it('the expander ends, never throws, and reports only positions inside the named file', () => {
    const root = makeSite({ 'content/a.md': 'A {{ include "./b.md" }}\n', 'content/b.md': 'one\ntwo\r\nthree' })
    checked = new Map()
    let frames = 0
    fc.assert(
      fc.property(soup, soup, (page, include) => {
        const sources = new SourceStore()
        const diagnostics = new Diagnostics(sources, root)
        fs.writeFileSync(path.join(root, 'content', 'page.md'), page)
        fs.writeFileSync(path.join(root, 'content', 'b.md'), include)
        const expanded = expandPage(path.join(root, 'content', 'page.md'), 0, { root, sources, diagnostics, buildInfo: 'B' })
        expect(typeof expanded.text).toBe('string')
        expectInside(diagnostics.messages, root)
        for (const message of diagnostics.messages) for (const frame of message.includedFrom) {
          frames++
          expectInside([frame], root)
        }
      }),
      { numRuns: 400 },
    )
    // Messages were positioned in the page and in the include, and include chains were followed.
    expect(checked.get('content/page.md') ?? 0).toBeGreaterThan(0)
    expect(checked.get('content/b.md') ?? 0).toBeGreaterThan(0)
    expect(frames).toBeGreaterThan(0)
  })

  it('a whole build of random pages ends with positioned messages, never a crash', async () => {
    const root = makeSite({ 'content/a.md': 'A\n', 'content/b.md': 'B\n' })
    checked = new Map()
    let messages = 0
    await fc.assert(
      fc.asyncProperty(soup, async (body) => {
        fs.writeFileSync(path.join(root, 'content', 'index.md'), `---\ntitle: Home\n---\n${body}`)
        const result = await build({ root, write: false, config: { search: false } })
        expectInside(result.messages, root)
        messages += result.messages.length
        for (const message of result.messages) expect(message.ruleId).toMatch(/^[a-z]+(-[a-z]+)+$/)
      }),
      { numRuns: 150 },
    )
    expect(messages).toBeGreaterThan(0)
    expect(checked.get('content/index.md') ?? 0).toBeGreaterThan(0)
  }, 120_000)
})
