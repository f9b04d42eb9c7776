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
  /** Its place, `file:offset`: the same definition pulled in by many pages. */
  key: string
  identifier: string
  origin: Origin
  /** Pages that pull this definition in, and how many of them refer to it. */
  pages: number
  uses: number
}

/** The definitions a page pulled in, and which of them it used. */
interface PageDefinitions {
  definitions: Definition[]
  used: boolean[]
}

export class DefinitionUse {
  private readonly definitions = new Map<string, Definition>()
  /** Page → the definitions it pulled in, shared with the other pages that pull them in (not a key string of its own each). */
  private readonly byPage = new Map<string, PageDefinitions>()

  /** Records (or replaces) what `page` defines and refers to. */
  set(page: string, references: PageReferences): void {
    this.delete(page)
    const entries: PageDefinitions = { definitions: [], used: [] }
    for (const definition of references.definitions) {
      const key = `${definition.origin.file}:${definition.origin.offset}`
      const used = references.references.has(definition.identifier)
      let known = this.definitions.get(key)
      if (!known) {
        known = { key, identifier: definition.identifier, origin: definition.origin, pages: 0, uses: 0 }
        this.definitions.set(key, known)
      }
      known.pages++
      if (used) known.uses++
      entries.definitions.push(known)
      entries.used.push(used)
    }
    this.byPage.set(page, entries)
  }

  delete(page: string): void {
    const entries = this.byPage.get(page)
    if (!entries) return
    entries.definitions.forEach((known, index) => {
      known.pages--
      if (entries.used[index]) known.uses--
      if (known.pages === 0) this.definitions.delete(known.key)
    })
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
