// Callouts through a page's compile step (includes, then the unified processor):
// GitHub's alerts and `:::kind` containers become boxes with a title, `:::details`
// a <details>; every other colon in a page stays the text it was. The HTML is
// parsed and its structure asserted.

import { describe, expect, it } from 'vitest'
import type { Element, ElementContent, Root, RootContent } from 'hast'
import { compileSite } from '../helpers/compile-site.js'
import { byTag, selectAll, textOf } from '../helpers/site.js'
import type { MarkdownOptions } from '../../src/markdown/processor.js'

const page = (body: string) => `---\ntitle: Home\n---\n${body}`

/** The home page's content, once no stage had anything to say about it. */
async function article(body: string, extra: Record<string, string> = {}, options: MarkdownOptions = {}): Promise<Root> {
  const compiled = await compileSite({ 'content/index.md': page(body), 'content/other.md': page('## Top\n'), ...extra }, options)
  expect(compiled.messages.map((message) => message.reason)).toEqual([])
  return compiled.content('index.html')
}

async function messagesOf(body: string, extra: Record<string, string> = {}) {
  const compiled = await compileSite({ 'content/index.md': page(body), ...extra })
  return compiled.messages.map((message) => ({
    at: `${message.file}:${message.line}:${message.column}`,
    rule: message.ruleId,
    severity: message.severity,
    reason: message.reason,
    hint: message.note,
    includedFrom: message.includedFrom.map((frame) => `${frame.file}:${frame.line}`),
  }))
}

const elements = (parent: Element | Root) => (parent.children as (RootContent | ElementContent)[]).filter((child): child is Element => child.type === 'element')
const classes = (element: Element) => (element.properties.className as string[] | undefined) ?? []
const callouts = (tree: Root) => selectAll(tree, (element) => classes(element).includes('callout'))

/** A callout as a reader meets it: its element, kind class, role, title and the tags of its body. */
function describeCallout(callout: Element) {
  const [title, ...body] = elements(callout)
  return {
    tag: callout.tagName,
    className: classes(callout),
    role: callout.properties.role,
    title: { tag: title!.tagName, className: classes(title!), text: textOf(title!) },
    body: body.map((element) => element.tagName),
  }
}

describe('GitHub alerts', () => {
  it.each([
    ['NOTE', 'note', 'Note'],
    ['TIP', 'tip', 'Tip'],
    ['IMPORTANT', 'important', 'Important'],
    ['WARNING', 'warning', 'Warning'],
    ['CAUTION', 'caution', 'Caution'],
  ])('`> [!%s]` becomes a %s box titled %s', async (marker, kind, title) => {
    const html = await article(`> [!${marker}]\n> Mind the *gap*.\n>\n> - one\n`)
    expect(byTag(html, 'blockquote')).toEqual([])
    const [callout, ...more] = callouts(html)
    expect(more).toEqual([])
    expect(describeCallout(callout!)).toEqual({
      tag: 'div',
      className: ['callout', `callout-${kind}`],
      role: 'note',
      title: { tag: 'p', className: ['callout-title'], text: title },
      body: ['p', 'ul'],
    })
    expect(textOf(elements(callout!)[1]!)).toBe('Mind the gap.')
  })

  it('reads the marker in any case, and with a hard break after it', async () => {
    const html = await article('> [!warning]  \n> Hot.\n\n> [!Tip]\n> Cool.\n')
    expect(callouts(html).map((callout) => [classes(callout)[1], textOf(elements(callout)[1]!)])).toEqual([
      ['callout-warning', 'Hot.'],
      ['callout-tip', 'Cool.'],
    ])
  })

  it('leave quotes that are not alerts as quotes', async () => {
    const html = await article('> \\[!NOTE]\n> Escaped.\n\n> [!NOTE] Same line.\n\n> [!NOTE]\n\n> [!HINT]\n> Unknown.\n')
    expect(callouts(html)).toEqual([])
    expect(byTag(html, 'blockquote').map((quote) => textOf(quote).trim())).toEqual(['[!NOTE]\nEscaped.', '[!NOTE] Same line.', '[!NOTE]', '[!HINT]\nUnknown.'])
  })
})

