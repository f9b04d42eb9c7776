import os from 'node:os'
import { configDefaults, defineConfig } from 'vitest/config'

// The slow end of the suite: tests that run weft as its own process (the compiled
// `lib/` through bin/weft.js, its render threads, kills), drive Chromium, or run an
// outside checker. `npm run test:fast` (`--project unit`) runs everything else.
const endToEnd = [
  'test/**/*.browser.test.ts',
  'test/cli.test.ts',
  'test/cli/**/*.test.ts',
  'test/build/compile-step.test.ts',
  'test/build/highlight-store-process.test.ts',
  'test/build/workers.test.ts',
  'test/dev/asked-during-rebuild.test.ts',
  'test/dev/dev-options.test.ts',
  'test/theme/validate.test.ts',
  'test/write/concurrent-builds.test.ts',
  'test/write/killed-build.test.ts',
]

export default defineConfig({
  test: {
    // Once for the run (the projects do not extend this config, or it would run once more for each).
    globalSetup: ['test/global-setup.ts'],
    // Vitest's default is a worker a CPU but one: one on a machine of two, which the tests leave
    // half idle while they wait on weft's processes, Chromium and the disk. Two files at a time there.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    projects: [
      // One module graph for all unit files: each loads weft's sources once a worker, not once a
      // file. Mocks are restored between files and module mocks kept per file; the few tests that
      // set environment variables put them back.
      { test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...endToEnd], isolate: false, testTimeout: 30_000 } },
      // Processes and Chromium, two files at a time on a machine of two CPUs shared with others:
      // twice the unit tests' time before a test counts as hung.
      // One Chromium for all browser test files (test/chromium-server.ts).
      { test: { name: 'e2e', include: endToEnd, globalSetup: ['test/chromium-server.ts'], testTimeout: 60_000, hookTimeout: 60_000 } },
    ],
  },
})
