// The only stage that writes the site. It writes into a fresh folder beside the
// output and swaps it in with renames once everything is written, so a failed or
// killed build leaves the previous site as it was.

import fs from 'node:fs'
import path from 'node:path'

export interface SiteFiles {
  /** Output path (with `/`) → contents. */
  files: Map<string, string | Uint8Array>
  /** Output path → file to copy. */
  copies: Map<string, string>
}

/** Writes the site; returns false when the output already held exactly these files, and nothing was written. */
export function writeSite(outDir: string, site: SiteFiles): boolean {
  const parent = path.dirname(outDir)
  const base = path.basename(outDir)
  recoverInterruptedSwap(outDir)
  if (isOnDisk(outDir, site)) return false
  fs.mkdirSync(parent, { recursive: true })
  const staging = fs.mkdtempSync(path.join(parent, `.${base}.weft-new-`))
  try {
    const made = new Set<string>()
    const prepare = (output: string) => {
      const file = path.join(staging, ...output.split('/'))
      const folder = path.dirname(file)
      if (!made.has(folder)) {
        fs.mkdirSync(folder, { recursive: true })
        made.add(folder)
      }
      return file
    }
    for (const [output, contents] of site.files) fs.writeFileSync(prepare(output), contents)
    for (const [output, source] of site.copies) fs.copyFileSync(source, prepare(output))
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true })
    throw error
  }
  const old = path.join(parent, `.${base}.weft-old`)
  fs.rmSync(old, { recursive: true, force: true })
  if (fs.existsSync(outDir)) fs.renameSync(outDir, old)
  fs.renameSync(staging, outDir)
  fs.rmSync(old, { recursive: true, force: true })
  return true
}

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

/** A build killed between its two renames left the last site as `.dist.weft-old`: put it back. */
function recoverInterruptedSwap(outDir: string): void {
  const parent = path.dirname(outDir)
  const base = path.basename(outDir)
  const old = path.join(parent, `.${base}.weft-old`)
  if (!fs.existsSync(outDir) && fs.existsSync(old)) fs.renameSync(old, outDir)
  if (!fs.existsSync(parent)) return
  for (const name of fs.readdirSync(parent)) {
    if (name.startsWith(`.${base}.weft-new-`)) fs.rmSync(path.join(parent, name), { recursive: true, force: true })
  }
}
