// `weft init [DIR]`: writes the starter site and says what to run next; refuses,
// writing nothing, when any file it would write is already there; and what it
// writes builds with --strict (and --safe) without a single message.

import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { resolveConfig } from '../../src/config.js'
import { InitError, initSite } from '../../src/init/init-site.js'
import { byTag, parseHtml, repoRoot, selectAll, tempDir, textOf } from '../helpers/site.js'

const weftPackage = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { name: string; version: string }

function weft(args: string[], cwd: string) {
  const run = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'weft.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, WEFT_BUILD_INFO: '' } })
  return { code: run.status, stdout: run.stdout, stderr: run.stderr }
}

/** Every file under `folder`, relative, sorted. */
function filesUnder(folder: string): string[] {
  return (fs.readdirSync(folder, { recursive: true }) as string[])
    .filter((name) => fs.statSync(path.join(folder, name)).isFile())
    .map((name) => name.split(path.sep).join('/'))
    .sort()
}

/** What `npm install` would give a starter site: this package under its name, for `weft.config.js` to import. */
function installWeft(site: string): void {
  fs.mkdirSync(path.join(site, 'node_modules'))
  fs.symlinkSync(repoRoot, path.join(site, 'node_modules', weftPackage.name), 'dir')
}

const starter = [
  '.gitignore',
  'content/guide.md',
  'content/guide/first-steps.md',
  'content/guide/writing-pages.md',
  'content/index.md',
  'images/how-it-works.png',
  'includes/see-also.md',
  'package.json',
  'weft.config.js',
]

describe('weft init', () => {
  it('writes the starter into a new folder, lists it and says what to run next', () => {
    const cwd = tempDir()
    const run = weft(['init', 'my-docs'], cwd)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toBe(
      [
        'weft: wrote a starter site in my-docs:',
        '  package.json',
        '  weft.config.js',
        '  .gitignore',
        '  content/guide.md',
        '  content/guide/first-steps.md',
        '  content/guide/writing-pages.md',
        '  content/index.md',
        '  images/how-it-works.png',
        '  includes/see-also.md',
        'Next, to see it in a browser:',
        '  cd my-docs',
        '  npm install',
        '  npm run dev',
        '',
      ].join('\n'),
    )
    const site = path.join(cwd, 'my-docs')
    expect(filesUnder(site)).toEqual(starter)
    expect(JSON.parse(fs.readFileSync(path.join(site, 'package.json'), 'utf8'))).toEqual({
      name: 'my-docs',
      private: true,
      type: 'module',
      scripts: { build: 'weft build', dev: 'weft dev' },
      devDependencies: { [weftPackage.name]: `^${weftPackage.version}` },
    })
    const config = fs.readFileSync(path.join(site, 'weft.config.js'), 'utf8')
    expect(config).toContain(`import { defineConfig } from '${weftPackage.name}/config'\n`)
    expect(config).toContain("  title: 'My docs',\n")
    for (const file of starter.filter((name) => name.startsWith('content/') || name.startsWith('includes/') || name.startsWith('images/'))) {
      expect(fs.readFileSync(path.join(site, file)).equals(fs.readFileSync(path.join(repoRoot, 'starter', file))), file).toBe(true)
    }
  })

  it('keeps out of git what npm and weft write: node_modules/, dist/, the render cache and a build’s folders beside dist/', async () => {
    const site = path.join(tempDir(), 'site')
    initSite(site)
    installWeft(site)
    const ignored = fs.readFileSync(path.join(site, '.gitignore'), 'utf8').split('\n')
    const config = await resolveConfig({ root: site })
    expect(ignored).toEqual(expect.arrayContaining(['node_modules/', `${path.relative(site, config.outDir)}/`, `${path.relative(site, config.cacheDir!).split(path.sep).join('/')}/`, '.dist.weft-*']))
  })

  it('writes into the current folder when given none, and then says no `cd`', () => {
    const cwd = path.join(tempDir(), 'Team Handbook')
    fs.mkdirSync(cwd)
    fs.writeFileSync(path.join(cwd, 'README.md'), 'ours\n')
    const run = weft(['init'], cwd)
    expect(run.code).toBe(0)
    expect(run.stdout.startsWith('weft: wrote a starter site in this folder:\n')).toBe(true)
    expect(run.stdout.endsWith('Next, to see it in a browser:\n  npm install\n  npm run dev\n')).toBe(true)
    expect(filesUnder(cwd)).toEqual([...starter, 'README.md'].sort())
    expect(fs.readFileSync(path.join(cwd, 'README.md'), 'utf8')).toBe('ours\n')
    expect(JSON.parse(fs.readFileSync(path.join(cwd, 'package.json'), 'utf8')).name).toBe('team-handbook')
    expect(fs.readFileSync(path.join(cwd, 'weft.config.js'), 'utf8')).toContain("  title: 'Team Handbook',\n")
  })

  it('quotes a folder with a space in the `cd` it suggests', () => {
    const cwd = tempDir()
    const run = weft(['init', 'our docs'], cwd)
    expect(run.code).toBe(0)
    expect(run.stdout).toContain("\n  cd 'our docs'\n")
  })

  it('refuses when files it would write exist, names them, and writes nothing', () => {
    const cwd = tempDir()
    const site = path.join(cwd, 'site')
    fs.mkdirSync(path.join(site, 'content'), { recursive: true })
    fs.writeFileSync(path.join(site, 'package.json'), '{"name": "theirs"}\n')
    fs.writeFileSync(path.join(site, 'content', 'index.md'), '---\ntitle: Theirs\n---\n')
    const run = weft(['init', 'site'], cwd)
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'weft: `package.json` and `content/index.md` already exist in `site`; weft init overwrites nothing, so nothing was written\n' +
        '    hint: run `weft init NAME` to write the starter into a new folder, or move these files away\n',
    })
    expect(filesUnder(site)).toEqual(['content/index.md', 'package.json'])
    expect(fs.readFileSync(path.join(site, 'package.json'), 'utf8')).toBe('{"name": "theirs"}\n')
  })

  it('refuses a file where the starter needs a folder, and a DIR that is a file', () => {
    const cwd = tempDir()
    fs.writeFileSync(path.join(cwd, 'content'), 'not a folder\n')
    expect(weft(['init'], cwd)).toEqual({
      code: 1,
      stdout: '',
      stderr: 'weft: `content` already exists in this folder; weft init overwrites nothing, so nothing was written\n    hint: run `weft init NAME` to write the starter into a new folder, or move these files away\n',
    })
    expect(fs.readdirSync(cwd)).toEqual(['content'])
    expect(weft(['init', 'content'], cwd)).toEqual({
      code: 1,
      stdout: '',
      stderr: 'weft: `content` is a file, not a folder; nothing was written\n    hint: run `weft init NAME` to write the starter into a new folder\n',
    })
    expect(weft(['init', 'a', 'b'], cwd)).toEqual({ code: 2, stdout: '', stderr: 'weft: `weft init` takes one folder (got `a b`)\nRun `weft --help` for usage.\n' })
    expect(fs.readdirSync(cwd)).toEqual(['content'])
  })

  describe('a write that fails half-way', () => {
    afterEach(() => {
      vi.restoreAllMocks()
    })

    it('takes back what it wrote, the folders it made included', () => {
      const cwd = tempDir()
      const site = path.join(cwd, 'site')
      const write = fs.writeFileSync
      vi.spyOn(fs, 'writeFileSync').mockImplementation((file, ...rest) => {
        if (String(file).endsWith(`${path.sep}first-steps.md`)) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES', path: String(file) })
        return write(file, ...rest)
      })
      let thrown: unknown
      try {
        initSite(site)
      } catch (error) {
        thrown = error
      }
      expect(thrown).toBeInstanceOf(InitError)
      expect((thrown as InitError).message).toBe(`Cannot write \`${path.join('content', 'guide', 'first-steps.md')}\` (EACCES); nothing was written`)
      expect(fs.readdirSync(cwd)).toEqual([])
    })
  })

  it('is listed in `weft --help`', () => {
    const run = weft(['--help'], tempDir())
    expect(run.stdout).toContain('\n  weft init [DIR]\n')
    expect(run.stdout).toContain('\n  init     Write a starter site into DIR (default: the current folder)')
  })
})

