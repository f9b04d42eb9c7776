// `weft init [DIR]`: writes a starter site into DIR, or nothing at all. Every file
// it would write is checked first; a file already there (or a file where a folder
// must go) stops it before it writes, and a write that fails anyway (a file made
// meanwhile, a folder it may not write to) takes back what it had written.

import fs from 'node:fs'
import path from 'node:path'
import { readWeftPackage, starterFiles, type WeftPackage } from './starter.js'

/** A reason `weft init` wrote nothing, and what to do about it. */
export class InitError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message)
  }
}

export interface InitResult {
  /** The folder written to, absolute. */
  dir: string
  /** The files written, relative to `dir`, in the order they were written. */
  written: string[]
}

export function initSite(dir = '.', weft: WeftPackage = readWeftPackage()): InitResult {
  const target = path.resolve(dir)
  if (fs.statSync(target, { throwIfNoEntry: false })?.isDirectory() === false) {
    throw new InitError(`\`${dir}\` is a file, not a folder; nothing was written`, 'run `weft init NAME` to write the starter into a new folder')
  }
  const files = starterFiles(target, weft)
  const taken = findTaken(target, files.map((file) => file.path))
  if (taken.length > 0) {
    const where = dir === '.' ? 'this folder' : `\`${dir}\``
    throw new InitError(
      `${listed(taken)} already ${taken.length === 1 ? 'exists' : 'exist'} in ${where}; weft init overwrites nothing, so nothing was written`,
      'run `weft init NAME` to write the starter into a new folder, or move these files away',
    )
  }
  const written: string[] = []
  const madeFolders: string[] = []
  try {
    for (const file of files) {
      const absolute = path.join(target, file.path)
      const made = fs.mkdirSync(path.dirname(absolute), { recursive: true })
      if (made) madeFolders.push(made)
      // `wx`: a file that appeared since the check above is not overwritten either.
      fs.writeFileSync(absolute, file.contents, { flag: 'wx' })
      written.push(file.path)
    }
  } catch (error) {
    for (const file of written.reverse()) fs.rmSync(path.join(target, file), { force: true })
    for (const folder of madeFolders.reverse()) fs.rmSync(folder, { recursive: true, force: true })
    const { code, path: failed } = error as NodeJS.ErrnoException
    if (!code) throw error
    const name = failed ? path.relative(target, failed) || failed : dir
    throw new InitError(`Cannot write \`${name}\` (${code}); nothing was written`, code === 'EEXIST' ? 'the file appeared while weft init ran; run it again' : 'check that you may write to the folder, or choose another one')
  }
  return { dir: target, written }
}

/** The paths among `files` (and the folders on their way) that something already occupies. */
function findTaken(target: string, files: string[]): string[] {
  const taken = new Set<string>()
  for (const file of files) {
    const parts = file.split('/')
    for (let length = 1; length <= parts.length; length++) {
      const relative = parts.slice(0, length).join('/')
      const stat = fs.lstatSync(path.join(target, relative), { throwIfNoEntry: false })
      if (!stat) break
      const isLast = length === parts.length
      if (isLast || !stat.isDirectory()) {
        taken.add(relative)
        break
      }
    }
  }
  return [...taken]
}

function listed(names: string[]): string {
  const quoted = names.map((name) => `\`${name}\``)
  return quoted.length === 1 ? quoted[0]! : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`
}
