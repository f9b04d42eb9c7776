// When each file last changed, from git history, read in one `git log` for the
// whole site rather than one call per page. Outside a git checkout it knows nothing.

import { execFileSync } from 'node:child_process'
import path from 'node:path'

/** Absolute path → the time of the last commit that touched it (ms since the epoch). */
export function readGitTimes(root: string): Map<string, number> {
  const times = new Map<string, number>()
  let output: string
  let top: string
  try {
    top = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
    output = execFileSync('git', ['log', '--format=%x00%ct', '--name-only', '--no-renames', '--', '.'], { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] })
  } catch {
    return times
  }
  // Newest commits come first: the first time a file is named is its last change.
  for (const entry of output.split('\0')) {
    const [stamp, ...files] = entry.split('\n')
    const time = Number(stamp) * 1000
    if (!Number.isFinite(time)) continue
    for (const file of files) {
      if (!file) continue
      const absolute = path.join(top, file)
      if (!times.has(absolute)) times.set(absolute, time)
    }
  }
  return times
}
