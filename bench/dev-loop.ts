// The save-to-reload latency of `weft dev`, measured in a child: startDev() on the
// site (warm cache), a live-reload connection of our own to /__weft/events, then
// saves of one page, of the include of 50 pages and of the page's title, each timed
// from just before fs.writeFileSync to the arrival of the `update` event (and on to
// the changed page's HTML fetched again, as the open page does). The connection
// says which page it shows, as a browser's does (weft dev renders open pages first).

import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { cpuMsSince, median, reportFigures, sleep } from './measure.js'
import { childrenCpuAfterExit, liveChildrenCpuMs, reapedChildrenCpuMs } from './proc.js'
import { weftModule, type WeftDev } from './weft-module.js'

/** Saves of one page, of the shared include and of the page's title. */
export const DEV_PAGE_SAVES = 10
export const DEV_INCLUDE_SAVES = 5
export const DEV_TITLE_SAVES = 5

export interface SaveSample {
  latencyMs: number
  detectMs: number
  rebuildMs: number
  rendered: number
  rebuilds: number
  changedOutputs: number
  reloadMs: number
  cpuMs: number
  quietMs: number
}

/** One kind of save, repeated. */
export interface Saves {
  samples: SaveSample[]
  medianMs: number
  maxMs: number
  detectMedianMs: number
  rebuildMedianMs: number
  reloadMedianMs: number
  cpuMedianMs: number
}

export type DevFigures =
  | { ok: true; startMs: number; firstBuildPages: number; firstBuildMs: number; page: Saves; include: Saves; title: Saves; cpuMs: number; pagefindCpuMs: number | null }
  | { ok: false; problem: string; logs: string[] }

interface Rebuild {
  ok: boolean
  rendered: number
  durationMs: number
  firstChangeAt: number
}

/**
 * Runs the session and reports its figures. `args`: the page and the include to
 * save, and the output path of the page the connection shows for each.
 */
export async function measureDev(dir: string, args: string[]): Promise<void> {
  const [pageFile = '', includeFile = '', pageShown = '', includeShown = ''] = args
  // Whatever happens, this process ends (a handle left open must not hang the bench).
  const finish = (figures: DevFigures) => {
    reportFigures(figures)
    setTimeout(() => process.exit(0), 5000).unref()
  }
  const { startDev } = (await import(weftModule('dev/dev.js'))) as WeftDev
  const logs: string[] = []
  const rebuilds: Rebuild[] = []
  const childrenBefore = reapedChildrenCpuMs()
  const cpuBefore = process.cpuUsage()
  const started = performance.now()
  const server = await startDev({
    root: dir,
    port: 0,
    // Kept (not printed) to say why, if something fails.
    log: (line) => logs.push(line),
    onRebuild: (outcome, firstChangeAt) => rebuilds.push({ ok: outcome?.ok ?? false, rendered: outcome ? outcome.rendered.length : 0, durationMs: outcome?.durationMs ?? NaN, firstChangeAt }),
  })
  const startMs = performance.now() - started
  const built = logs.map((line) => /^weft: built (\d+) pages in (\d+) ms/.exec(line)).find(Boolean)
  let events: EventStream | undefined
  let closed = false
  try {
    if (!built) return finish({ ok: false, problem: 'the first build of weft dev failed', logs })
    const saves = async (file: string, count: number, edit: (contents: string, save: number) => string, shown: string): Promise<Saves | { problem: string }> => {
      events?.close()
      events = await openEvents(`${server.url}__weft/events?page=${encodeURIComponent(shown)}`)
      const samples: SaveSample[] = []
      let contents = fs.readFileSync(file, 'utf8')
      for (let save = 1; save <= count; save++) {
        await server.idle()
        const quietMs = await waitQuiet()
        events.clear()
        rebuilds.length = 0
        contents = edit(contents, save)
        const cpu = process.cpuUsage()
        const before = performance.now()
        fs.writeFileSync(file, contents)
        const event = await events.next(120_000)
        const cpuMs = cpuMsSince(cpu)
        if (!event) return { problem: `no event within 120 s of saving ${path.relative(dir, file)} (save ${save})` }
        if (event.event !== 'update') return { problem: `saving ${path.relative(dir, file)} (save ${save}) brought \`${event.event}\`: ${event.data}` }
        // What the open page does next: fetch itself again.
        const changed = (JSON.parse(event.data) as { changed: string[] }).changed
        const target = changed.find((output) => output.endsWith('.html') && !output.startsWith('print/') && output !== '404.html')
        if (target) await fetchText(`${server.url}${encodeURI(target)}`)
        const reloadMs = target ? performance.now() - before : NaN
        // A second rebuild of the same save would come now.
        await server.idle()
        await sleep(150)
        await server.idle()
        const rebuild = rebuilds[0]
        samples.push({ latencyMs: event.at - before, detectMs: rebuild ? rebuild.firstChangeAt - before : NaN, rebuildMs: rebuild?.durationMs ?? NaN, rendered: rebuild?.rendered ?? 0, rebuilds: rebuilds.length, changedOutputs: changed.length, reloadMs, cpuMs, quietMs })
      }
      const latencies = samples.map((sample) => sample.latencyMs)
      return {
        samples,
        medianMs: median(latencies),
        maxMs: Math.max(...latencies),
        detectMedianMs: median(samples.map((sample) => sample.detectMs)),
        rebuildMedianMs: median(samples.map((sample) => sample.rebuildMs)),
        reloadMedianMs: median(samples.map((sample) => sample.reloadMs)),
        cpuMedianMs: median(samples.map((sample) => sample.cpuMs)),
      }
    }
    const page = await saves(pageFile, DEV_PAGE_SAVES, (contents, save) => `${contents}\nA note the benchmark added while weft dev was watching (save ${save} of ${DEV_PAGE_SAVES}).\n`, pageShown)
    if ('problem' in page) return finish({ ok: false, problem: page.problem, logs })
    const include = await saves(includeFile, DEV_INCLUDE_SAVES, (contents, save) => `${contents}\nA line the benchmark added to the include (save ${save} of ${DEV_INCLUDE_SAVES}).\n`, includeShown)
    if ('problem' in include) return finish({ ok: false, problem: include.problem, logs })
    // A new title changes the navigation of the pages that list the page.
    const title = await saves(pageFile, DEV_TITLE_SAVES, (contents, save) => contents.replace(/^title:.*$/m, `title: "Renamed by the benchmark, save ${save}"`), pageShown)
    if ('problem' in title) return finish({ ok: false, problem: title.problem, logs })
    await waitQuiet()
    events?.close()
    closed = true
    await server.close()
    const cpuMs = cpuMsSince(cpuBefore)
    const pagefindCpuMs = await childrenCpuAfterExit(childrenBefore)
    return finish({ ok: true, startMs, firstBuildPages: Number(built[1]), firstBuildMs: Number(built[2]), page, include, title, cpuMs, pagefindCpuMs })
  } finally {
    events?.close()
    if (!closed) await server.close().catch(() => {})
  }
}

