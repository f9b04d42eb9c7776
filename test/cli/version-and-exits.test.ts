// The `weft` command's promises that no other test held: `--version`, exit 70 for
// an error weft did not expect, and refusing an output folder that would replace
// the sources (`--out content`, `--out .`).

import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { makeSite, repoRoot } from '../helpers/site.js'

function weft(args: string[], cwd = repoRoot) {
  const run = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'weft.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, WEFT_BUILD_INFO: '' } })
  return { code: run.status, stdout: run.stdout, stderr: run.stderr }
}

const good = { 'content/index.md': '---\ntitle: Home\n---\n\nHello.\n', 'content/guide.md': '---\ntitle: Guide\n---\n\n## Start\n' }

describe('weft --version', () => {
  it("prints the package's version alone, with exit 0, as --version and -v", () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }
    expect(version).toMatch(/^\d+\.\d+\.\d+/)
    for (const flag of ['--version', '-v']) {
      const run = weft([flag])
      expect(run).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' })
    }
  })
})

describe('an internal error', () => {
  // Anything the build throws that is not a mistake in the site (a config, template
  // or port problem) ends as an internal error. A plugin that throws is the site's
  // error (plugin-messages.test.ts); one that hands weft a tree with a node HTML has
  // no form for reaches that path from outside without a bug of weft's own.
  it('exits 70 with `weft: Internal error: …` and leaves the last site as it was', () => {
    const root = makeSite({
      ...good,
      'weft.config.js': "export default { search: false, rehypePlugins: [() => (tree) => { tree.children.push({ type: 'weird' }) }] }\n",
      'dist/index.html': 'previous site',
    })
    const run = weft(['build'], root)
    expect(run.code).toBe(70)
    expect(run.stdout).toBe('')
    expect(run.stderr.startsWith('weft: Internal error: Error: Cannot compile unknown node `weird`\n')).toBe(true)
    expect(run.stderr.trimEnd().split('\n').at(-1)).toBe('Please report this as a bug of weft.')
    expect(fs.readFileSync(path.join(root, 'dist', 'index.html'), 'utf8')).toBe('previous site')
  })
})

describe('an output folder over the sources', () => {
  it.each([
    ['--out content', ['--out', 'content'], 'content'],
    ['--out .', ['--out', '.'], '.'],
  ])('refuses %s with one `weft:` line and exit 1, and touches nothing', (_name, args, target) => {
    const root = makeSite(good)
    const outDir = path.resolve(root, target)
    const replaced = target === '.' ? root : outDir
    const run = weft(['build', ...args], root)
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toBe(`weft: The output folder \`${outDir}\` would replace \`${replaced}\`; choose a folder of its own, such as \`dist\`\n`)
    expect(fs.readFileSync(path.join(root, 'content', 'index.md'), 'utf8')).toBe(good['content/index.md'])
    expect(fs.readdirSync(root).sort()).toEqual(['content'])
    expect(fs.readdirSync(path.join(root, 'content')).sort()).toEqual(['guide.md', 'index.md'])
  })
})
