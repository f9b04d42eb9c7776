// Reads the pixel size of images pages show, once per file and version, so that
// `<img>` gets width and height and nothing jumps while the page loads.

import fs from 'node:fs'
import { imageSize } from 'image-size'

const sizes = new Map<string, { mtimeMs: number; size: { width: number; height: number } | undefined }>()

export function readImageSize(file: string): { width: number; height: number } | undefined {
  let stat: fs.Stats
  try {
    stat = fs.statSync(file)
  } catch {
    return undefined
  }
  const known = sizes.get(file)
  if (known && known.mtimeMs === stat.mtimeMs) return known.size
  let size: { width: number; height: number } | undefined
  try {
    const header = Buffer.alloc(Math.min(stat.size, 512 * 1024))
    const handle = fs.openSync(file, 'r')
    try {
      fs.readSync(handle, header, 0, header.length, 0)
    } finally {
      fs.closeSync(handle)
    }
    const measured = imageSize(header)
    if (measured.width && measured.height) size = { width: measured.width, height: measured.height }
  } catch {
    size = undefined
  }
  sizes.set(file, { mtimeMs: stat.mtimeMs, size })
  return size
}
