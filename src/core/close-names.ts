// "Did you mean …?" for names an author mistyped: a fragment, a link's path, an
// include's path. A name is close when few edits turn it into the other (a swap of
// two neighbouring letters is one edit), few for its length; nothing farther is offered.

import fs from 'node:fs'
import path from 'node:path'
import { isInside } from './paths.js'

/** Edits from `a` to `b`: insertions, deletions, changes and swaps of neighbours (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  let beforePrevious: number[] = []
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, beforePrevious[j - 2]! + 1)
      current[j] = best
    }
    beforePrevious = previous
    previous = current
  }
  return previous[b.length]!
}

/** The candidate fewest edits from `wanted`, at most `maxDistance` edits away (the first of equals). */
export function closest(wanted: string, candidates: Iterable<string>, maxDistance: number): string | undefined {
  let best: string | undefined
  let bestDistance = maxDistance + 1
  for (const candidate of candidates) {
    if (candidate === wanted || Math.abs(candidate.length - wanted.length) >= bestDistance) continue
    const distance = editDistance(wanted, candidate)
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance]
  }
  return best
}

/** How many edits a file or folder name may be off by: one per three letters before its extension. */
export function nameTolerance(name: string): number {
  const dot = name.lastIndexOf('.')
  return Math.floor((dot > 0 ? dot : name.length) / 3)
}

/**
 * The candidate path (parts joined by `/`) closest to `wanted`: as many parts, each
 * the same or a close name (`../refrence/clinet.md` → `../reference/client.md`).
 */
export function closestPath(wanted: string, candidates: Iterable<string>): string | undefined {
  const parts = wanted.split('/')
  let best: string | undefined
  let bestDistance = Infinity
  for (const candidate of candidates) {
    const others = candidate.split('/')
    if (others.length !== parts.length) continue
    let distance = 0
    for (let index = 0; index < parts.length && distance < bestDistance; index++) {
      const [part, other] = [parts[index]!, others[index]!]
      if (part === other) continue
      const edits = editDistance(part, other)
      distance = edits > nameTolerance(part) ? Infinity : distance + edits
    }
    if (distance > 0 && distance < bestDistance) [best, bestDistance] = [candidate, distance]
  }
  return best
}

/**
 * `relative` (written with `/`, as in a link or an include) read from the folder
 * `base`, with each part that is not on disk changed to the closest name in its
 * folder; the last part must be a file that `accept`s. Written as the author wrote
 * it (`./`, `..` kept), or undefined when some part has no close name or the path
 * would leave `root`. Reads the disk: only for a path already known to be missing.
 */
export function correctOnDisk(base: string, relative: string, root: string, accept: (file: string) => boolean = () => true): string | undefined {
  const parts = relative.split('/')
  let folder = base
  let changed = false
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index]!
    const last = index === parts.length - 1
    if (part === '' || part === '.') {
      if (last) return undefined
      continue
    }
    if (part === '..') {
      if (last) return undefined
      folder = path.dirname(folder)
      continue
    }
    if (!isInside(folder, root)) return undefined
    const fits = (file: string) => {
      const stat = fs.statSync(file, { throwIfNoEntry: false })
      return last ? stat?.isFile() === true && accept(file) : stat?.isDirectory() === true
    }
    if (fits(path.join(folder, part))) {
      folder = path.join(folder, part)
      continue
    }
    let names: string[]
    try {
      names = fs.readdirSync(folder)
    } catch {
      return undefined
    }
    const tolerance = nameTolerance(part)
    const near = closest(part, names.filter((name) => Math.abs(name.length - part.length) <= tolerance && fits(path.join(folder, name))), tolerance)
    if (near === undefined) return undefined
    parts[index] = near
    folder = path.join(folder, near)
    changed = true
  }
  return changed && isInside(folder, root) ? parts.join('/') : undefined
}
