// "Did you mean" for a link or image that leads nowhere: a page or file with a close
// name, written as the author wrote theirs (from the same folder, with the same
// ending, fragment kept), and nothing when no name is close.

import fs from 'node:fs'
import path from 'node:path'
import rehypeRaw from 'rehype-raw'
import rehypeStringify from 'rehype-stringify'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { afterEach, describe, expect, it } from 'vitest'
import { build, formatMessages, rehypeLinks, remarkLinks } from '../../src/index.js'
import { makeSite } from '../helpers/site.js'

const fm = (title: string) => `---\ntitle: ${title}\n---\n`

const roots: string[] = []
afterEach(() => {
  for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true })
})

/** The messages of a build of `files`, as weft prints them. */
async function report(files: Record<string, string>): Promise<string> {
  const root = makeSite(files)
  roots.push(root)
  const result = await build({ root, write: false, config: { cache: false, search: false } })
  return formatMessages(result.messages)
}

const pages = {
  'content/index.md': `${fm('Home')}Home.\n`,
  'content/guide/client.md': `${fm('Client')}## Install\n`,
  'content/reference/cli.md': `${fm('CLI')}Text.\n`,
  'content/reference/api/index.md': `${fm('API')}Text.\n`,
  'content/guide/images/diagram.png': 'PNG',
  'content/files/guide.pdf': '%PDF-1.4\n',
}

describe('did you mean, for links', () => {
  it('names the close page in the form the author used', async () => {
    const text = [
      '[a](clinet.md)',
      '[b](./clinet.md#install)',
      '[c](../refrence/cli)',
      '[d](/refrence/cli/)',
      '[f](../reference/apii/)',
      '[g](/guide/clinet)',
    ].join('\n\n')
    expect(await report({ ...pages, 'content/guide/intro.md': `${fm('Intro')}${text}\n` })).toBe([
      'content/guide/intro.md:4:1: error: Link to page `clinet.md` leads nowhere [dead-link]',
      '    hint: did you mean `client.md`?',
      'content/guide/intro.md:6:1: error: Link to page `./clinet.md#install` leads nowhere [dead-link]',
      '    hint: did you mean `./client.md#install`?',
      'content/guide/intro.md:8:1: error: Link `../refrence/cli` leads nowhere [dead-link]',
      '    hint: did you mean `../reference/cli`?',
      'content/guide/intro.md:10:1: error: Link `/refrence/cli/` leads nowhere [dead-link]',
      '    hint: did you mean `/reference/cli/`?',
      'content/guide/intro.md:12:1: error: Link `../reference/apii/` leads nowhere [dead-link]',
      '    hint: did you mean `../reference/api/`?',
      'content/guide/intro.md:14:1: error: Link `/guide/clinet` leads nowhere [dead-link]',
      '    hint: did you mean `/guide/client`?',
    ].join('\n'))
  })

  it('names a close file or image, and does the same for raw HTML', async () => {
    const text = '![d](images/diagarm.png)\n\n<a href="../files/gude.pdf">pdf</a>\n\n<img src="images/diagram.pgn" alt="d">\n'
    expect(await report({ ...pages, 'content/guide/intro.md': `${fm('Intro')}${text}` })).toBe([
      'content/guide/intro.md:4:1: error: Image `images/diagarm.png` leads nowhere [missing-image]',
      '    hint: did you mean `images/diagram.png`?',
      'content/guide/intro.md:6:1: error: Link `../files/gude.pdf` leads nowhere [dead-link]',
      '    hint: did you mean `../files/guide.pdf`?',
      'content/guide/intro.md:8:1: error: Image `images/diagram.pgn` leads nowhere [missing-image]',
      '    hint: did you mean `images/diagram.png`?',
    ].join('\n'))
  })

  it('points at the include the link was written in, and spells the page from there', async () => {
    expect(await report({
      ...pages,
      'content/guide/intro.md': `${fm('Intro')}Text.\n\n{{ include "../../includes/links.md" }}\n`,
      'includes/links.md': 'One.\n\n[cli](../content/reference/clii.md)\n',
    })).toBe([
      'includes/links.md:3:1: error: Link to page `../content/reference/clii.md` leads nowhere [dead-link]',
      '    included from content/guide/intro.md:6:1',
      '    hint: did you mean `../content/reference/cli.md`?',
    ].join('\n'))
  })

  it('gives no hint when no name is close', async () => {
    expect(await report({
      ...pages,
      'content/guide/a.md': `${fm('A')}Text.\n`,
      'content/guide/intro.md': `${fm('Intro')}[x](b.md) [y](nothing-here) [z](/elsewhere/) ![i](images/photo.png)\n`,
    })).toBe([
      'content/guide/intro.md:4:1: error: Link to page `b.md` leads nowhere [dead-link]',
      'content/guide/intro.md:4:11: error: Link `nothing-here` leads nowhere [dead-link]',
      'content/guide/intro.md:4:29: error: Link `/elsewhere/` leads nowhere [dead-link]',
      'content/guide/intro.md:4:46: error: Image `images/photo.png` leads nowhere [missing-image]',
    ].join('\n'))
  })

  it('does not offer a partial as a page', async () => {
    expect(await report({
      ...pages,
      'content/guide/intro.md': `${fm('Intro')}{{ include "./_notes.md" }}\n\n[x](_note.md)\n`,
      'content/guide/_notes.md': 'Shared text.\n',
    })).toBe('content/guide/intro.md:6:1: error: Link to page `_note.md` leads nowhere [dead-link]')
  })
})

describe('did you mean, outside weft', () => {
  it('names a close .md file beside the one a link names', async () => {
    const root = makeSite({ 'docs/setup.md': '# Setup\n' })
    roots.push(root)
    const file = new VFile({ path: path.join(root, 'docs', 'index.md'), cwd: root, value: '[a](./setpu.md#step) [b](nothing.md)\n' })
    await unified().use(remarkParse).use(remarkLinks).use(remarkRehype).use(rehypeRaw).use(rehypeLinks).use(rehypeStringify).process(file)
    expect(file.messages.map((message) => [message.reason, message.note])).toEqual([
      ['Link to page `./setpu.md#step` leads nowhere', 'did you mean `./setup.md#step`?'],
      ['Link to page `nothing.md` leads nowhere', undefined],
    ])
  })
})
