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

export function writeSite(outDir: string, site: SiteFiles): void {
  const parent = path.dirname(outDir)
  const base = path.basename(outDir)
  recoverInterruptedSwap(outDir)
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
