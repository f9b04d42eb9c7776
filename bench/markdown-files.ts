// The markdown files of a folder, at any depth, in the order of their names.

import fs from 'node:fs'
import path from 'node:path'

export function markdownFiles(folder: string): string[] {
  const found: string[] = []
  for (const entry of fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const file = path.join(folder, entry.name)
    if (entry.isDirectory()) found.push(...markdownFiles(file))
    else if (entry.isFile() && entry.name.endsWith('.md')) found.push(file)
  }
  return found
}
