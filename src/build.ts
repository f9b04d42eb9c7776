// build(): the whole pipeline once — load the pages and their tree, expand
// directives (stage 1), render markdown (stage 2), check links across the site,
// apply the theme — then write the site atomically. Nothing is written when any
// error was found. When nothing the last build read or wrote has changed, it
// stops after checking that (see `build-manifest.ts`).

import type { WeftMessage } from './core/diagnostics.js'
import { TemplateError } from './render/template-error.js'
import { SourceStore } from './load/source-store.js'
import { StoredTextGone } from './core/stored-text.js'
import type { Site } from './core/site.js'
import { forgetLastBuild, lastOutputs, recordBuild, recordOutputs, reuseLastBuild, spareFolder } from './project/build-manifest.js'
import { Project, type ProjectOptions } from './project/project.js'
import { OutputLock } from './write/output-lock.js'
import { recoverInterruptedSwap, Staging, writeSite } from './write/write-site.js'

export interface BuildOptions extends ProjectOptions {
  /** Write the site to disk (default); `false` keeps it in memory, in `files`. */
  write?: boolean
  /** Told when another process is writing the output folder: this build waits for it to finish. */
  onWait?: (holder: number) => void
}

export interface BuildResult {
  ok: boolean
  messages: WeftMessage[]
  /** Pages built (0 when the build failed). */
  pages: number
  outDir: string
  durationMs: number
  /** The site, unless the build failed or found the last build's output still current. */
  site: Site | undefined
  /** Every file of the site: output path → contents (empty when the last build's output was still current). */
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
  try {
    try {
      return await buildOnce(options, started)
    } catch (error) {
      // Another build of the site swept or rewrote the cache under this one: once more, with what the cache holds now.
      if (!(error instanceof StoredTextGone)) throw error
      return await buildOnce(options, started)
    }
  } catch (error) {
    // A mistake in the site's own template is the author's, said like any other.
    if (!(error instanceof TemplateError)) throw error
    const { config } = await Project.open(options)
    forgetLastBuild(config)
    return { ok: false, messages: [error.toMessage(config.root)], pages: 0, outDir: config.outDir, durationMs: performance.now() - started, site: undefined, files: new Map(), copies: new Map(), timings: [], written: false }
  } finally {
    // Pagefind's process may have been started by a build that then failed: it ends with the build either way.
    const { closeSearch } = await import('./render/search-index.js')
    await closeSearch()
  }
}

async function buildOnce(options: BuildOptions, started: number): Promise<BuildResult> {
  const project = await Project.open({ streamSearch: true, ...options })
  const { config } = project
  if (options.write === false) return buildLocked(options, project, started)
  // From the check that the last build is still current to the record of this one.
  const lock = await OutputLock.take(config.outDir, options.onWait)
  try {
    return await buildLocked(options, project, started)
  } finally {
    lock.release()
  }
}

/** The build itself; one that writes runs while its caller holds the output folder's lock. */
async function buildLocked(options: BuildOptions, project: Project, started: number): Promise<BuildResult> {
  const { config, timings } = project
  const write = options.write !== false
  const passes = (messages: WeftMessage[]) => !messages.some((message) => message.severity === 'error') && !(options.strict && messages.length > 0)

  // What a killed build left goes first, even when the last build turns out to be current.
  if (write) recoverInterruptedSwap(config.outDir)
  const reused = write ? timings.measure('up-to-date check', () => reuseLastBuild(config, new SourceStore())) : undefined
  if (reused) {
    const ok = passes(reused.messages)
    return { ok, messages: reused.messages, pages: ok ? reused.pages : 0, outDir: config.outDir, durationMs: performance.now() - started, site: undefined, files: new Map(), copies: new Map(), timings: timings.entries(), written: false }
  }

  // Pages go to disk as they are made, into a folder that becomes the output only if the whole build succeeds.
  const staging = write ? new Staging(config.outDir, lastOutputs(config), spareFolder(config)) : undefined
  if (staging) project.writeTo(staging)
  let outcome
  try {
    outcome = await project.build()
  } catch (error) {
    staging?.discard()
    throw error
  } finally {
    await project.close()
  }
  if (outcome.ok) {
    try {
      // Pagefind finishes the index in its own process while this one makes the print view.
      const search = project.updateSearch()
      const [siteFiles, searched] = await Promise.allSettled([project.updateSiteFiles(), search])
      for (const settled of [siteFiles, searched]) if (settled.status === 'rejected') throw settled.reason
    } catch (error) {
      staging?.discard()
      throw error
    }
  }
  let written = false
  if (write) {
    if (outcome.ok) {
      written = timings.measure('write', () => writeSite(config.outDir, { files: project.files, copies: project.copies }, staging))
      timings.measure('record', () => {
        recordBuild(config, project.inputs(), outcome.messages, outcome.site.pages.length, recordOutputs(config, staging!))
        project.recordLoads()
      })
      timings.measure('cache sweep', () => project.sweepCache())
    } else {
      staging?.discard()
      forgetLastBuild(config)
    }
  }
  return {
    ok: outcome.ok,
    messages: outcome.messages,
    pages: outcome.ok ? outcome.site.pages.length : 0,
    outDir: config.outDir,
    durationMs: performance.now() - started,
    site: outcome.ok ? outcome.site : undefined,
    files: project.files,
    copies: project.copies,
    timings: timings.entries(),
    written,
  }
}
