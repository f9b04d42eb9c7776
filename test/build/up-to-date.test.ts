// A build with nothing changed stops after checking so, and says the last build's
// messages again; any change to what the last build read (a page, an include, a
// place an include was looked for, an image, the theme, the config) or wrote (a
// file of the output removed or edited) makes a real build.

import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { build } from '../../src/index.js'
import { byTag, makeSite, parseHtml, repoRoot, textOf } from '../helpers/site.js'

const fm = (title: string) => `---\ntitle: ${title}\n---\n`

function site() {
  const root = makeSite({
    'content/index.md': `${fm('Home')}Welcome.\n`,
    'content/guide/setup.md': `${fm('Setup')}{{ include "shared.md" }}\n\n<img src="../../images/d.png">\n`,
    'shared.md': 'Shared from the root.\n',
  })
  fs.mkdirSync(path.join(root, 'images'))
  fs.copyFileSync(path.join(repoRoot, 'images', 'secure.png'), path.join(root, 'images', 'd.png'))
  const out = path.join(root, 'dist')
  const run = (options: { strict?: boolean; title?: string } = {}) => build({ root, strict: options.strict, config: { search: false, title: options.title } })
  const page = (output: string) => fs.readFileSync(path.join(out, output), 'utf8')
  return { root, out, run, page }
}

type Result = Awaited<ReturnType<typeof build>>
const phases = (result: Result) => result.timings.map(([phase]) => phase)

/**
 * Whether the build reused the last one: it checked, loaded no page, made no file and wrote
 * nothing. Each side is asserted whole, so that neither holds for want of timings.
 */
function reusedLast(result: Result): boolean {
  expect(phases(result)).toContain('up-to-date check')
  const loaded = phases(result).includes('load')
  if (loaded) return false
  expect(result.site, 'a reused build has no site of its own').toBeUndefined()
  expect(result.files.size, 'a reused build makes no file').toBe(0)
  expect(result.written, 'a reused build writes nothing').toBe(false)
  return true
}

describe('a build with nothing changed', () => {
  it('checks instead of building, and says the last messages again', async () => {
    const { root, run } = site()
    const first = await run()
    expect(first.ok).toBe(true)
    expect(first.written).toBe(true)
    // The image has no alt text: a warning, said by every build of the unchanged site.
    expect(first.messages.map((message) => message.ruleId)).toEqual(['image-without-alt'])
    const second = await run()
    expect(second.ok).toBe(true)
    expect(second.written).toBe(false)
    expect(reusedLast(second)).toBe(true)
    expect(second.pages).toBe(first.pages)
    expect(second.messages.map((message) => [message.ruleId, message.file, message.line])).toEqual(first.messages.map((message) => [message.ruleId, message.file, message.line]))
    expect((await run({ strict: true })).ok).toBe(false)
    // Saved again with the same text (a newer time): read and compared, still the same.
    const shared = path.join(root, 'shared.md')
    fs.writeFileSync(shared, fs.readFileSync(shared))
    fs.utimesSync(shared, new Date(), new Date(Date.now() + 5000))
    expect(reusedLast(await run())).toBe(true)
    expect(fs.existsSync(path.join(root, 'dist', 'guide', 'setup', 'index.html'))).toBe(true)
  })

  it('builds again when a source, a shadowing include, an image or the theme changes', async () => {
    const { root, run, page } = site()
    await run()
    const shared = () => textOf(byTag(parseHtml(page('guide/setup/index.html')), 'article')[0]!)

    fs.writeFileSync(path.join(root, 'shared.md'), 'Shared, edited.\n')
    let result = await run()
    expect(reusedLast(result)).toBe(false)
    expect(shared()).toContain('Shared, edited.')

    // The include is looked for next to the page before the root: a file appearing there wins.
    fs.writeFileSync(path.join(root, 'content', 'guide', 'shared.md'), 'Shared from beside the page.\n')
    result = await run()
    expect(reusedLast(result)).toBe(false)
    expect(shared()).toContain('Shared from beside the page.')

    fs.rmSync(path.join(root, 'images', 'd.png'))
    result = await run()
    expect(result.ok).toBe(false)
    expect(result.messages.map((message) => message.ruleId)).toContain('missing-image')
    fs.copyFileSync(path.join(repoRoot, 'images', 'secure.png'), path.join(root, 'images', 'd.png'))
    expect((await run()).ok).toBe(true)

    fs.mkdirSync(path.join(root, 'templates', 'partials'), { recursive: true })
    fs.writeFileSync(path.join(root, 'templates', 'partials', 'footer.liquid'), '<footer><p>Our own footer</p></footer>\n')
    result = await run()
    expect(reusedLast(result)).toBe(false)
    expect(textOf(byTag(parseHtml(page('index.html')), 'footer')[0]!)).toBe('Our own footer')
    expect(reusedLast(await run())).toBe(true)
  })

  it('builds again when a page is added or the output was touched', async () => {
    const { root, out, run, page } = site()
    await run()
    fs.writeFileSync(path.join(root, 'content', 'later.md'), `${fm('Later')}Added afterwards.\n`)
    let result = await run()
    expect(reusedLast(result)).toBe(false)
    expect(page('later/index.html')).toContain('Added afterwards.')

    fs.rmSync(path.join(out, 'later', 'index.html'))
    result = await run()
    expect(reusedLast(result)).toBe(false)
    expect(page('later/index.html')).toContain('Added afterwards.')

    const home = path.join(out, 'index.html')
    const built = fs.readFileSync(home)
    fs.writeFileSync(home, 'edited by hand')
    result = await run()
    expect(reusedLast(result)).toBe(false)
    expect(fs.readFileSync(home).equals(built)).toBe(true)

    fs.writeFileSync(path.join(out, 'stray.html'), 'not weft’s')
    result = await run()
    expect(reusedLast(result)).toBe(false)
    expect(fs.existsSync(path.join(out, 'stray.html'))).toBe(false)
  })

  it('clears away what a killed build left beside the output, even when nothing changed', async () => {
    const { root, run } = site()
    await run()
    // A build killed while it wrote: its folder and its spill file, beside the output.
    fs.mkdirSync(path.join(root, '.dist.weft-new-killed', 'guide'), { recursive: true })
    fs.writeFileSync(path.join(root, '.dist.weft-new-killed', 'guide', 'index.html'), 'half a site')
    fs.writeFileSync(path.join(root, '.dist.weft-new-killed.spill'), 'spilled text')
    expect(reusedLast(await run())).toBe(true)
    expect(fs.readdirSync(root).filter((name) => name.startsWith('.dist.weft-new'))).toEqual([])
  })

  it('builds again when the config changes, and never reuses a failed build', async () => {
    const { root, run, page } = site()
    await run()
    let result = await run({ title: 'Renamed' })
    expect(reusedLast(result)).toBe(false)
    expect(page('index.html')).toContain('Renamed')

    expect(reusedLast(await run({ title: 'Renamed' }))).toBe(true)
    fs.writeFileSync(path.join(root, 'content', 'broken.md'), `${fm('Broken')}{{ include "nowhere.md" }}\n`)
    expect((await run()).ok).toBe(false)
    // Pages of a failed build went to a folder of their own, which is gone; the last good site stays.
    expect(fs.readdirSync(root).filter((name) => name.includes('weft-new'))).toEqual([])
    expect(page('index.html')).toContain('Renamed')
    result = await run()
    expect(result.ok).toBe(false)
    expect(reusedLast(result)).toBe(false)
  })
})
