// Where the bench and weft are. The bench runs compiled, from bench/out/ (see
// bench/tsconfig.json); from its sources (under tsx) the same paths hold.

import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))

/** The bench's own folder, bench/. */
export const benchDir = path.basename(here) === 'out' ? path.dirname(here) : here
/** The repository: lib/, templates/, node_modules/. */
export const repoDir = path.dirname(benchDir)
