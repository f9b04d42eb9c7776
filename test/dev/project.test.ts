// Rebuilds redo only what a change touched, and end in the same site a fresh
// build of the files on disk gives.

import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { build } from '../../src/index.js'
import { Project } from '../../src/project/project.js'
import { makeSite } from '../helpers/site.js'

const fm = (title: string, order: number) => `---\ntitle: ${title}\nmenu_order: ${order}\n---\n`

async function setup() {
  const root = makeSite({
    'content/index.md': `${fm('Home', 0)}[a](a.md) [b](b.md)\n`,
    'content/a.md': `${fm('A', 1)}{{ include "./includes/shared.md" }}\n\nA text.\n`,
    'content/b.md': `${fm('B', 2)}{{ include "./includes/shared.md" }}\n\n[to a](a.md#a-heading)\n`,
    'content/c.md': `${fm('C', 3)}C alone.\n`,
    'includes/shared.md': '## A heading\n\nShared.\n',
  })
  const project = await Project.open({ root, config: { search: false } })
  const first = await project.build()
  expect(first.ok).toBe(true)
  await project.updateSiteFiles()
  const file = (name: string) => path.join(root, name)
  const edit = async (name: string, text: string) => {
    fs.writeFileSync(file(name), text)
    return project.build([file(name)])
  }
  const sameAsFresh = async () => {
    await project.updateSiteFiles()
    const fresh = await build({ root, write: false, config: { search: false } })
    expect(new Map(project.files)).toEqual(fresh.files)
  }
  return { root, project, file, edit, sameAsFresh }
}

