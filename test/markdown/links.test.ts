// Links and images: `.md` links become page URLs relative to the page, resolved
// from the file they were written in, then from the page; images are copied. Each
// case runs the pages' compile step and the site-wide checks, not a whole build.

import { describe, expect, it } from 'vitest'
import { compileSite } from '../helpers/compile-site.js'
import { byTag } from '../helpers/site.js'

const fm = (title: string) => `---\ntitle: ${title}\n---\n`

async function site(files: Record<string, string>) {
  const result = await compileSite(files)
  const hrefs = (output: string, tag = 'a', attribute = 'href') =>
    byTag(result.content(output), tag)
      .filter((element) => element.properties[attribute] !== undefined && !String(element.properties.className).includes('heading-anchor'))
      .map((element) => String(element.properties[attribute]))
  return { result, hrefs, messages: result.messages.map((message) => `${message.file}:${message.line} ${message.ruleId}`) }
}

describe('links', () => {
  it('turn .md links into relative page URLs, keeping the fragment', async () => {
    const { hrefs, messages } = await site({
      'content/index.md': `${fm('Home')}<a id="top"></a>\n\n[a](guide/setup.md#install) [b](./guide.md) [c](/content/guide.md) [d](/guide.md)\n`,
      'content/guide.md': `${fm('Guide')}[home](index.md) [sibling](guide/setup.md) <a href="index.md#top">raw</a>\n`,
      'content/guide/setup.md': `${fm('Setup')}## Install\n\n[up](../guide.md) [self](#install)\n`,
    })
    expect(messages).toEqual([])
    expect(hrefs('index.html')).toEqual(['guide/setup/index.html#install', 'guide/index.html', 'guide/index.html', 'guide/index.html'])
    expect(hrefs('guide/index.html')).toEqual(['../index.html', 'setup/index.html', '../index.html#top'])
    expect(hrefs('guide/setup/index.html')).toEqual(['../index.html', '#install'])
  })

  it('resolve a definition in an include from the include, then from the page', async () => {
    const { hrefs, messages } = await site({
      'content/index.md': `${fm('Home')}{{ include "./includes/links.md" }}\n\n[one][a] [two][b]\n`,
      'content/b.md': fm('B'),
      'content/a.md': fm('A'),
      'includes/links.md': '[a]: ../content/a.md\n[b]: ./b.md\n',
    })
    expect(messages).toEqual([])
    expect(hrefs('index.html')).toEqual(['a/index.html', 'b/index.html'])
  })

  it('copy images from the file, the page, the root or images/', async () => {
    const { hrefs, result, messages } = await site({
      'content/index.md': `${fm('Home')}![x](images/a.png) <img src="b.png" alt=""> ![y](pic/c.png)\n`,
      'images/a.png': 'A',
      'images/b.png': 'B',
      'content/pic/c.png': 'C',
    })
    expect(messages).toEqual([])
    expect(hrefs('index.html', 'img', 'src')).toEqual(['images/a.png', 'images/b.png', 'pic/c.png'])
    expect([...result.copies.keys()].filter((key) => !key.startsWith('assets/')).sort()).toEqual(['images/a.png', 'images/b.png', 'pic/c.png'])
  })

  it('leave external links alone', async () => {
    const { hrefs } = await site({ 'content/index.md': `${fm('Home')}[w](https://example.com/x.md) [m](mailto:a@b.c)\n` })
    expect(hrefs('index.html')).toEqual(['https://example.com/x.md', 'mailto:a@b.c'])
  })
})
