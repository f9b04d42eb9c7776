// A config file imports `defineConfig` from `weft/config`, which must not load the
// markdown pipeline: a build that finds nothing changed would pay for it every time.

import { spawnSync } from 'node:child_process'
import { expect, it } from 'vitest'
import { repoRoot } from '../helpers/site.js'

/** The packages of node_modules that importing `specifier` from this repository loads. */
function packagesLoaded(specifier: string): Set<string> {
  // A resolve hook that prints each file it resolves (hooks run in their own thread; its stdout is the process's).
  const hook = `export async function resolve(specifier, context, next) { const resolved = await next(specifier, context); console.log('resolved ' + resolved.url); return resolved }`
  const register = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)})`
  const run = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(register)}`, '--input-type=module', '-e', `await import(${JSON.stringify(specifier)})`], { cwd: repoRoot, encoding: 'utf8' })
  expect(run.status, run.stderr).toBe(0)
  const packages = new Set<string>()
  for (const [, name] of run.stdout.matchAll(/^resolved .*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//gm)) packages.add(name!)
  return packages
}

it('weft/config loads no package, where weft loads the markdown pipeline', () => {
  expect([...packagesLoaded('weft/config')]).toEqual([])
  // The measure sees what it should: the whole entry brings the parser and the highlighter.
  const whole = packagesLoaded('weft')
  expect(whole).toContain('micromark')
  expect(whole).toContain('shiki')
}, 60_000)
