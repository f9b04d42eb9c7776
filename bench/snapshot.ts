// Which weft is measured. lib/ is compiled from the working tree, which may differ
// from the commit, and may be recompiled during a long run; so the run copies lib/,
// templates/ and package.json to a temporary folder when it starts and every child
// imports weft from there (recompiling would also change every cache key: weft's
// version includes the times of its files). Without the copy, libStamp() tells
// whether lib/ changed.

import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { repoDir } from './paths.js'

/** Copies lib/, templates/ and package.json to a temporary folder, with a link to node_modules; returns the folder. */
export function snapshotWeft(): string {
  for (let attempt = 1; ; attempt++) {
    const before = libStamp()
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-bench-lib-'))
    for (const name of ['lib', 'templates', 'package.json']) fs.cpSync(path.join(repoDir, name), path.join(folder, name), { recursive: true, preserveTimestamps: true })
    fs.symlinkSync(path.join(repoDir, 'node_modules'), path.join(folder, 'node_modules'), 'dir')
    // A copy taken while weft was being compiled would be half of each build: take it again.
    if (libStamp() === before && before !== '') return folder
    fs.rmSync(folder, { recursive: true, force: true })
    if (attempt === 5) throw new Error('lib/ kept changing while it was being copied')
  }
}

/** The size and time of every file of the compiled weft (lib/): what its cache keys are made of. */
export function libStamp(): string {
  const folder = path.join(repoDir, 'lib')
  try {
    return fs
      .readdirSync(folder, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.js'))
      .sort()
      .map((name) => {
        const stat = fs.statSync(path.join(folder, name))
        return `${name}:${stat.size}:${Math.floor(stat.mtimeMs)}`
      })
      .join('|')
  } catch {
    return ''
  }
}

export interface Revision {
  commit: string | undefined
  /** Source files changed since the commit (undefined outside a git checkout). */
  uncommitted: string[] | undefined
}

/** The repository's commit and the source files changed since it, when this is a git checkout. */
export function weftRevision(): Revision {
  const git = (...args: string[]) => {
    const result = spawnSync('git', args, { cwd: repoDir, encoding: 'utf8' })
    return result.status === 0 ? result.stdout.trimEnd() : undefined
  }
  const commit = git('rev-parse', '--short', 'HEAD')?.trim()
  const status = git('status', '--porcelain', '--', 'src', 'templates', 'package.json')
  return { commit, uncommitted: status === undefined ? undefined : status.split('\n').filter(Boolean).map((line) => line.slice(3)) }
}
