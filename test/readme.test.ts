// The README lists every message weft can print: a rule added to the code without
// a line in the README fails here.

import fs from 'node:fs'
import path from 'node:path'
import { expect, it } from 'vitest'
import { repoRoot } from './helpers/site.js'

function sourceFiles(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(folder, entry.name)
    return entry.isDirectory() ? sourceFiles(file) : file.endsWith('.ts') ? [file] : []
  })
}

it('documents every rule id', () => {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8')
  const rules = new Set<string>()
  for (const file of sourceFiles(path.join(repoRoot, 'src'))) {
    const text = fs.readFileSync(file, 'utf8')
    for (const match of text.matchAll(/(?:error|warn|report|problem)\((?:[\w.]+, [\w.]+, )?'([a-z]+(?:-[a-z]+)+)'|ruleId: '([a-z]+(?:-[a-z]+)+)'/g)) rules.add(match[1] ?? match[2]!)
  }
  expect(rules.size).toBeGreaterThan(25)
  const missing = [...rules].filter((rule) => !readme.includes(`| \`${rule}\` |`))
  expect(missing).toEqual([])
})

it('starts with the two set-up commands', () => {
  const head = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8').split('\n').slice(0, 6).join('\n')
  expect(head).toContain('npm ci && npm run build')
  expect(head).toContain('npm test')
})