describe('container callouts', () => {
  it.each(['note', 'tip', 'info', 'important', 'warning', 'caution', 'danger'])('`:::%s` becomes a box titled with its kind', async (kind) => {
    const html = await article(`:::${kind}\nBody.\n:::\n\nAfter.\n`)
    const [callout, ...more] = callouts(html)
    expect(more).toEqual([])
    expect(describeCallout(callout!)).toEqual({
      tag: 'div',
      className: ['callout', `callout-${kind}`],
      role: 'note',
      title: { tag: 'p', className: ['callout-title'], text: kind.charAt(0).toUpperCase() + kind.slice(1) },
      body: ['p'],
    })
    expect(elements(html).map((element) => element.tagName)).toEqual(['div', 'p'])
  })

  it('`:::details` folds, behind a summary that reads Details', async () => {
    const html = await article(':::details\nHidden.\n:::\n')
    const [details] = callouts(html)
    expect(describeCallout(details!)).toEqual({ tag: 'details', className: ['callout', 'callout-details'], role: undefined, title: { tag: 'summary', className: [], text: 'Details' }, body: ['p'] })
  })

  it.each([
    ['after a space, as VitePress writes it', ':::tip Read this first  '],
    ['after `::: `, as VitePress writes it too', '::: tip Read this first'],
    ['in brackets, as Docusaurus and remark-directive write it', ':::tip[Read this first]'],
  ])('take a title %s', async (_, opening) => {
    const html = await article(`${opening}\nBody.\n:::\n`)
    const [callout] = callouts(html)
    expect(describeCallout(callout!).title).toEqual({ tag: 'p', className: ['callout-title'], text: 'Read this first' })
    expect(describeCallout(callout!).body).toEqual(['p'])
  })

  it('read markdown in a title, and give details its summary', async () => {
    const html = await article(':::details[Set up **the** cluster]\nSteps.\n:::\n\n:::warning Do *not* skip\nReally.\n:::\n')
    const [details, warning] = callouts(html)
    const summary = elements(details!)[0]!
    expect(summary.tagName).toBe('summary')
    expect(textOf(summary)).toBe('Set up the cluster')
    expect(byTag(summary, 'strong').map(textOf)).toEqual(['the'])
    expect(byTag(elements(warning!)[0]!, 'em').map(textOf)).toEqual(['not'])
  })

  it('hold any markdown: lists, code, links, includes, shortcodes, alerts and other callouts', async () => {
    const body = [
      '::::tip',
      'See [the other page](other.md#top).',
      '',
      '- a list',
      '',
      '```sh',
      'echo hi',
      '```',
      '',
      '{{ include "./includes/part.md" }}',
      '',
      "[[ open_div \"class='wide'\" ]]",
      'In a shortcode block.',
      '[[ close_div ]]',
      '',
      '> [!CAUTION]',
      '> An alert inside.',
      '',
      ':::note',
      'A callout inside.',
      ':::',
      '::::',
      '',
    ].join('\n')
    const html = await article(body, { 'content/includes/part.md': 'From an *include*.\n' })
    const [tip, caution, note] = callouts(html)
    expect(describeCallout(tip!).body).toEqual(['p', 'ul', 'pre', 'p', 'div', 'div', 'div'])
    expect(byTag(tip!, 'a').filter((link) => !classes(link).includes('heading-anchor')).map((link) => link.properties.href)).toEqual(['other/index.html#top'])
    expect(selectAll(tip!, (element) => element.tagName === 'pre' && classes(element).includes('shiki'))).toHaveLength(1)
    expect(byTag(tip!, 'em').map(textOf)).toEqual(['include'])
    expect(selectAll(tip!, (element) => classes(element).includes('wide')).map(textOf)).toEqual(['In a shortcode block.'])
    expect([classes(caution!), textOf(elements(caution!)[1]!)]).toEqual([['callout', 'callout-caution'], 'An alert inside.'])
    expect([classes(note!), textOf(elements(note!)[1]!)]).toEqual([['callout', 'callout-note'], 'A callout inside.'])
  })

  it('sit inside shortcode blocks, list items and quotes', async () => {
    const html = await article('[[ open_details ]]\n:::tip\nIn details.\n:::\n[[ close_details ]]\n\n- item\n\n  :::note\n  In a list.\n  :::\n\n> :::danger\n> In a quote.\n> :::\n')
    const [inDetails, inList, inQuote] = callouts(html)
    expect(inDetails!.tagName).toBe('div')
    expect(byTag(html, 'details')[0]!.children).toContain(inDetails)
    expect(byTag(html, 'li')[0]!.children).toContain(inList)
    expect(byTag(html, 'blockquote')[0]!.children).toContain(inQuote)
  })

  it('end at a line of at least as many colons, and not before', async () => {
    const html = await article('::::tip\n:::\nStill in.\n::::\nOut.\n')
    const [tip] = callouts(html)
    expect(textOf(tip!)).toContain(':::\nStill in.')
    expect(textOf(tip!)).not.toContain('Out.')
  })
})

