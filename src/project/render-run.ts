// What the renders of one build share, wherever a page renders: in this thread,
// in a render thread, or ahead of its turn because a browser asked for it.

import type { CompiledPage } from '../core/compiled-page.js'
import type { Site } from '../core/site.js'

/** What the renders of one build share. */
export interface RenderRun {
  site: Site
  fingerprint: string
  /** Keeps a page's result: puts it into its template, feeds the search index. A page is kept once a build. */
  keep(file: string, result: CompiledPage): Promise<void>
  /** The pages kept, or being kept, by this build. */
  kept: ReadonlyMap<string, Promise<void>>
  /** Whether the build failed and renders should stop. */
  stop(): boolean
}
