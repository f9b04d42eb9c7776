// The stages up to the site-wide checks, without a build around them: the pages of
// a temporary site loaded into their tree, each compiled with `compilePage` (stages
// 1 and 2), then the checks that need every page (fragments, unused definitions,
// unused partials). No theme, search index or output: what markdown tests assert on.

import path from 'node:path'
import type { Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { DefinitionUse } from '../../src/check/definitions.js'
import { checkFragments } from '../../src/check/fragments.js'
import { warnUnusedPartials } from '../../src/check/unused-partials.js'
import { compilePage } from '../../src/compile/compile-page.js'
import type { CompiledPage } from '../../src/core/compiled-page.js'
import { dedupeMessages, Diagnostics, fromPlainMessage, type WeftMessage } from '../../src/core/diagnostics.js'
import { assetOutput } from '../../src/core/paths.js'
import type { Site } from '../../src/core/site.js'
import { Timings } from '../../src/core/timings.js'
import type { ResolvedConfig } from '../../src/config.js'
import { findRootIncludes } from '../../src/load/find-sources.js'
import { PageSources } from '../../src/project/page-sources.js'
import { createProcessor, type MarkdownOptions } from '../../src/markdown/processor.js'
import { makeSite } from './site.js'

export interface CompiledSite {
  site: Site
  /** Output path (`guide/index.html`) → the page compiled. */
  pages: Map<string, CompiledPage>
  /** Every message, from loading, compiling and the site-wide checks. */
  messages: WeftMessage[]
  /** Output path → the file copied there for the pages (their images). */
  copies: Map<string, string>
  /** The content of the page written to `output`, as a tree. */
  content: (output: string) => Root
}

/** Compiles every page of a site made of `files` (path → text), with the content folder `content/`. */
export async function compileSite(files: Record<string, string>, options: MarkdownOptions = {}): Promise<CompiledSite> {
  const root = makeSite(files)
  const contentDir = path.join(root, 'content')
  // Pages are found and read as a build finds them: the project's own loading part.
  const loader = new PageSources({ root, contentDir, title: 'Site' } as ResolvedConfig)
  const sources = loader.store
  const found = loader.find(undefined)
  const site = loader.pageTree(found.sources)
  const processor = createProcessor(options)
  const context = { root, buildInfo: '', sources, processor, timings: new Timings(), fingerprint: '' }
  const compiled = new Map<string, CompiledPage>()
  for (const page of site.pages) if (!page.generated) compiled.set(page.file, await compilePage(page, site, context))

  const messages = [...loader.messages(), ...[...compiled.values()].flatMap((result) => result.messages.map(fromPlainMessage))]
  const checks = new Diagnostics(sources, root)
  const definitions = new DefinitionUse()
  for (const [file, { rendered }] of compiled) {
    checkFragments(rendered.links, (target) => compiled.get(target)?.rendered.ids ?? (target === site.home.file ? new Set() : undefined), checks)
    definitions.set(file, rendered)
  }
  definitions.check(checks)
  const included = new Set([...compiled.values()].flatMap(({ rendered }) => [...rendered.sources]))
  const { withoutFrontMatter } = found
  // A page that failed may not have pulled in all its includes.
  if (![...compiled.values()].some((result) => result.failed)) warnUnusedPartials([...withoutFrontMatter, ...found.partials, ...findRootIncludes({ root, contentDir })], (file) => included.has(file), checks)
  messages.push(...checks.messages)

  const pages = new Map([...compiled].map(([file, result]) => [site.byFile.get(file)!.output, result]))
  const copies = new Map([...compiled.values()].flatMap(({ rendered }) => [...rendered.assets].map((file): [string, string] => [assetOutput(file, site), file])))
  const content = (output: string) => fromHtml(pages.get(output)!.rendered.html, { fragment: true })
  return { site, pages, messages: dedupeMessages(messages), copies, content }
}
