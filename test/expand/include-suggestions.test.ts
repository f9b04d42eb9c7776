// "Did you mean" for an include path with a typo: the file with a close name,
// written as the author wrote the path, at the directive's place; nothing when no
// name is close.

import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Diagnostics, expandPage, formatMessages, SourceStore } from '../../src/index.js'
import { makeSite } from '../helpers/site.js'

const roots: string[] = []
afterEach(() => {
  for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true })
})

/** The messages of expanding `content/page.md`, as weft prints them. */
function report(files: Record<string, string>): string {
  const root = makeSite(files)
  roots.push(root)
  const sources = new SourceStore()
  const diagnostics = new Diagnostics(sources, root)
  expandPage(path.join(root, 'content', 'page.md'), 0, { root, sources, diagnostics, buildInfo: '' })
  return formatMessages(diagnostics.messages)
}

const snippets = { 'content/_snippets/support.md': 'Ask us.\n', 'content/_snippets/install.md': 'Run it.\n' }

describe('did you mean, for includes', () => {
  it('names the file with a close name, written as the author wrote the path', () => {
    expect(report({ ...snippets, 'content/page.md': 'Intro.\n\n{{ include "_snippets/suport.md" }}\n' })).toBe([
      'content/page.md:3:1: error: Cannot find include `_snippets/suport.md` (looked in `content/`, `./`) [missing-include]',
      '    hint: did you mean `_snippets/support.md`?',
    ].join('\n'))
  })

  it('mends a mistyped folder too, and keeps `./` and `..`', () => {
    expect(report({ ...snippets, 'content/page.md': '{"gitdown": "include", "file": "./_snipets/instal.md"}\n<< include "../content/_snippets/supprot.md" >>\n' })).toBe([
      'content/page.md:1:1: error: Cannot find include `./_snipets/instal.md` (looked in `content/`, `./`) [missing-include]',
      '    hint: did you mean `./_snippets/install.md`?',
      'content/page.md:2:1: error: Cannot find include `../content/_snippets/supprot.md` (looked in `content/`, `./`) [missing-include]',
      '    hint: did you mean `../content/_snippets/support.md`?',
    ].join('\n'))
  })

  it('points at the include that holds the typo, through the chain', () => {
    expect(report({
      ...snippets,
      'content/page.md': 'One.\n{{ include "./_snippets/install.md" }}\n',
      'content/_snippets/install.md': 'Run it.\n{{ include "./supportt.md" }}\n',
    })).toBe([
      'content/_snippets/install.md:2:1: error: Cannot find include `./supportt.md` (looked in `content/_snippets/`, `content/`, `./`) [missing-include]',
      '    included from content/page.md:2:1',
      '    hint: did you mean `./support.md`?',
    ].join('\n'))
  })

  it('gives no hint when no file is close, or for a folder', () => {
    expect(report({ ...snippets, 'content/page.md': '{{ include "_snippets/faq.md" }}\n{{ include "_snippets.md" }}\n' })).toBe([
      'content/page.md:1:1: error: Cannot find include `_snippets/faq.md` (looked in `content/`, `./`) [missing-include]',
      'content/page.md:2:1: error: Cannot find include `_snippets.md` (looked in `content/`, `./`) [missing-include]',
    ].join('\n'))
  })
})
