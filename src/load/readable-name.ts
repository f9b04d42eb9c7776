// Names of files and folders as readers see them in the navigation: the number that
// orders them taken off, separators made spaces.

/**
 * A folder's name as a label, as MkDocs makes it: the number prefix that orders it
 * left out (`01-intro` → `intro`), `-` and `_` as spaces, and a first capital when
 * the name is all lowercase (`getting-started` → "Getting started"; `API_v2` stays "API v2").
 */
export function readableName(name: string): string {
  const words = name.slice(numberPrefix(name)?.length ?? 0).replace(/[-_]+/g, ' ').trim() || name
  return words === words.toLowerCase() ? words.charAt(0).toUpperCase() + words.slice(1) : words
}

/**
 * `01-intro`, `2_setup`, `3. Deploy`: the number that orders the file or folder, as
 * Docusaurus reads it. Not a date (`2024-05-notes`) or a version (`1.2-notes`): the
 * name must go on with something other than a digit.
 */
export function numberPrefix(name: string): { number: number; length: number } | undefined {
  const match = /^(\d+)\s*[-_.]\s*(?=[^\d\s._-])/.exec(name)
  return match ? { number: Number(match[1]), length: match[0].length } : undefined
}
