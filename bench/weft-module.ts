// The weft a child measures: the run's copy of lib/ when there is one (the parent
// sets WEFT_BENCH_LIB, see bench/snapshot.ts), else lib/ in place.

import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { repoDir } from './paths.js'

/** weft's API as compiled in lib/, for the types. */
export type Weft = typeof import('../lib/index.js')
export type WeftDev = typeof import('../lib/dev/dev.js')

/** The URL of a module of weft's lib/ (`index.js`, `dev/dev.js`). */
export function weftModule(file: string): string {
  return pathToFileURL(path.join(process.env.WEFT_BENCH_LIB ?? path.join(repoDir, 'lib'), file)).href
}
