// The print view of a build written to disk: every page's section, written from the
// spill file a section at a time, the same as a template given the content itself.

import fs from 'node:fs'
import path from 'node:path'
import { expect, it } from 'vitest'
import { build } from '../../src/index.js'
import { makeSite, parseHtml, selectAll, textOf } from '../helpers/site.js'

const fm = (title: string, order: number) => `---\ntitle: ${title}\nmenu_order: ${order}\n---\n`

function site(printTemplate?: string) {
  const root = makeSite({
    'content/index.md': `${fm('Home', 0)}Welcome.\n`,
    'content/one.md': `${fm('One', 1)}## Start here\n\nSee [the second part](two.md#the-end) & more.\n\n\`\`\`yaml\nkind: Pod\n\`\`\`\n`,
    'content/two.md': `${fm('Two', 2)}Text with ünïcode → arrows.\n\n## The end\n\nBack to [one](one.md).\n`,
    ...(printTemplate ? { 'templates/print.liquid': printTemplate } : {}),
  })
  const out = path.join(root, 'dist')
  return { root, out, run: () => build({ root, config: { search: false } }), print: () => fs.readFileSync(path.join(out, 'print', 'index.html'), 'utf8') }
}

it('writes every page in its section, with ids made unique and links kept inside the view', async () => {
  const { root, out, run, print } = site()
  const result = await run()
  expect(result.ok).toBe(true)
  const html = print()
  expect(html).not.toContain('weft:print-section')
  const tree = parseHtml(html)
  const sections = selectAll(tree, (element) => element.tagName === 'section')
  expect(sections.map((section) => section.properties.id)).toEqual(['home', 'page-one', 'page-two'])
  expect(textOf(sections[1]!)).toContain('kind: Pod')
  expect(textOf(sections[2]!)).toContain('ünïcode → arrows')
  const links = selectAll(sections[1]!, (element) => element.tagName === 'a' && String(element.properties.href).startsWith('#page-two'))
  expect(links.map((link) => link.properties.href)).toEqual(['#page-two--the-end'])
  expect(selectAll(tree, (element) => element.properties.id === 'page-two--the-end')).toHaveLength(1)
  // Nothing of the build is left beside the output.
  expect(fs.readdirSync(root).filter((name) => name.startsWith('.dist'))).toEqual([])
  expect(fs.existsSync(out)).toBe(true)
})

it('gives the content itself to a print template that changes it', async () => {
  const template = '<html><body>{% for p in pages %}<section id="{{ p.id }}">{{ p.content | replace: "Welcome", "Hello" }}</section>{% endfor %}<pre>{% for p in pages %}{{ p.content }}{% endfor %}</pre></body></html>'
  const { run, print } = site(template)
  expect((await run()).ok).toBe(true)
  const html = print()
  expect(html).not.toContain('weft:print-section')
  const tree = parseHtml(html)
  expect(textOf(selectAll(tree, (element) => element.properties.id === 'home')[0]!)).toContain('Hello.')
  // The copy the template escapes (the default for output) shows the sections' HTML as text.
  expect(textOf(selectAll(tree, (element) => element.tagName === 'pre')[0]!)).toContain('<h2 id="page-one--start-here"')
})
