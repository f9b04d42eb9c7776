// One order for names and paths on every machine: their characters' codes, not a
// language's collation (which also costs loading ICU's rules on first use).

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
