// What the last successful build read and wrote, so that a build with nothing
// changed stops after reading and hashing: every input (sources by the digest of
// their text, other files by size and time), the listings of the content, includes
// and theme folders, the config and weft's version, and the size and time of every
// file it left in the output folder. Any difference, or anything missing, means a
// real build. Its messages are kept too, and said again.

import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fingerprintConfig, type ResolvedConfig } from '../config.js'
import { fromPlainMessage, toPlainMessage, type PlainMessage, type WeftMessage } from '../core/diagnostics.js'
import { findSources } from '../load/find-sources.js'
import { fileStamp, type SourceStore } from '../load/source-store.js'
import { probeSignature } from '../core/probes.js'
import { defaultTemplates } from '../render/theme-folders.js'
import type { Staging, WrittenOutput } from '../write/write-site.js'
import { writeAtomically } from '../compile/atomic-write.js'
import { compareText } from '../core/compare-text.js'
import { hashParts } from '../core/hash.js'

const format = 2

interface Manifest {
  format: number
  /** The config, weft's version and git's HEAD (for "last updated"). */
  setting: string
  /** The markdown files and theme files there are, by name. */
  listing: string
  inputs: [string, string][]
  /** Output path → size and time, as written. */
  outputs: [string, number, number][]
  messages: PlainMessage[]
  pages: number
}

export interface Reused {
  messages: WeftMessage[]
  pages: number
}

/**
 * A file's signature as an input: for text, the digest of what was read and the
 * file's size and time just before (`sha:DIGEST@STAMP`); else its `probeSignature`.
 */
export function inputSignature(file: string, sources: SourceStore, asText: boolean): string {
  const first = asText ? sources.firstRead(file) : undefined
  return first?.digest === undefined ? probeSignature(file) : `sha:${first.digest}@${first.stamp ?? ''}`
}

/**
 * Whether `file` is still what `before` says. A text file whose size and time are
 * the same is not read (as git trusts its index); one whose time moved is read and
 * compared by digest, so a file saved again unchanged still counts as unchanged.
 */
function unchanged(file: string, before: string, sources: SourceStore): boolean {
  if (!before.startsWith('sha:')) return probeSignature(file) === before
  const at = before.indexOf('@')
  if (at === -1) return false
  const stamp = before.slice(at + 1)
  if (stamp !== '' && fileStamp(file) === stamp) return true
  return `sha:${sources.digest(file) ?? ''}` === before.slice(0, at)
}

/** The last build's outcome when nothing it read or wrote has changed since; undefined means build. */
export function reuseLastBuild(config: ResolvedConfig, sources: SourceStore): Reused | undefined {
  const file = manifestFile(config)
  if (!file) return undefined
  let manifest: Manifest
  try {
    manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest
  } catch {
    return undefined
  }
  try {
    if (manifest.format !== format || manifest.setting !== setting(config) || manifest.listing !== listing(config)) return undefined
    for (const [input, before] of manifest.inputs) if (!unchanged(input, before, sources)) return undefined
    if (!outputsAsWritten(config.outDir, manifest.outputs)) return undefined
    return { messages: manifest.messages.map(fromPlainMessage), pages: manifest.pages }
  } catch {
    return undefined
  }
}

/** Records a successful build: its inputs (from the project), and the output folder as `recordOutputs` found it. */
export function recordBuild(config: ResolvedConfig, inputs: Map<string, string>, messages: WeftMessage[], pages: number, written: Map<string, WrittenOutput>): void {
  const file = manifestFile(config)
  if (!file) return
  const outputs = [...written].map(([name, { size, time }]): [string, number, number] => [name, size, time])
  const manifest: Manifest = { format, setting: setting(config), listing: listing(config), inputs: [...inputs], outputs, messages: messages.map(toPlainMessage), pages }
  writeAtomically(file, JSON.stringify(manifest))
}

/** Forgets the last build (one that failed, or wrote nothing of its own). */
export function forgetLastBuild(config: ResolvedConfig): void {
  const file = manifestFile(config)
  if (file) fs.rmSync(file, { force: true })
}

function manifestFile(config: ResolvedConfig): string | undefined {
  return buildsFile(config, '.json')
}

/**
 * Where the site a build swaps out of the output folder waits for the next build, which
 * starts from it (see `Staging`): beside the cache, out of the project's way, and out
 * of a CI cache that keeps `node_modules/.cache/weft` (copied there, its hard links
 * to the output's files would take the whole site's room again).
 */