describe('colons that are not callouts', () => {
  it('stay exactly the text they were: times, words, emoji codes, directives of other tools', async () => {
    const html = await article('Meet at 10:30, see a:b and :smile: here, ::x and :::y too.\n\n::x[label]\n\nPython:main[the guide](other.md) stays a link.\n')
    const paragraphs = elements(html).map((element) => [element.tagName, textOf(element)])
    expect(paragraphs).toEqual([
      ['p', 'Meet at 10:30, see a:b and :smile: here, ::x and :::y too.'],
      ['p', '::x[label]'],
      ['p', 'Python:mainthe guide stays a link.'],
    ])
    expect(byTag(html, 'a').map((link) => [textOf(link), link.properties.href])).toEqual([['the guide', 'other/index.html']])
  })

  it('keep a callout written in a code block as code', async () => {
    const html = await article('```md\n:::tip\nShown.\n:::\n```\n')
    expect(callouts(html)).toEqual([])
    expect(textOf(byTag(html, 'code')[0]!)).toBe(':::tip\nShown.\n:::')
  })

  it('leave an unknown container as the paragraph it was, with a warning at its line', async () => {
    const compiled = await compileSite({ 'content/index.md': page('Before it\n:::foo Some title\nbody\n:::\n') })
    expect(elements(compiled.content('index.html')).map((element) => [element.tagName, textOf(element)])).toEqual([['p', 'Before it\n:::foo Some title\nbody\n:::']])
    expect(compiled.messages.map((message) => `${message.file}:${message.line}:${message.column} ${message.ruleId}`)).toEqual(['content/index.md:5:1 unknown-callout'])
  })
})

describe('messages', () => {
  it('name an unknown callout where it was written, through includes, with the kinds weft knows', async () => {
    const messages = await messagesOf('Intro.\n\n{{ include "./includes/part.md" }}\n', { 'content/includes/part.md': 'Text.\n\n  :::foo[Title]\n  Body.\n  :::\n' })
    expect(messages).toEqual([
      {
        at: 'content/includes/part.md:3:3',
        rule: 'unknown-callout',
        severity: 'warning',
        reason: 'Unknown callout `:::foo[Title]` is shown as text',
        hint: 'weft knows `note`, `tip`, `info`, `important`, `warning`, `caution`, `danger` and `details`, as in `:::tip`; to show the line as text, write `\\:::`',
        includedFrom: ['content/index.md:6'],
      },
    ])
  })

  it('say nothing of a fence escaped with a backslash', async () => {
    const html = await article('\\:::foo\nshown\n\\:::\n')
    expect(textOf(html).trim()).toBe(':::foo\nshown\n:::')
  })

  it('say how to write a known callout that cannot be read', async () => {
    const messages = await messagesOf(':::tip{#id}\nBody.\n:::\n')
    expect(messages.map(({ at, rule, reason, hint }) => ({ at, rule, reason, hint }))).toEqual([
      {
        at: 'content/index.md:4:1',
        rule: 'callout-syntax',
        reason: 'Cannot read the callout `:::tip{#id}`, so it is shown as text',
        hint: 'write the title after a space (`:::tip Read this first`) or in brackets (`:::tip[Read this first]`), with nothing else on the line',
      },
    ])
  })

  it('warn of a callout that is never closed', async () => {
    const messages = await messagesOf('Intro.\n\n:::warning\nEverything after.\n\n## Even this\n')
    expect(messages.map(({ at, rule, severity, reason, hint }) => ({ at, rule, severity, reason, hint }))).toEqual([
      {
        at: 'content/index.md:6:1',
        rule: 'unclosed-callout',
        severity: 'warning',
        reason: '`:::warning` is never closed, so the callout takes in everything after it, to the end of the page, list item or quote it is in',
        hint: 'add a line of `:::` where the callout ends',
      },
    ])
  })
})

describe('--safe', () => {
  it('keeps the callouts’ markup, and nothing more of the same kind from raw HTML', async () => {
    const html = await article(
      '> [!TIP]\n> Alert.\n\n:::warning[Title]\nBox.\n:::\n\n:::details\nFolded.\n:::\n\n<div class="callout callout-tip evil" role="button" onclick="alert(1)"><p class="callout-title other">Raw</p></div>\n',
      {},
      { safe: true },
    )
    const [tip, warning, details, raw] = callouts(html)
    expect(describeCallout(tip!)).toMatchObject({ tag: 'div', className: ['callout', 'callout-tip'], role: 'note', title: { tag: 'p', className: ['callout-title'], text: 'Tip' } })
    expect(describeCallout(warning!)).toMatchObject({ tag: 'div', className: ['callout', 'callout-warning'], role: 'note', title: { tag: 'p', className: ['callout-title'], text: 'Title' } })
    expect(describeCallout(details!)).toMatchObject({ tag: 'details', className: ['callout', 'callout-details'], title: { tag: 'summary', text: 'Details' } })
    expect(raw!.properties).toEqual({ className: ['callout', 'callout-tip'] })
    expect(elements(raw!).map((child) => child.properties)).toEqual([{ className: ['callout-title'] }])
  })
})
