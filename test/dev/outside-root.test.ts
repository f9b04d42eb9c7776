// `weft dev` never serves a file from outside the site's root: not at the first
// build, and not after a save adds a link to one (the last good site keeps being
// served, without it).

import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDev, type DevServer } from '../../src/dev/dev.js'
import type { BuildOutcome } from '../../src/project/project.js'
import { makeSite } from '../helpers/site.js'

let server: DevServer
let root: string
let outcome: { resolve: (outcome: BuildOutcome | undefined) => void } | undefined

beforeAll(async () => {
  root = makeSite({ 'content/index.md': '---\ntitle: Home\n---\n\nNothing linked yet.\n' })
  fs.symlinkSync('/proc/self/environ', path.join(root, 'content/env.txt'))
  server = await startDev({ root, port: 0, config: { search: false }, log: () => {}, onRebuild: (built) => outcome?.resolve(built) })
})
afterAll(async () => {
  await server?.close()
  fs.rmSync(root, { recursive: true, force: true })
})

function get(route: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(new URL(route, server.url), (response) => {
        let body = ''
        response.setEncoding('latin1')
        response.on('data', (chunk: string) => (body += chunk))
        response.on('end', () => resolve({ status: response.statusCode!, body }))
      })
      .on('error', reject)
  })
}

describe('weft dev and files outside the root', () => {
  it('does not serve the process environment that a page links to through a symlink', async () => {
    const rebuilt = new Promise<BuildOutcome | undefined>((resolve) => (outcome = { resolve }))
    fs.writeFileSync(path.join(root, 'content/index.md'), '---\ntitle: Home\n---\n\nThe [environment](env.txt).\n')
    const built = await rebuilt
    expect(built?.ok).toBe(false)
    expect(built?.messages.map((message) => message.ruleId)).toEqual(['asset-outside-root'])
    for (const route of ['env.txt', 'content/env.txt']) {
      const { status, body } = await get(route)
      expect(status).toBe(404)
      expect(body).not.toContain('PATH=')
    }
    expect((await get('')).body).toContain('Nothing linked yet.')
  })
})
