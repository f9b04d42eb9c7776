// A site's own templates: a filter Liquid does not have is a `template-error` at
// the template's line (not a value passed through unchanged), a partial the site
// replaces sees the page's values without the layout passing them, and Liquid's
// `date` filter speaks the site's language, whatever the building machine's.

import { describe, expect, it } from 'vitest'
import { build, formatMessages } from '../../src/index.js'
import { byTag, makeSite, parseHtml, selectAll, textOf } from '../helpers/site.js'

const pages = {
  'content/index.md': '---\ntitle: Home\n---\n\nWelcome.\n',
  'content/guide.md': '---\ntitle: The Guide\n---\n\nSome text.\n',
}
const options = { write: false, config: { title: 'Acme Docs', cache: false, search: false } }

describe("a site's own templates", () => {
  it('reports an unknown filter at its line in the template, with a hint', async () => {
    const root = makeSite({ ...pages, 'templates/partials/footer.liquid': '<footer>\n  <p>{{ site.title | bogus }}</p>\n</footer>\n' })
    const result = await build({ root, ...options })
    expect(result.ok).toBe(false)
    expect(formatMessages(result.messages)).toBe(
      [
        'templates/partials/footer.liquid:2:6: error: Unknown filter `bogus` [template-error]',
        "    hint: use one of Liquid's filters (https://liquidjs.com/filters/overview.html), or remove `| bogus`",
      ].join('\n'),
    )
  })

  it('reports an unknown filter in a tag too', async () => {
    const root = makeSite({ ...pages, 'templates/partials/footer.liquid': '<footer>\n{% if site.title | shout %}x{% endif %}\n</footer>\n' })
    const result = await build({ root, ...options })
    expect(formatMessages(result.messages)).toBe(
      [
        'templates/partials/footer.liquid:2:1: error: Unknown filter `shout` [template-error]',
        "    hint: use one of Liquid's filters (https://liquidjs.com/filters/overview.html), or remove `| shout`",
      ].join('\n'),
    )
  })

  it('gives a replaced footer the page it is on, though the layout passes only `site` and `printHref`', async () => {
    const root = makeSite({ ...pages, 'templates/partials/footer.liquid': '<footer class="mine">{{ page.title }} · {{ site.title }} · {{ home.title }}</footer>\n' })
    const result = await build({ root, ...options })
    expect(formatMessages(result.messages)).toBe('')
    const footerOf = (output: string) => {
      const [footer] = selectAll(parseHtml(result.files.get(output) as string), (element) => element.tagName === 'footer')
      return textOf(footer!)
    }
    expect(footerOf('guide/index.html')).toBe('The Guide · Acme Docs · Home')
    expect(footerOf('index.html')).toBe('Home · Acme Docs · Home')
  })

  it("keeps a value passed to a partial over the page's, and a template's own variables to itself", async () => {
    const root = makeSite({
      ...pages,
      'templates/page.liquid': "{% assign secret = 'from the layout' %}<main>{% render 'partials/bit', title: 'passed' %}</main>\n",
      'templates/partials/bit.liquid': '<p>{{ title }}|{{ page.title }}|{{ secret }}</p>\n',
    })
    const result = await build({ root, ...options })
    expect(formatMessages(result.messages)).toBe('')
    const [paragraph] = byTag(parseHtml(result.files.get('guide/index.html') as string), 'p')
    expect(textOf(paragraph!)).toBe('passed|The Guide|')
  })

  it("names months and days in the site's language (`lang`), not the machine's", async () => {
    const footer = '<footer class="mine">{{ "2026-12-04T12:00:00Z" | date: "%A %e %B" }}</footer>\n'
    const dateIn = async (lang: string | undefined) => {
      const root = makeSite({ ...pages, 'templates/partials/footer.liquid': footer })
      const result = await build({ root, ...options, config: { ...options.config, ...(lang ? { lang } : {}) } })
      expect(formatMessages(result.messages)).toBe('')
      const [element] = selectAll(parseHtml(result.files.get('guide/index.html') as string), (node) => node.tagName === 'footer')
      return textOf(element!)
    }
    expect(await dateIn(undefined)).toBe('Friday  4 December')
    expect(await dateIn('de')).toBe('Freitag  4 Dezember')
    expect(await dateIn('fr-CA')).toBe('vendredi  4 décembre')
    // A language Intl cannot read (`_` for `-`): Liquid's own default, not a failed build.
    expect(await dateIn('en_GB')).toBe('Friday  4 December')
  })
})
