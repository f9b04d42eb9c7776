// DNS rebinding: the dev server answers only the hosts that name this machine
// (`localhost`, IP literals), the `--host` it listens on and those the config allows;
// any other `Host` gets a 403 on every path, live-reload events and script included.

import dns from 'node:dns'
import fs from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resolveConfig } from '../../src/config.js'
import { startDev, type DevServer } from '../../src/dev/dev.js'
import { isAllowedHost } from '../../src/dev/host-check.js'
import { makeSite } from '../helpers/site.js'

const page = '---\ntitle: Secret page\n---\nThe secret is 4711.\n'

/** A request with `host` as its Host header, whatever the address it goes to. */
function get(base: string, rawPath: string, host: string): Promise<{ status: number; body: string; type: string | undefined }> {
  return new Promise((resolve, reject) => {
    const request = http.request(base, { path: rawPath, headers: { host } }, (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk) => (body += chunk))
      // The event stream never ends by itself: its first bytes are enough.
      if (response.headers['content-type'] === 'text/event-stream') response.once('data', () => request.destroy())
      const done = () => resolve({ status: response.statusCode!, body, type: response.headers['content-type'] })
      response.on('end', done)
      response.on('close', done)
    })
    request.on('error', reject)
    request.end()
  })
}

/** Sends `text` as it is, and resolves with all the server answered. */
function raw(base: string, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = ''
    const socket = net.connect(Number(new URL(base).port), new URL(base).hostname, () => socket.end(text))
    socket.setEncoding('utf8')
    socket.on('data', (chunk) => (answer += chunk))
    socket.on('close', () => resolve(answer))
    socket.on('error', reject)
  })
}

describe('isAllowedHost', () => {
  const rules = { allowedHosts: ['docs.internal', '.example.test'] }
  it('allows localhost, its subdomains and IP literals, whatever the port', () => {
    for (const host of ['localhost', 'localhost:4000', 'LOCALHOST:4000', 'localhost.', 'docs.localhost:4000', '127.0.0.1:4000', '10.1.2.3', '[::1]:4000', '[::1]', '[fe80::1]:80', '[::ffff:127.0.0.1]:4000']) {
      expect(isAllowedHost(host, { allowedHosts: [] }), host).toBe(true)
    }
  })
  it('refuses other names, a missing host and malformed ones', () => {
    for (const host of [undefined, '', 'evil.example', 'evil.example:4000', 'localhost.evil.example', '127.0.0.1.evil.example', 'notlocalhost', '[evil.example]:4000', 'localhost:4000@evil.example', 'evil.example/x', '::1', 'a b']) {
      expect(isAllowedHost(host, { allowedHosts: [] }), String(host)).toBe(false)
    }
  })
  it('allows the names the config lists, a leading dot for a domain and its subdomains', () => {
    for (const host of ['docs.internal:4000', 'DOCS.INTERNAL', 'example.test', 'a.example.test:4000', 'a.b.example.test']) expect(isAllowedHost(host, rules), host).toBe(true)
    for (const host of ['x.docs.internal', 'docs.internal.evil', 'badexample.test', 'example.test.evil']) expect(isAllowedHost(host, rules), host).toBe(false)
  })
  it('allows the host the server listens on, and any host with `true`', () => {
    expect(isAllowedHost('mybox.lan:4000', { allowedHosts: [], host: 'mybox.lan' })).toBe(true)
    expect(isAllowedHost('MyBox.Lan', { allowedHosts: [], host: 'mybox.lan' })).toBe(true)
    expect(isAllowedHost('other.lan:4000', { allowedHosts: [], host: 'mybox.lan' })).toBe(false)
    expect(isAllowedHost('evil.example:4000', { allowedHosts: true })).toBe(true)
    expect(isAllowedHost(undefined, { allowedHosts: true })).toBe(false)
  })
})

