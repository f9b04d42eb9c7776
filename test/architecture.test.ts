// The shape of src/: stages import forwards only (core → load → expand → markdown
// → compile → check → render → write → project → dev), no module is part of an
// import cycle, and dev/ sees the project only through its face. Every import
// counts: type-only ones, re-exports and dynamic `import()` too.

import fs from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { repoRoot } from './helpers/site.js'

/** Each folder of src/ (and each top-level file) and its place in the pipeline. */
const ranks: Record<string, number> = {
  core: 0,
  'config.ts': 0,
  'config-file.ts': 0,
  'report.ts': 0,
  load: 1,
  expand: 2,
  markdown: 3,
  compile: 4,
  check: 5,
  render: 6,
  write: 7,
  project: 8,
  'build.ts': 8,
  dev: 9,
  'index.ts': 10,
  init: 10,
  'cli.ts': 10,
}

/** What dev/ may import: itself, what every stage may, and the project's face. */
const devMayImport = (target: string) => /^(dev|core)\//.test(target) || ['config.ts', 'report.ts', 'project/project.ts'].includes(target)

type Graph = Map<string, string[]>

/** src/-relative path → the src/-relative modules it imports. */
function readGraph(src: string): Graph {
  const graph: Graph = new Map()
  for (const name of fs.readdirSync(src, { recursive: true }) as string[]) {
    if (!name.endsWith('.ts')) continue
    const file = name.split(path.sep).join('/')
    const info = ts.preProcessFile(fs.readFileSync(path.join(src, name), 'utf8'), true, true)
    const targets = info.importedFiles
      .map((imported) => imported.fileName)
      .filter((specifier) => specifier.startsWith('.'))
      .map((specifier) => path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier.replace(/\.js$/, '.ts'))))
    graph.set(file, [...new Set(targets)])
  }
  return graph
}

function stageOf(file: string): string {
  return file.includes('/') ? file.slice(0, file.indexOf('/')) : file
}

/** Every rule the graph breaks, one line each. */
export function findViolations(graph: Graph): string[] {
  const problems: string[] = []
  for (const [file, targets] of graph) {
    const from = ranks[stageOf(file)]
    if (from === undefined) problems.push(`${file}: \`${stageOf(file)}\` is not a stage of the pipeline`)
    for (const target of targets) {
      const to = ranks[stageOf(target)]
      if (from !== undefined && to !== undefined && to > from) problems.push(`${file} imports ${target}: ${stageOf(file)} comes before ${stageOf(target)}`)
      if (stageOf(file) === 'dev' && !devMayImport(target)) problems.push(`${file} imports ${target}: dev/ sees only project/project.ts`)
    }
  }
  for (const cycle of findCycles(graph)) problems.push(`cycle: ${cycle.join(' → ')}`)
  return problems
}

/** The strongly connected parts of more than one module (Tarjan), each as a path back to its start. */
function findCycles(graph: Graph): string[][] {
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const cycles: string[][] = []
  const visit = (file: string) => {
    index.set(file, index.size)
    low.set(file, index.get(file)!)
    stack.push(file)
    onStack.add(file)
    for (const target of graph.get(file) ?? []) {
      if (!graph.has(target)) continue
      if (!index.has(target)) {
        visit(target)
        low.set(file, Math.min(low.get(file)!, low.get(target)!))
      } else if (onStack.has(target)) low.set(file, Math.min(low.get(file)!, index.get(target)!))
    }
    if (low.get(file) !== index.get(file)) return
    const part: string[] = []
    let member: string
    do {
      member = stack.pop()!
      onStack.delete(member)
      part.push(member)
    } while (member !== file)
    if (part.length > 1 || (graph.get(file) ?? []).includes(file)) cycles.push([...part.sort(), part[0]!])
  }
  for (const file of [...graph.keys()].sort()) if (!index.has(file)) visit(file)
  return cycles
}

describe('the shape of src/', () => {
  it('imports forwards only, has no cycles, and dev/ sees only the project’s face', () => {
    expect(findViolations(readGraph(path.join(repoRoot, 'src')))).toEqual([])
  })

  it('catches a backwards import, a cycle and dev/ reaching past the project', () => {
    const graph = readGraph(path.join(repoRoot, 'src'))
    const planted = new Map(graph)
    planted.set('load/site.ts', [...(graph.get('load/site.ts') ?? []), 'render/escape.ts'])
    planted.set('core/a.ts', ['core/b.ts'])
    planted.set('core/b.ts', ['core/a.ts'])
    planted.set('dev/x.ts', ['render/templates.ts'])
    expect(findViolations(planted)).toEqual(
      expect.arrayContaining([
        'load/site.ts imports render/escape.ts: load comes before render',
        'cycle: core/a.ts → core/b.ts → core/a.ts',
        'dev/x.ts imports render/templates.ts: dev/ sees only project/project.ts',
      ]),
    )
  })
})