export function spareFolder(config: ResolvedConfig): string | undefined {
  return config.cacheDir && path.join(path.dirname(config.cacheDir), 'weft-spare', hashParts([config.outDir]).slice(0, 32))
}

/** A file of the cache's record of the builds into the config's output folder. */
function buildsFile(config: ResolvedConfig, suffix: string): string | undefined {
  return config.cacheDir && path.join(config.cacheDir, 'builds', `${hashParts([config.outDir]).slice(0, 32)}${suffix}`)
}

/**
 * What the last build left in the output folder, file by file, with each file's
 * digest: the next build links the files it would write the same (see `Staging`).
 * Kept apart from the manifest, which a failed build forgets: the output folder is
 * still the last good build's then.
 */
export function lastOutputs(config: ResolvedConfig): Map<string, WrittenOutput> | undefined {
  const file = outputsFile(config)
  if (!file) return undefined
  try {
    const record = JSON.parse(fs.readFileSync(file, 'utf8')) as OutputsRecord
    if (record.format !== format || record.outDir !== config.outDir || !Array.isArray(record.outputs)) return undefined
    return new Map(record.outputs.map(([name, size, time, digest, madeFrom]) => [name, { size, time, digest, madeFrom: madeFrom ?? undefined }]))
  } catch {
    return undefined
  }
}

/**
 * Records the files of the output folder just swapped in, each with its digest,
 * what it was made from (when its maker said), its size and its time; returns them.
 */
export function recordOutputs(config: ResolvedConfig, staged: Pick<Staging, 'digests' | 'madeFrom' | 'linked'>): Map<string, WrittenOutput> {
  const written = new Map<string, WrittenOutput>()
  for (const [name, digest] of [...staged.digests].sort(([a], [b]) => compareText(a, b))) {
    // A linked file is the last site's, as its size and time said when it was linked.
    let stamp = staged.linked.get(name)
    if (!stamp) {
      const stat = fs.statSync(path.join(config.outDir, ...name.split('/')))
      stamp = { size: stat.size, time: stat.mtimeMs }
    }
    written.set(name, { ...stamp, digest, madeFrom: staged.madeFrom.get(name) })
  }
  const file = outputsFile(config)
  if (file) {
    const record: OutputsRecord = { format, outDir: config.outDir, outputs: [...written].map(([name, { size, time, digest, madeFrom }]) => [name, size, time, digest, madeFrom ?? null]) }
    writeAtomically(file, JSON.stringify(record))
  }
  return written
}

interface OutputsRecord {
  format: number
  outDir: string
  outputs: [string, number, number, string, string | null][]
}

function outputsFile(config: ResolvedConfig): string | undefined {
  return buildsFile(config, '.outputs.json')
}

function setting(config: ResolvedConfig): string {
  let head = ''
  if (config.lastUpdated) {
    try {
      head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: config.root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
    } catch {
      head = 'no git'
    }
  }
  return hashParts([fingerprintConfig(config), head])
}

/** The names of the markdown sources and theme files: a file added anywhere there is a change. */
function listing(config: ResolvedConfig): string {
  const found = findSources(config.contentDir)
  const includes = path.join(config.root, 'includes')
  const theme = [path.join(config.root, 'templates'), defaultTemplates]
  return hashParts([...found.pages, '|', ...found.partials, '|', ...[includes, ...theme].flatMap((folder) => [folder, ...listFiles(folder)])])
}

function outputsAsWritten(outDir: string, outputs: [string, number, number][]): boolean {
  if (listFiles(outDir).length !== outputs.length) return false
  for (const [name, size, time] of outputs) {
    const stat = fs.statSync(path.join(outDir, name), { throwIfNoEntry: false })
    if (!stat || stat.size !== size || stat.mtimeMs !== time) return false
  }
  return true
}

/**
 * Files under `folder`, recursively, as sorted relative paths; none when it does not
 * exist. One listing a folder, not Node's recursive listing, which took 56–86 ms for the
 * 2,105 files of a 1,000-page site's output against 37–45 ms this way.
 */
function listFiles(folder: string): string[] {
  const files: string[] = []
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(folder, relative), { withFileTypes: true })) {
      const name = relative ? path.join(relative, entry.name) : entry.name
      if (entry.isDirectory()) walk(name)
      else if (entry.isFile()) files.push(name)
    }
  }
  try {
    walk('')
  } catch {
    return []
  }
  return files.sort()
}
