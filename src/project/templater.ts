// Puts pages into the theme's templates, and knows which pages a build must put
// there again: those it rendered, and, when the theme or the navigation changed,
// those whose share of the site (their part of the navigation, previous and next,
// part N of M) changed. A title changed on a large site shows in the pages listing
// it, not in all of them.

import path from 'node:path'
import { fingerprintConfig, weftVersion, type ResolvedConfig } from '../config.js'
import { hashParts } from '../core/hash.js'
import { isInside } from '../core/paths.js'
import type { Page, Site } from '../core/site.js'
import { readGitTimes } from '../load/git-history.js'
import { fullNavigationLimit, pageContext, sharedNavigationHref, sitePartsOf, type PageContext, type PageFacts } from '../render/page-context.js'
import { allPagesHtml, allPagesOutput, sharedNavigation, sharedNavigationOutput } from '../render/shared-nav.js'
import type { Theme } from '../render/templates.js'
import { navigationOf, pagesShowingRenames, type NavigationEntry } from './navigation-changes.js'
import type { Handover, PageMaker, TemplatePass } from './site-output.js'

/** What the templater needs of the project. */
export interface TemplaterHost {
  config: ResolvedConfig
  /** `weft dev`: pages load the shared navigation without a version. */
  live: boolean
  facts(page: Page, site: Site): PageFacts
  /** The date its template shows for the page (`PageFacts.updated`), found without its content. */
  updated(page: Page): number | undefined
  /** Whether pages leave memory once written: then no page's share of the site is kept to compare. */
  releasesPages(): boolean
}

export class Templater implements PageMaker {
  private loaded: Theme | undefined
  private stale = true
  /** Each page's `sitePartsOf` digest as it was last put into its template. */
  private readonly siteParts = new Map<string, string>()
  /** Whether this build looks at every page's template again (the theme or the navigation changed). */
  private all = true
  /** When only titles changed in the navigation: the pages that can show them; the others stay as they are. */
  private renamedAround: Set<Page> | undefined
  private templatedNav = ''
  /** The shared navigation's address in the pages as last templated (with its version), or `''`. */
  private templatedNavScript = ''
  /** Pages rendered since they were last put into their template. */
  private readonly untemplated = new Set<string>()
  /** When each file last changed in git, when pages show it. */
  gitTimes: Map<string, number> | undefined
  /** What all of a build's `quickKey`s share, for the site and theme it was made for. */
  private siteKey: { site: Site; theme: Theme; key: string } | undefined

  constructor(private readonly host: TemplaterHost) {}

  get theme(): Theme {
    return this.loaded!
  }

  get hasTheme(): boolean {
    return this.loaded !== undefined
  }

  /** The theme's folders: the site's own `templates/` counts even when the theme was loaded before it existed. */
  noteChanges(changes: Set<string>): void {
    const folders = [...(this.loaded?.folders ?? []), path.join(this.host.config.root, 'templates')]
    if (this.loaded && [...changes].some((file) => folders.some((folder) => isInside(file, folder)))) this.stale = true
  }

  /** A full build: the theme is read again. */
  reset(): void {
    this.stale = true
  }

  /** The page was rendered anew: it goes into its template again. */
  rendered(file: string): void {
    this.untemplated.add(file)
  }

  /** What every page's template needs before the pages render: the theme, git's dates, and whether the navigation changed. */
  async prepare(site: Site, changes: Set<string> | undefined): Promise<void> {
    const { config } = this.host
    if (!this.loaded) this.stale = true
    if (this.stale) {
      const { loadTheme } = await import('../render/templates.js')
      this.loaded = loadTheme(config.root, config.lang)
    }
    if (config.lastUpdated && (!changes || !this.gitTimes)) this.gitTimes = readGitTimes(config.root)
    this.all = this.stale || navigationOf(site) !== this.templatedNav
    this.renamedAround = this.all && !this.stale && this.templatedNav ? pagesShowingRenames(JSON.parse(this.templatedNav) as NavigationEntry[], site) : undefined
  }

  /** Whether the site-wide files show something this build changed. */
  get siteChanged(): boolean {
    return this.all || this.untemplated.size > 0
  }

  context(page: Page, site: Site): PageContext {
    return pageContext(page, this.host.facts(page, site), site, this.host.config, page.output, !this.host.live)
  }

  /** A page in its template. */
  html(page: Page, site: Site, context = this.context(page, site)): Promise<string> {
    // Not cached: Liquid makes a page in about a millisecond, less than hashing its context and writing it down cost.
    // A build writing to disk keeps no page to compare later: only a project kept between builds needs the digest.
    if (!this.host.releasesPages()) this.siteParts.set(page.output, sitePartsOf(context))
    return this.theme.render('page', context)
  }

