// The `weft` command: arguments → build | dev | expand | init. No logic of its own beyond
// turning results into output and an exit code.

import path from 'node:path'
import { parseArgs } from 'node:util'
import { build } from './build.js'
import { ConfigError } from './config.js'
import { TemplateError } from './render/template-error.js'
import { DevError } from './dev/dev-error.js'
import { expandFile } from './expand/expand-file.js'
import { InitError, initSite } from './init/init-site.js'
import { countMessages, formatMessages } from './report.js'

export const help = `weft — builds a static documentation site from a folder of markdown guides

Usage:
  weft build [--root DIR] [--content NAME] [--out DIR] [--strict] [--safe] [--no-cache] [--timings]
  weft dev [--root DIR] [--content NAME] [--port 4000] [--host 127.0.0.1] [--open]
  weft expand FILE [--root DIR]
  weft init [DIR]
  weft --help | --version

Commands:
  build    Build the site in --root (default: the current folder) from the pages
           under --content (default: content) into --out (default: DIR/dist).
           The output folder is replaced only when the build succeeds.
  dev      Build the site, serve it with live reload and rebuild what a save
           touches. Build errors show in the terminal and over the open page;
           the last good pages keep being served. Ctrl-C stops it.
  expand   Print FILE after stage 1: includes, gitdown directives and
           {{ build_info }} expanded, escapes removed. Text without directives is
           printed exactly as it is.
  init     Write a starter site into DIR (default: the current folder): a
           package.json, weft.config.js, pages, a partial and an image. Writes
           nothing if any of these files already exists.

Options:
  --root DIR       the site's root folder (default: .)
  --content NAME   the folder of pages, relative to the root (default: content)
  --out DIR        where to write the site (default: dist in the root)
  --strict         treat warnings as errors (exit 1)
  --safe           sanitize authors' HTML (no scripts, event handlers,
                   javascript: URLs or iframes), for outside contributions
  --no-cache       build: render every page anew (the cache of rendered pages
                   lives in node_modules/.cache/weft/)
  --timings        build: print the time spent in each phase
  --port N         dev: the port to serve on (default 4000; if 4000 is taken,
                   the next free one; a port you name must be free)
  --host HOST      dev: the address to listen on (default 127.0.0.1)
  --open           dev: open the site in a browser
  -h, --help       show this help
  -v, --version    show weft's version

Exit codes: 0 success, 1 problems in the site, 2 wrong usage.`

export async function main(argv: string[], version: string): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        root: { type: 'string' },
        content: { type: 'string' },
        out: { type: 'string' },
        strict: { type: 'boolean' },
        timings: { type: 'boolean' },
        safe: { type: 'boolean' },
        'no-cache': { type: 'boolean' },
        port: { type: 'string' },
        host: { type: 'string' },
        open: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    })
  } catch (error) {
    process.stderr.write(`weft: ${(error as Error).message}\nRun \`weft --help\` for usage.\n`)
    return 2
  }
  const { values, positionals } = parsed
  if (values.version) {
    process.stdout.write(`${version}\n`)
    return 0
  }
  const [command, ...rest] = positionals
  if (values.help || command === undefined || command === 'help') {
    process.stdout.write(`${help}\n`)
    return values.help || command === 'help' ? 0 : 2
  }
  try {
    if (command === 'build') {
      if (rest.length > 0) return usage(`\`weft build\` takes no file names (got \`${rest.join(' ')}\`)`)
      return await runBuild(values)
    }
    if (command === 'dev') {
      if (rest.length > 0) return usage(`\`weft dev\` takes no file names (got \`${rest.join(' ')}\`)`)
      return await runDev(values)
    }
    if (command === 'expand') {
      if (rest.length !== 1) return usage('`weft expand` takes one file')
      return runExpand(rest[0]!, values.root)
    }
    if (command === 'init') {
      if (rest.length > 1) return usage(`\`weft init\` takes one folder (got \`${rest.join(' ')}\`)`)
      return runInit(rest[0])
    }
    return usage(`Unknown command \`${command}\``)
  } catch (error) {
    if (error instanceof ConfigError || error instanceof DevError) {
      process.stderr.write(`weft: ${error.message}\n${error instanceof ConfigError && error.hint ? `    hint: ${error.hint}\n` : ''}`)
      return 1
    }
    if (error instanceof TemplateError) {
      process.stderr.write(`${formatMessages([error.toMessage(process.cwd())])}\nweft: the site's template has a mistake; fix it and start again\n`)
      return 1
    }
    throw error
  }
}

