// The site's settings: `weft.config.js`/`.mjs` (typed with `defineConfig`) merged
// with command-line options into one resolved config. Unknown keys are errors, so
// a typo never silently does nothing.

import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { PluggableList } from 'unified'

export interface UserConfig {
  /** The site's name, shown in every page's header and `<title>`. */
  title?: string
  /** The public URL the site is served from (`https://example.com/guides/`). */
  url?: string
  /** Folder of pages, relative to the root (default `content`). */
  content?: string
  /** Output folder, relative to the root (default `dist`). */
  out?: string
  /** What `{{ build_info }}` becomes (default: the `WEFT_BUILD_INFO` environment variable). */
  buildInfo?: string
  /** The language of the pages, for `<html lang>` and search (default `en`). */
  lang?: string
  /** "Edit this page" links: a URL with `{path}` where the page's file path goes, e.g. `https://github.com/acme/guides/edit/main/{path}`. */
  editUrl?: string
  /** Show when each page last changed, from git history (default false). */
  lastUpdated?: boolean
  /** Build the full-text search index (default true). */
  search?: boolean
  /** Sanitize authors' HTML: for sites that publish outside contributions (default false). */
  safe?: boolean
  /** Keep rendered pages in `node_modules/.cache/weft/` between builds (default true). */
  cache?: boolean
  /** Extra remark plugins, run after weft's own. */
  remarkPlugins?: PluggableList
  /** Extra rehype plugins, run after weft's own. */
  rehypePlugins?: PluggableList
  /** `weft dev`'s settings. */
  dev?: DevConfig
}

export interface DevConfig {
  /**
   * Host names the dev server answers besides `localhost`, IP addresses and `--host`
   * (`.example.test`: that domain and its subdomains). `true` answers any host, which
   * turns off the protection against DNS rebinding.
   */
  allowedHosts?: string[] | true
}

/** Gives a config file types: `export default defineConfig({ … })`. */
export function defineConfig(config: UserConfig): UserConfig {
  return config
}

export interface ResolvedConfig {
  root: string
  contentDir: string
  outDir: string
  title: string
  url: string | undefined
  buildInfo: string
  lang: string
  editUrl: string | undefined
  lastUpdated: boolean
  search: boolean
  safe: boolean
  /** The render cache's folder, or undefined when caching is off. */
  cacheDir: string | undefined
  remarkPlugins: PluggableList
  rehypePlugins: PluggableList
  dev: { allowedHosts: string[] | true }
  /** The config file read, if any. */
  configFile: string | undefined
}

export interface ConfigOverrides {
  root?: string
  content?: string
  out?: string
  /** A config object to use instead of reading a file (tests, other tools). */
  config?: UserConfig
  /** `--safe`: sanitize authors' HTML, whatever the config says. */
  safe?: boolean
  /** `--no-cache`: render every page anew, and keep nothing. */
  cache?: boolean
}

export class ConfigError extends Error {}

const configNames = ['weft.config.js', 'weft.config.mjs']
const knownKeys = new Set(['title', 'url', 'content', 'out', 'buildInfo', 'lang', 'editUrl', 'lastUpdated', 'search', 'safe', 'cache', 'remarkPlugins', 'rehypePlugins', 'dev'])
const knownDevKeys = new Set(['allowedHosts'])

