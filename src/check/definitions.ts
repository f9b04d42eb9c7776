// Warns about reference definitions no page uses. A definition in an include is
// pulled into many pages; it is unused only if none of them refers to it.

import type { Diagnostics, Origin } from '../diagnostics.js'

export interface PageReferences {
  definitions: { identifier: string; origin: Origin }[]
  references: Set<string>
}

export function checkDefinitions(pages: PageReferences[], diagnostics: Diagnostics): void {
  const unused = new Map<string, { identifier: string; origin: Origin }>()
  const used = new Set<string>()
  for (const page of pages) {
    for (const definition of page.definitions) {
      const key = `${definition.origin.file}:${definition.origin.offset}`
      if (page.references.has(definition.identifier)) used.add(key)
      else if (!unused.has(key)) unused.set(key, definition)
    }
  }
  for (const [key, definition] of unused) {
    if (used.has(key)) continue
    diagnostics.warn('unused-definition', `Reference definition \`[${definition.identifier}]\` is used by no page`, { file: definition.origin.file, offset: definition.origin.offset }, 'remove it, or link to it with `[text][' + definition.identifier + ']`')
  }
}
