// The `weft` command as a user runs it: exit codes, what it prints, and that a
// failed build leaves the previous site untouched. A build that succeeds, one that
// fails, three cases of the bad-input corpus, `expand` and `dev` run `bin/weft.js`
// as its own process; the other cases run the command's `main` in this process.

import { spawn, spawnSync } from 'node:child_process'
import http from 'node:http'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { badInputArgs, expectReported } from './helpers/bad-input.js'
import { runWeft } from './helpers/run-weft.js'
import { makeSite, repoRoot } from './helpers/site.js'

function weft(args: string[], cwd = repoRoot) {
  const run = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'weft.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, WEFT_BUILD_INFO: '' } })
  return { code: run.status, stdout: run.stdout, stderr: run.stderr }
}

const good = { 'content/index.md': '---\ntitle: Home\n---\n\nHello [guide](guide.md).\n', 'content/guide.md': '---\ntitle: Guide\n---\n\n## Start\n' }

describe('weft build', () => {
  it('builds a site and says so in one line', () => {
    const root = makeSite(good)
    const run = weft(['build', '--root', root])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^weft: built 2 pages in \d+ ms → .*dist\/\n$/)
    expect(fs.existsSync(path.join(root, 'dist', 'guide', 'index.html'))).toBe(true)
  })

  it('replaces the whole previous site on success', async () => {
    const root = makeSite({ ...good, 'dist/stale.html': 'old' })
    expect((await runWeft(['build', '--root', root], { WEFT_BUILD_INFO: '' })).code).toBe(0)
    expect(fs.existsSync(path.join(root, 'dist', 'stale.html'))).toBe(false)
    expect(fs.readdirSync(root).filter((name) => name.includes('weft-'))).toEqual([])
  })

  it('reports problems as file:line:column with exit 1, no stack trace, and keeps the old site', () => {
    const root = makeSite({ ...good, 'content/bad.md': '---\ntitle: Bad\n---\n\n{{ include "./nope.md" }}\n\n[[ open_div ]]\n', 'dist/index.html': 'previous site' })
    const run = weft(['build'], root)
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    const lines = run.stderr.trim().split('\n')
    expect(lines[0]).toBe('content/bad.md:5:1: error: Cannot find include `./nope.md` (looked in `content/`, `./`) [missing-include]')
    expect(lines).toContain('content/bad.md:7:1: error: `[[ open_div ]]` is never closed [unclosed-shortcode]')
    expect(lines.at(-1)).toBe('weft: build failed (2 errors); dist was left as it was')
    expect(run.stderr).not.toMatch(/\n\s+at /)
    expect(fs.readFileSync(path.join(root, 'dist', 'index.html'), 'utf8')).toBe('previous site')
  })

  it('fails on warnings with --strict', async () => {
    const root = makeSite({ ...good, 'content/a.md': '---\ntitle: A\nmenu_order: 1\n---\n', 'content/b.md': '---\ntitle: B\nmenu_order: 1\n---\n' })
    expect((await runWeft(['build', '--root', root], { WEFT_BUILD_INFO: '' })).code).toBe(0)
    const strict = await runWeft(['build', '--root', root, '--strict'], { WEFT_BUILD_INFO: '' })
    expect(strict.code).toBe(1)
    expect(strict.stderr).toContain('content/b.md:3:1: warning:')
  })

  it('takes --content and --out', async () => {
    const root = makeSite({ 'pages/index.md': '---\ntitle: Home\n---\n' })
    const out = path.join(root, 'public')
    expect((await runWeft(['build', '--root', root, '--content', 'pages', '--out', out], { WEFT_BUILD_INFO: '' })).code).toBe(0)
    expect(fs.existsSync(path.join(out, 'index.html'))).toBe(true)
  })

  it('reads weft.config.js with its title and plugins', async () => {
    const root = makeSite({
      ...good,
      'weft.config.mjs': `export default {\n  title: 'Config Title',\n  rehypePlugins: [() => (tree) => { tree.children.push({ type: 'element', tagName: 'p', properties: { id: 'from-plugin' }, children: [] }) }],\n}\n`,
    })
    expect((await runWeft(['build', '--root', root], { WEFT_BUILD_INFO: '' })).code).toBe(0)
    const html = fs.readFileSync(path.join(root, 'dist', 'index.html'), 'utf8')
    expect(html).toContain('<title>Config Title</title>')
    expect(html).toContain('<p id="from-plugin"></p>')
  })

  it('refuses a config with an unknown key, clearly', async () => {
    const root = makeSite({ ...good, 'weft.config.js': 'export default { titel: "x" }\n' })
    const run = await runWeft(['build', '--root', root], { WEFT_BUILD_INFO: '' })
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^weft: `weft\.config\.js` has an unknown key `titel`/)
  })
})

// Errors (exit 1 and the summary line), warnings alone (exit 0), and a mistake in the site's template.
describe('bad input through the weft process', () => {
  for (const name of ['dead-link', 'unused-partial', 'template-error']) {
    it(name, () => {
      const run = weft(badInputArgs(name))
      expectReported(name, { code: run.code ?? -1, stderr: run.stderr })
    })
  }
})

describe('weft expand', () => {
  it('prints the page after stage 1', () => {
    const root = makeSite({ 'content/a.md': '---\ntitle: A\n---\nx {{ include "./b.md" }} y\n', 'content/b.md': 'B\n' })
    const run = weft(['expand', 'content/a.md', '--root', root], root)
    expect(run.code).toBe(0)
    expect(run.stdout).toBe('---\ntitle: A\n---\nx B y\n')
  })
})

describe('usage', () => {
  it('answers --help with exit 0 and a wrong command with exit 2', async () => {
    const help = await runWeft(['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('weft build [--root DIR] [--content NAME] [--out DIR] [--strict]')
    const wrong = await runWeft(['bild'])
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toContain('Unknown command `bild`')
  })
})

describe('weft dev', () => {
  const start = (args: string[], cwd: string) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'weft.js'), 'dev', ...args], { cwd })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    const waitFor = async (text: string) => {
      const until = Date.now() + 15_000
      while (!output.includes(text) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20))
      return output
    }
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    return { child, waitFor, exit, output: () => output }
  }

  it('serves on loopback, and stops cleanly on SIGTERM and SIGINT', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const root = makeSite(good)
      const dev = start(['--port', '0'], root)
      const said = await dev.waitFor('(Ctrl-C to stop)')
      const url = /serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(said)![1]!
      expect((await fetch(url)).status).toBe(200)
      dev.child.kill(signal)
      expect(await dev.exit).toBe(0)
    }
  })

  it('says clearly when the port it was given is taken', async () => {
    const blocker = http.createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const port = (blocker.address() as { port: number }).port
    const root = makeSite(good)
    const dev = start(['--port', String(port)], root)
    expect(await dev.exit).toBe(1)
    expect(dev.output()).toContain(`weft: Port ${port} on 127.0.0.1 is already in use; stop what runs there or choose another with --port`)
    expect(dev.output()).not.toMatch(/\n\s+at /)
    blocker.close()
  })
})
