// Problems found in an author's files, positioned where the author wrote them.
// Every stage reports through one `Diagnostics` so a build shows all its problems
// together; an origin inside an include carries the chain of files that pulled it in.

import path from 'node:path'
import { VFileMessage } from 'vfile-message'
import type { Point } from 'unist'

/** A place in a source file: an absolute path and a character offset into its text. */
export interface Origin {
  file: string
  offset: number
  /** Innermost first: where the file holding this text was included from. */
  chain?: readonly Origin[]
}

/** What turns an offset into a file's line and column (the build's `SourceStore`). */
export interface PointSource {
  point(file: string, offset: number): Point
}

export type Severity = 'error' | 'warning'

/** A message about an author's file, with `file`, `line`, `column`, `ruleId` and the include chain in `note`. */
export interface WeftMessage extends VFileMessage {
  severity: Severity
  includedFrom: { file: string; line: number; column: number }[]
}

export class Diagnostics {
  readonly messages: WeftMessage[] = []
  constructor(
    private readonly sources: PointSource,
    private readonly root: string,
  ) {}

  error(ruleId: string, reason: string, origin?: Origin, hint?: string): void {
    this.add('error', ruleId, reason, origin, hint)
  }

  warn(ruleId: string, reason: string, origin?: Origin, hint?: string): void {
    this.add('warning', ruleId, reason, origin, hint)
  }

  /** A message a remark or rehype plugin raised (`source` is the plugin's, such as `remark-lint`). */
  fromPlugin(severity: Severity, ruleId: string | undefined, source: string | undefined, reason: string, origin: Origin, hint?: string): void {
    this.add(severity, ruleId, reason, origin, hint, source)
  }

  get errorCount(): number {
    return this.messages.filter((m) => m.severity === 'error').length
  }

  get warningCount(): number {
    return this.messages.filter((m) => m.severity === 'warning').length
  }

  /** `file:line:column` of an origin, as messages show it. */
  where(origin: Origin): string {
    const point = this.sources.point(origin.file, origin.offset)
    return `${this.relative(origin.file)}:${point.line}:${point.column}`
  }

  /** Site-relative path of `file`, with forward slashes, as messages show it. */
  relative(file: string): string {
    return path.relative(this.root, file).split(path.sep).join('/') || '.'
  }

  private add(severity: Severity, ruleId: string | undefined, reason: string, origin: Origin | undefined, hint?: string, source = 'weft'): void {
    const place = origin ? this.sources.point(origin.file, origin.offset) : undefined
    const message = new VFileMessage(reason, { place, ruleId, source }) as WeftMessage
    message.severity = severity
    message.fatal = severity === 'error'
    message.file = origin ? this.relative(origin.file) : ''
    message.includedFrom = (origin?.chain ?? []).map((frame) => {
      const point = this.sources.point(frame.file, frame.offset)
      return { file: this.relative(frame.file), line: point.line, column: point.column }
    })
    if (hint) message.note = hint
    // Several pages can pull in the same include: say its problem once.
    const key = messageKey(message)
    if (this.seen.has(key)) return
    this.seen.add(key)
    this.messages.push(message)
  }

  private readonly seen = new Set<string>()
}

/** A message as plain data, to cross from a worker thread or into a cache. */
export interface PlainMessage {
  reason: string
  ruleId: string
  /** Who raised it when not weft itself: a plugin's `source`, such as `remark-lint`. */
  source?: string
  severity: Severity
  file: string
  line: number
  column: number
  includedFrom: { file: string; line: number; column: number }[]
  note: string | undefined
}

export function toPlainMessage(message: WeftMessage): PlainMessage {
  return {
    reason: message.reason,
    ruleId: message.ruleId ?? '',
    ...(message.source && message.source !== 'weft' ? { source: message.source } : {}),
    severity: message.severity,
    file: message.file ?? '',
    line: message.line ?? 1,
    column: message.column ?? 1,
    includedFrom: message.includedFrom,
    note: message.note,
  }
}

export function fromPlainMessage(plain: PlainMessage): WeftMessage {
  const place = plain.file ? { line: plain.line, column: plain.column } : undefined
  const message = new VFileMessage(plain.reason, { place, ruleId: plain.ruleId || undefined, source: plain.source ?? 'weft' }) as WeftMessage
  message.severity = plain.severity
  message.fatal = plain.severity === 'error'
  message.file = plain.file
  message.includedFrom = plain.includedFrom
  if (plain.note !== undefined) message.note = plain.note
  return message
}

/** Several pages pull in the same include: its problem is said once. */
export function dedupeMessages(messages: WeftMessage[]): WeftMessage[] {
  const seen = new Set<string>()
  return messages.filter((message) => {
    const key = messageKey(message)
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** What makes two messages the same one: said twice (by two pages pulling in one include), it is shown once. */
function messageKey(message: WeftMessage): string {
  return `${message.severity}|${message.file}|${message.line}|${message.column}|${message.source}|${message.ruleId}|${message.reason}`
}
