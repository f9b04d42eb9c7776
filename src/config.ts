// The site's settings: `weft.config.js`/`.mjs`/`.cjs` (typed with `defineConfig`)
// merged with command-line options into one resolved config. Unknown keys are
// errors, so a typo never silently does nothing.

import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import vm from 'node:vm'
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

/** A config weft cannot use: one `weft: …` line, and a `hint:` that says what to do. */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message)
  }
}

/** The names a config file may have in the site's root, the first found being read. */
export const configNames = ['weft.config.js', 'weft.config.mjs', 'weft.config.cjs']
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
    if (!knownKeys.has(key)) throw new ConfigError(`${where} has an unknown key \`${key}\` (weft knows ${[...knownKeys].map((name) => `\`${name}\``).join(', ')})`, `remove \`${key}\`, or correct its name`)
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
  if (!fs.statSync(contentDir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new ConfigError(`The content folder \`${contentDir}\` does not exist`, contentHint(root, outDir, configFile))
  }
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

/** Where the pages may be instead: the root itself, or a folder of it, when either has markdown files at its top. */
function contentHint(root: string, outDir: string, configFile: string | undefined): string {
  const configName = `\`${configFile ? path.basename(configFile) : 'weft.config.js'}\``
  const markdownAt = (folder: string) =>
    fs
      .readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.md$/i.test(entry.name))
      .map((entry) => entry.name)
      .sort()
  const top = markdownAt(root)
  if (top.length > 0) {
    const named = top.slice(0, 3).map((name) => `\`${name}\``).join(', ')
    const more = top.length > 3 ? ` and ${top.length - 3} more` : ''
    return `the root has markdown files at its top (${named}${more}): to build them as the pages, run with \`--content .\` or set \`content: '.'\` in ${configName}`
  }
  const folder = fs
    .readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && !['node_modules', 'templates', 'includes', '_includes'].includes(entry.name) && path.join(root, entry.name) !== outDir)
    .map((entry) => entry.name)
    .sort()
    .find((name) => markdownAt(path.join(root, name)).length > 0)
  if (folder) return `\`${folder}/\` has markdown files: to build them as the pages, run with \`--content ${folder}\` or set \`content: '${folder}'\` in ${configName}`
  return `create it and put your pages in it, or name the folder of your pages with \`--content DIR\` or \`content: 'DIR'\` in ${configName}`
}

async function importConfig(file: string): Promise<UserConfig> {
  if (isModuleInCommonJsScope(file)) return importAsModule(file)
  // A new URL for each version of the file: `import` keeps the first module it loaded
  // for a URL, and `weft dev` reads the config again after each save of it.
  const stat = fs.statSync(file)
  // A CommonJS config is kept by its path, whatever the URL: forget the last version.
  delete createRequire(import.meta.url).cache[file]
  try {
    const module = (await import(`${pathToFileURL(file).href}?version=${stat.size}-${stat.mtimeMs}`)) as { default?: UserConfig }
    return module.default ?? {}
  } catch (error) {
    throw await loadError(error, file)
  }
}

/**
 * Imports an ES module config that Node would run as CommonJS, through a copy named
 * `.mjs` beside it (so that its imports resolve as they would from it), removed at
 * once. Its name starts with `.weft`, which the content walk and `weft dev` skip.
 * (A load hook would do without the copy, but its thread cost a build that finds
 * nothing changed about 0.2 s.)
 */
async function importAsModule(file: string): Promise<UserConfig> {
  const copy = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}-${Date.now()}-${++copies}.mjs`)
  try {
    fs.writeFileSync(copy, fs.readFileSync(file))
  } catch (error) {
    const name = path.basename(file)
    throw new ConfigError(`Cannot load \`${name}\`: it is an ES module in a CommonJS package, and its folder cannot take a copy named \`.mjs\` (${(error as Error).message})`, `rename it \`${name.replace(/\.js$/, '.mjs')}\`, or set \`"type": "module"\` in package.json`)
  }
  try {
    const module = (await import(pathToFileURL(copy).href)) as { default?: UserConfig }
    return module.default ?? {}
  } catch (error) {
    throw await loadError(renamed(error, copy, file), file, copy)
  } finally {
    fs.rmSync(copy, { force: true })
  }
}

let copies = 0

/** `error` as if it came from `file`, not from its copy. */
function renamed(error: unknown, copy: string, file: string): unknown {
  if (!(error instanceof Error)) return error
  for (const [from, to] of [
    [pathToFileURL(copy).href, pathToFileURL(file).href],
    [copy, file],
  ] as const) {
    error.message = error.message.replaceAll(from, to)
    error.stack = error.stack?.replaceAll(from, to)
  }
  return error
}

