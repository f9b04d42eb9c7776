// Stage 1 on real files in a temp folder: every directive form, escapes, regions,
// and positions that lead back through includes to where the author wrote them.

import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Diagnostics, expandFile, expandPage, SourceStore } from '../../src/index.js'
import { makeSite } from '../helpers/site.js'

function expand(files: Record<string, string>, page = 'content/page.md', buildInfo = '') {
  const root = makeSite(files)
  const sources = new SourceStore()
  const diagnostics = new Diagnostics(sources, root)
  const file = path.join(root, page)
  const expanded = expandPage(file, 0, { root, sources, diagnostics, buildInfo })
  const where = (offset: number) => {
    const origin = expanded.map.origin(offset)
    const point = sources.point(origin.file, origin.offset)
    return `${diagnostics.relative(origin.file)}:${point.line}:${point.column}`
  }
  return { ...expanded, root, where, messages: diagnostics.messages.map((message) => `${message.file}:${message.line}:${message.column} ${message.ruleId}`) }
}

describe('includes', () => {
  it('expands all three forms, resolving from the site root as a fallback', () => {
    const result = expand({
      'content/page.md': 'A\n{{ include "./includes/x.md" }}\nB\n<< include "./includes/x.md" >>\nC\n{"file": "./includes/x.md",  "gitdown":"include"}\n',
      'includes/x.md': 'X\n',
    })
    expect(result.text).toBe('A\nX\nB\nX\nC\nX\n')
    expect(result.messages).toEqual([])
  })

  it('resolves a nested include from the include, and drops its front matter', () => {
    const result = expand({
      'content/page.md': '{{ include "../includes/outer.md" }}\n',
      'includes/outer.md': '---\ntitle: ignored\n---\nouter\n{{ include "./inner/in.md" }}\n',
      'includes/inner/in.md': 'inner',
    })
    expect(result.text).toBe('outer\ninner\n')
  })

  it('maps every position back to its file and line, through includes', () => {
    const result = expand({
      'content/page.md': 'line one\n{{ include "../includes/a.md" }}\nlast\n',
      'includes/a.md': 'a1\na2 {{ include "./b.md" }}\n',
      'includes/b.md': 'b1\nb2',
    })
    expect(result.text).toBe('line one\na1\na2 b1\nb2\nlast\n')
    expect(result.where(result.text.indexOf('line one'))).toBe('content/page.md:1:1')
    expect(result.where(result.text.indexOf('a2'))).toBe('includes/a.md:2:1')
    expect(result.where(result.text.indexOf('b2'))).toBe('includes/b.md:2:1')
    expect(result.where(result.text.indexOf('last'))).toBe('content/page.md:3:1')
  })

  it('picks lines and regions, leaving the markers out', () => {
    const result = expand({
      'content/page.md': '{{ include "./app.yaml" lines="2-3" }}\n--\n{{ include "./app.yaml" lines="4-" }}\n--\n{"gitdown": "include", "file": "./app.ts", "region": "setup"}\n--\n{{ include "./app.ts" region="other" }}\n',
      'content/app.yaml': 'one\ntwo\nthree\nfour\n',
      'content/app.ts': 'before\n// #region setup\nconst a = 1\n// #endregion setup\n# ANCHOR: other\nb\n# ANCHOR_END: other\n',
    })
    expect(result.text).toBe('two\nthree\n--\nfour\n--\nconst a = 1\n--\nb\n')
    expect(result.messages).toEqual([])
  })

  it('reports a range past the end with the directive position', () => {
    const result = expand({ 'content/page.md': 'x\n  {{ include "./a.txt" lines="1-9" }}\n', 'content/a.txt': 'a\n' })
    expect(result.messages).toEqual(['content/page.md:2:3 include-range'])
  })

  it('finds a cycle and names the place', () => {
    const result = expand({ 'content/page.md': '{{ include "./a.md" }}', 'content/a.md': '{{ include "./page.md" }}' })
    expect(result.messages).toEqual(['content/a.md:1:1 include-cycle'])
  })

  it('refuses a chain deeper than the limit without blowing the stack', () => {
    const files: Record<string, string> = { 'content/page.md': '{{ include "./i0.md" }}' }
    for (let index = 0; index < 200; index++) files[`content/i${index}.md`] = `{{ include "./i${index + 1}.md" }}`
    files['content/i200.md'] = 'end'
    const result = expand(files)
    expect(result.messages).toHaveLength(1)
    expect(result.messages[0]).toMatch(/include-too-deep$/)
  })
})