describe('incremental rebuilds', () => {
  it('render only the page that was edited', async () => {
    const { project, edit, file, sameAsFresh } = await setup()
    const outcome = await edit('content/c.md', `${fm('C', 3)}C changed.\n`)
    expect(outcome.rendered).toEqual([file('content/c.md')])
    expect([...outcome.changed]).toEqual(['c/index.html'])
    // The print view holds every page's content: it is made again, after.
    expect([...(await project.updateSiteFiles())]).toEqual(['print/index.html'])
    await sameAsFresh()
  })

  it('put every page into a changed template again, rendering none', async () => {
    const root = makeSite({
      'content/index.md': `${fm('Home', 0)}Home.\n`,
      'content/a.md': `${fm('A', 1)}A text.\n`,
      'content/b.md': `${fm('B', 2)}B text.\n`,
      'templates/partials/footer.liquid': '<footer><p>First footer</p></footer>\n',
    })
    const project = await Project.open({ root, config: { search: false } })
    expect((await project.build()).ok).toBe(true)
    const footer = path.join(root, 'templates/partials/footer.liquid')
    fs.writeFileSync(footer, '<footer><p>Second footer</p></footer>\n')
    const outcome = await project.build([footer])
    expect(outcome.rendered).toEqual([])
    expect([...outcome.changed].filter((output) => output.endsWith('index.html')).sort()).toEqual(['a/index.html', 'b/index.html', 'index.html'])
    const fresh = await build({ root, write: false, config: { search: false } })
    for (const output of ['index.html', 'a/index.html', 'b/index.html']) expect(project.files.get(output)).toEqual(fresh.files.get(output))
  })

  it('render exactly the pages that include an edited include', async () => {
    const { edit, file, sameAsFresh } = await setup()
    const outcome = await edit('includes/shared.md', '## A heading\n\nShared, edited.\n')
    expect(outcome.rendered.sort()).toEqual([file('content/a.md'), file('content/b.md')])
    expect([...outcome.changed].sort()).toEqual(['a/index.html', 'b/index.html'])
    await sameAsFresh()
  })

  it('see an include saved without a change event (the watcher missed it) at the next rebuild', async () => {
    const { project, file, edit, sameAsFresh } = await setup()
    fs.writeFileSync(file('includes/shared.md'), '## A heading\n\nShared, saved unseen.\n')
    expect(project.missedChanges()).toEqual([file('includes/shared.md')])
    // Only the save of c.md is reported; a.md and b.md include the file saved unseen.
    const outcome = await edit('content/c.md', `${fm('C', 3)}C changed.\n`)
    expect(outcome.rendered.sort()).toEqual([file('content/a.md'), file('content/b.md'), file('content/c.md')])
    expect(project.missedChanges()).toEqual([])
    await sameAsFresh()
  })

  it('put a new page in the navigation of every page', async () => {
    const { edit, file, sameAsFresh } = await setup()
    const outcome = await edit('content/d.md', `${fm('D', 4)}New.\n`)
    expect(outcome.rendered).toEqual([file('content/d.md')])
    expect([...outcome.changed].sort()).toEqual(['a/index.html', 'b/index.html', 'c/index.html', 'd/index.html', 'index.html'])
    await sameAsFresh()
  })

  it('re-template every page but render one when a title changes', async () => {
    const { edit, file, sameAsFresh } = await setup()
    const outcome = await edit('content/c.md', `${fm('C renamed', 3)}C alone.\n`)
    expect(outcome.rendered).toEqual([file('content/c.md')])
    expect([...outcome.changed].sort()).toEqual(['a/index.html', 'b/index.html', 'c/index.html', 'index.html'])
    await sameAsFresh()
  })

  it('reorder the navigation when a menu_order changes, and warn of a duplicate until it is gone', async () => {
    const { edit, sameAsFresh } = await setup()
    let outcome = await edit('content/c.md', `${fm('C', 1)}C alone.\n`)
    expect(outcome.messages.map((message) => message.ruleId)).toEqual(['duplicate-menu-order'])
    await sameAsFresh()
    outcome = await edit('content/c.md', `${fm('C', 0)}C first now.\n`)
    expect(outcome.messages).toEqual([])
    expect([...outcome.changed]).toContain('a/index.html')
    await sameAsFresh()
  })

  it('report a link to a deleted page, and recover when it is back', async () => {
    const { project, file, sameAsFresh } = await setup()
    const text = fs.readFileSync(file('content/a.md'))
    fs.rmSync(file('content/a.md'))
    const broken = await project.build([file('content/a.md')])
    expect(broken.ok).toBe(false)
    expect(broken.messages.map((message) => `${message.file}:${message.line} ${message.ruleId}`).sort()).toEqual(['content/b.md:7 dead-link', 'content/index.md:5 dead-link'])
    fs.writeFileSync(file('content/a.md'), text)
    const fixed = await project.build([file('content/a.md')])
    expect(fixed.ok).toBe(true)
    await sameAsFresh()
  })

  it('check a fragment link again when the page it names changes, and only then', async () => {
    const { project, edit, file, sameAsFresh } = await setup()
    // b.md links to a.md#a-heading; a.md loses that heading: b.md is not rendered again, but its link is checked again.
    const broken = await edit('content/a.md', `${fm('A', 1)}A text, without the include.\n`)
    expect(broken.rendered).toEqual([file('content/a.md')])
    expect(broken.messages.map((message) => `${message.file}:${message.line} ${message.ruleId}`)).toEqual(['content/b.md:7 dead-fragment'])
    // An edit elsewhere keeps the message (b.md's link was not checked again, and still fails).
    const elsewhere = await edit('content/c.md', `${fm('C', 3)}C alone, edited.\n`)
    expect(elsewhere.messages.map((message) => message.ruleId)).toEqual(['dead-fragment'])
    const fixed = await edit('content/a.md', `${fm('A', 1)}{{ include "./includes/shared.md" }}\n\nA text.\n`)
    expect(fixed.ok).toBe(true)
    expect(fixed.messages).toEqual([])
    await sameAsFresh()
  })

  it('keep a page whose front matter is removed, titled by its name, and drop it once a page includes it, as a fresh build does', async () => {
    const { project, edit, file, root, sameAsFresh } = await setup()
    const alone = await edit('content/c.md', 'C alone, without front matter.\n')
    expect(alone.ok).toBe(true)
    expect(alone.site.byFile.get(file('content/c.md'))?.title).toBe('C')
    await sameAsFresh()
    const included = await edit('content/a.md', `${fm('A', 1)}{{ include "./includes/shared.md" }}\n\n{{ include "./c.md" }}\n`)
    expect(included.ok).toBe(true)
    expect(included.site.byFile.has(file('content/c.md'))).toBe(false)
    expect(project.files.has('c/index.html')).toBe(false)
    const fresh = await build({ root, write: false, config: { search: false } })
    expect(included.messages).toEqual(fresh.messages)
    await sameAsFresh()
    // Included no more: a page again
    const again = await edit('content/a.md', `${fm('A', 1)}{{ include "./includes/shared.md" }}\n\nA text.\n`)
    expect(again.site.byFile.has(file('content/c.md'))).toBe(true)
    await sameAsFresh()
  })

  it('keep the last good site while an error stands', async () => {
    const { project, edit } = await setup()
    const before = project.files.get('c/index.html')
    const outcome = await edit('content/c.md', `${fm('C', 3)}[[ open_div ]]\n`)
    expect(outcome.ok).toBe(false)
    expect(outcome.messages.map((message) => `${message.file}:${message.line}:${message.column} ${message.ruleId}`)).toEqual(['content/c.md:5:1 unclosed-shortcode'])
    expect(project.files.get('c/index.html')).toBe(before)
  })
})
