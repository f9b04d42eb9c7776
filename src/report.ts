// Turns messages into what a terminal shows: `file:line:column: severity: message
// [rule]` (`[source:rule]` for a plugin's), the include chain and a hint under it,
// then a count; and, for `weft dev`, only what changed since the last build.

import type { WeftMessage } from './core/diagnostics.js'
import { compareText } from './core/compare-text.js'

export function formatMessage(message: WeftMessage): string {
  const place = message.file ? `${message.file}:${message.line ?? 1}:${message.column ?? 1}: ` : ''
  const lines = [`${place}${message.severity}: ${message.reason}${label(message)}`]
  const frames = message.includedFrom.map((frame) => `    included from ${frame.file}:${frame.line}:${frame.column}`)
  // A runaway chain is shown by its two ends.
  if (frames.length > 8) frames.splice(4, frames.length - 7, `    … ${frames.length - 7} more includes …`)
  lines.push(...frames)
  if (message.note) lines.push(`    hint: ${message.note}`)
  return lines.join('\n')
}

/** ` [rule]` for weft's own, ` [source:rule]` for a plugin's (as vfile-message writes an origin), or nothing. */
function label(message: WeftMessage): string {
  const source = message.source === 'weft' ? undefined : message.source
  const origin = [source, message.ruleId].filter(Boolean).join(':')
  return origin ? ` [${origin}]` : ''
}

export function formatMessages(messages: WeftMessage[]): string {
  return sortMessages(messages).map(formatMessage).join('\n')
}

/**
 * By file, then line, then column. Paths in the order of their characters' codes, not a
 * language's: the same on every machine, and without loading the machine's collation
 * rules, which took 9–41 ms of a short build.
 */
function sortMessages(messages: WeftMessage[]): WeftMessage[] {
  return [...messages].sort((a, b) => compareText(a.file ?? '', b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0))
}

export function countMessages(messages: WeftMessage[]): string {
  const errors = messages.filter((message) => message.severity === 'error').length
  const warnings = messages.length - errors
  const parts = []
  if (errors) parts.push(`${errors} error${errors === 1 ? '' : 's'}`)
  if (warnings) parts.push(`${warnings} warning${warnings === 1 ? '' : 's'}`)
  return parts.join(', ')
}

/** How many gone messages are named one per line; more are only counted. */
const goneShown = 5

/**
 * What a rebuild says about its messages, given the last build's: the new ones in
 * full, the gone ones one line each (or a count), and a count of the rest, which
 * the terminal shows already. A message that only moved (a line added above it) is
 * shown again at its new place, and not said to be gone.
 */
export function formatChangedMessages(previous: WeftMessage[], current: WeftMessage[]): string {
  const unmatched = groupBy(previous, formatMessage)
  const unchanged: WeftMessage[] = []
  const added: WeftMessage[] = []
  for (const message of current) {
    const same = unmatched.get(formatMessage(message))
    if (same?.length) unchanged.push(same.pop()!)
    else added.push(message)
  }
  const moved = groupBy(added, placeless)
  const gone = sortMessages([...unmatched.values()].flat().filter((message) => !moved.get(placeless(message))?.pop()))

  const lines: string[] = []
  if (added.length > 0) lines.push(formatMessages(added))
  if (gone.length <= goneShown) lines.push(...gone.map((message) => `gone: ${formatMessage(message).split('\n')[0]}`))
  const counts = [gone.length > 0 ? `${countMessages(gone)} gone` : '', unchanged.length > 0 ? `${countMessages(unchanged)} unchanged` : ''].filter(Boolean)
  if (counts.length > 0) lines.push(`weft: ${counts.join('; ')}`)
  return lines.join('\n')
}

/** A message as shown, without its line and column: the same message, moved. */
function placeless(message: WeftMessage): string {
  return formatMessage(message).replace(/^([^\n]*?):\d+:\d+: /, '$1: ')
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const name = key(item)
    const group = groups.get(name)
    if (group) group.push(item)
    else groups.set(name, [item])
  }
  return groups
}
