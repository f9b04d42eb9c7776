// Where the tests' Chromium is (Debian's; `CHROMIUM_PATH` names another) and how it
// is started: the same for the one the e2e project shares and for one started alone.

import type { LaunchOptions } from 'playwright-core'

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export const chromiumOptions: LaunchOptions = {
  executablePath: chromiumPath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
}
