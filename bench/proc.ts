// What Linux says of processes, read from /proc: the CPU of this process's
// children, their peak memory, a process tree. Every figure the bench takes of a
// process other than its own comes from here; off Linux these return null.

import fs from 'node:fs'

/** /proc's clock ticks. */
const TICK_MS = 10

/** The fields of /proc/PID/stat from field 3 (`state`) on: [11] utime, [12] stime, [13] cutime, [14] cstime. */
function statFields(pid: number | 'self'): string[] {
  const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
  return text.slice(text.lastIndexOf(')') + 2).split(' ')
}

/** CPU of the child processes of this one that have ended and been waited for (theirs and their own waited-for children's). */
export function reapedChildrenCpuMs(): number | null {
  try {
    const fields = statFields('self')
    return (Number(fields[13]) + Number(fields[14])) * TICK_MS
  } catch {
    return null
  }
}

/** The pids of the running child processes. */
export function liveChildren(): number[] | null {
  try {
    return fs.readdirSync('/proc/self/task').flatMap((task) => fs.readFileSync(`/proc/self/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number))
  } catch {
    return null
  }
}

/** The CPU the running child processes have used so far. */
export function liveChildrenCpuMs(): number {
  let total = 0
  for (const pid of liveChildren() ?? []) {
    try {
      const fields = statFields(pid)
      total += (Number(fields[11]) + Number(fields[12])) * TICK_MS
    } catch {
      // It ended meanwhile.
    }
  }
  return total
}

/**
 * Samples the peak RSS (VmHWM) of this process's children (Pagefind's indexer)
 * every 50 ms until `stop()`, which returns the largest, in KiB (null off Linux).
 */
export function sampleChildrenPeak(): { stop(): number | null } {
  let peak = liveChildren() === null ? null : 0
  const sample = () => {
    for (const pid of liveChildren() ?? []) {
      try {
        const kib = Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0)
        if (peak !== null && kib > peak) peak = kib
      } catch {
        // It ended meanwhile.
      }
    }
  }
  const timer = setInterval(sample, 50)
  return {
    stop() {
      clearInterval(timer)
      sample()
      return peak
    },
  }
}

/** Once every child process has ended (up to 2 s), the CPU they used since `before` (a `reapedChildrenCpuMs()`). */
export async function childrenCpuAfterExit(before: number | null): Promise<number | null> {
  if (before === null) return null
  for (let waited = 0; (liveChildren()?.length ?? 0) > 0 && waited < 2000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20))
  if ((liveChildren()?.length ?? 0) > 0) return null
  return reapedChildrenCpuMs()! - before
}

/** The pid and its descendants, from /proc/PID/task/*\/children. */
export function treeOf(root: number): Set<number> {
  const found = new Set<number>()
  const visit = (pid: number) => {
    found.add(pid)
    let tasks: string[] = []
    try {
      tasks = fs.readdirSync(`/proc/${pid}/task`)
    } catch {
      return
    }
    for (const task of tasks) {
      let children = ''
      try {
        children = fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8')
      } catch {
        continue
      }
      for (const child of children.trim().split(/\s+/).filter(Boolean)) if (!found.has(Number(child))) visit(Number(child))
    }
  }
  visit(root)
  return found
}

export interface ProcessFigures {
  name: string
  /** CPU of all its threads. */
  cpuMs: number
  /** Its peak RSS (VmHWM) and its RSS now (VmRSS). */
  hwmKiB: number
  rssKiB: number
}

/** A process's name, CPU and RSS now and at its peak; undefined once it has gone. */
export function processFigures(pid: number): ProcessFigures | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
    const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0)
    return { name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), cpuMs: (Number(fields[11]) + Number(fields[12])) * TICK_MS, hwmKiB: kib('VmHWM'), rssKiB: kib('VmRSS') }
  } catch {
    return undefined
  }
}

/** The parent's pid, or 0 once the process has gone. */
export function parentOf(pid: number): number {
  try {
    return Number(statFields(pid)[1])
  } catch {
    return 0
  }
}
