// The dev server under load: concurrent and sequential requests without failures
// or a growing heap, live-reload connections opened and dropped by the thousand,
// and a storm of saves that ends in the site the files on disk make.

import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import v8 from 'node:v8'
import vm from 'node:vm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { build } from '../../src/index.js'
import { startDev, type DevServer } from '../../src/dev/dev.js'
import { makeSite } from '../helpers/site.js'

let server: DevServer
let root: string
/** Called at the end of each rebuild. */
let rebuilt: (() => void) | undefined
const agent = new http.Agent({ keepAlive: true, maxSockets: 200 })
const fm = (title: string, order: number) => `---\ntitle: ${title}\nmenu_order: ${order}\n---\n`

beforeAll(async () => {
  const files: Record<string, string> = { 'content/index.md': `${fm('Home', 0)}Home.\n`, 'includes/shared.md': 'Shared 0.\n' }
  for (let index = 1; index <= 20; index++) files[`content/page-${index}.md`] = `${fm(`Page ${index}`, index)}{{ include "./includes/shared.md" }}\n\nText ${index}.\n`
  root = makeSite(files)
  server = await startDev({ root, port: 0, config: { search: false }, log: () => {}, onRebuild: () => rebuilt?.() })
})
afterAll(async () => {
  agent.destroy()
  await server?.close()
})

// What the heap keeps, not the garbage it has yet to collect: that varied by tens of MiB from run to run.
v8.setFlagsFromString('--expose-gc')
const collect = vm.runInNewContext('gc') as () => void
const heapKept = () => {
  collect()
  return process.memoryUsage().heapUsed
}

function get(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(new URL(url, server.url), { agent }, (response) => {
        response.resume()
        response.on('end', () => resolve(response.statusCode!))
      })
      .on('error', reject)
  })
}

describe('the dev server under load', () => {
  it('answers 200 concurrent requests', async () => {
    const statuses = await Promise.all(Array.from({ length: 200 }, (_, index) => get(`page-${(index % 20) + 1}/`)))
    expect(statuses.every((status) => status === 200)).toBe(true)
  })

  it('answers 10,000 requests in a row without its heap growing', async () => {
    for (let index = 0; index < 500; index++) await get('page-1/')
    const before = heapKept()
    const started = performance.now()
    for (let index = 0; index < 10_000; index++) expect(await get(`page-${(index % 20) + 1}/`)).toBe(200)
    const seconds = (performance.now() - started) / 1000
    const grown = (heapKept() - before) / 1024 / 1024
    console.info(`10,000 sequential requests: ${seconds.toFixed(1)} s, ${(10_000 / seconds).toFixed(0)} requests/s, heap ${grown >= 0 ? '+' : ''}${grown.toFixed(1)} MiB`)
    // A leak of even 2 KiB a request would be 20 MiB here.
    expect(grown).toBeLessThan(20)
  }, 120_000)

  it('survives 1,000 live-reload connections opened and dropped', async () => {
    const baseline = server.connections
    const requests: http.ClientRequest[] = []
    await Promise.all(
      Array.from({ length: 1000 }, () =>
        new Promise<void>((resolve, reject) => {
          const request = http.get(new URL('__weft/events', server.url), (response) => {
            response.once('data', () => resolve())
          })
          request.on('error', reject)
          requests.push(request)
        }),
      ),
    )
    expect(server.connections).toBe(baseline + 1000)
    for (const request of requests) request.destroy()
    const until = Date.now() + 5000
    while (server.connections > baseline && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20))
    expect(server.connections).toBe(baseline)
    expect(await get('page-1/')).toBe(200)
  }, 60_000)

  it('ends a storm of 100 saves in one second in the site the files make', async () => {
    for (let save = 1; save <= 100; save++) {
      const target = save % 3 === 0 ? 'includes/shared.md' : `content/page-${(save % 20) + 1}.md`
      const text = target.startsWith('includes') ? `Shared ${save}.\n` : `${fm(`Page ${(save % 20) + 1}`, (save % 20) + 1)}{{ include "./includes/shared.md" }}\n\nSave ${save}.\n`
      fs.writeFileSync(path.join(root, target), text)
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    const fresh = await build({ root, write: false, config: { search: false } })
    const pages = [...fresh.files].filter(([output]) => output.endsWith('.html'))
    expect(pages.length).toBeGreaterThan(20)
    const stale = async () => {
      const found: [string, string, string][] = []
      for (const [output, html] of pages) {
        const served = (await (await fetch(new URL(output, server.url))).text()).replace('<script src="/__weft/client.js" defer></script>', '')
        if (served !== html) found.push([output, served, String(html)])
      }
      return found
    }
    // The watcher reports the last saves when it does (no time is enough on a busy machine): after each
    // rebuild, the pages served are compared again, until they are the fresh build's. A save never
    // seen leaves no rebuild to wait for: then the bound below fails the test with the stale pages.
    for (;;) {
      const next = new Promise<void>((resolve) => (rebuilt = resolve))
      await server.idle()
      const found = await stale()
      if (found.length === 0) break
      const bound = new Promise<'none'>((resolve) => setTimeout(() => resolve('none'), 15_000))
      if ((await Promise.race([next, bound])) === 'none') {
        const [output, served, html] = found[0]!
        expect(served, `${output} (and ${found.length - 1} more) as served, 15 s after the last rebuild`).toBe(html)
      }
    }
  }, 120_000)
})
