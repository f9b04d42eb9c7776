// What weft writes around the pages from the config: the meta description, lang,
// canonical links and Open Graph tags, sitemap.xml, "Edit this page" and "Last
// updated" from git history.

import { execFileSync } from 'node:child_process'
import { expect, it } from 'vitest'
import type { Element } from 'hast'
import { build } from '../../src/index.js'
import { byTag, makeSite, parseHtml, selectAll, textOf } from '../helpers/site.js'

it('writes the meta tags, the sitemap, the edit link and the last change', async () => {
  const root = makeSite({
    'content/index.md': '---\ntitle: Home\n---\n\nWelcome to the guides. More text here.\n',
    'content/guide.md': '---\ntitle: Guide\ndescription: How to do the thing.\n---\n\n{{ include "./includes/part.md" }}\n',
    'includes/part.md': 'Included text.\n',
  })
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, env: { ...process.env, GIT_AUTHOR_DATE: '2026-11-20T10:00:00Z', GIT_COMMITTER_DATE: '2026-11-20T10:00:00Z' } })
  git('init', '-q')
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'add', '.')
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'pages')
  const result = await build({
    root,
    write: false,
    config: { url: 'https://example.com/docs', lang: 'en-GB', editUrl: 'https://git.example.com/edit/main/{path}', lastUpdated: true, search: false },
  })
  expect(result.messages).toEqual([])
  const guide = parseHtml(result.files.get('guide/index.html')!)
  const meta = (name: string) => selectAll(guide, (element: Element) => element.tagName === 'meta' && (element.properties.name === name || element.properties.property === name))[0]?.properties.content
  expect(byTag(guide, 'html')[0]!.properties.lang).toBe('en-GB')
  expect(meta('description')).toBe('How to do the thing.')
  expect(meta('og:title')).toBe('Guide')
  expect(meta('og:url')).toBe('https://example.com/docs/guide/')
  expect(selectAll(guide, (element) => element.tagName === 'link' && String(element.properties.rel) === 'canonical')[0]!.properties.href).toBe('https://example.com/docs/guide/')
  expect(byTag(guide, 'a').some((link) => link.properties.href === 'https://git.example.com/edit/main/content/guide.md')).toBe(true)
  const time = byTag(guide, 'time')[0]!
  expect(time.properties.dateTime).toBe('2026-11-20T10:00:00.000Z')
  expect(textOf(time)).toContain('2026')
  // Without front matter `description`, the page's first sentence.
  const home = parseHtml(result.files.get('index.html')!)
  expect(selectAll(home, (element) => element.tagName === 'meta' && element.properties.name === 'description')[0]!.properties.content).toBe('Welcome to the guides.')
  const sitemap = String(result.files.get('sitemap.xml'))
  expect(sitemap).toContain('<loc>https://example.com/docs/</loc>')
  expect(sitemap).toContain('<loc>https://example.com/docs/guide/</loc><lastmod>2026-11-20T10:00:00.000Z</lastmod>')
  expect(result.files.has('404.html')).toBe(true)
})
