// weft as a newcomer gets it: the repository packed by `npm pack`, the tarball
// installed into an empty folder, `npx weft init site`, the site's own `npm install`
// and `npm run build -- --strict`, then `npm run dev` with Chromium watching while a
// page is edited. Slow (npm installs twice, from its local cache): about a minute.

import { execFile, spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import type { Browser } from 'playwright-core'
import { afterAll, expect, it } from 'vitest'
import { launchBrowser } from '../helpers/browser.js'
import { listenForUpdates, type LiveReloadListener } from '../helpers/live-reload.js'
import { repoRoot, tempDir } from '../helpers/site.js'

const run = promisify(execFile)
const [npm, npx] = process.platform === 'win32' ? ['npm.cmd', 'npx.cmd'] : ['npm', 'npx']

// npm as a user runs it, not as `npm test` (which hands its own npm_* settings down), and quietly.
const env: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name))),
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
  npm_config_prefer_offline: 'true',
  WEFT_BUILD_INFO: '',
}

const work = tempDir()
let browser: Browser | undefined
let dev: ChildProcess | undefined
let listener: LiveReloadListener | undefined

afterAll(async () => {
  listener?.close()
  await browser?.close()
  if (dev?.pid !== undefined && dev.exitCode === null) {
    const exited = new Promise((resolve) => dev!.once('exit', resolve))
    // npm, its shell and weft: the whole group it leads.
    process.kill(-dev.pid, 'SIGTERM')
    await exited
  }
  fs.rmSync(work, { recursive: true, force: true })
})

/** The working tree as git sees it (tracked and new files, nothing ignored), to pack without touching the repository's lib/. */
async function copyOfRepository(into: string): Promise<void> {
  const { stdout } = await run('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: repoRoot, maxBuffer: 64 << 20 })
  for (const name of stdout.split('\0').filter(Boolean)) {
    const from = path.join(repoRoot, name)
    // A file deleted in the working tree is still listed by git until the deletion is committed.
    if (!fs.existsSync(from)) continue
    fs.mkdirSync(path.dirname(path.join(into, name)), { recursive: true })
    fs.copyFileSync(from, path.join(into, name))
  }
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(into, 'node_modules'), 'dir')
}

it('packs, installs into an empty folder, inits a site that builds with --strict, and serves it live to a browser', async () => {
  const started = performance.now()
  const laps: string[] = []
  const lap = (what: string) => laps.push(`${what} ${((performance.now() - started) / 1000).toFixed(1)} s`)

  // 1. `npm pack`, in a copy: its prepack compiles a lib/ of its own from src/.
  const source = path.join(work, 'source')
  await copyOfRepository(source)
  const packed = await run(npm, ['pack', '--json', '--pack-destination', work], { cwd: source, env, maxBuffer: 64 << 20 })
  const [{ filename, files }] = JSON.parse(packed.stdout) as [{ filename: string; files: { path: string }[] }]
  const shipped = files.map((file) => file.path)
  expect(shipped).toEqual(expect.arrayContaining(['bin/weft.js', 'lib/cli.js', 'lib/config-file.js', 'lib/init/init-site.js', 'templates/page.liquid', 'starter/content/index.md', 'starter/images/how-it-works.png']))
  expect(shipped.filter((file) => !/^(bin|lib|templates|starter)\/|^(package\.json|README\.md|LICENSE)$/.test(file))).toEqual([])
  expect(shipped.filter((file) => file.endsWith('.map') || file.endsWith('.tsbuildinfo'))).toEqual([])
  const tarball = path.join(work, filename)
  lap('packed')

  // 2. Into an empty folder, then `weft init` from there.
  const app = path.join(work, 'app')
  fs.mkdirSync(app)
  await run(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], { cwd: app, env })
  lap('installed')
  // The command under the package's own name too, for `npx weft-docs init`.
  const { version } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }
  expect((await run(npx, ['weft-docs', '--version'], { cwd: app, env })).stdout).toBe(`${version}\n`)
  const init = await run(npx, ['weft', 'init', 'site'], { cwd: app, env })
  expect(init.stdout).toMatch(/^weft: wrote a starter site in site:\n(?: {2}\S+\n)+Next, to see it in a browser:\n {2}cd site\n {2}npm install\n {2}npm run dev\n$/)

  // 3. The site's own install. weft-docs is not on the registry yet, so the tarball stands in for it.
  const site = path.join(app, 'site')
  await run(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', '--save-dev', tarball], { cwd: site, env })
  lap('site installed')
  const build = await run(npm, ['run', '--silent', 'build', '--', '--strict'], { cwd: site, env })
  expect(build.stderr).toBe('')
  expect(build.stdout).toMatch(/^weft: built 4 pages in \d+ ms → dist\/\n$/)
  expect(fs.existsSync(path.join(site, 'dist', 'guide', 'first-steps', 'index.html'))).toBe(true)
  lap('built')

  // 4. `npm run dev` on a free port, a browser on a page, and an edit of that page.
  dev = spawn(npm, ['run', '--silent', 'dev', '--', '--port', '0', '--host', '127.0.0.1'], { cwd: site, env, detached: true })
  let said = ''
  dev.stdout!.on('data', (chunk) => (said += chunk))
  dev.stderr!.on('data', (chunk) => (said += chunk))
  const serving = await waitFor('weft dev to serve', () => /weft: serving (http:\/\/127\.0\.0\.1:\d+\/) \(Ctrl-C to stop\)/.exec(said)?.[1], () => said)
  const updates: string[][] = []
  listener = await listenForUpdates(serving, 'guide/first-steps/index.html', (changed) => updates.push(changed))
  browser = await launchBrowser()
  const page = await browser.newPage()
  // The page reloads on a rebuild only once its live-reload connection is open.
  const connected = page.waitForResponse((response) => response.url().includes('/__weft/events'))
  await page.goto(new URL('guide/first-steps/', serving).href)
  await connected
  expect(await page.locator('main h1').textContent()).toBe('First steps')
  lap('dev serving')

  const file = path.join(site, 'content', 'guide', 'first-steps.md')
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('## Headings', '## Headings, edited while weft dev watched'))
  await page.waitForFunction(() => document.querySelector('main h2#headings-edited-while-weft-dev-watched') !== null, undefined, { timeout: 20_000 })
  expect(updates.some((changed) => changed.includes('guide/first-steps/index.html'))).toBe(true)
  expect(said).not.toMatch(/warning|error/)
  lap('edit shown')
  console.log(`pack-init: ${laps.join(', ')}`)
}, 300_000)

async function waitFor<T>(what: string, check: () => T | undefined, output: () => string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = check()
    if (value !== undefined) return value
    if (dev?.exitCode !== null && dev?.exitCode !== undefined) throw new Error(`weft dev exited with ${dev.exitCode}:\n${output()}`)
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; it said:\n${output()}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
