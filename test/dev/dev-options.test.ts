// `weft dev` as a user runs it: `--host` picks the address it listens on, `--open`
// opens the site in a browser (here a fake `xdg-open` that writes down what it was
// given), a taken port 4000 makes it take the next free one and say so, and a
// saved weft.config.js rebuilds the site with the new config.

import { spawn } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import type { Root } from 'hast'
import { afterEach, describe, expect, it } from 'vitest'
import { byTag, makeSite, parseHtml, repoRoot, textOf } from '../helpers/site.js'

const good = { 'content/index.md': '---\ntitle: Home\n---\n\nHello.\n', 'content/guide.md': '---\ntitle: Guide\n---\n\n## Start\n' }
const running: Array<() => Promise<unknown>> = []

afterEach(async () => {
  await Promise.all(running.splice(0).map((stop) => stop()))
})

/** Waits for `check` to hold, looking again whenever the process prints something (or every 50 ms). */
async function until<T>(what: string, check: () => T | undefined | Promise<T | undefined>, output: () => string, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined && value !== false) return value
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; weft dev said:\n${output()}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

function startDev(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'weft.js'), 'dev', ...args], { cwd, env: { ...env, WEFT_BUILD_INFO: '' } })
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  running.push(async () => {
    if (child.exitCode === null) child.kill('SIGTERM')
    await exit
  })
  const said = () => output
  const serving = () =>
    until(
      'the server to start',
      () => {
        if (child.exitCode !== null) throw new Error(`weft dev exited with ${child.exitCode}:\n${output}`)
        return /serving (http:\/\/(\S+):(\d+)\/) \(Ctrl-C to stop\)/.exec(output) ?? undefined
      },
      said,
    )
  return { child, exit, said, serving }
}

function get(url: string): Promise<{ status: number; body: string }> {
  return fetch(url).then(async (response) => ({ status: response.status, body: await response.text() }))
}

function titleOf(html: string): string {
  return textOf(byTag(parseHtml(html) as Root, 'title')[0]!)
}

describe('weft dev options', { timeout: 90_000 }, () => {
  it('listens on the address `--host` names, and not on 127.0.0.1', async () => {
    const root = makeSite(good)
    const dev = startDev(['--host', '127.0.0.2', '--port', '0'], root)
    const [, url, host, port] = await dev.serving()
    expect(host).toBe('127.0.0.2')
    expect(url).toBe(`http://127.0.0.2:${port}/`)
    expect((await get(`${url}guide/`)).status).toBe(200)
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow()
  })

  it('runs the system opener with the site URL under `--open`', async () => {
    const root = makeSite(good)
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-fake-bin-'))
    const record = path.join(bin, 'opened.txt')
    fs.writeFileSync(path.join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${record}.part' && mv '${record}.part' '${record}'\n`, { mode: 0o755 })
    const dev = startDev(['--port', '0', '--open'], root, { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}` })
    const [, url] = await dev.serving()
    const opened = await until('xdg-open to be run', () => (fs.existsSync(record) ? fs.readFileSync(record, 'utf8') : undefined), dev.said)
    expect(opened).toBe(`${url}\n`)
  })

  it('does not open anything without `--open`', async () => {
    const root = makeSite(good)
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-fake-bin-'))
    const record = path.join(bin, 'opened.txt')
    fs.writeFileSync(path.join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${record}'\n`, { mode: 0o755 })
    const dev = startDev(['--port', '0'], root, { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}` })
    const [, url] = await dev.serving()
    // By the time a page is served, `--open` would have spawned the opener already;
    // a rebuild after a save is a second, later point where nothing must have run.
    expect((await get(url!)).status).toBe(200)
    fs.writeFileSync(path.join(root, 'content', 'guide.md'), '---\ntitle: Guide\n---\n\n## Start again\n')
    await until('the rebuild', () => dev.said().includes('weft: rebuilt'), dev.said)
    expect(fs.existsSync(record)).toBe(false)
  })

  it('takes the next free port after 4000 when 4000 is taken, and says so', async () => {
    // Port 4000 taken: by this test, or already by something else on the machine.
    const blocker = http.createServer()
    await new Promise<void>((resolve) => {
      blocker.once('error', () => resolve())
      blocker.listen(4000, '127.0.0.1', () => resolve())
    })
    running.push(() => new Promise((resolve) => (blocker.listening ? blocker.close(resolve) : resolve(undefined))))
    const root = makeSite(good)
    const dev = startDev([], root)
    const [, url, , port] = await dev.serving()
    expect(dev.said()).toContain('weft: port 4000 is in use, trying 4001')
    expect(Number(port)).toBeGreaterThan(4000)
    expect(Number(port)).toBeLessThan(4020)
    const page = await get(`${url}guide/`)
    expect(page.status).toBe(200)
    expect(titleOf(page.body)).toContain('Guide')
  })

  // `import()` gives the module it loaded first for a URL: the config is imported
  // under a URL of its version, or the rebuild would use the old config.
  it('rebuilds with the new config when weft.config.js is saved', async () => {
    const root = makeSite({ ...good, 'weft.config.js': "export default { title: 'First Title', search: false }\n" })
    const dev = startDev(['--port', '0'], root)
    const [, url] = await dev.serving()
    expect(titleOf((await get(`${url}guide/`)).body)).toContain('First Title')
    fs.writeFileSync(path.join(root, 'weft.config.js'), "export default { title: 'Second Title', search: false }\n")
    await until('the rebuild', () => dev.said().includes('weft: rebuilt'), dev.said)
    const after = titleOf((await get(`${url}guide/`)).body)
    expect(after).toContain('Second Title')
    expect(after).not.toContain('First Title')
  })
})
