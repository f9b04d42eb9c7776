// What `weft build` says when it cannot start from a site's folder and config: a
// missing content folder names where the pages may be, and a config file loads
// whatever its package's `type` says (`npm init -y` writes `"commonjs"`), or says
// which line or import of it fails, with a hint.

import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { byTag, makeSite, parseHtml, repoRoot, textOf } from '../helpers/site.js'

function weft(args: string[], cwd: string) {
  const run = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'weft.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, WEFT_BUILD_INFO: '' } })
  return { code: run.status, stdout: run.stdout, stderr: run.stderr }
}

const pages = { 'content/index.md': '---\ntitle: Home\n---\n\nHello.\n' }
/** What `npm init -y` writes (npm 11), `type` included. */
const npmInit = (type?: string) => `${JSON.stringify({ name: 'my-docs', version: '1.0.0', main: 'index.js', ...(type ? { type } : {}), license: 'ISC' }, null, 2)}\n`
const esmConfig = "import { defineConfig } from 'weft-docs/config'\n\nexport default defineConfig({\n  title: 'From the config',\n  search: false,\n})\n"

/** A site in a temporary folder with weft installed as a package would be (a link to this repository). */
function siteWithWeft(files: Record<string, string>): string {
  const root = makeSite(files)
  fs.mkdirSync(path.join(root, 'node_modules'))
  fs.symlinkSync(repoRoot, path.join(root, 'node_modules', 'weft-docs'), 'dir')
  return root
}

function titleOf(root: string): string {
  return textOf(byTag(parseHtml(fs.readFileSync(path.join(root, 'dist', 'index.html'), 'utf8')), 'title')[0]!)
}

describe('a site without its content folder', () => {
  it('says how to name another folder', () => {
    const root = makeSite({ 'notes.txt': 'no pages here\n' })
    const run = weft(['build'], root)
    expect(run.code).toBe(1)
    expect(run.stderr).toBe(
      `weft: The content folder \`${path.join(root, 'content')}\` does not exist\n` +
        "    hint: create it and put your pages in it, or name the folder of your pages with `--content DIR` or `content: 'DIR'` in `weft.config.js`\n",
    )
  })

  it('suggests the root when it has markdown files at its top, and the root then builds', () => {
    const root = makeSite({
      'index.md': '---\ntitle: Home\n---\n\nSee [the guide](guide.md).\n',
      'guide.md': '---\ntitle: The Guide\n---\n\nSteps.\n',
      'setup.md': '---\ntitle: Setup\n---\n\nMore.\n',
      'faq.md': '---\ntitle: FAQ\n---\n\nAnswers.\n',
    })
    const run = weft(['build'], root)
    expect(run.code).toBe(1)
    expect(run.stderr).toBe(
      `weft: The content folder \`${path.join(root, 'content')}\` does not exist\n` +
        "    hint: the root has markdown files at its top (`faq.md`, `guide.md`, `index.md` and 1 more): to build them as the pages, run with `--content .` or set `content: '.'` in `weft.config.js`\n",
    )
    // What the hint says works: with `content: '.'` in the config the same way.
    fs.writeFileSync(path.join(root, 'weft.config.mjs'), "export default { content: '.', search: false }\n")
    const built = weft(['build', '--strict'], root)
    expect(built.stderr).toBe('')
    expect(built.code).toBe(0)
    const guide = parseHtml(fs.readFileSync(path.join(root, 'dist', 'guide', 'index.html'), 'utf8'))
    expect(textOf(byTag(guide, 'h1')[0]!)).toBe('The Guide')
  })

  it('suggests a folder of the root that has markdown files, naming the config file the site has', () => {
    const root = makeSite({ 'weft.config.mjs': "export default { content: 'pages' }\n", 'docs/index.md': '---\ntitle: Home\n---\n', 'node_modules/x/README.md': '# x\n' })
    const run = weft(['build'], root)
    expect(run.stderr).toBe(
      `weft: The content folder \`${path.join(root, 'pages')}\` does not exist\n` +
        "    hint: `docs/` has markdown files: to build them as the pages, run with `--content docs` or set `content: 'docs'` in `weft.config.mjs`\n",
    )
  })
})

