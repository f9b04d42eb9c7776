// A mistake in a site's Liquid template: said with the template's file and line,
// like a mistake in a page, never as a crash of weft.

export class TemplateError extends Error {
  readonly ruleId = 'template-error'

  constructor(
    reason: string,
    readonly file: string | undefined,
    readonly line: number | undefined,
    readonly column: number | undefined,
  ) {
    super(reason)
  }

  /** `file:line:column: error: reason [template-error]`, with `file` as `show` writes it. */
  format(show: (file: string) => string): string {
    const place = this.file ? `${show(this.file)}:${this.line ?? 1}:${this.column ?? 1}: ` : ''
    return `${place}error: ${this.message} [${this.ruleId}]`
  }
}
