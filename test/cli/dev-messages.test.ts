// What `weft dev` prints after a save, run as a user runs it: the first build
// prints every message, a rebuild only what changed since (new ones in full, gone
// ones one line each, a count of the rest), and a save that leaves the text as it
// was, nothing. And a config that `npm init -y` made CommonJS, saved while it
// runs, is read anew.

import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { makeSite, repoRoot } from '../helpers/site.js'

const running: Array<() => Promise<unknown>> = []

afterEach(async () => {
  await Promise.all(running.splice(0).map((stop) => stop()))
})

function startDev(cwd: string) {
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'weft.js'), 'dev', '--port', '0'], { cwd, env: { ...process.env, WEFT_BUILD_INFO: '' } })
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  running.push(async () => {
    if (child.exitCode === null) child.kill('SIGTERM')
    await exit
  })
  /** Resolves with what was printed from `from` on, once a line matches `done`. */
  const until = async (done: RegExp, from: number, timeoutMs = 45_000): Promise<string> => {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const text = output.slice(from)
      if (done.test(text)) return text
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`weft dev did not print ${done}; it said:\n${output}`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
  return { until, said: () => output }
}

const page = (title: string, body: string) => `---\ntitle: ${title}\n---\n\n${body}\n`
const noAlt = (line: number, column: number, src: string) =>
  `content/${src === 'a.png' ? 'index' : 'guide'}.md:${line}:${column}: warning: \`<img src="${src}">\` has no \`alt\` text; weft marks it as decoration (\`alt=""\`) [image-without-alt]\n` +
  '    hint: describe what the image shows in `alt="…"`, for readers who cannot see it'

/**
 * The rebuild's summary without its time or page count: a save the watcher reports
 * late (the re-check after a quick save) can join the next rebuild, which then
 * renders that page again too; the messages are what this file is about.
 */
const tidy = (said: string) => said.replace(/ in \d+ ms/, '').replace(/rebuilt \d+ pages?/, 'rebuilt 1 page')

describe('weft dev after a save', { timeout: 90_000 }, () => {
  it('prints every message once, then what changed and a count of the rest', async () => {
    const root = makeSite({
      'content/index.md': page('Home', '<img src="a.png">\n\n<img src="a.png">'),
      'content/guide.md': page('Guide', '<img src="b.png">'),
      'content/a.png': 'not really a PNG',
      'content/b.png': 'not really a PNG',
    })
    const dev = startDev(root)
    const first = await dev.until(/serving http/, 0)
    expect(first.split(/\nweft: built \d+ pages/)[0]).toBe([noAlt(5, 1, 'b.png'), noAlt(5, 1, 'a.png'), noAlt(7, 1, 'a.png')].join('\n'))

    // A new warning: it alone in full, then the others counted.
    let from = dev.said().length
    fs.writeFileSync(path.join(root, 'content/guide.md'), page('Guide', '<img src="b.png">\n\n<img src="b.png" alt="">\n\n<img src="b.png">'))
    let said = await dev.until(/weft: rebuilt/, from)
    expect(tidy(said)).toBe(`${noAlt(9, 1, 'b.png')}\nweft: 3 warnings unchanged\nweft: rebuilt 1 page\n`)

    // Fixed: a short line for the one gone.
    from = dev.said().length
    fs.writeFileSync(path.join(root, 'content/index.md'), page('Home', '<img src="a.png">\n\n<img src="a.png" alt="A">'))
    said = await dev.until(/weft: rebuilt/, from)
    expect(tidy(said)).toBe(
      'gone: content/index.md:7:1: warning: `<img src="a.png">` has no `alt` text; weft marks it as decoration (`alt=""`) [image-without-alt]\n' +
        'weft: 1 warning gone; 3 warnings unchanged\nweft: rebuilt 1 page\n',
    )

    // Moved by a line added above it: shown at its new place, and not said to be gone.
    from = dev.said().length
    fs.writeFileSync(path.join(root, 'content/index.md'), page('Home', 'A new first line.\n\n<img src="a.png">\n\n<img src="a.png" alt="A">'))
    said = await dev.until(/weft: rebuilt/, from)
    expect(tidy(said)).toBe(`${noAlt(7, 1, 'a.png')}\nweft: 2 warnings unchanged\nweft: rebuilt 1 page\n`)

    // A save that changes no message says only the count.
    from = dev.said().length
    const ending = page('Guide', '<img src="b.png">\n\n<img src="b.png" alt="">\n\n<img src="b.png">\n\nThe end.')
    fs.writeFileSync(path.join(root, 'content/guide.md'), ending)
    said = await dev.until(/weft: rebuilt/, from)
    expect(tidy(said)).toBe('weft: 3 warnings unchanged\nweft: rebuilt 1 page\n')

    // The same text saved again (an editor that writes a file twice): nothing is built, nothing said.
    await new Promise((resolve) => setTimeout(resolve, 500))
    from = dev.said().length
    fs.writeFileSync(path.join(root, 'content/guide.md'), ending)
    await new Promise((resolve) => setTimeout(resolve, 1000))
    expect(dev.said().slice(from)).toBe('')
  })

  it('reads a saved weft.config.js again in a package that npm init made CommonJS', async () => {
    const config = (title: string) => `import { defineConfig } from 'weft-docs/config'\n\nexport default defineConfig({ title: '${title}', search: false })\n`
    const root = makeSite({ 'content/index.md': page('Home', 'Hello.'), 'package.json': '{ "name": "docs", "type": "commonjs" }\n', 'weft.config.js': config('First') })
    fs.mkdirSync(path.join(root, 'node_modules'))
    fs.symlinkSync(repoRoot, path.join(root, 'node_modules', 'weft-docs'), 'dir')
    const dev = startDev(root)
    const [, url] = /serving (\S+) /.exec(await dev.until(/serving http/, 0))!
    expect(await (await fetch(url!)).text()).toContain('<title>First</title>')
    const from = dev.said().length
    fs.writeFileSync(path.join(root, 'weft.config.js'), config('Second'))
    await dev.until(/weft: rebuilt/, from)
    expect(await (await fetch(url!)).text()).toContain('<title>Second</title>')
    // A CommonJS config is read again too (require keeps the first by its path).
    for (const title of ['Third', 'Fourth']) {
      const before = dev.said().length
      fs.writeFileSync(path.join(root, 'weft.config.js'), `module.exports = { title: '${title}', search: false }\n`)
      await dev.until(/weft: rebuilt/, before)
      expect(await (await fetch(url!)).text()).toContain(`<title>${title}</title>`)
    }
    expect(fs.readdirSync(root).filter((name) => name.startsWith('.'))).toEqual([])
  })
})
