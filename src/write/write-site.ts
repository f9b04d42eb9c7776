// The only stage that writes the site. It writes into a folder beside the output
// and swaps it in with renames once everything is written, so a failed or killed
// build leaves the previous site as it was. Files the last build wrote the same are
// hard links to them. The site swapped out is kept in the cache as the spare, and
// the next build starts from it: after a small change, most of its folders and
// files are already as they must be.

import { spawn } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { SpillFile } from './spill-file.js'

export interface SiteFiles {
  /** Output path (with `/`) → contents. */
  files: Map<string, string | Uint8Array>
  /** Output path → file to copy. */
  copies: Map<string, string>
}

/** A file the last build left in the output folder: its size and time as written, the digest of its bytes, and what it was made from, if the maker said. */
export interface WrittenOutput {
  size: number
  time: number
  digest: string
  madeFrom?: string
}

/**
 * A folder beside the output that a build writes into as it goes (pages as they are
 * put into their template), so that it need not hold the whole site in memory;
 * `writeSite` finishes it and swaps it in, `discard` throws it away. Its maker
 * clears what a killed build left first (`recoverInterruptedSwap`).
 *
 * A file whose bytes are those the last build wrote (`previous`), still as written
 * in the output folder, is hard-linked from there instead of written again: after
 * a small change, most of a large site. The swap stays whole: the new folder holds
 * every file of the site either way.
 *
 * With a `spare` (the site before the last, which the last build's swap put there),
 * the folder is the spare, renamed: its folders are made, and a file that is the
 * same file as the output folder's (a hard link to it) is left as it is. Nothing in
 * it is written through: a file is removed before it is written or linked anew, and
 * what the site no longer has is removed before the swap (`removeLeftovers`).
 */
export class Staging {
  readonly folder: string
  /** Each file of the site so far, by the digest of its bytes. */
  readonly digests = new Map<string, string>()
  /** What files of the site were made from (see `reuseMade`). */
  readonly madeFrom = new Map<string, string>()
  private readonly made = new Set<string>()
  /** Files linked from the last site, with their size and time there. */
  readonly linked = new Map<string, { size: number; time: number }>()
  private spillFile: SpillFile | undefined
  /** The folder started as the spare: what is in it may be the last sites' files. */
  private readonly fromSpare: boolean
  /** The spare's files, once listed on libuv's threads while the build went on; `null` when done with. */
  private spareFiles: string[] | undefined | null

  /** `spare`: where the site swapped out is kept for the next build, and where this one takes it from. */
  constructor(
    readonly outDir: string,
    private readonly previous?: ReadonlyMap<string, WrittenOutput>,
    readonly spare?: string,
  ) {
    const parent = path.dirname(outDir)
    fs.mkdirSync(parent, { recursive: true })
    const prefix = path.join(parent, `.${path.basename(outDir)}.weft-new-`)
    // Without the last site and its record, nothing in the spare can be told to be right: it is not taken.
    const taken = previous && spare && fs.existsSync(outDir) ? takeSpare(spare, prefix) : undefined
    this.folder = taken ?? fs.mkdtempSync(prefix)
    this.fromSpare = taken !== undefined
    // Not awaited: `removeLeftovers` lists the folder itself if this is not done by then.
    if (taken)
      void listFiles(taken).then(
        (files) => {
          if (this.spareFiles === undefined) this.spareFiles = files
        },
        () => {},
      )
  }

  /** `madeFrom`: a digest of what the contents were made from, for `reuseMade` in the next build. */
  write(output: string, contents: string | Uint8Array, madeFrom?: string): void {
    if (madeFrom === undefined) this.madeFrom.delete(output)
    else this.madeFrom.set(output, madeFrom)
    if (this.reuse(output, digestOf([contents]))) return
    fs.writeFileSync(this.prepare(output), contents)
  }

  /** What the last build said it made the output from (`write`'s `madeFrom`), if it said. */
  lastMadeFrom(output: string): string | undefined {
    return this.previous?.get(output)?.madeFrom
  }

  /**
   * Links the last site's file, which the caller found made from the same as now
   * (`lastMadeFrom`), if it is still as written: the caller need not make it again.
   * False otherwise. `madeFrom`: what to record it was made from now.
   */
  reuseMade(output: string, madeFrom: string): boolean {
    const before = this.previous?.get(output)
    if (!before || !this.link(output, before)) return false
    this.digests.set(output, before.digest)
    this.madeFrom.set(output, madeFrom)
    return true
  }

  /** Whether the last site's file is still as the last build wrote it: `writeParts` may copy runs of it then. */
  lastIntact(output: string): boolean {
    const before = this.previous?.get(output)
    return before !== undefined && this.asWritten(output, before) !== undefined
  }

