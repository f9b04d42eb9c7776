// Save → change on screen for `weft dev`, as a person sees it: the guide series'
// Part 4 open in Chromium, each save puts a new marker sentence at the top of the
// page, timed from just before the file write (Node's Date.now()) to the frame after
// the marker entered the page (performance.timeOrigin + performance.now() there),
// whether the page was updated in place or reloaded. The page also notes when the
// `update` event came, and the fetch, parse and patch of an in-place update.
//
//   tsc -p bench/tsconfig.json && node bench/out/save-to-screen.js [saves=12] [warm-up=3] [weft folder=this repo]
//
// The weft folder holds bin/, lib/, templates/ and package.json (a copy of an older
// build measures the before).

import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium } from 'playwright-core'
import { median } from './measure.js'
import { repoDir } from './paths.js'

const [savesArg = '12', warmArg = '3', weftDir = repoDir] = process.argv.slice(2)
const saves = Number(savesArg)
const warm = Number(warmArg)
const route = 'part-4-secure-container-firewalls/'

// The guide series, copied: the config without its `weft-docs` import, which resolves only where weft is installed.
const site = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-save-to-screen-'))
for (const folder of ['content', 'images', 'includes']) fs.cpSync(path.join(repoDir, folder), path.join(site, folder), { recursive: true })
fs.writeFileSync(path.join(site, 'weft.config.js'), "export default { title: 'Weave Cloud Guides' }\n")
const file = path.join(site, 'content/part-4-secure-container-firewalls.md')
const original = fs.readFileSync(file, 'utf8')

const child = spawn(process.execPath, [path.join(weftDir, 'bin/weft.js'), 'dev', '--port', '0', '--host', '127.0.0.1'], { cwd: site, stdio: ['ignore', 'pipe', 'ignore'] })
const url = await new Promise<string>((resolve, reject) => {
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString()
    const found = /serving (http:\/\/\S+)/.exec(out)
    if (found) resolve(found[1]!)
  })
  child.on('exit', () => reject(new Error(`weft dev stopped:\n${out}`)))
  setTimeout(() => reject(new Error(`weft dev did not start in 60 s:\n${out}`)), 60_000).unref()
})
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] })
const page = await browser.newPage()
// On every load, a reload too: note the steps, and when the next save's marker is in the page.
await page.addInitScript(() => {
  const now = () => performance.timeOrigin + performance.now()
  const note = (step: string) => sessionStorage.setItem('bench-steps', `${sessionStorage.getItem('bench-steps') ?? ''}${step}@${now()} `)
  const listen = EventSource.prototype.addEventListener
  EventSource.prototype.addEventListener = function (this: EventSource, type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions) {
    const noted = (event: Event) => {
      if (type === 'update') note('event')
      return typeof listener === 'function' ? listener.call(this, event) : listener.handleEvent(event)
    }
    listen.call(this, type, noted, options)
  } as typeof EventSource.prototype.addEventListener
  const fetchPage = window.fetch
  window.fetch = async (...args) => {
    note('fetch')
    const response = await fetchPage(...args)
    note('headers')
    return response
  }
  const parse = DOMParser.prototype.parseFromString
  DOMParser.prototype.parseFromString = function (this: DOMParser, ...args: Parameters<DOMParser['parseFromString']>) {
    note('parse')
    const parsed = parse.apply(this, args)
    note('parsed')
    return parsed
  }
  document.addEventListener('weft:updated', () => note('patched'))
  const check = () => {
    const marker = sessionStorage.getItem('bench-marker')
    if (!marker || sessionStorage.getItem('bench-seen') || !document.body?.textContent?.includes(marker)) return
    sessionStorage.setItem('bench-seen', 'pending')
    requestAnimationFrame(() => sessionStorage.setItem('bench-seen', String(now())))
  }
  new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true })
  addEventListener('DOMContentLoaded', check)
})
// Not waiting for the page's `load`: Part 4 embeds a video from another site.
await page.goto(new URL(route, url).href, { waitUntil: 'domcontentloaded' })
await new Promise((resolve) => setTimeout(resolve, 1500))

const times: number[] = []
try {
  for (let i = 0; i < warm + saves; i++) {
    const marker = `Benchmark marker ${i} ${Math.random().toString(36).slice(2)}`
    await page.evaluate((text) => {
      sessionStorage.removeItem('bench-seen')
      sessionStorage.removeItem('bench-steps')
      sessionStorage.setItem('bench-marker', text)
    }, marker)
    const text = original.replace(/^(---[\s\S]*?---\n)/, `$1\n${marker}.\n\n`)
    const writtenAt = Date.now()
    fs.writeFileSync(file, text)
    let seen: string | null = null
    for (const until = Date.now() + 15_000; (!seen || seen === 'pending') && Date.now() < until; ) {
      seen = await page.evaluate(() => sessionStorage.getItem('bench-seen')).catch(() => null)
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    if (!seen || seen === 'pending') throw new Error(`save ${i}: the marker never showed`)
    const ms = Number(seen) - writtenAt
    if (i >= warm) times.push(ms)
    const steps = ((await page.evaluate(() => sessionStorage.getItem('bench-steps'))) ?? '')
      .trim()
      .split(' ')
      .filter(Boolean)
      .map((step) => `${step.split('@')[0]} +${Math.round(Number(step.split('@')[1]) - writtenAt)}`)
    console.log(`save ${i}${i < warm ? ' (warm-up)' : ''}: ${ms.toFixed(1)} ms (${steps.join(', ')})`)
    // The 404 page and the sitemap follow a rebuild 800 ms later: past them.
    await new Promise((resolve) => setTimeout(resolve, 1200))
  }
} finally {
  await browser.close()
  child.kill()
  fs.rmSync(site, { recursive: true, force: true })
}
const sorted = [...times].sort((a, b) => a - b)
console.log(`save → text visible, median of ${times.length}: ${median(times).toFixed(1)} ms (min ${sorted[0]!.toFixed(1)}, max ${sorted.at(-1)!.toFixed(1)}); load average ${os.loadavg().map((load) => load.toFixed(2)).join(' ')}`)
