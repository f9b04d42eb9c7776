// A site with more pages than every page can list: `sections` top-level sections of
// `perSection` pages each, short pages so that building it stays quick.

import { makeSite } from './site.js'

export function makeLargeSite(sections: number, perSection: number, extra: Record<string, string> = {}): string {
  const files: Record<string, string> = { 'content/index.md': '---\ntitle: Handbook\n---\nWelcome.\n', ...extra }
  for (let s = 1; s <= sections; s++) {
    files[`content/section-${s}.md`] = `---\ntitle: Section ${s}\nmenu_order: ${s}\n---\nAbout section ${s}.\n`
    for (let p = 1; p <= perSection; p++) {
      files[`content/section-${s}/page-${p}.md`] = `---\ntitle: Page ${s}.${p}\nmenu_order: ${p}\n---\n## Steps\n\nStep ${p} of section ${s}.\n`
    }
  }
  return makeSite(files)
}
