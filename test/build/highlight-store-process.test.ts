// Highlighted code blocks kept between builds, in weft's own processes (the
// compiled lib/ through bin/weft.js): the second process, after a page's prose
// changed, finds every block of the page in the store and highlights it without
// starting Shiki. The site must come out as a build without the cache makes it,
// whatever the blocks' languages (an alias, one in capitals, one Shiki does not
// know, none) and meta; and a stored block altered on purpose shows it came from there.

import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { makeSite, repoRoot, tempDir } from '../helpers/site.js'

const fence = (info: string, code: string) => `\`\`\`${info}\n${code}\n\`\`\`\n\n`
const files = {
  'content/index.md': `---\ntitle: Home\n---\nWelcome.\n\n${fence('yaml', 'key: value')}`,
  'content/guide.md': `---\ntitle: Guide\n---\n## Start\n\nSome prose.\n\n${fence('sh', 'echo hello')}${fence('YAML', 'a: 1')}${fence('weird-language', 'plain words')}${fence('', 'no language')}${fence('js title="app.js"', 'const a = 1')}`,
}

function weft(...args: string[]): void {
  const run = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'weft.js'), ...args], { encoding: 'utf8' })
  expect(run.stdout + run.stderr).toMatch(/built \d+ pages/)
  expect(run.status).toBe(0)
}

function tree(folder: string): [string, string][] {
  const names = (fs.readdirSync(folder, { recursive: true }) as string[]).filter((name) => fs.statSync(path.join(folder, name)).isFile()).sort()
  return names.map((name) => [name, fs.readFileSync(path.join(folder, name), 'utf8')])
}

function storedBlocks(root: string): string[] {
  const sites = path.join(root, 'node_modules', '.cache', 'weft', 'sites')
  const folder = path.join(sites, fs.readdirSync(sites)[0]!, 'highlighted')
  return (fs.readdirSync(folder, { recursive: true }) as string[]).filter((name) => name.endsWith('.json')).map((name) => path.join(folder, name))
}

describe('stored code blocks in a new weft process', () => {
  it('make the site a build without the cache makes', () => {
    const root = makeSite(files)
    weft('build', '--root', root)
    expect(storedBlocks(root).length).toBe(6)
    fs.appendFileSync(path.join(root, 'content', 'guide.md'), 'More prose.\n')
    weft('build', '--root', root)
    const fresh = tempDir()
    weft('build', '--root', root, '--no-cache', '--out', fresh)
    expect(tree(path.join(root, 'dist'))).toEqual(tree(fresh))
  })

  it('are what a page rendered again shows', () => {
    const root = makeSite(files)
    weft('build', '--root', root)
    const stored = storedBlocks(root).find((file) => fs.readFileSync(file, 'utf8').includes('"echo'))!
    fs.writeFileSync(stored, fs.readFileSync(stored, 'utf8').replace('"echo', '"ECHO-FROM-STORE'))
    fs.appendFileSync(path.join(root, 'content', 'guide.md'), 'More prose.\n')
    weft('build', '--root', root)
    const html = fs.readFileSync(path.join(root, 'dist', 'guide', 'index.html'), 'utf8')
    expect(html).toContain('ECHO-FROM-STORE')
    expect(html).not.toMatch(/>echo</)
  })
})
