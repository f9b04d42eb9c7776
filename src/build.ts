// build(): the whole pipeline once — load the pages and their tree, expand
// directives (stage 1), render markdown (stage 2), check links across the site,
// apply the theme — then write the site atomically. Nothing is written when any
// error was found.

import type { WeftMessage } from './diagnostics.js'
import type { Site } from './load/site.js'
import { Project, type ProjectOptions } from './project/project.js'
import { closeSearch } from './render/search-index.js'
import { writeSite } from './write/write-site.js'

export interface BuildOptions extends ProjectOptions {
  /** Write the site to disk (default); `false` keeps it in memory, in `files`. */
  write?: boolean
}

export interface BuildResult {
  ok: boolean
  messages: WeftMessage[]
  /** Pages built (0 when the build failed). */
  pages: number
  outDir: string
  durationMs: number
  site: Site | undefined
  /** Every file of the site: output path → contents. */
  files: Map<string, string | Uint8Array>
  /** Output path → the file copied there. */
  copies: Map<string, string>
  /** Milliseconds per phase. */
  timings: [string, number][]
  /** Whether the output folder was written (false when it already held this site, or on failure). */
  written: boolean
}

export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const started = performance.now()
  const project = await Project.open(options)
  let outcome
  try {
    outcome = await project.build()
  } finally {
    await project.close()
  }
  if (outcome.ok) {
    await project.updateSiteFiles()
    try {
      await project.updateSearch()
    } finally {
      await closeSearch()
    }
  }
  let written = false
  if (outcome.ok && options.write !== false) written = project.timings.measure('write', () => writeSite(project.config.outDir, { files: project.files, copies: project.copies }))
  return {
    ok: outcome.ok,
    messages: outcome.messages,
    pages: outcome.ok ? outcome.site.pages.length : 0,
    outDir: project.config.outDir,
    durationMs: performance.now() - started,
    site: outcome.ok ? outcome.site : undefined,
    files: project.files,
    copies: project.copies,
    timings: project.timings.entries(),
    written,
  }
}
