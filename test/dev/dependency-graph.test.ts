import { describe, expect, it } from 'vitest'
import { DependencyGraph } from '../../src/project/dependency-graph.js'

describe('DependencyGraph', () => {
  it('answers which pages depend on changed files', () => {
    const graph = new DependencyGraph()
    graph.set('a.md', ['a.md', 'inc/setup.md', 'inc/parts.md'])
    graph.set('b.md', ['b.md', 'inc/parts.md'])
    graph.set('c.md', ['c.md'])
    expect(graph.affected(['inc/parts.md'])).toEqual(new Set(['a.md', 'b.md']))
    expect(graph.affected(['inc/setup.md', 'c.md'])).toEqual(new Set(['a.md', 'c.md']))
    expect(graph.affected(['nothing.md'])).toEqual(new Set())
  })

  it('forgets what a page no longer depends on', () => {
    const graph = new DependencyGraph()
    graph.set('a.md', ['a.md', 'inc/old.md'])
    graph.set('a.md', ['a.md', 'inc/new.md'])
    expect(graph.affected(['inc/old.md'])).toEqual(new Set())
    expect(graph.affected(['inc/new.md'])).toEqual(new Set(['a.md']))
    graph.delete('a.md')
    expect(graph.files()).toEqual(new Set())
  })
})
