// A config's remark and rehype plugins speak through weft: what they say with
// `file.message()` is a message at the place the author wrote, through includes,
// and `file.fail()` fails the build with its message (exit 1), not with a crash.

import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { makeSite, repoRoot } from '../helpers/site.js'

function weft(args: string[], cwd: string) {
  const run = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'weft.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, WEFT_BUILD_INFO: '' } })
  return { code: run.status, stdout: run.stdout, stderr: run.stderr }
}

// The test site sits in a temporary folder: the rule is imported from this repository.
const lintRule = pathToFileURL(createRequire(import.meta.url).resolve('remark-lint-no-duplicate-headings')).href
const ruleUrl = 'https://github.com/remarkjs/remark-lint/tree/main/packages/remark-lint-no-duplicate-headings#readme'

const roots: string[] = []
afterEach(() => {
  for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true })
})

function site(files: Record<string, string>): string {
  const root = makeSite(files)
  roots.push(root)
  return root
}

describe('a published remark-lint rule in weft.config.js', () => {
  const files = {
    'weft.config.js': `import noDuplicateHeadings from '${lintRule}'\nexport default { search: false, remarkPlugins: [noDuplicateHeadings] }\n`,
    'content/index.md': '---\ntitle: Home\n---\n\n## Install\n\nFirst.\n\n{{ include "../includes/again.md" }}\n',
    'includes/again.md': 'Then.\n\n## Install\n',
  }

  it('warns at the line of the included file, with the include chain, the rule and its source', () => {
    const root = site(files)
    const run = weft(['build'], root)
    expect(run.stderr).toBe(
      [
        "includes/again.md:3:1: warning: Unexpected heading with equivalent text, expected unique headings [remark-lint:no-duplicate-headings]",
        '    included from content/index.md:9:1',
        `    hint: see ${ruleUrl}`,
        '',
      ].join('\n'),
    )
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^weft: built 1 page in \d+ ms → dist\/ \(1 warning\)\n$/)
    // A build that finds nothing changed says it again, from what it kept.
    expect(weft(['build'], root).stderr).toBe(run.stderr)
  })

  it('fails the build under --strict and leaves the last site as it was', () => {
    const root = site({ ...files, 'dist/index.html': 'previous site' })
    const run = weft(['build', '--strict'], root)
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('includes/again.md:3:1: warning: Unexpected heading with equivalent text')
    expect(fs.readFileSync(path.join(root, 'dist', 'index.html'), 'utf8')).toBe('previous site')
  })
})

describe("a plugin's file.fail()", () => {
  // A tiny plugin of the site's own: a warning for every `TODO`, and a stop at `FIXME`.
  const plugin = `
function walk(node, visit) {
  visit(node)
  for (const child of node.children ?? []) walk(child, visit)
}
const noFixme = () => (tree, file) => {
  walk(tree, (node) => {
    if (node.type !== 'text') return
    if (node.value.includes('TODO')) file.message('A \`TODO\` is left in the text', { place: node.position, ruleId: 'no-todo', source: 'site-rules' })
    if (node.value.includes('FIXME')) file.fail('A \`FIXME\` is left in the text', { place: node.position, ruleId: 'no-fixme', source: 'site-rules' })
  })
}
export default { search: false, remarkPlugins: [noFixme] }
`

  it('fails the build cleanly with its message at its place (exit 1, no stack), keeping the page\'s other messages', () => {
    const root = site({
      'weft.config.js': plugin,
      'content/index.md': '---\ntitle: Home\n---\n\nTODO: say more.\n\n{{ nonsense "x" }}\n\n{{ include "../includes/fix.md" }}\n',
      'includes/fix.md': 'Intro.\n\nFIXME before release.\n',
      'dist/index.html': 'previous site',
    })
    const run = weft(['build'], root)
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).not.toMatch(/Internal error|\n\s+at /)
    expect(run.stderr).toContain(['content/index.md:5:1: warning: A `TODO` is left in the text [site-rules:no-todo]', 'content/index.md:7:1: warning: '].join('\n'))
    expect(run.stderr).toContain(['includes/fix.md:3:1: error: A `FIXME` is left in the text [site-rules:no-fixme]', '    included from content/index.md:9:1'].join('\n'))
    expect(fs.readFileSync(path.join(root, 'dist', 'index.html'), 'utf8')).toBe('previous site')
  })

})

describe('a config plugin that throws', () => {
  const pages = { 'content/index.md': '---\ntitle: Home\n---\n\nHello.\n', 'content/other.md': '---\ntitle: Other\n---\n\nThere.\n', 'dist/index.html': 'previous site' }

  it('on a page fails the build with the plugin named at each page it broke on: no stack, no bug report (exit 1)', () => {
    const root = site({ ...pages, 'weft.config.js': "function noHello() { return () => { throw new Error('the plugin broke\\n  at somewhere') } }\nexport default { search: false, remarkPlugins: [noHello] }\n" })
    const run = weft(['build'], root)
    expect(run.code).toBe(1)
    expect(run.stderr).not.toMatch(/Internal error|report|\n\s+at /)
    for (const page of ['content/index.md', 'content/other.md']) {
      expect(run.stderr).toContain([`${page}:4:1: error: The remark plugin \`noHello\` threw on this page: \`the plugin broke\` [site-plugin]`, '    hint: fix the plugin, or take it out of `remarkPlugins` in the config'].join('\n'))
    }
    expect(fs.readFileSync(path.join(root, 'dist', 'index.html'), 'utf8')).toBe('previous site')
  })

  it('when weft sets it up is said once, at the config file', () => {
    const root = site({ ...pages, 'weft.config.js': "function broken() { throw new TypeError('options.level must be a number') }\nexport default { search: false, rehypePlugins: [[broken, { level: 'x' }]] }\n" })
    const run = weft(['build'], root)
    expect(run.code).toBe(1)
    expect(run.stderr).toBe(
      [
        'weft.config.js:1:1: error: The rehype plugin `broken` threw when weft set it up: `options.level must be a number` [site-plugin]',
        '    hint: fix the plugin, or take it out of `rehypePlugins` in the config',
        'weft: build failed (1 error); dist was left as it was',
        '',
      ].join('\n'),
    )
  })

  it('in a promise or through its callback is said the same way', () => {
    const root = site({
      ...pages,
      'weft.config.js': [
        "function calls() { return (tree, file, next) => next(file.path.endsWith('other.md') ? new Error('callback broke') : undefined) }",
        "export default { search: false, remarkPlugins: [() => async (tree, file) => { if (file.path.endsWith('index.md')) throw new RangeError('async broke') }, calls] }",
        '',
      ].join('\n'),
    })
    const run = weft(['build'], root)
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('content/index.md:4:1: error: An unnamed remark plugin threw on this page: `async broke` [site-plugin]')
    expect(run.stderr).toContain('content/other.md:4:1: error: The remark plugin `calls` threw on this page: `callback broke` [site-plugin]')
    expect(run.stderr).not.toMatch(/Internal error|\n\s+at /)
  })
})
