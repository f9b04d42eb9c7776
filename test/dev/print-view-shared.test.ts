// The print view in `weft dev` is made once per change, however many requests ask
// for it at once, and a save that lands while it is being made is not lost: the next
// request gets a print view with it.

import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startDev, type DevServer } from '../../src/dev/dev.js'
import { makeSite } from '../helpers/site.js'

// Counts the print views made (each gathers its sections once), and can hold one
// after its sections are gathered, until the test lets it go on.
const printing = vi.hoisted(() => ({ made: 0, hold: undefined as Promise<void> | undefined, entered: undefined as (() => void) | undefined }))
vi.mock('../../src/render/print-page.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/render/print-page.js')>()
  return {
    ...original,
    printSections: async (...args: Parameters<typeof original.printSections>) => {
      printing.made++
      const sections = await original.printSections(...args)
      printing.entered?.()
      await printing.hold
      return sections
    },
  }
})

// The server's requests, seen as it receives them.
const servers: http.Server[] = []
const createServer = http.createServer
vi.spyOn(http, 'createServer').mockImplementation(((...args: Parameters<typeof http.createServer>) => {
  const server = createServer(...args)
  servers.push(server)
  return server
}) as typeof http.createServer)

const fm = (title: string, order: number) => `---\ntitle: ${title}\nmenu_order: ${order}\n---\n`
let root: string
let server: DevServer
let rebuilt: (() => void) | undefined
const agent = new http.Agent({ keepAlive: true, maxSockets: 50 })

beforeAll(async () => {
  const files: Record<string, string> = { 'content/index.md': `${fm('Home', 0)}Home.\n` }
  for (let index = 1; index <= 6; index++) files[`content/page-${index}.md`] = `${fm(`Page ${index}`, index)}Text of page ${index}.\n`
  root = makeSite(files)
  server = await startDev({ root, port: 0, config: { search: false }, log: () => {}, onRebuild: () => rebuilt?.() })
  await server.idle()
})
afterAll(async () => {
  agent.destroy()
  await server?.close()
  fs.rmSync(root, { recursive: true, force: true })
})

function get(rawPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(new URL(rawPath, server.url), { agent }, (response) => {
        let body = ''
        response.setEncoding('utf8')
        response.on('data', (chunk) => (body += chunk))
        response.on('end', () => resolve({ status: response.statusCode!, body }))
      })
      .on('error', reject)
  })
}

/** Writes a page and resolves once weft dev has rebuilt for it. */
async function save(name: string, text: string): Promise<void> {
  const done = new Promise<void>((resolve) => (rebuilt = resolve))
  fs.writeFileSync(path.join(root, 'content', name), text)
  await done
  rebuilt = undefined
}

/** A gate: `hold` waits until `open` is called. */
function gate(): { entered: Promise<void>; open: () => void } {
  let open!: () => void
  printing.hold = new Promise<void>((resolve) => (open = resolve))
  const entered = new Promise<void>((resolve) => (printing.entered = resolve))
  return {
    entered,
    open: () => {
      printing.hold = undefined
      printing.entered = undefined
      open()
    },
  }
}

describe('the print view in weft dev', () => {
  it('is made once for 20 concurrent requests, which all get it', async () => {
    const before = printing.made
    // The first print view is held until the server has received all 20 requests, so they all ask while it is being made.
    const held = gate()
    let received = 0
    const allReceived = new Promise<void>((resolve) =>
      servers.at(-1)!.on('request', (request: http.IncomingMessage) => {
        if (request.url === '/print/' && ++received === 20) resolve()
      }),
    )
    const answers = Promise.all(Array.from({ length: 20 }, () => get('/print/')))
    await allReceived
    await held.entered
    // What a request does between arriving and asking for the print view is not I/O: one turn of the loop covers it.
    await new Promise((resolve) => setImmediate(resolve))
    held.open()
    const responses = await answers
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(200))
    expect(new Set(responses.map((response) => response.body)).size).toBe(1)
    expect(responses[0]!.body).toContain('Text of page 6.')
    expect(printing.made - before).toBe(1)
    // Asked again with nothing changed, it is not made again.
    expect((await get('/print/')).body).toBe(responses[0]!.body)
    expect(printing.made - before).toBe(1)
  })

  it('is made again after a save, and a save during the making is not lost', async () => {
    await save('page-1.md', `${fm('Page 1', 1)}First change 1111.\n`)
    // A second save lands while the print view of the first is being made, after its sections were gathered.
    const held = gate()
    const during = get('/print/')
    await held.entered
    await save('page-2.md', `${fm('Page 2', 2)}Second change 2222.\n`)
    held.open()
    const first = await during
    expect(first.status).toBe(200)
    expect(first.body).toContain('First change 1111.')
    expect(first.body).not.toContain('Second change 2222.')
    const next = await get('/print/')
    expect(next.status).toBe(200)
    expect(next.body).toContain('First change 1111.')
    expect(next.body).toContain('Second change 2222.')
  })
})