/**
 * Whether `file` is written with `import`/`export` though Node would run it as
 * CommonJS: a `.js` file in a package that `npm init` made `"type": "commonjs"`, or
 * one that says no type. Compiling it as CommonJS tells, as Node's own detection does.
 */
function isModuleInCommonJsScope(file: string): boolean {
  if (path.extname(file) !== '.js' || packageType(path.dirname(file)) === 'module') return false
  try {
    new vm.Script(`(function (exports, require, module, __filename, __dirname) {${fs.readFileSync(file, 'utf8')}\n})`, { filename: file })
    return false
  } catch (error) {
    return error instanceof SyntaxError && moduleSyntax.test(error.message)
  }
}

const moduleSyntax = /Cannot use import statement outside a module|Unexpected token 'export'|Cannot use 'import\.meta' outside a module|await is only valid in async functions and the top level bodies of modules/

/** The `type` of the nearest package.json above `folder`, as Node reads it. */
function packageType(folder: string): string | undefined {
  for (let current = folder; ; current = path.dirname(current)) {
    const file = path.join(current, 'package.json')
    if (fs.existsSync(file)) {
      try {
        return (JSON.parse(fs.readFileSync(file, 'utf8')) as { type?: string }).type
      } catch {
        return undefined
      }
    }
    if (path.dirname(current) === current) return undefined
  }
}

/**
 * Why a config file could not be loaded, with the line of it where that is known and
 * what to do. `checked` is the file Node compiled (the `.mjs` copy, or the file).
 */
async function loadError(error: unknown, file: string, checked = file): Promise<ConfigError> {
  const name = `\`${path.basename(file)}\``
  const { message = String(error), code, stack = '' } = (error ?? {}) as { message?: string; code?: string; stack?: string }
  const firstLine = message.split('\n')[0]!
  // `import` says `Cannot find package 'x' imported from …`, `require` says `Cannot find module 'x'`.
  const missing = /^Cannot find (?:package|module) '([^']+)'(?: imported from (.+))?$/.exec(firstLine)
  if ((code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && missing) {
    const [, wanted = '', from = file] = missing
    const importer = path.resolve(from) === file ? 'it' : `\`${path.relative(path.dirname(file), from)}\`, which it imports,`
    if (/^(?:\.|\/|file:)/.test(wanted)) {
      // `import` names the file it looked for, `require` the path as written.
      const target = wanted.startsWith('.') ? wanted : `./${path.relative(path.dirname(from), wanted.startsWith('file:') ? fileURLToPath(wanted) : wanted)}`
      return new ConfigError(`Cannot load ${name}: ${importer} imports \`${target}\`, which does not exist`, 'fix the path of the import')
    }
    const pkg = wanted.split('/').slice(0, wanted.startsWith('@') ? 2 : 1).join('/')
    return new ConfigError(`Cannot load ${name}: ${importer} imports the package \`${pkg}\`, which is not installed`, `install it in the site's folder (\`npm install --save-dev ${pkg}\`), or remove the import`)
  }
  // The line in the config file: a frame of the stack names it, except for a module's
  // syntax error, which Node says only when it checks the file itself.
  const frame = new RegExp(`${escapeRegExp(file)}(?:\\?[^:\\s)]*)?:(\\d+)`).exec(stack.replaceAll(pathToFileURL(file).href, file))
  const line = frame?.[1] ?? (error instanceof SyntaxError ? await syntaxErrorLine(checked) : undefined)
  const at = line ? ` (line ${line})` : ''
  if (error instanceof SyntaxError) {
    return new ConfigError(`Cannot load ${name}: ${firstLine}${at}`, `fix the JavaScript${line ? ` at line ${line}` : ''}; a config file is \`export default defineConfig({ … })\``)
  }
  return new ConfigError(`Cannot load ${name}: running it threw \`${firstLine}\`${at}`, line ? `fix line ${line} of ${name}` : `fix ${name}, or the module it imports that threw`)
}

/** The line of a syntax error in `file`, from `node --check` (run only when a config failed). */
async function syntaxErrorLine(file: string): Promise<string | undefined> {
  const { spawnSync } = await import('node:child_process')
  const check = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8' })
  return new RegExp(`^${escapeRegExp(file)}:(\\d+)$`, 'm').exec(check.stderr ?? '')?.[1]
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
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
