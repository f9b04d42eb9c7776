// A plain static file server over a built site, as any static host would serve it.

import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'

const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.png': 'image/png', '.svg': 'image/svg+xml', '.json': 'application/json', '.xml': 'application/xml' }

/** `prefix`: the site is served below this path (`/docs/`), as on a host that serves several sites. */
export async function serveFolder(folder: string, prefix = '/'): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((request, response) => {
    let name = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)
    name = name.startsWith(prefix) ? `/${name.slice(prefix.length)}` : '/\u0000outside'
    if (name.endsWith('/')) name += 'index.html'
    const file = path.join(folder, path.normalize(name))
    if (!file.startsWith(folder) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      response.writeHead(404, { 'Content-Type': types['.html']! }).end(fs.existsSync(path.join(folder, '404.html')) ? fs.readFileSync(path.join(folder, '404.html')) : 'Not found')
      return
    }
    response.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' }).end(fs.readFileSync(file))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
