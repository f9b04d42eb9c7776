// One build at a time writes an output folder. Without this, a second build
// started while the first one writes would delete the first one's folder of new
// pages (it looks like one a killed build left behind), or race it in the swap.
// The lock is a file beside the output naming the process that holds it; the
// file of a process that is gone (a killed build) is taken over.

import fs from 'node:fs'
import path from 'node:path'

export class OutputLock {
  private constructor(private readonly file: string) {}

  /**
   * Takes the lock on `outDir`, waiting while another running process holds it;
   * `onWait` is told once which process that is.
   */
  static async take(outDir: string, onWait?: (holder: number) => void): Promise<OutputLock> {
    const parent = path.dirname(outDir)
    const file = path.join(parent, `.${path.basename(outDir)}.weft-lock`)
    fs.mkdirSync(parent, { recursive: true })
    let told = false
    for (;;) {
      try {
        fs.writeFileSync(file, String(process.pid), { flag: 'wx' })
        return new OutputLock(file)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      }
      const holder = holderOf(file)
      if (holder === undefined && abandoned(file)) {
        // Created and never written: its process was killed in between.
        fs.rmSync(file, { force: true })
        continue
      }
      if (holder !== undefined && !running(holder)) {
        // Its build was killed. Another waiting build may take it over at the same moment:
        // whichever creates the file anew first wins, the other goes on waiting.
        removeIfHeldBy(file, holder)
        continue
      }
      if (holder !== undefined && !told) {
        onWait?.(holder)
        told = true
      }
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }

  release(): void {
    removeIfHeldBy(this.file, process.pid)
  }
}

/** The process named in the lock file; undefined while it is being written, or when it cannot be read. */
function holderOf(file: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8'))
    return Number.isInteger(pid) && pid > 0 ? pid : undefined
  } catch {
    return undefined
  }
}

/** A lock file still empty a few seconds after it was made. */
function abandoned(file: string): boolean {
  const stat = fs.statSync(file, { throwIfNoEntry: false })
  return stat !== undefined && Date.now() - stat.mtimeMs > 5000
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it runs, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function removeIfHeldBy(file: string, pid: number): void {
  if (holderOf(file) === pid) fs.rmSync(file, { force: true })
}