  /** The output folder's file, if it is still as `before` says it was written. */
  private asWritten(output: string, before: WrittenOutput): fs.Stats | undefined {
    const stat = fs.statSync(this.lastFile(output), { throwIfNoEntry: false })
    return stat?.isFile() && stat.size === before.size && stat.mtimeMs === before.time ? stat : undefined
  }

  /** Where the last site's file at `output` is. */
  private lastFile(output: string): string {
    return path.join(this.outDir, ...output.split('/'))
  }

  /**
   * Writes a file made of `parts`, one after the other, without joining them in
   * memory. A part may be a run of the last site's file at `output` (`{ start,
   * bytes }`), when it is intact (`lastIntact`). `madeFrom` as for `write`; `digest`
   * one that stands for the bytes (the caller's, made from what they are made of),
   * else the bytes' own.
   */
  writeParts(output: string, parts: Iterable<string | Uint8Array | { start: number; bytes: number }>, options: { madeFrom?: string; digest?: string } = {}): void {
    if (options.madeFrom === undefined) this.madeFrom.delete(output)
    else this.madeFrom.set(output, options.madeFrom)
    const hash = options.digest === undefined ? crypto.createHash('sha256') : undefined
    let last: number | undefined
    const fd = fs.openSync(this.prepare(output), 'w')
    const put = (bytes: Uint8Array, length = bytes.length) => {
      hash?.update(length === bytes.length ? bytes : bytes.subarray(0, length))
      // A write may take fewer bytes than it was given.
      for (let done = 0; done < length; ) done += fs.writeSync(fd, bytes, done, length - done)
    }
    try {
      for (const part of parts) {
        if (typeof part === 'string' || part instanceof Uint8Array) {
          put(typeof part === 'string' ? Buffer.from(part) : part)
          continue
        }
        if (last === undefined) {
          if (!this.lastIntact(output)) throw new Error(`Internal error: \`${output}\` of the last site changed while it was copied from`)
          last = fs.openSync(this.lastFile(output), 'r')
        }
        copyRun(last, part, put)
      }
    } finally {
      fs.closeSync(fd)
      if (last !== undefined) fs.closeSync(last)
    }
    this.digests.set(output, options.digest ?? hash!.digest('hex'))
  }

  copy(output: string, source: string): void {
    if (this.reuse(output, digestOf([fs.readFileSync(source)]))) return
    fs.copyFileSync(source, this.prepare(output))
  }

  /** Links the output folder's file when it holds exactly these bytes, as the last build wrote them. */
  private reuse(output: string, digest: string): boolean {
    this.digests.set(output, digest)
    const before = this.previous?.get(output)
    return before?.digest === digest && this.link(output, before)
  }

  /** Links the output folder's file into this folder, if it is still as `before` says it was written. */
  private link(output: string, before: WrittenOutput): boolean {
    const stat = this.asWritten(output, before)
    if (!stat) return false
    if (!this.holds(output, stat)) {
      try {
        fs.linkSync(this.lastFile(output), this.prepare(output))
      } catch {
        return false
      }
    }
    this.linked.set(output, { size: stat.size, time: stat.mtimeMs })
    return true
  }

  /** Whether the folder, started as the spare, holds this very file at `output` already. */
  private holds(output: string, file: fs.Stats): boolean {
    if (!this.fromSpare) return false
    try {
      const mine = fs.lstatSync(path.join(this.folder, ...output.split('/')), { throwIfNoEntry: false })
      return mine !== undefined && mine.ino === file.ino && mine.dev === file.dev
    } catch {
      return false
    }
  }

  /** Text the build needs again at its end, on disk beside the folder (never in the site). */
  get spill(): SpillFile {
    return (this.spillFile ??= new SpillFile(`${this.folder}.spill`))
  }

  /** Deletes the spill file: the site is written. */
  finish(): void {
    this.spillFile?.remove()
    this.spillFile = undefined
  }

  /**
   * Removes the files of the spare that the site does not have (every file it has is
   * in `digests`), and the folders that leaves empty: once every file of the site is
   * in the folder, before the swap (`writeSite`).
   */
  removeLeftovers(): void {
    if (!this.fromSpare || this.spareFiles === null) return
    let files = this.spareFiles
    if (!files) {
      const listed = fs.readdirSync(this.folder, { recursive: true, withFileTypes: true }).filter((entry) => !entry.isDirectory())
      files = listed.map((entry) => path.relative(this.folder, path.join(entry.parentPath ?? entry.path, entry.name)))
    }
    this.spareFiles = null
    this.removeUnused(files)
  }

