// Reads a page's front matter with gray-matter: YAML first, then the flat
// `key: value` form the old WordPress importer accepted (`title: Secure: Container
// Firewalls` is not valid YAML but is how the series was written).

import matter from 'gray-matter'
import yaml from 'js-yaml'

export interface FrontMatter {
  /** Whether the file starts with a `---` header at all. */
  present: boolean
  data: Record<string, unknown>
  /** Offset of the body (what follows the closing `---`) in the file's text. */
  bodyOffset: number
}

export interface FrontMatterProblem {
  ruleId: 'front-matter-syntax' | 'front-matter-unclosed'
  reason: string
  /** Offset in the file's text where the problem is. */
  offset: number
}

export function readFrontMatter(text: string): FrontMatter | FrontMatterProblem {
  if (!/^---[ \t]*(?:\r\n|\r|\n|$)/.test(text)) return { present: false, data: {}, bodyOffset: 0 }
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
  return { present: true, data: parsed.data, bodyOffset }
}

type Parsed = { data: Record<string, unknown> } | { problem: FrontMatterProblem }

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
  const flat = parseFlat(header)
  if ('data' in flat) return flat
  const why = yamlError?.reason ? ` (YAML: ${yamlError.reason})` : ''
  return {
    problem: {
      ruleId: 'front-matter-syntax',
      reason: `Front matter is neither YAML${why} nor flat \`key: value\` lines`,
      offset: headerStart + flat.badLine,
    },
  }
}

const flatLine = /^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(.*?))?[ \t]*$/

/** The importer's form: one `key: value` per line, the value taken verbatim. */
function parseFlat(header: string): { data: Record<string, unknown> } | { badLine: number } {
  const data: Record<string, unknown> = {}
  let offset = 0
  for (const line of header.split(/(?<=\n)/)) {
    const content = line.replace(/\r?\n$/, '')
    if (content.trim() !== '' && !content.trimStart().startsWith('#')) {
      const match = flatLine.exec(content)
      if (!match) return { badLine: offset + (content.length - content.trimStart().length) }
      data[match[1]!] = flatValue(match[2] ?? '')
    }
    offset += line.length
  }
  return { data }
}

function flatValue(raw: string): unknown {
  if (/^-?\d+(?:\.\d+)?$/.test(raw)) return Number(raw)
  const quoted = /^(["'])(.*)\1$/.exec(raw)
  return quoted ? quoted[2] : raw
}
