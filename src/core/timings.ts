// Where a build's time goes, phase by phase (`weft build --timings`), so that
// speed work starts from a measurement.

export class Timings {
  private readonly totals = new Map<string, number>()

  /** Run `work`, adding its time to `phase`. */
  measure<T>(phase: string, work: () => T): T {
    const started = performance.now()
    try {
      return work()
    } finally {
      this.add(phase, performance.now() - started)
    }
  }

  async measureAsync<T>(phase: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now()
    try {
      return await work()
    } finally {
      this.add(phase, performance.now() - started)
    }
  }

  add(phase: string, ms: number): void {
    this.totals.set(phase, (this.totals.get(phase) ?? 0) + ms)
  }

  entries(): [string, number][] {
    return [...this.totals]
  }
}
