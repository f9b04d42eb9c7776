// A mistake in a site's Liquid template: said with the template's file and line,
// like a mistake in a page, never as a crash of weft.

import path from 'node:path'
import { fromPlainMessage, type WeftMessage } from '../core/diagnostics.js'

export class TemplateError extends Error {
  readonly ruleId = 'template-error'

  constructor(
    reason: string,
    readonly file: string | undefined,
    readonly line: number | undefined,
    readonly column: number | undefined,
    readonly hint = 'fix the template at that line',
  ) {
    super(reason)
  }

  /** The mistake as a message like any other, its file relative to the site's `root`. */
  toMessage(root: string): WeftMessage {
    const file = this.file ? path.relative(root, this.file) : ''
    return fromPlainMessage({ reason: this.message, ruleId: this.ruleId, severity: 'error', file, line: this.line ?? 1, column: this.column ?? 1, includedFrom: [], note: this.hint })
  }
}