interface ServerEvent {
  event: string
  data: string
  /** performance.now() when it arrived. */
  at: number
}

interface EventStream {
  clear(): void
  /** The next event, or undefined after `timeoutMs`. */
  next(timeoutMs: number): Promise<ServerEvent | undefined>
  close(): void
}

/** A live-reload connection: the server-sent events, each stamped with when it arrived. */
function openEvents(url: string): Promise<EventStream> {
  return new Promise((resolve, reject) => {
    const queue: ServerEvent[] = []
    let waiting: ((message: ServerEvent) => void) | undefined
    const request = http.get(url, (response) => {
      if (response.statusCode !== 200 || !String(response.headers['content-type']).startsWith('text/event-stream')) {
        reject(new Error(`${url} answered ${response.statusCode} ${response.headers['content-type']}`))
        response.resume()
        return
      }
      response.setEncoding('utf8')
      let buffer = ''
      response.on('data', (chunk: string) => {
        const at = performance.now()
        buffer += chunk
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          let event = 'message'
          const data: string[] = []
          for (const line of block.split('\n')) {
            if (line.startsWith('event:')) event = line.slice(6).trim()
            else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''))
          }
          if (data.length === 0) continue // a comment, such as the greeting
          const message = { event, data: data.join('\n'), at }
          if (waiting) {
            const resolveNext = waiting
            waiting = undefined
            resolveNext(message)
          } else queue.push(message)
        }
      })
      resolve({
        clear: () => void (queue.length = 0),
        next: (timeoutMs) =>
          queue.length > 0
            ? Promise.resolve(queue.shift())
            : new Promise((resolveNext) => {
                const timer = setTimeout(() => {
                  waiting = undefined
                  resolveNext(undefined)
                }, timeoutMs)
                waiting = (message) => {
                  clearTimeout(timer)
                  resolveNext(message)
                }
              }),
        close: () => void request.destroy(),
      })
    })
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ECONNRESET') reject(error)
    })
  })
}

/** The body of a GET, as text. */
function fetchText(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (response) => {
        let body = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => (body += chunk))
        response.on('end', () => (response.statusCode === 200 ? resolve(body) : reject(new Error(`${url} answered ${response.statusCode}`))))
      })
      .on('error', reject)
  })
}

/** Until this process and its child processes (Pagefind's indexer) use under 5% of a core for 200 ms; how long that took. */
async function waitQuiet(maxMs = 120_000): Promise<number> {
  const started = performance.now()
  const busy = () => {
    const own = process.cpuUsage()
    return (own.user + own.system) / 1000 + liveChildrenCpuMs()
  }
  let last = busy()
  for (;;) {
    await sleep(200)
    const now = busy()
    if (now - last < 10 || performance.now() - started > maxMs) return performance.now() - started
    last = now
  }
}
