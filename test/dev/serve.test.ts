// The dev server serves the built site and nothing else: `weft dev` on a real site,
// with a secret file beside the site's folder, a file in the site's folder that is
// not published, and the machine's own files, none of which may come back in any
// answer to any request, however its path is written.

import fs from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDev, type DevServer } from '../../src/dev/dev.js'
import { requestPath } from '../../src/dev/serve.js'
import { repoRoot } from '../helpers/site.js'

const secret = 'SECRET-c0ffee-outside-the-site'
const unpublished = 'UNPUBLISHED-5eed-in-the-site-folder'
/** What `/etc/passwd` starts with on any Linux machine. */
const passwd = 'root:x:0:0'

let server: DevServer
let folder: string
let port = 0
/** Every answer the server gave in this file: none may hold a file from outside the site. */
const answers: { request: string; body: string }[] = []

beforeAll(async () => {
  // <folder>/secret beside <folder>/site, the site's root.
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-serve-'))
  fs.writeFileSync(path.join(folder, 'secret'), `${secret}\n`)
  const root = path.join(folder, 'site')
  const files: Record<string, string | Buffer> = {
    'content/index.md': '---\ntitle: Home\n---\nWelcome home.\n\n![logo](../images/logo.png)\n',
    'content/guide.md': '---\ntitle: Guide\n---\nThe guide.\n',
    'private.txt': `${unpublished}\n`,
    'images/logo.png': fs.readFileSync(path.join(repoRoot, 'images', 'secure.png')),
  }
  for (const [name, contents] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true })
    fs.writeFileSync(path.join(root, name), contents)
  }
  server = await startDev({ root, port: 0, host: '127.0.0.1', config: { search: false }, log: () => {} })
  port = Number(new URL(server.url).port)
}, 60_000)

afterAll(async () => {
  await server?.close()
  expect(answers.length).toBeGreaterThan(40)
  for (const { request, body } of answers) expectNothingOutside(body, request)
})

function expectNothingOutside(body: string, request: string): void {
  expect(body, request).not.toContain(secret)
  expect(body, request).not.toContain(unpublished)
  expect(body, request).not.toContain(passwd)
}

/** A request whose path reaches the server exactly as written, with the Host the server allows. */
function get(rawPath: string, method = 'GET'): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, method, path: rawPath, headers: { host: `127.0.0.1:${port}` } }, (response) => {
      let body = ''
      response.setEncoding('latin1')
      response.on('data', (chunk) => (body += chunk))
      response.on('end', () => {
        answers.push({ request: `${method} ${rawPath}`, body })
        resolve({ status: response.statusCode!, body, headers: response.headers })
      })
    })
    request.on('error', reject)
    request.end()
  })
}

/** A request line sent as it is over a socket (absolute form, raw bytes): the status and all of the answer. */
function raw(requestLine: string): Promise<{ status: number; answer: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1')
    let answer = ''
    socket.setEncoding('latin1')
    socket.on('data', (chunk) => (answer += chunk))
    socket.on('error', reject)
    socket.on('close', () => {
      answers.push({ request: JSON.stringify(requestLine), body: answer })
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1]), answer })
    })
    socket.write(`${requestLine}\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`, 'latin1')
  })
}

describe('the dev server', () => {
  it('serves pages with the live-reload script, and copied files', async () => {
    const home = await get('/')
    expect(home.status).toBe(200)
    expect(home.body).toContain('Welcome home.')
    // The page's first script, so that it runs before the theme's and sees the page as served.
    expect(home.body.indexOf('<script src="/__weft/client.js" defer></script>')).toBe(home.body.indexOf('<script'))
    expect((await get('/guide/')).body).toContain('The guide.')
    expect((await get('/guide')).status).toBe(301)
    const image = await get('/images/logo.png')
    expect(image.status).toBe(200)
    expect(image.headers['content-type']).toBe('image/png')
    expect(Buffer.from(image.body, 'latin1').equals(fs.readFileSync(path.join(repoRoot, 'images', 'secure.png')))).toBe(true)
  })

  // The server refuses with 400 a path that, decoded once, holds `..` or `.` as a segment, a
  // backslash, a NUL or `//` at its start, or that does not decode, or is too long.
  it.each([
    '/../secret',
    '/../../secret',
    '/../../../../../../etc/passwd',
    '/%2e%2e/secret',
    '/%2E%2E%2Fsecret',
    '/%2e%2e%2f%2e%2e%2fsecret',
    '/..%2fsecret',
    '/.%2e/secret',
    '/guide/..%2f..%2f..%2fsecret',
    '/guide/../../secret',
    '/./secret',
    '/..\\secret',
    '/%5c..%5csecret',
    '/..%5csecret',
    '/%5c%5c..%5c..%5csecret',
    '//etc/passwd',
    '//../secret',
    '/%2f%2fetc/passwd',
    '/images/%00.png',
    '/secret%00.html',
    '/%zz',
    '/%c0%ae%c0%ae/secret',
    `/${'a/'.repeat(1100)}secret`,
  ])('refuses %s with 400', async (url) => {
    const response = await get(url)
    expect(response.status).toBe(400)
    expectNothingOutside(response.body, url)
  })

  // Anything else that is not a file of the site: 404, never a listing.
  it.each([
    '/secret',
    '/private.txt',
    '/etc/passwd',
    '/content/index.md',
    '/content/',
    '/images/',
    '/..%252fsecret',
    '/%252e%252e/secret',
    '/.../secret',
    '/secret?/../secret',
    '/package.json',
  ])('answers %s with 404', async (url) => {
    const response = await get(url)
    expect(response.status).toBe(404)
    expectNothingOutside(response.body, url)
  })

  it.each([
    ['GET http://127.0.0.1:PORT/../secret HTTP/1.1', 400],
    ['GET http://127.0.0.1:PORT/..%2fsecret HTTP/1.1', 400],
    ['GET http://127.0.0.1:PORT/secret HTTP/1.1', 400],
    ['GET http://127.0.0.1:PORT/ HTTP/1.1', 400],
    ['GET file:///etc/passwd HTTP/1.1', 400],
    ['GET ../secret HTTP/1.1', 400],
    ['GET * HTTP/1.1', 400],
    ['GET /..\\secret HTTP/1.1', 400],
    ['GET /../secret HTTP/1.0', 400],
    ['GET /\0/../secret HTTP/1.1', 400],
    ['GET /secret HTTP/1.1', 404],
  ])('answers the raw request %j with %i', async (line, status) => {
    const response = await raw(line.replace('PORT', String(port)))
    expect(response.status, response.answer.slice(0, 200)).toBe(status)
    expectNothingOutside(response.answer, line)
  })

  it('refuses other methods and sends no CORS headers', async () => {
    expect((await get('/', 'POST')).status).toBe(405)
    expect((await get('/', 'DELETE')).status).toBe(405)
    expect((await get('/../secret', 'PUT')).status).toBe(405)
    const home = await get('/')
    expect(Object.keys(home.headers).filter((name) => name.startsWith('access-control-'))).toEqual([])
  })

  it('reads request paths strictly', () => {
    expect(requestPath('/a/b.html?x=1#y')).toBe('a/b.html')
    expect(requestPath('/a/./b')).toBe(400)
    expect(requestPath('relative')).toBe(400)
    expect(requestPath('/' + 'a'.repeat(5000))).toBe(400)
  })
})
