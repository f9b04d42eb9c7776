// `weft dev`: builds the site, serves it from memory with live reload, and
// watches the sources. A save rebuilds only the pages it touches; a build error
// goes to the terminal and to an overlay on the open pages, while the last good
// pages keep being served.

import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { watch, type FSWatcher } from 'chokidar'
import { ConfigError, configNames } from '../config.js'
import type { WeftMessage } from '../core/diagnostics.js'
import { closeSearch, defaultTemplates, Project, TemplateError, type BuildOutcome, type ProjectOptions } from '../project/project.js'
import { printOutput } from '../core/print-output.js'
import { DevError } from './dev-error.js'
import { countMessages, formatChangedMessages, formatMessages } from '../report.js'
import { createCoalescer } from './coalesce.js'
import { createLiveServer } from './serve.js'
import { isInside } from '../core/paths.js'

export interface DevOptions extends ProjectOptions {
  port?: number
  host?: string
  /** The port was asked for: if it is taken, fail instead of taking the next one. */
  strictPort?: boolean
  open?: boolean
  /** Where progress lines go (default: stdout). */
  log?: (line: string) => void
  /** How long saves must be quiet before a rebuild (default 8 ms: an editor's write-then-rename arrives as one save). */
  quietMs?: number
  /** Called after every rebuild, with when its first change was seen. */
  onRebuild?: (outcome: BuildOutcome | undefined, firstChangeAt: number) => void
}

export interface DevServer {
  url: string
  /** Resolves once no change is waiting and no rebuild is running. */
  idle(): Promise<void>
  close(): Promise<void>
  readonly connections: number
}

export { DevError } from './dev-error.js'

/** How long after a rebuild the 404 page and the sitemap are made. */
const siteFilesDelayMs = 800

