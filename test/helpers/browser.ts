// A real Chromium (Debian's) driven by playwright-core, for the tests where a
// person would look or click. CI installs it; without it these tests fail, loudly.
// Under the e2e project every file connects to the one Chromium its global setup
// started (test/chromium-server.ts) instead of starting one of its own.

import fs from 'node:fs'
import { chromium, type Browser } from 'playwright-core'
import { inject } from 'vitest'
import { chromiumOptions, chromiumPath } from './chromium.js'

/** A browser of the test file's own: closing it closes the contexts and pages the file opened. */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(`No Chromium at ${chromiumPath}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`)
  }
  const shared = inject('chromiumEndpoint')
  return shared ? chromium.connect(shared) : chromium.launch(chromiumOptions)
}
