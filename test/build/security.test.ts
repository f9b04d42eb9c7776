// What a contributor's pull request must not be able to do to a build: publish a
// file from outside the site's root, hang the build, put a live script or CSS into
// the page through weft's own rewriting, or crash weft with its internal URLs.
// Each case was seen to do harm before its fix (see RELIABILITY.md, "Security").

import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { build } from '../../src/index.js'
import { formatMessage } from '../../src/report.js'
import { byTag, makeSite, parseHtml, selectAll, textOf } from '../helpers/site.js'

const marker = 'SECRET-7f3a-outside-the-root'
const cleanups: string[] = []
afterEach(() => {
  for (const folder of cleanups.splice(0)) fs.rmSync(folder, { recursive: true, force: true })
})

/** A site, and beside it (outside its root) a folder holding a secret file. */
function siteWithSecret(files: Record<string, string>): { root: string; secret: string } {
  const root = makeSite(files)
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-outside-'))
  cleanups.push(root, outside)
  const secret = path.join(outside, 'secret.png')
  fs.writeFileSync(secret, marker)
  return { root, secret }
}

const page = (body: string, title = 'Home') => `---\ntitle: ${title}\n---\n\n${body}\n`

async function buildInMemory(root: string, safe = false) {
  const result = await build({ root, write: false, safe, config: { search: false } })
  return { ...result, lines: result.messages.map((message) => formatMessage(message)) }
}

/** Every byte the build produced, to look for the secret in. */
function everything(result: { files: Map<string, string | Uint8Array>; copies: Map<string, string> }): string {
  const parts = [...result.files.values()].map((contents) => Buffer.from(contents).toString('latin1'))
  for (const file of result.copies.values()) parts.push(fs.readFileSync(file, 'latin1'))
  return parts.join('\n')
}

function listFiles(folder: string): string[] {
  if (!fs.existsSync(folder)) return []
  return (fs.readdirSync(folder, { recursive: true }) as string[]).map((name) => path.join(folder, name)).filter((file) => fs.statSync(file).isFile())
}