describe('a config file', () => {
  it('written with `import` loads in a package that `npm init -y` made CommonJS, without a warning or a file left', () => {
    const root = siteWithWeft({ ...pages, 'package.json': npmInit('commonjs'), 'weft.config.js': esmConfig })
    const run = weft(['build'], root)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(titleOf(root)).toBe('From the config')
    expect(fs.readdirSync(root).sort()).toEqual(['content', 'dist', 'node_modules', 'package.json', 'weft.config.js'])
  })

  it('written with `import` loads in a package without a type, without Node warning about it', () => {
    const root = siteWithWeft({ ...pages, 'package.json': npmInit(), 'weft.config.js': esmConfig })
    const run = weft(['build'], root)
    expect(run.stderr).toBe('')
    expect(titleOf(root)).toBe('From the config')
  })

  it('written with `require` loads in a CommonJS package, and as weft.config.cjs in a module package', () => {
    const cjs = "const { defineConfig } = require('weft-docs/config')\n\nmodule.exports = defineConfig({ title: 'Required', search: false })\n"
    const commonjs = siteWithWeft({ ...pages, 'package.json': npmInit('commonjs'), 'weft.config.js': cjs })
    expect(weft(['build'], commonjs).stderr).toBe('')
    expect(titleOf(commonjs)).toBe('Required')
    const module = siteWithWeft({ ...pages, 'package.json': npmInit('module'), 'weft.config.cjs': cjs })
    expect(weft(['build'], module).stderr).toBe('')
    expect(titleOf(module)).toBe('Required')
  })

  it('with a syntax error names its line, in a CommonJS package and in a module one', () => {
    const broken = "import { defineConfig } from 'weft-docs/config'\n\nexport default defineConfig({\n  title: 'Unclosed',\n  search: false,\n)\n"
    for (const type of ['commonjs', 'module']) {
      const root = siteWithWeft({ ...pages, 'package.json': npmInit(type), 'weft.config.js': broken })
      const run = weft(['build'], root)
      expect(run.code).toBe(1)
      expect(run.stderr).toBe("weft: Cannot load `weft.config.js`: Unexpected token ')' (line 6)\n    hint: fix the JavaScript at line 6; a config file is `export default defineConfig({ … })`\n")
      expect(fs.readdirSync(root).filter((name) => name.startsWith('.'))).toEqual([])
    }
  })

  it('that imports a package not installed says which, and how to install it', () => {
    const root = siteWithWeft({ ...pages, 'package.json': npmInit('commonjs'), 'weft.config.js': "import remarkEmoji from 'remark-emoji'\n\nexport default { remarkPlugins: [remarkEmoji] }\n" })
    const run = weft(['build'], root)
    expect(run.stderr).toBe("weft: Cannot load `weft.config.js`: it imports the package `remark-emoji`, which is not installed\n    hint: install it in the site's folder (`npm install --save-dev remark-emoji`), or remove the import\n")
  })

  it('that imports a file not there says which', () => {
    const root = siteWithWeft({ ...pages, 'package.json': npmInit('module'), 'weft.config.js': "import plugin from './plugins/emoji.js'\n\nexport default { remarkPlugins: [plugin] }\n" })
    const run = weft(['build'], root)
    expect(run.stderr).toBe('weft: Cannot load `weft.config.js`: it imports `./plugins/emoji.js`, which does not exist\n    hint: fix the path of the import\n')
  })

  it('that throws names the line', () => {
    const root = siteWithWeft({ ...pages, 'package.json': npmInit('commonjs'), 'weft.config.js': "const settings = undefined\n\nexport default { title: settings.title }\n" })
    const run = weft(['build'], root)
    expect(run.stderr).toBe("weft: Cannot load `weft.config.js`: running it threw `Cannot read properties of undefined (reading 'title')` (line 3)\n    hint: fix line 3 of `weft.config.js`\n")
  })

  it('with an unknown key says so with a hint', () => {
    const root = makeSite({ ...pages, 'weft.config.mjs': "export default { titel: 'Typo' }\n" })
    const run = weft(['build'], root)
    expect(run.stderr).toBe(
      'weft: `weft.config.mjs` has an unknown key `titel` (weft knows `title`, `url`, `content`, `out`, `buildInfo`, `lang`, `editUrl`, `lastUpdated`, `search`, `safe`, `cache`, `remarkPlugins`, `rehypePlugins`, `dev`)\n    hint: remove `titel`, or correct its name\n',
    )
  })
})
