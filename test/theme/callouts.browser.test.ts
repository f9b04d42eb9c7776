// Callouts as readers meet them: the fixture site in test/fixtures/callouts/ (every
// alert, every container kind, both ways to write a title, markdown, an include and
// a shortcode inside) builds without a message, passes the Nu Html Checker, and
// has no axe violation in Chromium in the light theme, the dark one (from the
// system and from the theme's switch) and on paper.

import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { build } from '../../src/index.js'
import { launchBrowser } from '../helpers/browser.js'
import { byTag, parseHtml, repoRoot, selectAll, tempDir } from '../helpers/site.js'
import { serveFolder } from '../helpers/static-server.js'

const fixture = path.join(repoRoot, 'test', 'fixtures', 'callouts')
const require = createRequire(import.meta.url)
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

let out: string
let browser: Browser
let site: { url: string; close: () => Promise<void> }

beforeAll(async () => {
  out = tempDir()
  const result = await build({ root: fixture, out, cache: false, config: { title: 'Callouts', search: false } })
  expect(result.messages.map((message) => `${message.file}:${message.line} ${message.reason}`)).toEqual([])
  expect(result.ok).toBe(true)
  site = await serveFolder(out)
  browser = await launchBrowser()
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await site?.close()
})

/** Errors the Nu checker finds in `files`; a page with a known error goes last, so a checker that checked nothing fails. */
function nuErrors(files: string[]): string[] {
  const canary = path.join(tempDir(), 'canary.html')
  fs.writeFileSync(canary, '<!doctype html><html lang="en"><head><title>Canary</title></head><body><p id="twice">a</p><p id="twice">b</p></body></html>\n')
  const run = spawnSync('java', ['-jar', String(require('vnu-jar')), '--format', 'json', '--exit-zero-always', ...files, canary], { encoding: 'utf8' })
  if (run.error || run.status !== 0) throw new Error(`The Nu checker did not run (is Java installed?): ${run.error?.message ?? run.stderr}`)
  const report = JSON.parse(run.stderr) as { messages: { type: string; url: string; lastLine: number; message: string }[] }
  const errors = report.messages.filter((message) => message.type === 'error')
  expect(errors.filter((message) => new URL(message.url).pathname === canary).map((message) => message.message).join('\n')).toMatch(/Duplicate ID “twice”/)
  return errors.filter((message) => new URL(message.url).pathname !== canary).map((message) => `${path.relative(out, new URL(message.url).pathname)}:${message.lastLine} ${message.message}`)
}

async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource })
  const result = (await page.evaluate(() => (window as unknown as { axe: { run: (context: Document, options: object) => Promise<unknown> } }).axe.run(document, { resultTypes: ['violations'] }))) as {
    violations: { id: string; nodes: { target: string[] }[] }[]
  }
  return result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)
}

/** The home page with every details open, so that what they hold is checked too. */
async function openHome(colorScheme: 'light' | 'dark'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme })
  const page = await context.newPage()
  await page.goto(site.url)
  await page.evaluate(() => document.querySelectorAll('details').forEach((details) => (details.open = true)))
  return page
}

/** Each callout's kind class, background and title colour, as the browser paints them. */
async function paint(page: Page) {
  return page.$$eval('.prose .callout', (callouts) =>
    callouts.map((callout) => ({
      kind: callout.classList[1],
      background: getComputedStyle(callout).backgroundColor,
      title: getComputedStyle(callout.firstElementChild!).color,
      border: getComputedStyle(callout).borderTopWidth,
    })),
  )
}

describe('callouts in a browser', () => {
  it('are all there, and pass the Nu checker', () => {
    const tree = parseHtml(fs.readFileSync(path.join(out, 'index.html')))
    const kinds = selectAll(tree, (element) => (element.properties.className as string[] | undefined)?.[0] === 'callout').map((element) => `${element.tagName}.${(element.properties.className as string[])[1]}`)
    expect(kinds).toEqual([
      ...['note', 'tip', 'important', 'warning', 'caution'].map((kind) => `div.callout-${kind}`),
      ...['note', 'tip', 'info', 'important', 'warning', 'caution', 'danger'].map((kind) => `div.callout-${kind}`),
      'details.callout-details',
      'details.callout-details',
    ])
    expect(byTag(tree, 'summary').map((summary) => summary.children.map((child) => ('value' in child ? child.value : '')).join(''))).toContain('Tear down the cluster')
    const pages = (fs.readdirSync(out, { recursive: true }) as string[]).filter((name) => name.endsWith('.html')).map((name) => path.join(out, name))
    expect(nuErrors(pages)).toEqual([])
  }, 120_000)

  it('have no axe violation in the light theme, the dark one and on paper, and each theme paints them its own way', async () => {
    const light = await openHome('light')
    expect(await violations(light)).toEqual([])
    const lightPaint = await paint(light)
    expect(new Set(lightPaint.map((callout) => callout.background)).size).toBeGreaterThanOrEqual(6)

    // The reader's pick, through the theme's switch, over a light system.
    await light.locator('.theme-toggle').click()
    expect(await light.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(true)
    expect(await violations(light)).toEqual([])
    const switched = await paint(light)

    const dark = await openHome('dark')
    expect(await violations(dark)).toEqual([])
    const darkPaint = await paint(dark)
    expect(darkPaint).toEqual(switched)
    for (const [index, callout] of darkPaint.entries()) {
      if (callout.kind === 'callout-details') continue
      expect(callout.background, `${callout.kind} in the dark theme`).not.toBe(lightPaint[index]!.background)
      expect(callout.title, `${callout.kind}'s title in the dark theme`).not.toBe(lightPaint[index]!.title)
    }

    // Paper drops backgrounds: each box keeps a frame, and the light theme's colours.
    await dark.emulateMedia({ media: 'print' })
    expect(await violations(dark)).toEqual([])
    const printed = await paint(dark)
    expect(printed.filter((callout) => callout.kind !== 'callout-details').map((callout) => callout.border)).toEqual(Array(12).fill('1px'))
    expect(printed.map((callout) => callout.title)).toEqual(lightPaint.map((callout) => callout.title))
    await light.context().close()
    await dark.context().close()
  }, 60_000)
})