describe('other directives', () => {
  it('fills in build_info and leaves other braces alone', () => {
    const result = expand({ 'content/page.md': 'Build {{ build_info }}: {{ .Values.image }} {{ foo }} {"a": 1}\n' }, undefined, 'abc123')
    expect(result.text).toBe('Build abc123: {{ .Values.image }} {{ foo }} {"a": 1}\n')
  })

  it('shows an escaped directive literally, without its backslash', () => {
    const result = expand({ 'content/page.md': 'Write \\{{ include "x.md" }} or \\<< include "x.md" >> or \\{"gitdown": "include", "file": "x.md"}.' })
    expect(result.text).toBe('Write {{ include "x.md" }} or << include "x.md" >> or {"gitdown": "include", "file": "x.md"}.')
    expect(result.messages).toEqual([])
  })

  it('leaves gitdown: off regions untouched, and drops the switches as gitdown did', () => {
    const text = 'a\n<!-- gitdown: off -->\n{{ include "nope.md" }}\n<!-- gitdown: on -->\n{{ build_info }}\n'
    const result = expand({ 'content/page.md': text }, undefined, 'B')
    expect(result.text).toBe('a\n\n{{ include "nope.md" }}\n\nB\n')
  })

  it('expands directives inside code blocks, as gitdown did', () => {
    const result = expand({ 'content/page.md': '```yaml\n{{ include "./x.yaml" }}\n```\n', 'content/x.yaml': 'key: value\n' })
    expect(result.text).toBe('```yaml\nkey: value\n```\n')
  })

  it('writes a table of contents of the headings, included ones too', () => {
    const result = expand({
      'content/page.md': '{"gitdown": "contents", "maxLevel": 3}\n\n## First Part\n\n{{ include "./more.md" }}\n\n#### Too deep\n',
      'content/more.md': '### A [sub] heading\n\n## First Part\n',
    })
    expect(result.text.split('\n\n')[0]).toBe('* [First Part](#first-part)\n  * [A \\[sub\\] heading](#a-sub-heading)\n* [First Part](#first-part-1)')
  })

  it('warns about an unknown {{ name "…" }} directive and keeps it', () => {
    const result = expand({ 'content/page.md': 'x {{ badge "npm" }}' })
    expect(result.text).toBe('x {{ badge "npm" }}')
    expect(result.messages).toEqual(['content/page.md:1:3 unknown-directive'])
  })
})

describe('weft expand', () => {
  it('keeps the front matter and expands the body', () => {
    const root = makeSite({ 'content/a.md': '---\ntitle: A: b\n---\n{{ include "./b.md" }}\n', 'content/b.md': 'B' })
    expect(expandFile(path.join(root, 'content/a.md'), { root }).text).toBe('---\ntitle: A: b\n---\nB\n')
  })

  it('gives back markdown without directives byte for byte', () => {
    const root = makeSite({})
    // Soups of markdown punctuation, braces, angle brackets and line endings, with no directive in them.
    const pieces = ['{', '}', '{{', '}}', '<', '>', '<<', '>>', '[', ']', '[[', ']]', '"', "'", '`', '\\', '#', '*', '-', ' ', '\t', '\n', '\r\n', '\r', 'include', 'gitdown', ':', 'text', '---', '<!--', '-->', 'é', '🙂']
    const soup = fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((parts) => parts.join(''))
    const sources = new SourceStore()
    const diagnostics = new Diagnostics(sources, root)
    const isDirectiveFree = (text: string) =>
      !/\{\{\s*(include|build_info)\b|<<\s*include\b|"gitdown"\s*:|<!--\s*gitdown:/.test(text) && !/\{\{\s*[A-Za-z_][\w.-]*\s+["']/.test(text)
    fc.assert(
      fc.property(soup, (body) => {
        fc.pre(isDirectiveFree(body))
        const file = path.join(root, 'page.md')
        sources.set(file, body)
        expect(expandPage(file, 0, { root, sources, diagnostics, buildInfo: '' }).text).toBe(body)
      }),
      { numRuns: 500 },
    )
    expect(diagnostics.messages).toEqual([])
  })
})
