// Turns messages into what a terminal shows: `file:line:column: severity: message
// [rule]` (`[source:rule]` for a plugin's), the include chain and a hint under it,
// then a count. Also picks the exit code: 1 when there are errors (or warnings with
// --strict).

import type { WeftMessage } from './core/diagnostics.js'

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
  const sorted = [...messages].sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0))
  return sorted.map(formatMessage).join('\n')
}

export function countMessages(messages: WeftMessage[]): string {
  const errors = messages.filter((message) => message.severity === 'error').length
  const warnings = messages.length - errors
  const parts = []
  if (errors) parts.push(`${errors} error${errors === 1 ? '' : 's'}`)
  if (warnings) parts.push(`${warnings} warning${warnings === 1 ? '' : 's'}`)
  return parts.join(', ')
}