describe('the starter site', () => {
  it('builds with --strict, and with --safe too, without a message', () => {
    const cwd = tempDir()
    expect(weft(['init', 'site'], cwd).code).toBe(0)
    const site = path.join(cwd, 'site')
    installWeft(site)
    const strict = weft(['build', '--strict'], site)
    expect(strict.stderr).toBe('')
    expect(strict.stdout).toMatch(/^weft: built 4 pages in \d+ ms → dist\/\n$/)
    const safe = weft(['build', '--strict', '--safe', '--out', 'safe'], site)
    expect(safe.stderr).toBe('')
    expect(safe.stdout).toMatch(/^weft: built 4 pages in \d+ ms → safe\/\n$/)

    const dist = path.join(site, 'dist')
    const home = parseHtml(fs.readFileSync(path.join(dist, 'index.html')))
    expect(textOf(byTag(home, 'header')[0]!)).toContain('Site')
    const image = byTag(byTag(home, 'main')[0]!, 'img')[0]!
    expect(image.properties).toMatchObject({ src: 'images/how-it-works.png', width: 738, height: 146 })
    expect(fs.existsSync(path.join(dist, 'images', 'how-it-works.png'))).toBe(true)

    // The section: guide.md is the parent of the two pages in guide/, in menu_order.
    const sidebar = byTag(parseHtml(fs.readFileSync(path.join(dist, 'guide', 'index.html'))), 'nav').find((nav) => textOf(nav).includes('Writing pages'))!
    expect(selectAll(sidebar, (element) => element.tagName === 'a').map((link) => textOf(link).trim())).toEqual(['Home', 'Guide', 'First steps', 'Writing pages'])

    // The include: its links, written relative to includes/, lead to the pages (this one's to itself).
    const writing = parseHtml(fs.readFileSync(path.join(dist, 'guide', 'writing-pages', 'index.html')))
    const main = byTag(writing, 'main')[0]!
    const seeAlso = selectAll(main, (element) => element.tagName === 'div' && String(element.properties.className) === 'see-also')[0]!
    expect(byTag(seeAlso, 'a').map((link) => link.properties.href)).toEqual(['../first-steps/index.html', '#', '../../index.html'])
    // The shortcode, and the directive shown as text rather than run.
    expect(byTag(main, 'details').map((details) => textOf(byTag(details, 'summary')[0]!))).toEqual(['Show how this block is written'])
    expect(byTag(main, 'pre').map(textOf)).toContain('{{ include "./includes/see-also.md" }}')
  })
})
