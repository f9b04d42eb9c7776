// A live-reload connection to `weft dev`, as the script in a page showing `page`
// opens it: collects the pages each `update` event names.

import http from 'node:http'

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
