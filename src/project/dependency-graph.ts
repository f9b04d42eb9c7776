// Which pages depend on which files: a page on its own file, the includes it pulls
// in (transitively), and the pages and images its links resolve to. Asked with a
// set of changed files, it answers which pages must be rendered again.

export class DependencyGraph {
  private readonly dependencies = new Map<string, Set<string>>()
  private readonly dependents = new Map<string, Set<string>>()

  /** Record everything `page` depends on, replacing what was known. */
  set(page: string, files: Iterable<string>): void {
    this.delete(page)
    const set = new Set(files)
    this.dependencies.set(page, set)
    for (const file of set) {
      let pages = this.dependents.get(file)
      if (!pages) this.dependents.set(file, (pages = new Set()))
      pages.add(page)
    }
  }

  delete(page: string): void {
    const files = this.dependencies.get(page)
    if (!files) return
    for (const file of files) {
      const pages = this.dependents.get(file)
      pages?.delete(page)
      if (pages?.size === 0) this.dependents.delete(file)
    }
    this.dependencies.delete(page)
  }

  /** Pages that depend on any of `files`. */
  affected(files: Iterable<string>): Set<string> {
    const pages = new Set<string>()
    for (const file of files) for (const page of this.dependents.get(file) ?? []) pages.add(page)
    return pages
  }

  /** Every file some page depends on. */
  files(): Set<string> {
    return new Set(this.dependents.keys())
  }
}
