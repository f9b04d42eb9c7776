// A site with more pages than every page can list: `sections` top-level sections of
// `perSection` pages each, short pages so that building it stays quick. Made by the
// generator the bench uses (bench/corpus.ts), in its outline form.

import { generateOutline } from '../../bench/corpus.js'
import { makeSite } from './site.js'

export function makeLargeSite(sections: number, perSection: number, extra: Record<string, string> = {}): string {
  return makeSite(generateOutline(sections, perSection, extra))
}
