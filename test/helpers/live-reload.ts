// A live-reload connection to `weft dev`, as the script in a page showing `page`
// opens it: collects the pages each `update` event names; and a browser tab on a
// page of the server, once its own connection is open.

import http from 'node:http'
import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import type { DevServer } from '../../src/dev/dev.js'

export interface LiveReloadListener {
  /** The `changed` list of each `update` event, in order. */
  updates: string[][]
  close(): void
}

export function listenForUpdates(serverUrl: string, page: string, onUpdate: (changed: string[]) => void = () => {}): Promise<LiveReloadListener> {
  return new Promise((resolve, reject) => {
    const updates: string[][] = []
    const request = http.get(new URL(`/__weft/events?page=${encodeURIComponent(page)}`, serverUrl), (response) => {
      let buffer = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => {
        buffer += chunk
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const event = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const data = /^data: (.*)$/m.exec(event)?.[1]
          if (!/^event: update$/m.test(event) || !data) continue
          updates.push(JSON.parse(data).changed)
          onUpdate(updates.at(-1)!)
        }
      })
      resolve({ updates, close: () => request.destroy() })
    })
    request.on('error', reject)
  })
}

/**
 * Opens `route` of the `weft dev` server in `tab` and waits until its live-reload
 * connection is open (the server counts one more): only then does a save reach it.
 */
export async function gotoLive(tab: Page, server: Pick<DevServer, 'connections' | 'url'>, route: string): Promise<void> {
  const before = server.connections
  await tab.goto(new URL(route, server.url).href)
  const until = Date.now() + 5000
  while (server.connections <= before && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10))
  expect(server.connections).toBeGreaterThan(before)
}