describe('files from outside the root are never published', () => {
  it('refuses an image that is a link to a file outside the root, at the line that shows it', async () => {
    const { root, secret } = siteWithSecret({ 'content/index.md': page('Intro.\n\n![p](images/passwd.png)') })
    fs.mkdirSync(path.join(root, 'content/images'))
    fs.symlinkSync(secret, path.join(root, 'content/images/passwd.png'))
    const result = await buildInMemory(root)
    expect(result.ok).toBe(false)
    expect(result.lines).toContain("content/index.md:7:1: error: Image `images/passwd.png` is a link to a file outside the site's root [asset-outside-root]\n    hint: copy the file into the site instead of linking to it")
    expect(everything(result)).not.toContain(marker)
  })

  it('refuses a link into a folder that is a link to outside the root, and writes nothing', async () => {
    const { root, secret } = siteWithSecret({ 'content/index.md': page('See [the notes](shared/secret.png).') })
    fs.symlinkSync(path.dirname(secret), path.join(root, 'content/shared'))
    const out = path.join(root, 'dist')
    const result = await build({ root, config: { search: false } })
    expect(result.ok).toBe(false)
    expect(result.messages.map((message) => message.ruleId)).toEqual(['asset-outside-root'])
    expect(listFiles(out)).toEqual([])
  })

  it('refuses a link to /proc/self/environ and never serves the environment', async () => {
    const { root } = siteWithSecret({ 'content/index.md': page('[e](env.txt)') })
    fs.symlinkSync('/proc/self/environ', path.join(root, 'content/env.txt'))
    const result = await buildInMemory(root)
    expect(result.lines[0]).toMatch(/^content\/index\.md:5:1: error: Link `env\.txt` is a link to a file outside the site's root \[asset-outside-root\]/)
    expect(everything(result)).not.toContain('PATH=')
  })

  it('refuses a linked file that is a pipe instead of hanging on it', async () => {
    const { root } = siteWithSecret({ 'content/index.md': page('[log](build.log)') })
    execFileSync('mkfifo', [path.join(root, 'content/build.log')])
    const result = await buildInMemory(root)
    expect(result.lines).toEqual(['content/index.md:5:1: error: Link `build.log` is not a regular file, so weft does not publish it [asset-not-a-file]'])
  })

  it('still publishes a link inside the root, to a file inside the root', async () => {
    const { root } = siteWithSecret({ 'content/index.md': page('![p](images/real.png)'), 'images/logo.png': 'png' })
    fs.mkdirSync(path.join(root, 'content/images'))
    fs.symlinkSync(path.join(root, 'images/logo.png'), path.join(root, 'content/images/real.png'))
    const result = await buildInMemory(root)
    expect(result.lines).toEqual([])
    expect([...result.copies.keys()]).toContain('images/real.png')
  })
})

describe('includes that are not ordinary files', () => {
  it('refuses an include that is a pipe instead of hanging on it', async () => {
    const { root } = siteWithSecret({ 'content/index.md': page('{{ include "./pipe.md" }}') })
    execFileSync('mkfifo', [path.join(root, 'content/pipe.md')])
    const result = await buildInMemory(root)
    expect(result.lines).toEqual(['content/index.md:5:1: error: Include `./pipe.md` is not a regular file (a pipe, a device or a socket) [include-unreadable]'])
  })

  it('refuses an include larger than weft reads, without reading it', async () => {
    const { root } = siteWithSecret({ 'content/index.md': page('```\n{{ include "./huge.log" lines="1-3" }}\n```') })
    // Sparse: 600 MB that take no disk, and would take 600 MB of memory to read whole.
    const huge = path.join(root, 'content/huge.log')
    fs.writeFileSync(huge, '')
    fs.truncateSync(huge, 600 * 1024 * 1024)
    const before = process.memoryUsage().rss
    const result = await buildInMemory(root)
    expect(result.lines).toEqual(['content/index.md:6:1: error: Include `./huge.log` is larger than 16 MB, more than weft reads as text [include-unreadable]'])
    // Read whole, the file alone would have added 600 MB.
    expect(process.memoryUsage().rss - before).toBeLessThan(300 * 1024 * 1024)
  })
})

describe('weft’s own rewriting adds no markup', () => {
  it('shows a heading’s code in the contents list as code, not as HTML', async () => {
    const { root } = siteWithSecret({ 'content/index.md': page('{"gitdown": "contents"}\n\n## Never write `<script>alert(1)</script>` here\n\n## Plain *emphasis* & [brackets]') })
    const result = await buildInMemory(root)
    expect(result.ok).toBe(true)
    const article = byTag(parseHtml(result.files.get('index.html')!), 'article')[0]!
    expect(byTag(article, 'script')).toEqual([])
    const entries = byTag(byTag(article, 'ul')[0]!, 'a')
    expect(entries.map((link) => [link.properties.href, textOf(link)])).toEqual([
      ['#never-write-scriptalert1script-here', 'Never write <script>alert(1)</script> here'],
      ['#plain-emphasis--brackets', 'Plain emphasis & [brackets]'],
    ])
    expect(byTag(entries[0]!, 'code').map(textOf)).toEqual(['<script>alert(1)</script>'])
  })

  it('keeps attributes that merely start with `o` or `ms`, and drops real vendor prefixes', async () => {
    const body = '<details open><summary>S</summary>Inside</details>\n\n<meter optimum="3" min="0" max="5" value="2">2</meter>\n\n<iframe src="https://player.example/1" webkitallowfullscreen mozallowfullscreen></iframe>'
    const { root } = siteWithSecret({ 'content/index.md': page(body) })
    const result = await buildInMemory(root)
    const article = byTag(parseHtml(result.files.get('index.html')!), 'article')[0]!
    expect(byTag(article, 'details')[0]!.properties.open).toBe(true)
    expect(byTag(article, 'meter')[0]!.properties.optimum).toBe(3)
    expect(byTag(article, 'iframe')[0]!.properties).toMatchObject({ allowFullScreen: true })
    expect(Object.keys(byTag(article, 'iframe')[0]!.properties).filter((name) => /webkit|moz/i.test(name))).toEqual([])
  })

  it('reports a `weft-ref:` URL written in a page as a dead link, not an internal error', async () => {
    const { root } = siteWithSecret({ 'content/index.md': page('<a href="weft-ref:0">raw</a> and [md](weft-ref:0) and [real](#top)\n\n## Top') })
    const result = await buildInMemory(root)
    expect(result.lines).toEqual([
      "content/index.md:5:1: error: Link `weft-ref:0` uses `weft-ref:`, which is weft's own [dead-link]\n    hint: link to the page or file itself",
      "content/index.md:5:34: error: Link `weft-ref:0` uses `weft-ref:`, which is weft's own [dead-link]\n    hint: link to the page or file itself",
    ])
  })

  it('turns only alignment keywords into CSS, and warns about anything else', async () => {
    const { root } = siteWithSecret({ 'content/index.md': page('<p align="left;position:fixed;inset:0;background:red">Overlay</p>\n\n<p align="CENTER">Centred</p>') })
    for (const safe of [false, true]) {
      const result = await buildInMemory(root, safe)
      expect(result.lines).toEqual(['content/index.md:5:1: warning: `align="left;position:fixed;inset:0;background:red"` is not an alignment; weft drops it [invalid-align]\n    hint: write `left`, `right`, `center` or `justify`'])
      const paragraphs = byTag(byTag(parseHtml(result.files.get('index.html')!), 'article')[0]!, 'p')
      expect(paragraphs.map((p) => [textOf(p), p.properties.style])).toEqual([
        ['Overlay', undefined],
        ['Centred', 'text-align:center'],
      ])
    }
  })
})

describe('--safe', () => {
  const files = () => ({
    'content/index.md': page('[n](notes.html) ![l](evil.svg) [s](app.js) ![ok](ok.png)'),
    'content/notes.html': '<script>alert(1)</script>',
    'content/evil.svg': '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    'content/app.js': 'alert(1)',
    'content/ok.png': 'png',
  })

  it('refuses linked files that run scripts when opened, at their place', async () => {
    const { root } = siteWithSecret(files())
    const result = await buildInMemory(root, true)
    const reason = (what: string, url: string) => `${what} \`${url}\` is a file that runs scripts when opened, which \`--safe\` does not publish [unsafe-file]\n    hint: link to a copy hosted elsewhere, or use a PNG for an image`
    expect(result.lines).toEqual([
      `content/index.md:5:1: error: ${reason('Link', 'notes.html')}`,
      `content/index.md:5:17: error: ${reason('Image', 'evil.svg')}`,
      `content/index.md:5:32: error: ${reason('Link', 'app.js')}`,
    ])
  })

  it('publishes them as before without --safe', async () => {
    const { root } = siteWithSecret(files())
    const result = await buildInMemory(root, false)
    expect(result.lines).toEqual([])
    expect([...result.copies.keys()].sort()).toEqual(expect.arrayContaining(['app.js', 'evil.svg', 'notes.html', 'ok.png']))
  })

  it('prefixes authors’ ids and names, and fragment links to them still pass the check', async () => {
    const body = '<img src="ok.png" name="createElement" alt="x">\n\n<div id="kept">Kept</div>\n\n<a name="old-anchor"></a>\n\n[to kept](#kept) [to anchor](#old-anchor) [to heading](#a-heading) [other](other.md#there)\n\nA note[^1].\n\n[^1]: The note.\n\n## A heading'
    const { root } = siteWithSecret({ 'content/index.md': page(body), 'content/other.md': page('<span id="there">x</span>', 'Other'), 'content/ok.png': 'png' })
    const result = await buildInMemory(root, true)
    expect(result.lines).toEqual([])
    const article = byTag(parseHtml(result.files.get('index.html')!), 'article')[0]!
    expect(byTag(article, 'img')[0]!.properties.name).toBe('user-content-createElement')
    expect(selectAll(article, (element) => element.properties.id === 'user-content-kept')).toHaveLength(1)
    expect(selectAll(article, (element) => element.properties.name === 'user-content-old-anchor')).toHaveLength(1)
    // weft's own heading ids are not the author's attributes: they stay as GitHub slugs them.
    expect(selectAll(article, (element) => element.properties.id === 'a-heading')).toHaveLength(1)
    // GFM's footnotes keep one prefix, and their links still match their ids.
    const footnoteLink = selectAll(article, (element) => element.tagName === 'a' && String(element.properties.href).startsWith('#user-content-fn'))[0]!
    expect(selectAll(article, (element) => `#${String(element.properties.id)}` === footnoteLink.properties.href)).toHaveLength(1)
    // A fragment that names nothing, prefixed or not, is still reported.
    fs.appendFileSync(path.join(root, 'content/index.md'), '\n[gone](#nowhere)\n')
    expect((await buildInMemory(root, true)).messages.map((message) => message.ruleId)).toEqual(['dead-fragment'])
  })
})
