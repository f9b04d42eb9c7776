// Run after `tsc -b tsconfig.build.json`: bundles the compiled CLI and render worker
// into lib/bundle/, so that `weft` reads a few files instead of some 460 modules
// (bin/weft.js runs the bundle while it is newer than the compiled lib/). Modules
// loaded on demand (`weft dev`, Pagefind, the worker pool, Shiki's grammars and
// themes) stay on demand: each becomes a chunk of its own.

import fs from 'node:fs'
import path from 'node:path'
import { build } from 'esbuild'

const outdir = 'lib/bundle'

/**
 * A module of weft finds files beside it through `import.meta.url` (templates/,
 * starter/, package.json, Shiki's version). In the bundle, each such module gets the
 * URL its file has in lib/, so those paths hold. The render pool instead starts the
 * bundled worker, beside it.
 */
const keepModuleUrls = {
  name: 'keep-module-urls',
  setup(build) {
    const lib = path.resolve('lib') + path.sep
    build.onLoad({ filter: /\.js$/ }, (args) => {
      if (!args.path.startsWith(lib)) return undefined
      const text = fs.readFileSync(args.path, 'utf8')
      if (!text.includes('import.meta.url')) return undefined
      if (args.path.endsWith(path.join('project', 'render-pool.js'))) {
        if (!text.includes("'./render-worker.js'")) throw new Error(`${args.path}: no './render-worker.js' for scripts/bundle.js to point at the bundled worker`)
        return { contents: text.replace("'./render-worker.js'", "'./render-worker.mjs'"), loader: 'js' }
      }
      const fromBundle = path.relative(path.resolve(outdir), args.path).split(path.sep).join('/')
      return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`), loader: 'js' }
    })
  },
}

/**
 * lib/config.js stays a module of its own, which the bundle imports: a config file
 * imports `defineConfig` from it (`weft-docs/config`), and one copy of it means it
 * is loaded, and weft's files stamped for the cache key, once a build (about 45 ms).
 */
const configOutside = {
  name: 'config-outside',
  setup(build) {
    const config = path.resolve('lib/config.js')
    build.onResolve({ filter: /config\.js$/ }, (args) => {
      if (path.resolve(args.resolveDir, args.path) !== config) return undefined
      return { path: path.relative(path.resolve(outdir), config).split(path.sep).join('/'), external: true }
    })
  },
}

/**
 * js-yaml 3 loads esprima (about 20 ms) as it starts, for `!!js/function` values,
 * which only its unsafe `load` reads; weft calls `safeLoad`. In the bundle, esprima
 * is loaded the first time such a value is parsed.
 */
const esprimaOnDemand = {
  name: 'esprima-on-demand',
  setup(build) {
    build.onLoad({ filter: /[\\/]js-yaml[\\/]lib[\\/]js-yaml[\\/]type[\\/]js[\\/]function\.js$/ }, (args) => {
      const text = fs.readFileSync(args.path, 'utf8')
      const eager = /try \{\s*\/\/ workaround[\s\S]*?esprima = window\.esprima;\s*\}/
      if (!eager.test(text)) throw new Error(`${args.path}: js-yaml no longer loads esprima as scripts/bundle.js expects`)
      const lazy = "esprima = { parse: function (source, options) { return require('esprima').parse(source, options); } };"
      return { contents: text.replace(eager, lazy), loader: 'js' }
    })
  },
}

/**
 * Shiki's grammars and themes (some 11 MB) are left in its package: each is imported
 * on its own when a page needs it, so bundling saves nothing, and it would make the
 * package ten times larger. Its lists of them become imports of `shiki/langs` and
 * `shiki/themes`, which resolve from weft's own package (shiki is a dependency).
 */
const shikiDataOutside = {
  name: 'shiki-data-outside',
  setup(build) {
    const fromShiki = /[\\/]node_modules[\\/]shiki[\\/]dist[\\/]/
    build.onResolve({ filter: /^\.\/(langs-bundle-full-[\w-]+|themes)\.mjs$/ }, (args) => {
      if (!fromShiki.test(args.importer)) return undefined
      if (args.path === './themes.mjs') return { path: 'shiki/themes', external: true }
      return { path: args.path, namespace: 'shiki-langs', pluginData: { resolveDir: args.resolveDir } }
    })
    // shiki/langs (dist/langs.mjs) re-exports the list under its public names (`t as bundledLanguages`): turned around.
    build.onLoad({ filter: /.*/, namespace: 'shiki-langs' }, (args) => {
      const langs = path.join(args.pluginData.resolveDir, 'langs.mjs')
      const text = fs.readFileSync(langs, 'utf8')
      const reexport = new RegExp(`export \\{([^}]*)\\} from "${args.path.replace(/[.]/g, '\\.')}"`).exec(text)
      if (!reexport) throw new Error(`${langs}: no re-export of ${args.path} as scripts/bundle.js expects`)
      const names = reexport[1].split(',').map((pair) => pair.trim().split(/\s+as\s+/))
      return { contents: `export { ${names.map(([inner, outer]) => `${outer} as ${inner}`).join(', ')} } from 'shiki/langs'`, loader: 'js' }
    })
  },
}

const { outputFiles } = await build({
  entryPoints: { cli: 'lib/cli.js', 'render-worker': 'lib/project/render-worker.js' },
  outdir,
  // `.mjs`: the cache key stamps weft's `.js` files in lib/ (src/config.ts), from which these are
  // made: stamping these too would cost each build time and tell it nothing more.
  outExtension: { '.js': '.mjs' },
  // Flat: the module URLs above are relative to this folder.
  chunkNames: '[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.11',
  // Pagefind runs a binary from its own package, and Piscina starts a worker file of its own.
  external: ['pagefind', 'piscina', 'shiki/langs'],
  // ES modules where a package has them: jsonc-parser's UMD `main` requires its parts by computed paths.
  mainFields: ['module', 'main'],
  // The CommonJS packages in the bundle call `require` for Node's modules.
  banner: { js: "import { createRequire as weftCreateRequire } from 'node:module'; const require = weftCreateRequire(import.meta.url);" },
  plugins: [configOutside, keepModuleUrls, esprimaOnDemand, shikiDataOutside],
  logLevel: 'warning',
  write: false,
})

// Others may run weft from this folder meanwhile. Each file is written whole under another
// name, then renamed; the chunks (named by their contents) before the entries, so an entry
// never imports a missing chunk. A chunk the last bundle had and this one has not stays an
// hour for a `weft dev` still running that bundle, unless `--clean` (for `npm pack`).
const entries = new Set(['cli.mjs', 'render-worker.mjs'])
const manifest = path.join(outdir, '.files.json')
const last = new Set(fs.existsSync(manifest) ? JSON.parse(fs.readFileSync(manifest, 'utf8')) : [])
const names = outputFiles.map((file) => path.basename(file.path))
fs.mkdirSync(outdir, { recursive: true })
const writeWhole = (file) => {
  fs.writeFileSync(`${file.path}.${process.pid}.tmp`, file.contents)
  fs.renameSync(`${file.path}.${process.pid}.tmp`, file.path)
}
outputFiles.filter((file) => !entries.has(path.basename(file.path)) && !fs.existsSync(file.path)).forEach(writeWhole)
outputFiles.filter((file) => entries.has(path.basename(file.path))).forEach(writeWhole)
const clean = process.argv.includes('--clean')
const now = new Date()
for (const name of fs.readdirSync(outdir).filter((name) => name !== '.files.json' && !names.includes(name))) {
  const file = path.join(outdir, name)
  // Left out just now: its hour starts now.
  if (!clean && last.has(name)) fs.utimesSync(file, now, now)
  else if (clean || now - fs.statSync(file).mtimeMs > 3600_000) fs.rmSync(file, { force: true })
}
// A package ships no list: its next bundle is made from nothing.
if (clean) fs.rmSync(manifest, { force: true })
else fs.writeFileSync(manifest, JSON.stringify(names))
