// Turns a burst of file events (an editor's write-to-temp-and-rename, "save all")
// into one rebuild: changes are collected until the files have been quiet for a
// moment, and changes that arrive during a rebuild start one more afterwards.

export interface CoalesceOptions {
  /** How long the files must be quiet before a rebuild starts. */
  quietMs: number
  /** A rebuild starts at the latest this long after the first change of a batch. */
  maxWaitMs: number
}

export interface Coalescer {
  add(file: string): void
  /** Resolves when no change is waiting and no rebuild is running. */
  idle(): Promise<void>
  close(): void
}

export function createCoalescer(options: CoalesceOptions, flush: (files: Set<string>) => Promise<void>): Coalescer {
  let pending = new Set<string>()
  let timer: NodeJS.Timeout | undefined
  let firstAt = 0
  let running: Promise<void> | undefined
  let closed = false
  let waiters: (() => void)[] = []

  const settle = () => {
    if (running || timer || pending.size > 0) return
    for (const resolve of waiters) resolve()
    waiters = []
  }

  const schedule = () => {
    if (closed || running || pending.size === 0) return
    clearTimeout(timer)
    const wait = Math.max(0, Math.min(options.quietMs, firstAt + options.maxWaitMs - Date.now()))
    timer = setTimeout(run, wait)
  }

  const run = () => {
    timer = undefined
    if (closed || pending.size === 0) return settle()
    const batch = pending
    pending = new Set()
    running = flush(batch)
      .catch(() => {})
      .finally(() => {
        running = undefined
        if (pending.size > 0) {
          firstAt = Date.now()
          schedule()
        } else settle()
      })
  }

  return {
    add(file) {
      if (closed) return
      if (pending.size === 0) firstAt = Date.now()
      pending.add(file)
      schedule()
    },
    idle() {
      return new Promise((resolve) => {
        waiters.push(resolve)
        settle()
      })
    },
    close() {
      closed = true
      clearTimeout(timer)
      timer = undefined
      pending.clear()
      settle()
    },
  }
}
