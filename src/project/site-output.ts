// Where a build's pages go. `weft dev` and the API keep the site in memory: a page
// rendered during a build waits in its template until the build turns out good,
// then replaces the last build's. A build to disk writes each page into the staging
// folder as soon as it is in its template, and keeps each page's print section on
// disk until the end: a large site is never held whole in memory.

import type { RenderedPage } from '../core/compiled-page.js'
import type { StoredText } from '../core/stored-text.js'
import type { Page, Site } from '../core/site.js'
import type { Timings } from '../core/timings.js'
import type { SiteFileOutput } from '../render/site-files.js'
import type { Spilled, SpillFile } from '../write/spill-file.js'
import type { Staging } from '../write/write-site.js'
import type { PageContext } from '../render/page-context.js'
import { released } from './search-feeds.js'

/** What puts a page into its template (the project's `Templater`). */
export interface PageMaker {
  context(page: Page, site: Site): PageContext
  /** What the page's file is made from, as a digest; none when it cannot be told. */
  key(context: PageContext, contentDigest: string): string | undefined
  /** A digest of what the page's context is made of, cheaper than its `key`; none when it cannot be told. */
  quickKey(page: Page, site: Site, contentDigest: string): string | undefined
  html(page: Page, site: Site, context?: PageContext): Promise<string>
}

/** What one templating pass does to the site in memory. */
export interface TemplatePass {
  /** Puts a file into the site in memory; it counts as changed when its contents differ. */
  put(output: string, contents: string | Uint8Array): void
  /** Counts an output as changed without putting it in memory (it went to disk). */
  touched(output: string): void
  /** What the site in memory holds at the output. */
  before(output: string): string | Uint8Array | undefined
}

/** Where the site goes. */
export interface SiteOutput {
  /** Starts a build's handover; the build drops it when it ends. */
  begin(): Handover
  /** Whether pages stay in memory once made (to be compared with the next build's), or leave for disk. */
  readonly keepsPages: boolean
  /** Where texts released from memory during a build wait (to disk only). */
  readonly spill: SpillFile | undefined
}

/** What one build hands over, page by page. */
export interface Handover {
  /**
   * A page this build rendered without errors, put into its template as it arrives.
   * Says whether it left memory for disk (`sent`), or waits for the build's end (`held`).
   */
  arrive(page: Page, rendered: RenderedPage, site: Site, templater: PageMaker): Promise<'sent' | 'held'>
  /** A page the templating pass at the build's end made. */
  place(output: string, html: string, pass: TemplatePass): void
  /** How the page arrived during the render: `sent` to disk, held as this HTML, or not at all. */
  arrived(output: string): 'sent' | string | undefined
  /** Where the page's print section waits on disk, when it does. */
  spilledSection(file: string): Spilled | StoredText | undefined
  /** Where the site-wide files go: `put` keeps one in memory. */
  siteFiles(put: (output: string, contents: string) => void): SiteFileOutput
  /** The build is over: its pages are the site's now; only their print sections are still needed. */
  finish(): void
}

/**
 * Writes a page into its template in the staging folder, unless the last site's file
 * will do: it is linked when what the page's context is made of (its quick key) is
 * the same, without making the context, or else when the context is. `Staging`
 * records what each file was made from as `quick key`, a space, `key`.
 */
async function placePage(page: Page, contentDigest: string, site: Site, templater: PageMaker, staging: Pick<Staging, 'write' | 'reuseMade' | 'lastMadeFrom'>): Promise<void> {
  const [lastQuick, lastKey] = staging.lastMadeFrom(page.output)?.split(' ') ?? []
  const quick = templater.quickKey(page, site, contentDigest)
  if (quick !== undefined && quick === lastQuick && staging.reuseMade(page.output, `${quick} ${lastKey}`)) return
  const context = templater.context(page, site)
  const key = templater.key(context, contentDigest)
  const madeFrom = quick === undefined || key === undefined ? undefined : `${quick} ${key}`
  if (madeFrom !== undefined && key === lastKey && staging.reuseMade(page.output, madeFrom)) return
  staging.write(page.output, await templater.html(page, site, context), madeFrom)
}

/** A part of a file made in memory: never a run of a last file on disk, since `last` is not offered there. */
function inMemory(part: Uint8Array | { start: number; bytes: number }): Uint8Array {
  if (part instanceof Uint8Array) return part
  throw new Error('Internal error: a run of a last file was given for a file made in memory')
}

/** The site in memory, file by file (`weft dev`, `build({ write: false })`). */
export class MemoryOutput implements SiteOutput {
  readonly keepsPages = true
  readonly spill = undefined

  constructor(private readonly timings: Timings) {}

  begin(): Handover {
    const held = new Map<string, string>()
    const { timings } = this
    return {
      async arrive(page, _rendered, site, templater) {
        held.set(page.output, await timings.measureAsync('template', () => templater.html(page, site)))
        return 'held'
      },
      place: (output, html, pass) => pass.put(output, html),
      arrived: (output) => held.get(output),
      spilledSection: () => undefined,
      siteFiles: (put) => ({
        put,
        write: put,
        writeParts: (output, parts) => put(output, [...parts].map((part) => (typeof part === 'string' ? part : Buffer.from(inMemory(part)).toString())).join('')),
      }),
      finish: () => held.clear(),
    }
  }
}

/** The site written to a staging folder as it is made. */
export class DiskOutput implements SiteOutput {
  readonly keepsPages = false

  constructor(
    private readonly staging: Pick<Staging, 'write' | 'writeParts' | 'reuseMade' | 'lastMadeFrom' | 'lastIntact' | 'spill'>,
    private readonly timings: Timings,
  ) {}

  get spill(): SpillFile {
    return this.staging.spill
  }

  begin(): Handover {
    const { staging, timings } = this
    const sent = new Set<string>()
    const printSpilled = new Map<string, Spilled | StoredText>()
    return {
      async arrive(page, rendered, site, templater) {
        await timings.measureAsync('template', () => placePage(page, rendered.digest, site, templater, staging))
        sent.add(page.output)
        // A cached page's section is read from its cache entry when the print view is made, not copied here.
        printSpilled.set(page.file, rendered.stored?.print ?? staging.spill.put(rendered.print))
        rendered.print = released
        return 'sent'
      },
      place(output, html, pass) {
        staging.write(output, html)
        pass.touched(output)
      },
      arrived: (output) => (sent.has(output) ? 'sent' : undefined),
      spilledSection: (file) => printSpilled.get(file),
      siteFiles: (put) => ({
        put,
        write: (output, contents) => staging.write(output, contents),
        writeParts: (output, parts, options) => staging.writeParts(output, parts, options),
        last: (output) => ({ madeFrom: staging.lastMadeFrom(output), intact: () => staging.lastIntact(output) }),
      }),
      finish: () => sent.clear(),
    }
  }
}
