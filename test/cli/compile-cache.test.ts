// `bin/weft.js` turns on Node's compile cache where Node has one (22.1 and later), so
// that a run does not compile weft's modules again, and hands its folder to the render
// threads; on Node 20, and where it is switched off, it does nothing.

import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import nodeModule from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
// @ts-expect-error: a plain module of the package's bin folder, without types.
import { keepCompiledCode } from '../../bin/compile-cache.js'
import { repoRoot } from '../helpers/site.js'

const keep = keepCompiledCode as (nodeModule: object, env: Record<string, string | undefined>) => string | undefined

describe('keepCompiledCode', () => {
  it('does nothing on a Node without a compile cache (Node 20)', () => {
    const env: Record<string, string | undefined> = {}
    expect(keep({}, env)).toBeUndefined()
    expect(env).toEqual({})
  })

  it("turns the cache on in Node's own folder and names it for the render threads", () => {
    const asked: unknown[][] = []
    const env: Record<string, string | undefined> = {}
    const fake = { enableCompileCache: (...args: unknown[]) => (asked.push(args), { status: 1, directory: '/tmp/node-compile-cache/v22' }) }
    expect(keep(fake, env)).toBe('/tmp/node-compile-cache/v22')
    // No folder of weft's own: NODE_COMPILE_CACHE still chooses it.
    expect(asked).toEqual([[]])
    expect(env).toEqual({ NODE_COMPILE_CACHE: '/tmp/node-compile-cache/v22' })
  })

  it('leaves a NODE_COMPILE_CACHE the user set as it is', () => {
    const env: Record<string, string | undefined> = { NODE_COMPILE_CACHE: '/mine' }
    expect(keep({ enableCompileCache: () => ({ status: 2, directory: '/mine' }) }, env)).toBe('/mine')
    expect(env).toEqual({ NODE_COMPILE_CACHE: '/mine' })
  })

  it('does nothing when the cache is switched off or cannot start', () => {
    for (const answer of [{ status: 3 }, { status: 0, message: 'no room' }]) {
      const env: Record<string, string | undefined> = {}
      expect(keep({ enableCompileCache: () => answer }, env)).toBeUndefined()
      expect(env).toEqual({})
    }
  })
})

// Only a Node with the cache can show it; on Node 20 (this project's CI) the unit cases above stand for it.
describe.runIf(typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === 'function')('weft on a Node with a compile cache', () => {
  it('leaves the compiled code of its modules in the cache folder, and none with NODE_DISABLE_COMPILE_CACHE', () => {
    const run = (env: Record<string, string>) => {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-compile-cache-'))
      const { NODE_COMPILE_CACHE: _set, ...rest } = process.env
      const result = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'weft.js'), '--version'], { encoding: 'utf8', env: { ...rest, TMPDIR: tmp, ...env } })
      expect(result.status).toBe(0)
      const folder = path.join(tmp, 'node-compile-cache')
      return fs.existsSync(folder) ? fs.readdirSync(folder, { recursive: true }).length : 0
    }
    expect(run({})).toBeGreaterThan(1)
    expect(run({ NODE_DISABLE_COMPILE_CACHE: '1' })).toBe(0)
  })
})