  /**
   * What a page's file is made from, as a digest: weft, the templates and the page's
   * whole context, its content by the digest of its render. None when a template
   * reads the clock: its pages differ at every build.
   */
  key(context: PageContext, contentDigest: string): string | undefined {
    const theme = this.theme
    if (theme.readsClock) return undefined
    return hashParts([weftVersion, theme.fingerprint, contentDigest, JSON.stringify({ ...context, page: { ...context.page, content: '' } })])
  }

  /**
   * A cheaper stand-in for `key`, made from what a page's context is made of rather
   * than from the context: weft, the templates, the config, the whole navigation in
   * reading order, and the page's own place, front matter, render and date. The same
   * when none of those changed, as after an edit to another page's text: the page's
   * context is then the same too. A page whose quick key changed may still have the
   * same `key` (a title changed in a part of the navigation it does not show). At
   * 1,000 pages, making every page's context to compare keys took about 130 ms of a
   * one-page rebuild.
   */
  quickKey(page: Page, site: Site, contentDigest: string): string | undefined {
    const theme = this.theme
    if (theme.readsClock) return undefined
    if (this.siteKey?.site !== site || this.siteKey.theme !== theme) {
      const { config, live } = this.host
      const order = site.pages.map((candidate) => candidate.output).join('\n')
      this.siteKey = { site, theme, key: hashParts([weftVersion, theme.fingerprint, fingerprintConfig(config), String(live), navigationOf(site), order, sharedNavigationHref(site, !live)]) }
    }
    const updated = this.host.updated(page)
    const own = JSON.stringify([page.file, page.output, page.route, page.source, page.title, page.data, page === site.home, page.generated, updated ?? null])
    return hashParts([this.siteKey.key, own, contentDigest])
  }

  /** The page listing every page, which the pages of a large site link to for the entries they leave out. */
  private allPagesPage(site: Site): Promise<string> {
    const { config, live } = this.host
    const facts = { content: allPagesHtml(site), toc: [], summary: '', updated: undefined }
    const context = pageContext(site.home, facts, site, config, allPagesOutput, !live)
    const title = 'All pages'
    context.page = { ...context.page, title, route: allPagesOutput, source: '', data: {}, description: `Every page of ${config.title}`, editUrl: undefined, canonical: undefined, isHome: false, part: undefined, prev: undefined, next: undefined }
    context.home = { ...context.home, current: false }
    return this.theme.render('page', context)
  }

  /**
   * Puts into the theme the pages rendered anew, or all when the navigation or the
   * theme changed (those handed over during the render already are). Returns the
   * outputs of the site's pages (with the shared navigation's, on a large site).
   */
  async templateSite(site: Site, handover: Handover, pass: TemplatePass): Promise<Set<string>> {
    const all = this.all
    const outputs = new Set<string>()
    const make = async (page: Page, context?: PageContext) => handover.place(page.output, await this.html(page, site, context), pass)
    const navScript = sharedNavigationHref(site, !this.host.live)
    const [from, to] = [this.templatedNavScript, navScript].map((href) => href.slice(href.lastIndexOf('/') + 1))
    const swapNavScript = from && to && from !== to ? (html: string) => html.replaceAll(from, to) : undefined
    for (const page of site.pages) {
      outputs.add(page.output)
      const arrived = handover.arrived(page.output)
      if (arrived === 'sent') pass.touched(page.output)
      else if (arrived !== undefined) pass.put(page.output, arrived)
      else if (this.stale || this.untemplated.has(page.file) || pass.before(page.output) === undefined) await make(page)
      else if (all) {
        const before = pass.before(page.output)
        if (this.renamedAround && !this.renamedAround.has(page) && typeof before === 'string') {
          if (swapNavScript) pass.put(page.output, swapNavScript(before))
          continue
        }
        const context = this.context(page, site)
        if (sitePartsOf(context) !== this.siteParts.get(page.output) || typeof before !== 'string') await make(page, context)
        // Every page names the shared navigation's version; only that changed here.
        else if (swapNavScript) pass.put(page.output, swapNavScript(before))
      }
    }
    if (site.pages.length > fullNavigationLimit) {
      outputs.add(sharedNavigationOutput)
      pass.put(sharedNavigationOutput, sharedNavigation(site).contents)
      outputs.add(allPagesOutput)
      if (all || pass.before(allPagesOutput) === undefined) pass.put(allPagesOutput, await this.allPagesPage(site))
    }
    return outputs
  }

  /** The pass is over: what it saw is what the next build compares with. */
  templated(site: Site): void {
    this.untemplated.clear()
    this.templatedNav = navigationOf(site)
    this.templatedNavScript = sharedNavigationHref(site, !this.host.live)
    this.stale = false
  }

  /** A file left the site. */
  forget(output: string): void {
    this.siteParts.delete(output)
  }
}
