// What `weft init` writes: the pages, partial and image kept in the package's
// `starter/` folder, and the three files made for the new site (its package.json,
// weft.config.js and .gitignore), which name the site and this package's version.

import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export interface StarterFile {
  /** The file's path in the new site, with `/` between folders. */
  path: string
  contents: string | Buffer
}

/** The package the new site depends on: its name on the registry and its version. */
export interface WeftPackage {
  name: string
  version: string
}

/** The starter's pages, partial and image, shipped beside `lib/`. */
export const starterFolder = fileURLToPath(new URL('../../starter/', import.meta.url))

export function readWeftPackage(): WeftPackage {
  const { name, version } = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as WeftPackage
  return { name, version }
}

/** Every file of a starter site for the folder `dir`, made files first. */
export function starterFiles(dir: string, weft: WeftPackage): StarterFile[] {
  const folder = path.basename(path.resolve(dir))
  return [
    { path: 'package.json', contents: packageJson(packageName(folder), weft) },
    { path: 'weft.config.js', contents: configFile(siteTitle(folder), weft) },
    { path: '.gitignore', contents: gitignore },
    ...(fs.readdirSync(starterFolder, { recursive: true }) as string[])
      .map((name) => name.split(path.sep).join('/'))
      .filter((name) => fs.statSync(path.join(starterFolder, name)).isFile())
      .sort()
      .map((name) => ({ path: name, contents: fs.readFileSync(path.join(starterFolder, name)) })),
  ]
}

function packageJson(name: string, weft: WeftPackage): string {
  const manifest = {
    name,
    private: true,
    type: 'module',
    scripts: { build: 'weft build', dev: 'weft dev' },
    devDependencies: { [weft.name]: `^${weft.version}` },
  }
  return `${JSON.stringify(manifest, null, 2)}\n`
}

function configFile(title: string, weft: WeftPackage): string {
  return `// This site's settings. The README of ${weft.name} describes every key, under "The config file".
import { defineConfig } from '${weft.name}/config'

export default defineConfig({
  title: '${title.replace(/[\\']/g, '\\$&')}',
})
`
}

// The render cache sits inside node_modules/ (see cacheDir in config.ts); it is
// named as well, so that it stays out of git whatever becomes of that line.
const gitignore = `# What npm and weft write; none of it belongs in git.
node_modules/
dist/
# weft's cache of rendered pages (always safe to delete)
node_modules/.cache/weft/
# what a build keeps beside dist/ while it runs: its lock and the next site
.dist.weft-*
`

/** A folder's name as an npm package name: lowercase, URL-safe, no leading dot or underscore. */
export function packageName(folder: string): string {
  const name = folder
    .toLowerCase()
    .replace(/[^a-z0-9._~-]+/g, '-')
    .slice(0, 214)
    .replace(/^[._~-]+|[._~-]+$/g, '')
  return name || 'docs'
}

/** A folder's name as a title: `my-docs` → `My docs`. */
export function siteTitle(folder: string): string {
  const words = folder.replace(/[-_.\s]+/g, ' ').trim()
  return words ? words[0]!.toUpperCase() + words.slice(1) : 'Docs'
}
