// The pages a build has yet to render, in the order they go to the render threads
// (or to this thread). In `weft dev`, a page a browser asks for during a rebuild is
// taken out of the order and rendered at once, so that a reader who opens another
// page a save touched gets it new instead of the last build's and a reload later.

import type { Page } from '../core/site.js'

export class RenderQueue {
  private readonly waiting: Map<string, Page>
  /** Every page of this render, by output path, whether or not its turn came. */
  private readonly byOutput: Map<string, Page>

  constructor(pages: Page[]) {
    this.waiting = new Map(pages.map((page) => [page.file, page]))
    this.byOutput = new Map(pages.map((page) => [page.output, page]))
  }

  get size(): number {
    return this.waiting.size
  }

  /** The files of the next `count` pages, taken out of the queue. */
  next(count: number): string[] {
    const taken: string[] = []
    for (const file of this.waiting.keys()) {
      if (taken.length === count) break
      taken.push(file)
    }
    for (const file of taken) this.waiting.delete(file)
    return taken
  }

  /** The files of the queue's pages, one at a time, each taken when it is reached. */
  *drain(): Generator<string> {
    for (let [file] = this.next(1); file !== undefined; [file] = this.next(1)) yield file
  }

  /** The page of this render at `output`, taken out of the queue if it was still in it. */
  take(output: string): Page | undefined {
    const page = this.byOutput.get(output)
    if (page) this.waiting.delete(page.file)
    return page
  }
}
