// Where a site's theme comes from, apart from the template engine, so that a build
// can check the theme for changes without loading Liquid.

import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** weft's own theme, shipped with the package. */
export const defaultTemplates = fileURLToPath(new URL('../../templates/', import.meta.url))

/** The theme's folders in order: the site's own `templates/` first, weft's second (those that exist). */
export function themeFolders(root: string): string[] {
  const own = path.join(root, 'templates')
  return [...new Set([own, defaultTemplates].filter((folder) => fs.existsSync(folder)).map((folder) => path.resolve(folder)))]
}