export async function startDev(options: DevOptions = {}): Promise<DevServer> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`))
  let project = await Project.open({ ...options, live: true })
  const root = project.config.root
  let errors: { messages: ReturnType<typeof errorPayload> } | undefined
  // What the terminal shows already: a rebuild says only what changed since.
  let shown: WeftMessage[] | undefined

  const say = (messages: WeftMessage[]) => {
    const text = shown ? formatChangedMessages(shown, messages) : formatMessages(messages)
    if (text) log(text)
    shown = messages
  }
  const report = (outcome: BuildOutcome) => {
    say(outcome.messages)
    errors = outcome.ok ? undefined : { messages: errorPayload(outcome.messages, root) }
  }
  const first = await project.build()
  report(first)
  log(first.ok ? `weft: built ${first.site.pages.length} pages in ${Math.round(first.durationMs)} ms` : `weft: the build failed (${countMessages(first.messages)}); fix it and save`)

  // The 404 page and the sitemap follow each good build a moment later, once the
  // open pages have reloaded. The print view and the search index, which take every
  // page (Pagefind spends seconds of CPU on a large site), are made only when they
  // are asked for: when the print view is opened, or the search box first used
  // after a save.
  let siteFilesQueue = Promise.resolve()
  let siteFilesTimer: NodeJS.Timeout | undefined
  let siteFilesPending: (() => void) | undefined
  const updateSiteFilesSoon = () => {
    clearTimeout(siteFilesTimer)
    if (!siteFilesPending) {
      let release!: () => void
      const waiting = new Promise<void>((resolve) => (release = resolve))
      siteFilesQueue = siteFilesQueue.then(() => waiting)
      siteFilesPending = release
    }
    siteFilesTimer = setTimeout(() => {
      const current = project
      const release = siteFilesPending!
      siteFilesPending = undefined
      current
        .updateSiteFiles(['404.html', 'sitemap.xml'])
        .then(
          () => undefined,
          (error: Error) => log(`weft: the site-wide files could not be made: ${error.message}`),
        )
        .finally(release)
    }, siteFilesDelayMs)
  }
  if (first.ok) updateSiteFilesSoon()
  await project.warmUp().catch(() => {})
  void project.warmPool().catch(() => {})

  const host = options.host ?? '127.0.0.1'
  // The config read again after a save of it: its `dev.allowedHosts` too.
  const live = createLiveServer(
    () => project,
    () => ({ allowedHosts: project.config.dev.allowedHosts, host }),
  )
  live.onConnect = (send) => {
    if (errors) send('error-state', errors)
  }
  let searchStale = true
  let searching: Promise<void> | undefined
  // The print view takes every page: requests that ask for it together share one making of it.
  const printView = shareRuns(() =>
    project.updateSiteFiles([printOutput]).then(
      () => undefined,
      (error: Error) => log(error instanceof TemplateError ? formatMessages([error.toMessage(root)]) : `weft: the print view could not be made: ${error.message}`),
    ),
  )
  live.prepare = async (output) => {
    // A page the running rebuild has yet to render is rendered now, and served new.
    await project.ready(output)
    if (output === printOutput || `${output}/index.html` === printOutput) await printView.run()
    if (!output.startsWith('pagefind/') || !project.config.search) return
    if (searchStale && !searching) {
      searchStale = false
      const current = project
      searching = current
        .updateSearch()
        .then(
          () => undefined,
          (error: Error) => log(`weft: the search index could not be built: ${error.message}`),
        )
        .finally(() => (searching = undefined))
    }
    await searching
  }
  const port = await listen(live.server, host, options.port ?? 4000, options.strictPort === true, log)
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}/`

  const siteFolders = ['includes', 'images', 'templates'].map((name) => path.join(root, name))
  const watched = new Set([project.config.contentDir, ...siteFolders, defaultTemplates, ...configNames.map((name) => path.join(root, name))].filter((file) => fs.existsSync(file)))
  // The content walk skips `node_modules` (there is one when the content folder is the
  // site's root): so does the watcher, but for weft's own theme, which may be installed there.
  const inModules = (file: string) => isInside(file, project.config.contentDir) && !isInside(file, defaultTemplates) && /(^|[/\\])node_modules([/\\]|$)/.test(path.relative(project.config.contentDir, file))
  const watcher: FSWatcher = watch([...watched], { ignoreInitial: true, ignored: (file) => isInside(file, project.config.outDir) || /(^|[/\\])\.(git|weft)/.test(file) || (inModules(file) && !watched.has(file)) })
  // chokidar does not see a path that does not exist yet: the root is watched (not below it)
  // for the site's folders that appear, such as a first `templates/`, which are then watched too.
  const missing = siteFolders.filter((folder) => !watched.has(folder))
  const rootWatcher: FSWatcher | undefined = missing.length > 0 ? watch(root, { ignoreInitial: true, depth: 0, ignored: (file) => path.resolve(file) !== root && !missing.includes(path.resolve(file)) }) : undefined
  const rootWatcherReady = new Promise<void>((resolve) => (rootWatcher ? rootWatcher.once('ready', () => resolve()) : resolve()))
  rootWatcher?.on('addDir', (folder) => {
    const resolved = path.resolve(folder)
    if (!missing.includes(resolved) || watched.has(resolved)) return
    watched.add(resolved)
    watcher.add(resolved)
    // What was written into it before the watcher got there.
    coalescer.add(resolved)
  })
  // Files outside the watched folders that pages depend on (an include from elsewhere):
  // after a rebuild, those of the pages it rendered (the others' are watched already).
  const watchDependencies = (rendered?: string[]) => {
    const extra = [...project.dependencies(rendered)].filter((file) => !watched.has(file) && (inModules(file) || ![...watched].some((folder) => isInside(file, folder))))
    for (const file of extra) watched.add(file)
    if (extra.length > 0) watcher.add(extra)
  }
  watchDependencies()

  let firstChangeAt = 0
  const coalescer = createCoalescer({ quietMs: options.quietMs ?? 8, maxWaitMs: 250 }, async (files) => {
    const changeAt = firstChangeAt
    firstChangeAt = 0
    let outcome: BuildOutcome | undefined
    const configChanged = [...files].some((file) => configNames.includes(path.basename(file)) && path.dirname(file) === root)
    // A page updates in place when only its content changed; new templates, theme
    // scripts or settings may change what runs in it, and it loads again.
    const theme = configChanged || [...files].some((file) => !file.endsWith('.css') && [path.join(root, 'templates'), defaultTemplates].some((folder) => isInside(file, folder)))
    // A second event from one save (an editor that writes a file twice, or the look again after
    // chokidar's window): the pages read as the last build read them, and nothing is built or said.
    if (!theme && project.readsAsBefore(files)) return
    try {
      if (configChanged) {
        const previous = project
        project = await Project.open({ ...options, live: true })
        await previous.close()
        outcome = await project.build()
      } else {
        // The open pages first, shown as soon as they are rendered; the rest follow.
        outcome = await project.build(files, { outputs: live.openPages, show: (outputs) => live.broadcast('update', { changed: outputs, theme }) })
      }
    } catch (error) {
      if (error instanceof TemplateError) {
        const message = error.toMessage(root)
        say([message])
        errors = { messages: errorPayload([message], root) }
      } else if (error instanceof ConfigError) {
        log(`weft: ${error.message}${error.hint ? `\n    hint: ${error.hint}` : ''}`)
        // After this line, the next good build shows all its messages again.
        shown = undefined
        errors = { messages: [{ file: '', line: 0, column: 0, severity: 'error', reason: error.message, ruleId: 'config', includedFrom: [], sourceLine: undefined, note: error.hint }] }
      } else throw error
      live.broadcast('error-state', errors)
      options.onRebuild?.(undefined, changeAt)
      return
    }
    report(outcome)
    if (outcome.ok) {
      // A changed page changes the print view too: an open one reloads, and is made again then.
      const changed = [...outcome.changed]
      if (changed.some((output) => output.endsWith('.html'))) changed.push(printOutput)
      live.broadcast('update', { changed, theme })
      searchStale = true
      updateSiteFilesSoon()
      log(`weft: rebuilt ${outcome.rendered.length} page${outcome.rendered.length === 1 ? '' : 's'} in ${Math.round(outcome.durationMs)} ms`)
    } else {
      live.broadcast('error-state', errors)
      log(`weft: the build failed (${countMessages(outcome.messages)}); still serving the last good pages`)
    }
    watchDependencies(outcome.rendered)
    // An include saved during this rebuild without an event from the watcher: one more rebuild.
    for (const file of project.missedChanges()) coalescer.add(file)
    options.onRebuild?.(outcome, changeAt)
  })
  watcher.on('all', (event, file, stats) => {
    if (firstChangeAt === 0) firstChangeAt = performance.now()
    coalescer.add(path.resolve(file))
    if (event === 'change') lookAgain(path.resolve(file), stats)
  })
  // chokidar drops a change that comes within 50 ms of the last one it reported for a
  // file (two quick saves, the second of which would be lost): look at it again after.
  const reported = new Map<string, fs.Stats | undefined>()
  const lookAgain = (file: string, stats: fs.Stats | undefined) => {
    reported.set(file, stats ?? fs.statSync(file, { throwIfNoEntry: false }))
    setTimeout(() => {
      const seen = reported.get(file)
      const now = fs.statSync(file, { throwIfNoEntry: false })
      reported.set(file, now)
      if (now && seen && (now.mtimeMs !== seen.mtimeMs || now.size !== seen.size || now.ino !== seen.ino)) coalescer.add(file)
    }, 60).unref()
  }
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()))
  await rootWatcherReady

  log(`weft: serving ${url} (Ctrl-C to stop)`)
  if (options.open) openBrowser(url)
  return {
    url,
    idle: async () => {
      await coalescer.idle()
      await siteFilesQueue
    },
    get connections() {
      return live.connections
    },
    async close() {
      coalescer.close()
      if (siteFilesPending) {
        clearTimeout(siteFilesTimer)
        siteFilesPending()
      }
      await watcher.close()
      await rootWatcher?.close()
      await live.close()
      await siteFilesQueue
      await printView.settled()
      await searching
      await closeSearch()
      await project.close()
    },
  }
}

