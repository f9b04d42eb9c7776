// A config file imports `defineConfig` from `weft-docs/config`, which must not load the
// markdown pipeline: a build that finds nothing changed would pay for it every time.

import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { expect, it } from 'vitest'
import { repoRoot } from '../helpers/site.js'

/** The package's name, as a site's config file imports it (resolved here by the package's own name). */
const { name } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { name: string }

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

it(`${name}/config loads no package, where ${name} loads the markdown pipeline`, () => {
  expect([...packagesLoaded(`${name}/config`)]).toEqual([])
  // The measure sees what it should: the whole entry brings the parser and the highlighter.
  const whole = packagesLoaded(name)
  expect(whole).toContain('micromark')
  expect(whole).toContain('shiki')
}, 60_000)
