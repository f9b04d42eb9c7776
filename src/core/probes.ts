// What a render learned from the disk beyond the page's own text: which files
// exist, and which version of each. Kept with a cached page, and checked again
// before the page is reused.

import fs from 'node:fs'

/** `file` as a short string that changes when the file appears, goes or changes. */
export function probeSignature(file: string): string {
  const stat = fs.statSync(file, { throwIfNoEntry: false })
  if (!stat) return '-'
  if (stat.isDirectory()) return 'd'
  return `f:${stat.size}:${Math.floor(stat.mtimeMs)}`
}

/** A stat that is also written down in `probes`. */
export function recordedStat(probes: Map<string, string>, file: string): fs.Stats | undefined {
  const stat = fs.statSync(file, { throwIfNoEntry: false })
  probes.set(file, !stat ? '-' : stat.isDirectory() ? 'd' : `f:${stat.size}:${Math.floor(stat.mtimeMs)}`)
  return stat
}
