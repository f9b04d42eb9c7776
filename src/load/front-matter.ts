// Reads a page's front matter with gray-matter: YAML first, then the flat
// `key: value` form the old WordPress importer accepted (`title: Secure: Container
// Firewalls` is not valid YAML but is how the series was written). A `+++` header
// is TOML, as Hugo sites write it.

import matter from 'gray-matter'
import yaml from 'js-yaml'
import { parse as parseToml, TomlError } from 'smol-toml'

export interface FrontMatter {
  /** Whether the file starts with a `---` header at all. */
  present: boolean
  data: Record<string, unknown>
  /** Offset of the body (what follows the closing `---`) in the file's text. */
  bodyOffset: number
  /** What was read but looks like a mistake. */
  warnings: FrontMatterWarning[]
}

export interface FrontMatterProblem {
  ruleId: 'front-matter-syntax' | 'front-matter-unclosed'
  reason: string
  /** Offset in the file's text where the problem is. */
  offset: number
  hint?: string
}

export interface FrontMatterWarning {
  ruleId: 'unbalanced-quote'
  reason: string
  offset: number
  hint: string
}

export function readFrontMatter(text: string): FrontMatter | FrontMatterProblem {
  if (/^\+\+\+[ \t]*(?:\r\n|\r|\n|$)/.test(text)) return readToml(text)
  if (!/^---[ \t]*(?:\r\n|\r|\n|$)/.test(text)) return { present: false, data: {}, bodyOffset: 0, warnings: [] }
  // gray-matter splits on `\n` only; a lone `\r` becomes `\n` so offsets stay the same.
  const normalized = text.replace(/\r(?!\n)/g, '\n')
  let header = ''
  const file = matter(normalized, {
    engines: {
      yaml: {
        parse: (source: string) => ((header = source), {}),
        stringify: () => '',
      },
    },
  })
  const bodyOffset = text.length - file.content.length
  if (!/\n---[ \t]*(?:\r?\n)?$/.test(normalized.slice(3, bodyOffset))) {
    return { ruleId: 'front-matter-unclosed', reason: 'Front matter opened with `---` is never closed by a `---` line', offset: 0 }
  }
  // The header gray-matter hands over starts right after the opening `---`.
  const parsed = parseHeader(header, 3)
  if ('problem' in parsed) return parsed.problem
  return { present: true, data: parsed.data, bodyOffset, warnings: parsed.warnings ?? [] }
}

/** A `+++` header: TOML up to the next `+++` line. */
function readToml(text: string): FrontMatter | FrontMatterProblem {
  const open = /^\+\+\+[ \t]*(?:\r\n|\r|\n|$)/.exec(text)!
  const close = /^\+\+\+[ \t]*(?:\r\n|\r|\n|$)/m
  close.lastIndex = 0
  const rest = text.slice(open[0].length)
  const end = close.exec(rest)
  if (!end) return { ruleId: 'front-matter-unclosed', reason: 'Front matter opened with `+++` is never closed by a `+++` line', offset: 0 }
  const header = rest.slice(0, end.index)
  const headerStart = open[0].length
  try {
    return { present: true, data: parseToml(header) as Record<string, unknown>, bodyOffset: headerStart + end.index + end[0].length, warnings: [] }
  } catch (error) {
    if (!(error instanceof TomlError)) throw error
    const lines = header.split('\n')
    const offset = headerStart + lines.slice(0, error.line - 1).reduce((sum, line) => sum + line.length + 1, 0) + Math.max(0, error.column - 1)
    const reason = error.message.split('\n')[0]!.replace(/\.$/, '')
    return { ruleId: 'front-matter-syntax', reason: `Front matter opened with \`+++\` is not valid TOML (${reason})`, offset, hint: 'write `key = "value"` lines, or use YAML between `---` lines' }
  }
}

type Parsed = { data: Record<string, unknown>; warnings?: FrontMatterWarning[] } | { problem: FrontMatterProblem }

function parseHeader(header: string, headerStart: number): Parsed {
  if (header.trim() === '') return { data: {} }
  let yamlError: { reason?: string } | undefined
  try {
    const value: unknown = yaml.safeLoad(header)
    if (value === null || value === undefined) return { data: {} }
    if (typeof value === 'object' && !Array.isArray(value)) return { data: value as Record<string, unknown> }
  } catch (error) {
    yamlError = error as { reason?: string }
  }
  const flat = parseFlat(header, headerStart)
  if ('data' in flat) return flat
  const why = yamlError?.reason ? ` (YAML: ${yamlError.reason})` : ''
  const line = header.slice(flat.badLine).split(/\r?\n/, 1)[0]!
  const noColon = /^\s*([A-Za-z_][\w-]*)[ \t]+\S/.exec(line)
  return {
    problem: {
      ruleId: 'front-matter-syntax',
      reason: `Front matter is neither YAML${why} nor flat \`key: value\` lines`,
      offset: headerStart + flat.badLine,
      hint: noColon ? `put a colon after the key: \`${noColon[1]}: …\`` : 'write one `key: value` per line, or valid YAML',
    },
  }
}

const flatLine = /^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(.*?))?[ \t]*$/

/** The importer's form: one `key: value` per line, the value taken verbatim. */
function parseFlat(header: string, headerStart: number): { data: Record<string, unknown>; warnings: FrontMatterWarning[] } | { badLine: number } {
  const data: Record<string, unknown> = {}
  const warnings: FrontMatterWarning[] = []
  let offset = 0
  for (const line of header.split(/(?<=\n)/)) {
    const content = line.replace(/\r?\n$/, '')
    if (content.trim() !== '' && !content.trimStart().startsWith('#')) {
      const match = flatLine.exec(content)
      if (!match) return { badLine: offset + (content.length - content.trimStart().length) }
      const raw = match[2] ?? ''
      data[match[1]!] = flatValue(raw)
      // `title: "Deploying` is kept as written, quote and all: most likely a quote left open.
      const quote = /^["']/.exec(raw)?.[0]
      if (quote && (raw.length === 1 || !raw.endsWith(quote))) {
        const at = headerStart + offset + content.indexOf(raw, match[1]!.length)
        warnings.push({ ruleId: 'unbalanced-quote', reason: `\`${match[1]}\` opens a quote it does not close; weft reads the value as \`${raw}\``, offset: at, hint: `close it (\`${match[1]}: ${quote}${raw.slice(1).replaceAll(quote, '')}${quote}\`) or leave the quotes out` })
      }
    }
    offset += line.length
  }
  return { data, warnings }
}

function flatValue(raw: string): unknown {
  if (/^-?\d+(?:\.\d+)?$/.test(raw)) return Number(raw)
  const quoted = /^(["'])(.*)\1$/.exec(raw)
  return quoted ? quoted[2] : raw
}
