// The dev server serves the built site and nothing else.

import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLiveServer, requestPath } from '../../src/dev/serve.js'
import { repoRoot } from '../helpers/site.js'
import path from 'node:path'

const files = new Map<string, string>([
  ['index.html', '<!doctype html><body>home</body>'],
  ['guide/index.html', '<!doctype html><body>guide</body>'],
  ['assets/site.css', 'body{}'],
])
const copies = new Map([['images/logo.png', path.join(repoRoot, 'images', 'secure.png')]])
const live = createLiveServer(() => ({ files, copies }))
let base = ''

beforeAll(async () => {
  await new Promise<void>((resolve) => live.server.listen(0, '127.0.0.1', resolve))
  const address = live.server.address() as { port: number }
  base = `http://127.0.0.1:${address.port}`
})
afterAll(() => live.close())

/** A raw request, so that the path reaches the server exactly as written. */
function get(rawPath: string, method = 'GET'): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${base}/`, { method, path: rawPath }, (response) => {
      let body = ''
      response.setEncoding('latin1')
      response.on('data', (chunk) => (body += chunk))
      response.on('end', () => resolve({ status: response.statusCode!, body, headers: response.headers }))
    })
    request.on('error', reject)
    request.end()
  })
}

describe('the dev server', () => {
  it('serves pages with the live-reload script, and copied files', async () => {
    const home = await get('/')
    expect(home.status).toBe(200)
    expect(home.body).toContain('<script src="/__weft/client.js" defer></script></body>')
    expect((await get('/guide/')).body).toContain('guide')
    expect((await get('/guide')).status).toBe(301)
    const image = await get('/images/logo.png')
    expect(image.status).toBe(200)
    expect(image.headers['content-type']).toBe('image/png')
  })

  it.each([
    '/../package.json',
    '/%2e%2e/package.json',
    '/%2E%2E%2Fpackage.json',
    '/guide/..%2f..%2fpackage.json',
    '/..\\package.json',
    '/%5c..%5cpackage.json',
    '//etc/passwd',
    '/images/%00.png',
    '/%zz',
  ])('refuses %s with a 4xx and nothing outside the site', async (url) => {
    const response = await get(url)
    expect(response.status).toBeGreaterThanOrEqual(400)
    expect(response.status).toBeLessThan(500)
    expect(response.body).not.toContain('"name"')
  })

  it('answers an absolute-form or unknown path with 404 or 400, never a listing', async () => {
    expect((await get('/images/')).status).toBe(404)
    expect((await get('/etc/passwd')).status).toBe(404)
    expect((await get('/package.json')).status).toBe(404)
  })

  it('refuses other methods and sends no CORS headers', async () => {
    expect((await get('/', 'POST')).status).toBe(405)
    expect((await get('/', 'DELETE')).status).toBe(405)
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