/**
 * `work` run once for all who call while nothing runs; those who call while it runs
 * share the run after it, which sees what changed meanwhile (a save during the
 * print view's making). `work` must not reject.
 */
function shareRuns(work: () => Promise<void>): { run(): Promise<void>; settled(): Promise<void> } {
  let running: Promise<void> | undefined
  let next: Promise<void> | undefined
  const start = () => {
    const current: Promise<void> = work().finally(() => {
      if (running === current) running = undefined
    })
    return (running = current)
  }
  return {
    run() {
      if (next) return next
      if (!running) return start()
      next = running.then(() => {
        next = undefined
        return start()
      })
      return next
    },
    /** Resolves once no run is going or waiting. */
    settled: async () => {
      while (next ?? running) await (next ?? running)
    },
  }
}

function listen(server: import('node:http').Server, host: string, port: number, strict: boolean, log: (line: string) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const attempt = (candidate: number) => {
      const onError = (error: NodeJS.ErrnoException) => {
        server.off('listening', onListening)
        if (error.code === 'EADDRINUSE' && !strict && candidate < port + 20) {
          log(`weft: port ${candidate} is in use, trying ${candidate + 1}`)
          attempt(candidate + 1)
        } else if (error.code === 'EADDRINUSE') {
          reject(new DevError(`Port ${candidate} on ${host} is already in use; stop what runs there or choose another with --port`))
        } else {
          reject(new DevError(`Cannot listen on ${host}:${candidate}: ${error.message}`))
        }
      }
      const onListening = () => {
        server.off('error', onError)
        const address = server.address()
        resolve(typeof address === 'object' && address ? address.port : candidate)
      }
      server.once('error', onError)
      server.once('listening', onListening)
      server.listen(candidate, host)
    }
    attempt(port)
  })
}

/** Messages as the overlay shows them, with the line of source each points at. */
function errorPayload(messages: WeftMessage[], root: string) {
  return messages
    .filter((message) => message.severity === 'error')
    .map((message) => {
      let sourceLine: string | undefined
      if (message.file && message.line) {
        try {
          sourceLine = fs.readFileSync(path.join(root, message.file), 'utf8').split(/\r\n|\r|\n/)[message.line - 1]
        } catch {
          sourceLine = undefined
        }
      }
      return { file: message.file ?? '', line: message.line ?? 0, column: message.column ?? 0, severity: message.severity, reason: message.reason, ruleId: message.ruleId ?? '', includedFrom: message.includedFrom, sourceLine, note: message.note }
    })
}

function openBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open'
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url]
  const child = spawn(command, args, { stdio: 'ignore', detached: true })
  child.on('error', () => {})
  child.unref()
}
