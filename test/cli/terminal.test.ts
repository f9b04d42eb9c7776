// `weft build` on a terminal shows progress on a long build (run here under a
// pseudo-terminal made by util-linux `script`), and shows none when its output is
// not a terminal; and a page deep enough to overflow the stack is that page's error
// (exit 1, positioned), not a crash of weft (exit 70).

import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { makeSite, repoRoot } from '../helpers/site.js'

const weftBin = path.join(repoRoot, 'bin', 'weft.js')
const env = { ...process.env, WEFT_BUILD_INFO: '' }

/** A site of `count` small pages: progress shows from 200 pages to render. */
function manyPages(count: number): Record<string, string> {
  const files: Record<string, string> = { 'content/index.md': '---\ntitle: Home\n---\n\nHome.\n', 'weft.config.js': 'export default { search: false }\n' }
  for (let index = 1; index < count; index++) files[`content/page-${index}.md`] = `---\ntitle: Page ${index}\nmenu_order: ${index}\n---\n\nText of page ${index}.\n`
  return files
}

const quote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`

// Builds of 210 pages: time for a busy machine.
describe('progress', { timeout: 240_000 }, () => {
  it('is shown on a terminal, ending at every page, and cleared before the summary', () => {
    const root = makeSite(manyPages(210))
    const command = [process.execPath, weftBin, 'build', '--no-cache'].map(quote).join(' ')
    const run = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: root, encoding: 'utf8', env, timeout: 240_000 })
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/\rrendering \d+\/210 pages/)
    expect(run.stdout).toContain('\rrendering 210/210 pages\r\x1b[K')
    expect(run.stdout).toMatch(/\r\x1b\[Kweft: built 210 pages in \d+ ms → dist\/\r?\n$/)
    fs.rmSync(root, { recursive: true, force: true })
  })

  it('is not shown when the output is not a terminal', () => {
    const root = makeSite(manyPages(210))
    const run = spawnSync(process.execPath, [weftBin, 'build', '--no-cache'], { cwd: root, encoding: 'utf8', env, timeout: 240_000 })
    expect(run.status).toBe(0)
    expect(run.stderr).toBe('')
    expect(run.stdout).toMatch(/^weft: built 210 pages in \d+ ms → dist\/\n$/)
    fs.rmSync(root, { recursive: true, force: true })
  })
})

describe('a stack overflow in a page', { timeout: 240_000 }, () => {
  it("is the page's `nesting-too-deep` error at the page, and the build fails cleanly", () => {
    // Inline HTML nested 10,000 deep: no limit of stage 1 stops it (those count lists
    // and quotes), and walking the tree overflows the stack.
    const deep = `${'<span>'.repeat(10_000)}deep${'</span>'.repeat(10_000)}`
    const root = makeSite({
      'content/index.md': '---\ntitle: Home\n---\n\nSee [the deep page](deep.md).\n',
      'content/deep.md': `---\ntitle: Deep\n---\n\nA paragraph ${deep} here.\n`,
      'weft.config.js': 'export default { search: false }\n',
      'dist/index.html': 'previous site',
    })
    const run = spawnSync(process.execPath, [weftBin, 'build', '--no-cache'], { cwd: root, encoding: 'utf8', env, timeout: 240_000 })
    expect(run.status).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toBe(
      'content/deep.md:4:1: error: The page nests too deep for weft to render it [nesting-too-deep]\n' +
        '    hint: flatten its lists, quotes and shortcodes\n' +
        'weft: build failed (1 error); dist was left as it was\n',
    )
    expect(fs.readFileSync(path.join(root, 'dist', 'index.html'), 'utf8')).toBe('previous site')
    fs.rmSync(root, { recursive: true, force: true })
  })
})
