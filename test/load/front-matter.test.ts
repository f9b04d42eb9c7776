// Front matter: YAML, the importer's flat form, and the places problems are reported.

import { describe, expect, it } from 'vitest'
import { readFrontMatter } from '../../src/index.js'

describe('readFrontMatter', () => {
  it('reads YAML', () => {
    const text = '---\ntitle: "A: b"\nmenu_order: 2\ntags: [x]\n---\nbody'
    const result = readFrontMatter(text) as { data: unknown; bodyOffset: number }
    expect(result.data).toEqual({ title: 'A: b', menu_order: 2, tags: ['x'] })
    expect(text.slice(result.bodyOffset)).toBe('body')
  })

  it('reads the flat legacy form that is not valid YAML, numbers as numbers', () => {
    const text = '---\ntitle: Secure: Container Firewalls\nmenu_order: 4\n---\n\nbody\n'
    const result = readFrontMatter(text)
    expect(result).toMatchObject({ present: true, data: { title: 'Secure: Container Firewalls', menu_order: 4 } })
    expect(text.slice((result as { bodyOffset: number }).bodyOffset)).toBe('\nbody\n')
  })

  it('keeps positions with CRLF and lone CR line endings', () => {
    const crlf = '---\r\ntitle: A\r\n---\r\nbody'
    const cr = '---\rtitle: A\r---\rbody'
    expect(crlf.slice((readFrontMatter(crlf) as { bodyOffset: number }).bodyOffset)).toBe('body')
    expect(cr.slice((readFrontMatter(cr) as { bodyOffset: number }).bodyOffset)).toBe('body')
  })

  it('says where a header that is neither YAML nor flat goes wrong', () => {
    const text = '---\ntitle: A\n- item\n---\n'
    const result = readFrontMatter(text)
    expect(result).toMatchObject({ ruleId: 'front-matter-syntax' })
    expect(text.slice((result as { offset: number }).offset)).toMatch(/^- item/)
  })

  it('reports a header that is never closed', () => {
    expect(readFrontMatter('---\n')).toMatchObject({ ruleId: 'front-matter-unclosed', offset: 0 })
    expect(readFrontMatter('---\ntitle: a\nbody')).toMatchObject({ ruleId: 'front-matter-unclosed' })
  })

  it('treats a file without a header as having none', () => {
    expect(readFrontMatter('# Title\n')).toEqual({ present: false, data: {}, bodyOffset: 0, warnings: [] })
  })
})