describe('the dev server and the Host header', () => {
  let server: DevServer
  let base: string
  let port: string
  beforeAll(async () => {
    const root = makeSite({ 'content/index.md': page })
    server = await startDev({ root, port: 0, config: { search: false, dev: { allowedHosts: ['docs.internal', '.example.test'] } }, log: () => {} })
    base = server.url
    port = new URL(base).port
  })
  afterAll(() => server?.close())

  it('refuses a spoofed host on a page, the live-reload events and the client script, saying how to allow it', async () => {
    for (const rawPath of ['/', '/index.html', '/__weft/events?page=index.html', '/__weft/client.js', '/nothing-here/']) {
      const answer = await get(base, rawPath, `evil.example:${port}`)
      expect(answer.status, rawPath).toBe(403)
      expect(answer.type).toBe('text/plain; charset=utf-8')
      expect(answer.body).toBe('Blocked request: host `evil.example` is not allowed; add it to `dev.allowedHosts` in weft.config.js\n')
    }
    expect(server.connections).toBe(0)
  })

  it('refuses a request without a Host header', async () => {
    // Node itself refuses an HTTP/1.1 request without one (400); HTTP/1.0 does not require one, so weft does.
    const http10 = await raw(base, 'GET / HTTP/1.0\r\n\r\n')
    expect(http10).toMatch(/^HTTP\/1\.1 403 /)
    expect(http10).toMatch(/\r\n\r\nBlocked request: it has no `Host` header\n$/)
    const http11 = await raw(base, 'GET / HTTP/1.1\r\nConnection: close\r\n\r\n')
    expect(http11).toMatch(/^HTTP\/1\.1 400 /)
    expect(http11).not.toContain('4711')
  })

  it('answers localhost, IP literals and the hosts the config allows', async () => {
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, `docs.internal:${port}`, `www.example.test:${port}`, 'example.test']) {
      const answer = await get(base, '/', host)
      expect(answer.status, host).toBe(200)
      expect(answer.body).toContain('The secret is 4711.')
    }
    const events = await get(base, '/__weft/events?page=index.html', `localhost:${port}`)
    expect(events.status).toBe(200)
    expect(events.body).toContain(': weft live reload')
  })
})

// The machine's own name stands for one an author would give `--host`; where it does not resolve, there is nothing to listen on.
const machine = os.hostname()
const machineResolves = await dns.promises.lookup(machine).then(
  () => true,
  () => false,
)

describe('the dev server with --host', () => {
  it.skipIf(!machineResolves)('answers the name it was given, and a config file’s `dev.allowedHosts`', async () => {
    const root = makeSite({ 'content/index.md': page, 'weft.config.js': "export default { search: false, dev: { allowedHosts: ['.from-file.test'] } }\n" })
    const server = await startDev({ root, port: 0, host: machine, log: () => {} })
    try {
      expect((await get(server.url, '/', `${machine}:${new URL(server.url).port}`)).status).toBe(200)
      expect((await get(server.url, '/', 'docs.from-file.test')).status).toBe(200)
      expect((await get(server.url, '/', 'evil.example')).status).toBe(403)
    } finally {
      await server.close()
    }
  })
})

describe('`dev` in the config', () => {
  const root = makeSite({ 'content/index.md': page })
  const write = (text: string) => fs.writeFileSync(path.join(root, 'weft.config.js'), text)

  it('takes a list of hosts, or true', async () => {
    expect((await resolveConfig({ root, config: {} })).dev).toEqual({ allowedHosts: [] })
    expect((await resolveConfig({ root, config: { dev: { allowedHosts: ['.example.test'] } } })).dev).toEqual({ allowedHosts: ['.example.test'] })
    expect((await resolveConfig({ root, config: { dev: { allowedHosts: true } } })).dev).toEqual({ allowedHosts: true })
  })

  it('refuses unknown keys and wrong types, clearly', async () => {
    const refusal = (config: unknown) => resolveConfig({ root, config: config as never }).then(() => 'accepted', (error: Error) => error.message)
    expect(await refusal({ dev: { allowHosts: ['x'] } })).toBe('the config has an unknown key `dev.allowHosts` (weft knows `dev.allowedHosts`)')
    expect(await refusal({ dev: ['x'] })).toBe('`dev` in the config must be an object, such as `{ allowedHosts: [\'docs.example.test\'] }`')
    expect(await refusal({ dev: { allowedHosts: 'x' } })).toBe('`dev.allowedHosts` in the config must be a list of host names, or true to allow any host')
    expect(await refusal({ dev: { allowedHosts: false } })).toBe('`dev.allowedHosts` in the config must be a list of host names, or true to allow any host')
    expect(await refusal({ dev: { allowedHosts: ['ok.test', 4] } })).toBe('`dev.allowedHosts` in the config must be a list of host names, or true to allow any host')
    expect(await refusal({ dev: { allowedHosts: ['ok.test', ''] } })).toBe('`dev.allowedHosts` in the config must be a list of host names, or true to allow any host')
    write("export default { dev: { allowedhosts: ['x'] } }\n")
    expect(await resolveConfig({ root }).then(() => 'accepted', (error: Error) => error.message)).toBe('`weft.config.js` has an unknown key `dev.allowedhosts` (weft knows `dev.allowedHosts`)')
  })
})
