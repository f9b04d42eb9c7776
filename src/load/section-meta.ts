// A folder's label and place in the navigation from the metadata file Docusaurus
// sites keep in it: `_category_.json` (or `_category_.yml`/`.yaml`) with `label`
// and `position`. Other keys (`collapsed`, `link`…) are Docusaurus' own: ignored.

import path from 'node:path'
import { parse as parseJson, printParseErrorCode, type ParseError } from 'jsonc-parser'
import yaml from 'js-yaml'
import type { Diagnostics } from '../core/diagnostics.js'
import { sourceProblems, type SourceStore } from './source-store.js'

export interface SectionMeta {
  file: string
  label: string | undefined
  position: number | undefined
  /** Where `position` is written, for messages about the order. */
  positionOffset: number
}

/** The names looked for in each folder, the first found wins. */
export const sectionMetaNames = ['_category_.json', '_category_.yml', '_category_.yaml']

/** The folder's metadata; `probed` is every file looked for, found or not. */
export function readSectionMeta(folder: string, store: SourceStore, diagnostics: Diagnostics): { meta: SectionMeta | undefined; probed: string[] } {
  const probed: string[] = []
  for (const name of sectionMetaNames) {
    const file = path.join(folder, name)
    probed.push(file)
    const source = store.read(file)
    if (source.problem === 'not-found') continue
    if (source.problem) {
      diagnostics.error('unreadable-file', `\`${diagnostics.relative(file)}\` ${sourceProblems[source.problem]}`, { file, offset: 0 })
      return { meta: undefined, probed }
    }
    return { meta: parseMeta(file, source.text, diagnostics), probed }
  }
  return { meta: undefined, probed }
}

function parseMeta(file: string, text: string, diagnostics: Diagnostics): SectionMeta | undefined {
  const json = file.endsWith('.json')
  const example = json ? '`{ "label": "Guides", "position": 2 }`' : '`label: Guides` and `position: 2` on lines of their own'
  const parsed = json ? readJson(text) : readYaml(text)
  const name = `\`${diagnostics.relative(file)}\``
  if ('problem' in parsed) {
    diagnostics.error('invalid-section-file', `${name} is not valid ${json ? 'JSON' : 'YAML'}: ${parsed.problem}`, { file, offset: parsed.offset }, `write it as ${example}`)
    return undefined
  }
  const data = parsed.value ?? {}
  if (typeof data !== 'object' || Array.isArray(data)) {
    diagnostics.error('invalid-section-file', `${name} must hold an object of keys, not ${Array.isArray(data) ? 'a list' : `\`${String(data)}\``}`, { file, offset: 0 }, `write it as ${example}`)
    return undefined
  }
  const keyOffset = (key: string) => Math.max(0, text.search(new RegExp(`["']?${key}["']?[ \\t]*:`)))
  const { label, position } = data as Record<string, unknown>
  let meta: SectionMeta | undefined = { file, label: undefined, position: undefined, positionOffset: keyOffset('position') }
  if (label !== undefined && label !== null) {
    if (typeof label === 'object' || String(label).trim() === '') {
      diagnostics.error('invalid-section-file', `\`label\` in ${name} must be text`, { file, offset: keyOffset('label') }, 'write the label the navigation shows for the folder')
      meta = undefined
    } else if (meta) meta.label = String(label).trim()
  }
  if (position !== undefined && position !== null) {
    if (typeof position !== 'number' || !Number.isFinite(position)) {
      diagnostics.error('invalid-section-file', `\`position\` in ${name} must be a number, not \`${String(position)}\``, { file, offset: keyOffset('position') }, 'write the folder\'s place among its siblings, such as `2`')
      meta = undefined
    } else if (meta) meta.position = position
  }
  return meta
}

type Read = { value: unknown } | { problem: string; offset: number }

/** Strict JSON but for trailing commas (Docusaurus reads the file as YAML, which allows them). */
function readJson(text: string): Read {
  const errors: ParseError[] = []
  const value: unknown = parseJson(text, errors, { disallowComments: true, allowTrailingComma: true, allowEmptyContent: false })
  const [first] = errors
  if (!first) return { value }
  // `CommaExpected` → `comma expected`
  const problem = printParseErrorCode(first.error).replace(/(?<=[a-z])(?=[A-Z])/g, ' ').toLowerCase()
  return { problem, offset: first.offset }
}

function readYaml(text: string): Read {
  try {
    return { value: yaml.safeLoad(text) }
  } catch (error) {
    const { reason, mark } = error as { reason?: string; mark?: { position: number } }
    return { problem: reason ?? String(error), offset: mark?.position ?? 0 }
  }
}