async function runBuild(values: { root?: string; content?: string; out?: string; strict?: boolean; timings?: boolean; safe?: boolean; 'no-cache'?: boolean }): Promise<number> {
  // Time since the process began: Node's start and loading weft's modules, before any build work.
  const loaded = performance.now()
  const showProgress = process.stderr.isTTY === true
  let lastProgress = 0
  const result = await build({
    root: values.root,
    content: values.content,
    out: values.out,
    strict: values.strict,
    safe: values.safe || undefined,
    cache: values['no-cache'] ? false : undefined,
    onProgress: showProgress
      ? (done, total) => {
          const now = performance.now()
          if (total < 200 || (now - lastProgress < 100 && done < total)) return
          lastProgress = now
          process.stderr.write(`\rrendering ${done}/${total} pages`)
          if (done === total) process.stderr.write('\r\x1b[K')
        }
      : undefined,
    onWait: (holder) => process.stderr.write(`weft: another build (process ${holder}) is writing the output folder; waiting for it to finish\n`),
  })
  if (result.messages.length > 0) process.stderr.write(`${formatMessages(result.messages)}\n`)
  const counted = countMessages(result.messages)
  if (!result.ok) {
    process.stderr.write(`weft: build failed (${counted}); ${path.relative(process.cwd(), result.outDir) || '.'} was left as it was\n`)
    return 1
  }
  const out = path.relative(process.cwd(), result.outDir) || '.'
  if (values.timings) process.stdout.write(`weft: time per phase\n${[['start', loaded] as [string, number], ...result.timings].map(([phase, ms]) => `  ${phase.padEnd(10)} ${ms.toFixed(0).padStart(7)} ms`).join('\n')}\n`)
  const unchanged = result.written ? '' : ', unchanged'
  process.stdout.write(`weft: built ${result.pages} page${result.pages === 1 ? '' : 's'} in ${Math.round(result.durationMs)} ms → ${out}/${unchanged}${counted ? ` (${counted})` : ''}\n`)
  return 0
}

async function runDev(values: { root?: string; content?: string; port?: string; host?: string; open?: boolean }): Promise<number> {
  const port = values.port === undefined ? 4000 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) return usage(`--port takes a port number, not \`${values.port}\``)
  // Loaded only for `weft dev`: a build never needs the watcher or the server.
  const { startDev } = await import('./dev/dev.js')
  const server = await startDev({ root: values.root, content: values.content, port, strictPort: values.port !== undefined, host: values.host, open: values.open })
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      process.stdout.write('weft: stopping\n')
      server.close().then(resolve, resolve)
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
  return 0
}

function runExpand(file: string, root: string | undefined): number {
  const { text, messages } = expandFile(file, { root: root ?? '.' })
  if (messages.length > 0) process.stderr.write(`${formatMessages(messages)}\n`)
  if (messages.some((message) => message.severity === 'error')) return 1
  process.stdout.write(text)
  return 0
}

function runInit(dir: string | undefined): number {
  let result
  try {
    result = initSite(dir)
  } catch (error) {
    if (!(error instanceof InitError)) throw error
    process.stderr.write(`weft: ${error.message}\n    hint: ${error.hint}\n`)
    return 1
  }
  const shown = path.relative(process.cwd(), result.dir)
  const next = [...(shown ? [`cd ${shellWord(shown)}`] : []), 'npm install', 'npm run dev']
  const lines = [`weft: wrote a starter site in ${shown || 'this folder'}:`, ...result.written.map((file) => `  ${file}`), 'Next, to see it in a browser:', ...next.map((command) => `  ${command}`)]
  process.stdout.write(`${lines.join('\n')}\n`)
  return 0
}

/** A path as one word for a POSIX shell: as it is when plain, else in single quotes. */
function shellWord(text: string): string {
  return /^[\w./-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`
}

function usage(message: string): number {
  process.stderr.write(`weft: ${message}\nRun \`weft --help\` for usage.\n`)
  return 2
}