  private removeUnused(files: string[]): void {
    const folders = new Set<string>()
    for (const relative of files) {
      if (this.digests.has(relative.split(path.sep).join('/'))) continue
      fs.rmSync(path.join(this.folder, relative), { force: true, recursive: true })
      for (let folder = path.dirname(relative); folder !== '.'; folder = path.dirname(folder)) folders.add(folder)
    }
    // The deepest first: a folder empties as its subfolders go.
    for (const folder of [...folders].sort((a, b) => b.length - a.length)) {
      try {
        fs.rmdirSync(path.join(this.folder, folder))
      } catch {
        // Not empty: the site still has files in it.
      }
    }
  }

  discard(): void {
    this.finish()
    fs.rmSync(this.folder, { recursive: true, force: true })
  }

  private prepare(output: string): string {
    const file = path.join(this.folder, ...output.split('/'))
    const folder = path.dirname(file)
    if (!this.made.has(folder)) {
      this.makeFolder(folder)
      this.made.add(folder)
    }
    // A file linked from the output folder shares its bytes with the last site, and a spare's file may
    // be one of the last sites' too: writing it again must not change those. It goes first.
    if (this.linked.delete(output) || this.fromSpare) fs.rmSync(file, { force: true, recursive: this.fromSpare })
    return file
  }

  private makeFolder(folder: string): void {
    try {
      fs.mkdirSync(folder, { recursive: true })
    } catch (error) {
      if (!this.fromSpare) throw error
      // The spare has a file where this site has a folder: the file goes.
      const relative = path.relative(this.folder, folder).split(path.sep)
      for (let depth = 1; depth <= relative.length; depth++) {
        const ancestor = path.join(this.folder, ...relative.slice(0, depth))
        if (fs.lstatSync(ancestor, { throwIfNoEntry: false })?.isDirectory() === false) fs.rmSync(ancestor, { force: true })
      }
      fs.mkdirSync(folder, { recursive: true })
    }
  }
}

/** One buffer for every run copied from a last file: a fresh large buffer costs a page fault per 4 KB. */
let runBuffer: Buffer | undefined

/** Copies bytes `start` to `start + bytes` of the file open as `fd` through `put`, a megabyte at a time. */
function copyRun(fd: number, run: { start: number; bytes: number }, put: (bytes: Uint8Array, length: number) => void): void {
  const buffer = (runBuffer ??= Buffer.allocUnsafe(1 << 20))
  for (let done = 0; done < run.bytes; ) {
    const read = fs.readSync(fd, buffer, 0, Math.min(buffer.length, run.bytes - done), run.start + done)
    if (read === 0) throw new Error("Internal error: the last site's file ended before the run copied from it")
    put(buffer, read)
    done += read
  }
}

/** Renames the spare to a new staging folder's name; its name, or nothing when there is no spare to take. */
function takeSpare(spare: string, prefix: string): string | undefined {
  const folder = `${prefix}${crypto.randomBytes(6).toString('hex')}`
  try {
    fs.renameSync(spare, folder)
    return folder
  } catch {
    return undefined
  }
}

/** The files below `folder`, as paths relative to it, listed folder by folder on libuv's threads. */
async function listFiles(folder: string): Promise<string[]> {
  const files: string[] = []
  const walk = async (relative: string): Promise<void> => {
    const entries = await fs.promises.readdir(path.join(folder, relative), { withFileTypes: true })
    const below: Promise<void>[] = []
    for (const entry of entries) {
      const name = relative === '' ? entry.name : path.join(relative, entry.name)
      if (entry.isDirectory()) below.push(walk(name))
      else files.push(name)
    }
    await Promise.all(below)
  }
  await walk('')
  return files
}

/** The digest a file of the site is known by: of its bytes, whether they come as text or not. */
function digestOf(parts: (string | Uint8Array)[]): string {
  const hash = crypto.createHash('sha256')
  for (const part of parts) hash.update(part)
  return hash.digest('hex')
}

/**
 * Writes the site; returns false when the output already held exactly these files,
 * and nothing was written. With `staging`, the files already written there are part
 * of the site too, and the swap always happens.
 */
export function writeSite(outDir: string, site: SiteFiles, staging?: Staging): boolean {
  if (!staging) {
    recoverInterruptedSwap(outDir)
    if (isOnDisk(outDir, site)) return false
  }
  const target = staging ?? new Staging(outDir)
  try {
    for (const [output, contents] of site.files) target.write(output, contents)
    for (const [output, source] of site.copies) target.copy(output, source)
    target.removeLeftovers()
  } catch (error) {
    target.discard()
    throw error
  }
  target.finish()
  const parent = path.dirname(outDir)
  const old = path.join(parent, `.${path.basename(outDir)}.weft-old`)
  fs.rmSync(old, { recursive: true, force: true })
  if (fs.existsSync(outDir)) fs.renameSync(outDir, old)
  fs.renameSync(target.folder, outDir)
  if (!keepAsSpare(old, target.spare, outDir)) deleteOldSite(old, outDir, target.digests.size > backgroundDeletion)
  return true
}

