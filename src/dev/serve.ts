// The dev server: serves the site from memory and nothing else. A request whose
// `Host` is not this machine's or an allowed name is refused (DNS rebinding). A
// request path is decoded once, refused if it holds `..`, a backslash, a NUL or is
// not a clean absolute path, and then only looked up in the site's own file list —
// no other file on disk can be reached, and folders are never listed.

import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { clientPath, clientScript, eventsPath } from './client.js'
import { hostnameOf, isAllowedHost, type HostRules } from './host-check.js'

export interface SiteView {
  /** Output path → contents. */
  files: ReadonlyMap<string, string | Uint8Array>
  /** Output path → file on disk to send. */
  copies: ReadonlyMap<string, string>
}

export interface LiveServer {
  server: http.Server
  /** Send a server-sent event to every open page. */
  broadcast(event: string, data: unknown): void
  /** Called for each new page connection, to bring it up to date (e.g. with the current error). */
  onConnect: ((send: (event: string, data: unknown) => void) => void) | undefined
  /** Called before a file of the site is served: files made only when asked for are made then. */
  prepare: ((output: string) => Promise<void>) | undefined
  /** Open live-reload connections. */
  readonly connections: number
  /** The site paths the open pages show (`guide/index.html`). */
  readonly openPages: ReadonlySet<string>
  close(): Promise<void>
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.pdf': 'application/pdf',
  '.yaml': 'text/plain; charset=utf-8',
  '.yml': 'text/plain; charset=utf-8',
}

/** The site path a request URL names, or a status code to refuse it with. */
export function requestPath(url: string | undefined): string | number {
  if (!url || !url.startsWith('/') || url.length > 2048) return 400
  const raw = url.split(/[?#]/)[0]!
  let decoded: string
  try {
    decoded = decodeURIComponent(raw)
  } catch {
    return 400
  }
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.startsWith('//')) return 400
  const segments = decoded.split('/').slice(1)
  if (segments.some((segment) => segment === '..' || segment === '.')) return 400
  return segments.join('/')
}

/** The server for `site`, answering the hosts `hosts` allows (by default this machine's names and addresses only). */
export function createLiveServer(site: () => SiteView, hosts: () => HostRules = () => ({ allowedHosts: [] })): LiveServer {
  /** Each live-reload connection, with the page it shows. */
  const clients = new Map<http.ServerResponse, string>()
  const send = (response: http.ServerResponse, event: string, data: unknown) => {
    response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
  }
  const live: LiveServer = {
    server: undefined as unknown as http.Server,
    onConnect: undefined,
    prepare: undefined,
    get connections() {
      return clients.size
    },
    get openPages() {
      return new Set(clients.values())
    },
    broadcast(event, data) {
      for (const client of clients.keys()) send(client, event, data)
    },
    close() {
      for (const client of clients.keys()) client.destroy()
      clients.clear()
      return new Promise((resolve) => {
        live.server.close(() => resolve())
        live.server.closeAllConnections()
      })
    },
  }

  live.server = http.createServer((request, response) => {
    response.setHeader('X-Content-Type-Options', 'nosniff')
    const host = request.headers.host
    if (!isAllowedHost(host, hosts())) {
      const reason = host ? `host \`${hostnameOf(host) ?? host}\` is not allowed; add it to \`dev.allowedHosts\` in weft.config.js` : 'it has no `Host` header'
      response.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }).end(`Blocked request: ${reason}\n`)
      return
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end('Method not allowed\n')
      return
    }
    const wanted = requestPath(request.url)
    if (typeof wanted === 'number') {
      response.writeHead(wanted, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Bad request\n')
      return
    }
    if ('/' + wanted === eventsPath) {
      response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' })
      response.write(': weft live reload\n\n')
      clients.set(response, new URL(request.url!, 'http://weft').searchParams.get('page') ?? '')
      request.on('close', () => clients.delete(response))
      live.onConnect?.((event, data) => send(response, event, data))
      return
    }
    if ('/' + wanted === clientPath) {
      response.writeHead(200, { 'Content-Type': types['.js']!, 'Cache-Control': 'no-store' }).end(request.method === 'HEAD' ? undefined : clientScript)
      return
    }
    const file = wanted === '' || wanted.endsWith('/') ? `${wanted}index.html` : wanted
    const prepared = live.prepare ? live.prepare(file).catch(() => {}) : Promise.resolve()
    void prepared.then(() => serveFile(site(), request, response, wanted, file))
  })
  return live
}

function serveFile({ files, copies }: SiteView, request: http.IncomingMessage, response: http.ServerResponse, wanted: string, file: string): void {
  if (!files.has(file) && !copies.has(file) && files.has(`${file}/index.html`)) {
    response.writeHead(301, { Location: `/${encodeURI(wanted)}/` }).end()
    return
  }
  const headers = { 'Content-Type': types[path.extname(file).toLowerCase()] ?? 'application/octet-stream', 'Cache-Control': 'no-store' }
  const body = files.get(file)
  if (body !== undefined) {
    const content = file.endsWith('.html') ? injectClient(body) : body
    response.writeHead(200, headers).end(request.method === 'HEAD' ? undefined : content)
    return
  }
  const copy = copies.get(file)
  if (copy !== undefined) {
    fs.readFile(copy, (error, data) => {
      if (error) response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n')
      else response.writeHead(200, headers).end(request.method === 'HEAD' ? undefined : data)
    })
    return
  }
  const notFound = files.get('404.html')
  response.writeHead(404, { 'Content-Type': types['.html']!, 'Cache-Control': 'no-store' })
  response.end(request.method === 'HEAD' ? undefined : notFound !== undefined ? injectClient(notFound) : injectClient('<!doctype html><title>Not found</title><h1>Not found</h1>'))
}

// Before the page's first script, so that it runs before the theme's (both deferred)
// and sees the page as served: it updates the page in place from that.
function injectClient(html: string | Uint8Array): string {
  const text = typeof html === 'string' ? html : Buffer.from(html).toString('utf8')
  const tag = `<script src="${clientPath}" defer></script>`
  const firstScript = text.search(/<script[\s>]/i)
  const at = firstScript === -1 ? text.lastIndexOf('</body>') : firstScript
  return at === -1 ? text + tag : text.slice(0, at) + tag + text.slice(at)
}
