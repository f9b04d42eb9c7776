// The e2e project's global setup: one Chromium for the whole run, which each browser
// test file connects to (test/helpers/browser.ts). Starting one a file cost about
// 2 CPU-seconds each, on a machine of two CPUs.

import fs from 'node:fs'
import { chromium } from 'playwright-core'
import type { TestProject } from 'vitest/node'
import { chromiumOptions, chromiumPath } from './helpers/chromium.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared Chromium's address, when there is one. */
    chromiumEndpoint: string | undefined
  }
}

export default async function startChromium(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  // Without Chromium the browser tests say so, each; the others run.
  if (!fs.existsSync(chromiumPath)) {
    project.provide('chromiumEndpoint', undefined)
    return undefined
  }
  const server = await chromium.launchServer(chromiumOptions)
  project.provide('chromiumEndpoint', server.wsEndpoint())
  return () => server.close()
}