/**
 * Keeps the site just swapped out as the spare the next build starts from (a spare
 * the build did not take goes first); false when there is none to keep it as, or
 * it cannot be moved there (another file system).
 */
function keepAsSpare(old: string, spare: string | undefined, outDir: string): boolean {
  if (!spare || !fs.existsSync(old)) return false
  try {
    // A whole site: deleted in the background, as a large last site is.
    if (fs.existsSync(spare)) deleteOldSite(spare, outDir, true)
    fs.mkdirSync(path.dirname(spare), { recursive: true })
    fs.renameSync(old, spare)
    return true
  } catch {
    return false
  }
}

/** Sites of more files than this have their last version deleted in the background. */
const backgroundDeletion = 1000

/** A trash folder older than this was left by a deleter that was stopped: the next build deletes it. */
const abandonedMs = 10 * 60_000

/**
 * Deletes a site swapped out. A large one (`inBackground`) is deleted by a process of
 * its own that outlives this one, at low priority: at 5,000 pages, the build's write
 * phase after one page changed went from 1.18–1.76 s to 0.18–0.19 s. A small one
 * goes at once, for less than starting a process costs.
 */
function deleteOldSite(old: string, outDir: string, inBackground: boolean): void {
  if (!fs.existsSync(old)) return
  if (inBackground) {
    const trash = path.join(path.dirname(outDir), `.${path.basename(outDir)}.weft-trash-${Date.now()}-${process.pid}`)
    try {
      fs.renameSync(old, trash)
      const child = spawn(process.execPath, ['-e', deleter, trash], { detached: true, stdio: 'ignore', windowsHide: true })
      // A deleter that could not start leaves the folder to a later build.
      child.on('error', () => {})
      child.unref()
      return
    } catch {
      if (fs.existsSync(trash)) old = trash
    }
  }
  fs.rmSync(old, { recursive: true, force: true })
}

const deleter = "try { require('node:os').setPriority(19) } catch {} require('node:fs').rmSync(process.argv[1], { recursive: true, force: true })"

/** Whether `outDir` holds exactly the site's files, byte for byte: reading is cheaper than writing again. */
function isOnDisk(outDir: string, site: SiteFiles): boolean {
  let names: string[]
  try {
    names = (fs.readdirSync(outDir, { recursive: true }) as string[]).filter((name) => fs.statSync(path.join(outDir, name)).isFile())
  } catch {
    return false
  }
  if (names.length !== site.files.size + site.copies.size) return false
  try {
    for (const [output, contents] of site.files) {
      const existing = fs.readFileSync(path.join(outDir, ...output.split('/')))
      if (!existing.equals(typeof contents === 'string' ? Buffer.from(contents) : contents)) return false
    }
    for (const [output, source] of site.copies) {
      const target = path.join(outDir, ...output.split('/'))
      if (fs.statSync(target).size !== fs.statSync(source).size || !fs.readFileSync(target).equals(fs.readFileSync(source))) return false
    }
  } catch {
    return false
  }
  return true
}

/**
 * A build killed between its two renames left the last site as `.dist.weft-old`: put
 * it back. A killed build's folder goes, and so does a last site whose deleter stopped.
 * Called by every build that writes, before anything else, while it holds the lock.
 */
export function recoverInterruptedSwap(outDir: string): void {
  const parent = path.dirname(outDir)
  const base = path.basename(outDir)
  const old = path.join(parent, `.${base}.weft-old`)
  if (!fs.existsSync(outDir) && fs.existsSync(old)) fs.renameSync(old, outDir)
  if (!fs.existsSync(parent)) return
  for (const name of fs.readdirSync(parent)) {
    if (name.startsWith(`.${base}.weft-new-`)) fs.rmSync(path.join(parent, name), { recursive: true, force: true })
    const trashed = name.startsWith(`.${base}.weft-trash-`) ? Number.parseInt(name.slice(`.${base}.weft-trash-`.length), 10) : undefined
    if (trashed !== undefined && !(Date.now() - trashed <= abandonedMs)) {
      try {
        fs.rmSync(path.join(parent, name), { recursive: true, force: true })
      } catch {
        // Its deleter is still at work after all.
      }
    }
  }
}
