// Warns about reference definitions no page uses. A definition in an include is
// pulled into many pages; it is unused only if none of them refers to it. Pages are
// added and replaced one at a time, so a rebuild of one page does not go over the
// definitions of every other page again.

import type { Diagnostics, Origin } from '../core/diagnostics.js'

export interface PageReferences {
  definitions: { identifier: string; origin: Origin }[]
  references: Set<string>
}

interface Definition {
  identifier: string
  origin: Origin
  /** Pages that pull this definition in, and how many of them refer to it. */
  pages: number
  uses: number
}

export class DefinitionUse {
  private readonly definitions = new Map<string, Definition>()
  /** Page → the definitions it pulled in (by place), and whether it used each. */
  private readonly byPage = new Map<string, [string, boolean][]>()

  /** Records (or replaces) what `page` defines and refers to. */
  set(page: string, references: PageReferences): void {
    this.delete(page)
    const entries: [string, boolean][] = []
    for (const definition of references.definitions) {
      const key = `${definition.origin.file}:${definition.origin.offset}`
      const used = references.references.has(definition.identifier)
      let known = this.definitions.get(key)
      if (!known) {
        known = { identifier: definition.identifier, origin: definition.origin, pages: 0, uses: 0 }
        this.definitions.set(key, known)
      }
      known.pages++
      if (used) known.uses++
      entries.push([key, used])
    }
    this.byPage.set(page, entries)
  }

  delete(page: string): void {
    for (const [key, used] of this.byPage.get(page) ?? []) {
      const known = this.definitions.get(key)!
      known.pages--
      if (used) known.uses--
      if (known.pages === 0) this.definitions.delete(key)
    }
    this.byPage.delete(page)
  }

  /** Warns about each definition that no page refers to. */
  check(diagnostics: Diagnostics): void {
    for (const definition of this.definitions.values()) {
      if (definition.uses > 0) continue
      diagnostics.warn('unused-definition', `Reference definition \`[${definition.identifier}]\` is used by no page`, { file: definition.origin.file, offset: definition.origin.offset }, 'remove it, or link to it with `[text][' + definition.identifier + ']`')
    }
  }
}
