// Finds stage-1 directives in a run of text: `{{ include }}`, `<< include >>`,
// gitdown's JSON `include`/`contents`, `{{ build_info }}`, their escapes and the
// `<!-- gitdown: off/on -->` switches. It only reads; `expand.ts` acts on what it finds.

export interface IncludeParams {
  lines?: string
  region?: string
}

export type Directive =
  | { kind: 'include'; start: number; end: number; path: string; params: IncludeParams }
  | { kind: 'contents'; start: number; end: number; maxLevel: number }
  | { kind: 'build-info'; start: number; end: number }
  /** A backslash before a directive: drop the backslash, keep the directive as text. */
  | { kind: 'escape'; start: number; end: number }
  | { kind: 'off'; start: number; end: number }
  | { kind: 'on'; start: number; end: number }
  /** `{{ name "…" }}` with a name weft does not know: kept, with a warning. */
  | { kind: 'unknown'; start: number; end: number; name: string }
  /** `at`: where in the directive the problem is, when not at its start. */
  | { kind: 'problem'; start: number; end: number; ruleId: string; reason: string; hint?: string; at?: number }

const candidates = /\\?(?:\{\{|<<[ \t]*include\b|<!--[ \t]*gitdown:[ \t]*(?:off|on)[ \t]*-->|\{(?=[^{}]*?"gitdown"\s*:))/g
const braces = /\{\{[ \t]*([A-Za-z_][\w.-]*)?([^\n]*?)\}\}/y
const angles = /<<[ \t]*include\b([^\n]*?)>>/y
const switchComment = /<!--[ \t]*gitdown:[ \t]*(off|on)[ \t]*-->/y

export function* scanDirectives(text: string): Generator<Directive> {
  candidates.lastIndex = 0
  let match: RegExpExecArray | null
  while ((match = candidates.exec(text))) {
    const escaped = match[0].startsWith('\\')
    const at = escaped ? match.index + 1 : match.index
    const directive = readDirective(text, at)
    if (!directive) {
      candidates.lastIndex = at + 1
      continue
    }
    if (escaped && directive.kind !== 'off' && directive.kind !== 'on') {
      yield { kind: 'escape', start: match.index, end: at }
    } else {
      yield directive
    }
    candidates.lastIndex = Math.max(directive.end, at + 1)
  }
}

function readDirective(text: string, at: number): Directive | undefined {
  const char = text[at]
  if (char === '{' && text[at + 1] === '{') return readBraces(text, at)
  if (char === '<' && text[at + 1] === '<') return readAngles(text, at)
  if (char === '<') {
    switchComment.lastIndex = at
    const match = switchComment.exec(text)
    if (!match) return undefined
    return { kind: match[1] === 'off' ? 'off' : 'on', start: at, end: at + match[0].length }
  }
  return readJson(text, at)
}

function readBraces(text: string, start: number): Directive | undefined {
  braces.lastIndex = start
  const match = braces.exec(text)
  if (!match) return undefined
  const end = start + match[0].length
  const name = match[1]
  const rest = match[2] ?? ''
  if (name === 'include') return readInclude(rest, start, end, '{{ include "./path.md" }}')
  if (name === 'build_info') {
    if (rest.trim() !== '') return problem(start, end, 'directive-arguments', '`{{ build_info }}` takes no arguments')
    return { kind: 'build-info', start, end }
  }
  // Only the directive shape `{{ name "…" }}` is worth a warning; `{{ .Values.x }}` is someone else's.
  if (name && /^\s+["']/.test(rest)) return { kind: 'unknown', start, end, name }
  return undefined
}

function readAngles(text: string, start: number): Directive | undefined {
  angles.lastIndex = start
  const match = angles.exec(text)
  if (!match) return undefined
  return readInclude(match[1] ?? '', start, start + match[0].length, '<< include "./path.md" >>')
}

function readInclude(rest: string, start: number, end: number, example: string): Directive {
  const args = parseArguments(rest)
  if ('error' in args) return problem(start, end, 'directive-arguments', `Cannot read the include's arguments: ${args.error}`, `write it as \`${example}\``)
  const [path, ...extra] = args.positional
  if (path === undefined || path === '') return problem(start, end, 'directive-arguments', 'An include needs a quoted path', `write it as \`${example}\``)
  if (extra.length > 0) return problem(start, end, 'directive-arguments', `An include takes one path, not ${args.positional.length}`)
  return includeDirective(start, end, path, args.named)
}

function includeDirective(start: number, end: number, path: string, named: Record<string, unknown>): Directive {
  const params: IncludeParams = {}
  for (const [key, value] of Object.entries(named)) {
    if (key !== 'lines' && key !== 'region' && key !== 'file' && key !== 'gitdown') {
      return problem(start, end, 'directive-arguments', `An include has no \`${key}\` option`, 'use `lines="3-10"` or `region="name"`')
    }
    if (key === 'lines' || key === 'region') {
      if (typeof value !== 'string' && typeof value !== 'number') return problem(start, end, 'directive-arguments', `\`${key}\` must be a string`)
      params[key] = String(value)
    }
  }
  return { kind: 'include', start, end, path, params }
}

/** gitdown's form: a JSON object with a `gitdown` key, in any key order and spacing. */
function readJson(text: string, start: number): Directive | undefined {
  const end = findObjectEnd(text, start)
  if (end === undefined) return problem(start, start + 1, 'gitdown-json', 'This gitdown directive is not closed with `}`')
  let value: unknown
  try {
    value = JSON.parse(text.slice(start, end))
  } catch (error) {
    // Point at the character JSON choked on, and keep only the first clause of its message.
    const message = (error as Error).message
    const at = /at position (\d+)/.exec(message)
    const why = message.replace(/ in JSON at position \d+.*$/, '').replace(/, (?:\.\.\.|").*$/s, '')
    const hint = 'gitdown directives are JSON objects, like `{"gitdown": "include", "file": "./x.md"}`'
    return { kind: 'problem', start, end, ruleId: 'gitdown-json', reason: `This gitdown directive is not valid JSON: ${why}`, hint, ...(at ? { at: start + Number(at[1]) } : {}) }
  }
  if (typeof value !== 'object' || value === null || !('gitdown' in value)) return undefined
  const object = value as Record<string, unknown>
  const helper = object.gitdown
  if (helper === 'include') {
    if (typeof object.file !== 'string' || object.file === '') {
      return problem(start, end, 'directive-arguments', 'gitdown `include` needs a `"file"` string')
    }
    return includeDirective(start, end, object.file, object)
  }
  if (helper === 'contents') {
    const maxLevel = object.maxLevel ?? 3
    if (typeof maxLevel !== 'number' || !Number.isInteger(maxLevel) || maxLevel < 1 || maxLevel > 6) {
      return problem(start, end, 'directive-arguments', '`maxLevel` must be a whole number from 1 to 6')
    }
    return { kind: 'contents', start, end, maxLevel }
  }
  return problem(start, end, 'unknown-gitdown-helper', `Unknown gitdown helper \`${String(helper)}\``, 'weft knows `include` and `contents`')
}

/** The offset after the `}` that closes the object opened at `start`, reading strings as JSON does. */
function findObjectEnd(text: string, start: number): number | undefined {
  let depth = 0
  let inString = false
  const limit = Math.min(text.length, start + 10_000)
  for (let index = start; index < limit; index++) {
    const char = text[index]
    if (inString) {
      if (char === '\\') index++
      else if (char === '"') inString = false
    } else if (char === '"') inString = true
    else if (char === '{') depth++
    else if (char === '}' && --depth === 0) return index + 1
  }
  return undefined
}

export interface Arguments {
  positional: string[]
  named: Record<string, string>
}

/** `"path" key="value" key='value'`: quoted strings, bare words only as keys. */
export function parseArguments(source: string): Arguments | { error: string } {
  const result: Arguments = { positional: [], named: {} }
  let index = 0
  while (index < source.length) {
    const char = source[index]!
    if (char === ' ' || char === '\t') {
      index++
      continue
    }
    const key = /^([A-Za-z_][\w-]*)=/.exec(source.slice(index))
    if (key) index += key[0].length
    const quote = source[index]
    if (quote !== '"' && quote !== "'") {
      return { error: `expected a quoted string at \`${source.slice(index, index + 12)}\`` }
    }
    const close = source.indexOf(quote, index + 1)
    if (close === -1) return { error: `the quote ${quote} is never closed` }
    const value = source.slice(index + 1, close)
    if (key) result.named[key[1]!] = value
    else result.positional.push(value)
    index = close + 1
  }
  return result
}

function problem(start: number, end: number, ruleId: string, reason: string, hint?: string): Directive {
  return hint === undefined ? { kind: 'problem', start, end, ruleId, reason } : { kind: 'problem', start, end, ruleId, reason, hint }
}