export async function resolveConfig(overrides: ConfigOverrides = {}): Promise<ResolvedConfig> {
  const root = path.resolve(overrides.root ?? '.')
  if (!fs.statSync(root, { throwIfNoEntry: false })?.isDirectory()) throw new ConfigError(`The site's root \`${root}\` is not a folder`)
  let configFile: string | undefined
  let user = overrides.config
  if (!user) {
    configFile = configNames.map((name) => path.join(root, name)).find((file) => fs.existsSync(file))
    user = configFile ? await importConfig(configFile) : {}
  }
  const where = configFile ? `\`${path.basename(configFile)}\`` : 'the config'
  if (typeof user !== 'object' || user === null) throw new ConfigError(`${where} must export an object (\`export default defineConfig({ … })\`)`)
  for (const key of Object.keys(user)) {
    if (!knownKeys.has(key)) throw new ConfigError(`${where} has an unknown key \`${key}\` (weft knows ${[...knownKeys].map((name) => `\`${name}\``).join(', ')})`)
  }
  for (const key of ['lastUpdated', 'search', 'safe', 'cache'] as const) {
    if (user[key] !== undefined && typeof user[key] !== 'boolean') throw new ConfigError(`\`${key}\` in ${where} must be true or false`)
  }
  if (user.editUrl !== undefined && (typeof user.editUrl !== 'string' || !user.editUrl.includes('{path}'))) throw new ConfigError(`\`editUrl\` in ${where} must be a URL with \`{path}\` where the file's path goes`)
  for (const key of ['title', 'url', 'content', 'out', 'buildInfo', 'lang'] as const) {
    if (user[key] !== undefined && typeof user[key] !== 'string') throw new ConfigError(`\`${key}\` in ${where} must be a string`)
  }
  for (const key of ['remarkPlugins', 'rehypePlugins'] as const) {
    if (user[key] !== undefined && !Array.isArray(user[key])) throw new ConfigError(`\`${key}\` in ${where} must be a list of plugins`)
  }
  if (user.dev !== undefined) checkDevConfig(user.dev, where)
  if (user.url !== undefined && !/^https?:\/\/[^/]+/.test(user.url)) throw new ConfigError(`\`url\` in ${where} must be an absolute http(s) URL, not \`${user.url}\``)

  const contentDir = path.resolve(root, overrides.content ?? user.content ?? 'content')
  const outDir = path.resolve(root, overrides.out ?? user.out ?? 'dist')
  if (!fs.statSync(contentDir, { throwIfNoEntry: false })?.isDirectory()) throw new ConfigError(`The content folder \`${contentDir}\` does not exist`)
  // The output folder is replaced whole on every build: it must hold nothing else.
  for (const kept of [root, contentDir, path.join(root, 'templates'), path.join(root, 'includes'), path.join(root, 'images')]) {
    if (outDir === kept || !path.relative(outDir, kept).startsWith('..')) {
      throw new ConfigError(`The output folder \`${outDir}\` would replace \`${kept}\`; choose a folder of its own, such as \`dist\``)
    }
  }
  return {
    root,
    contentDir,
    outDir,
    title: user.title ?? 'Documentation',
    url: user.url === undefined ? undefined : user.url.replace(/\/?$/, '/'),
    buildInfo: user.buildInfo ?? process.env.WEFT_BUILD_INFO ?? '',
    lang: user.lang ?? 'en',
    editUrl: user.editUrl,
    lastUpdated: user.lastUpdated ?? false,
    search: user.search ?? true,
    safe: overrides.safe ?? user.safe ?? false,
    cacheDir: (overrides.cache ?? user.cache ?? true) ? path.join(root, 'node_modules', '.cache', 'weft') : undefined,
    remarkPlugins: user.remarkPlugins ?? [],
    rehypePlugins: user.rehypePlugins ?? [],
    dev: { allowedHosts: user.dev?.allowedHosts === true ? true : [...(user.dev?.allowedHosts ?? [])] },
    configFile,
  }
}

function checkDevConfig(dev: unknown, where: string): void {
  if (typeof dev !== 'object' || dev === null || Array.isArray(dev)) throw new ConfigError(`\`dev\` in ${where} must be an object, such as \`{ allowedHosts: ['docs.example.test'] }\``)
  for (const key of Object.keys(dev)) {
    if (!knownDevKeys.has(key)) throw new ConfigError(`${where} has an unknown key \`dev.${key}\` (weft knows ${[...knownDevKeys].map((name) => `\`dev.${name}\``).join(', ')})`)
  }
  const { allowedHosts } = dev as DevConfig
  if (allowedHosts !== undefined && allowedHosts !== true && !(Array.isArray(allowedHosts) && allowedHosts.every((host) => typeof host === 'string' && host !== ''))) {
    throw new ConfigError(`\`dev.allowedHosts\` in ${where} must be a list of host names, or true to allow any host`)
  }
}

async function importConfig(file: string): Promise<UserConfig> {
  try {
    // A new URL for each version of the file: `import` keeps the first module it loaded
    // for a URL, and `weft dev` reads the config again after each save of it.
    const stat = fs.statSync(file)
    const module = (await import(`${pathToFileURL(file).href}?version=${stat.size}-${stat.mtimeMs}`)) as { default?: UserConfig }
    return module.default ?? {}
  } catch (error) {
    throw new ConfigError(`Cannot load \`${path.basename(file)}\`: ${(error as Error).message}`)
  }
}

/** A digest of everything in the config that can change how a page renders. */
export function fingerprintConfig(config: ResolvedConfig): string {
  const text = config.configFile ? fs.readFileSync(config.configFile, 'utf8') : ''
  // Where the site is written, where the cache lives and what the dev server answers do not change a page.
  const { outDir: _outDir, cacheDir: _cacheDir, dev: _dev, ...rest } = config
  return JSON.stringify([text, rest, weftVersion], (_key, value: unknown) => (typeof value === 'function' ? value.toString() : value))
}

/**
 * weft's own version, part of every cache key: the package version, plus the size
 * and time of each of weft's own code files, so a weft changed in place (a
 * developer's build of it) never reuses pages an older one rendered.
 */
export const weftVersion: string = (() => {
  const version = (JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version
  const folder = path.dirname(fileURLToPath(import.meta.url))
  const stamps = (fs.readdirSync(folder, { recursive: true }) as string[])
    .filter((name) => /\.(?:js|ts)$/.test(name))
    .sort()
    .map((name) => {
      const stat = fs.statSync(path.join(folder, name))
      return `${name}:${stat.size}:${Math.floor(stat.mtimeMs)}`
    })
  return `${version}|${stamps.join('|')}`
})()
