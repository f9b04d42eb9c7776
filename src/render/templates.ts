// Renders pages with Liquid templates. A site's own `templates/` folder comes
// first, weft's built-in theme second, so a site replaces the parts it wants by
// writing a file of the same name (as mdBook's themes do). What a template is
// given (`site`, `page`, `nav`…) every partial sees too, as Liquid's globals.

import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { Liquid, LiquidError } from 'liquidjs'
import { TemplateError } from './template-error.js'
import { themeFolders } from './theme-folders.js'

export interface Theme {
  /** Render `template` (`page`, `404`, `print`) with `context`. */
  render(template: string, context: object): Promise<string>
  /** Whether the theme has `template`. */
  has(template: string): boolean
  /** A digest of every template file: pages put into an unchanged theme can be reused. */
  fingerprint: string
  /** A template uses the time of the build (`"now"` or `"today"`, for Liquid's `date`): no page can be reused. */
  readsClock: boolean
  /** Theme files to copy into the site's `assets/`: output path → source file. */
  assets: Map<string, string>
  folders: string[]
}

/** `lang`: the site's language, which Liquid's `date` filter names months and days in. */
export function loadTheme(root: string, lang: string): Theme {
  const folders = themeFolders(root)
  // Escape every output unless a template says `| raw`: titles and headings are text.
  // A filter Liquid does not have is a mistake to report, not a value passed through.
  const engine = new Liquid({ root: folders, partials: folders, extname: '.liquid', cache: true, outputEscape: 'escape', strictFilters: true, locale: dateLocale(lang) })
  const assets = new Map<string, string>()
  for (const folder of [...folders].reverse()) listFiles(path.join(folder, 'assets'), 'assets', assets)
  const hash = crypto.createHash('sha256')
  let readsClock = false
  for (const folder of folders) {
    for (const name of (fs.readdirSync(folder, { recursive: true }) as string[]).filter((entry) => entry.endsWith('.liquid')).sort()) {
      const text = fs.readFileSync(path.join(folder, name))
      hash.update(`${folder}/${name}\0`).update(text).update('\0')
      readsClock ||= /(["'])(?:now|today)\1/.test(text.toString('utf8'))
    }
  }
  return {
    folders,
    assets,
    fingerprint: hash.digest('hex'),
    readsClock,
    // Synchronous rendering: the templates read no files at render time, and it is several times faster than the async path.
    render: async (template, context) => {
      try {
        // As globals, the context reaches partials too: `{% render %}` keeps a template's own
        // variables (`assign`, loops) to itself, but a footer override can print `page.title`.
        return engine.renderFileSync(template, context, { globals: context as Record<string, unknown> }) as string
      } catch (error) {
        throw asTemplateError(error)
      }
    },
    has: (template) => folders.some((folder) => fs.existsSync(path.join(folder, `${template}.liquid`))),
  }
}

function listFiles(folder: string, prefix: string, into: Map<string, string>): void {
  if (!fs.existsSync(folder)) return
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const file = path.join(folder, entry.name)
    if (entry.isDirectory()) listFiles(file, `${prefix}/${entry.name}`, into)
    else if (entry.isFile()) into.set(`${prefix}/${entry.name}`, file)
  }
}

/** Liquid's own errors (a tag not closed, a filter that does not exist) as a `TemplateError` at the template's line. */
function asTemplateError(error: unknown): unknown {
  if (!LiquidError.is(error)) return error
  const [line, column] = error.token?.getPosition() ?? []
  const reason = error.originalError?.message ?? error.message.split(', file:')[0]!
  const filter = /^undefined filter: (.+)$/.exec(reason)?.[1]
  if (filter) {
    return new TemplateError(`Unknown filter \`${filter}\``, error.token?.file, line, column, `use one of Liquid's filters (https://liquidjs.com/filters/overview.html), or remove \`| ${filter}\``)
  }
  return new TemplateError(reason, error.token?.file, line, column)
}

/**
 * The site's language as a locale for dates, not the building machine's: a site builds the
 * same on every machine. Without one, Liquid asks `Intl.DateTimeFormat` for the machine's,
 * which took 41–83 ms of every cold start. A language Intl cannot read gets Liquid's own default.
 */
function dateLocale(lang: string): string {
  try {
    return Intl.getCanonicalLocales(lang)[0] ?? 'en-US'
  } catch {
    return 'en-US'
  }
}
