import { configDefaults, defineConfig } from 'vitest/config'

// The slow end of the suite: tests that run weft as its own process (the compiled
// `lib/` through bin/weft.js, its render threads, kills), drive Chromium, or run an
// outside checker. `npm run test:fast` (`--project unit`) runs everything else.
const endToEnd = [
  'test/**/*.browser.test.ts',
  'test/cli.test.ts',
  'test/cli/**/*.test.ts',
  'test/build/compile-step.test.ts',
  'test/build/workers.test.ts',
  'test/dev/asked-during-rebuild.test.ts',
  'test/dev/dev-options.test.ts',
  'test/theme/validate.test.ts',
  'test/write/concurrent-builds.test.ts',
  'test/write/killed-build.test.ts',
]

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...endToEnd] } },
      { extends: true, test: { name: 'e2e', include: endToEnd } },
    ],
  },
})
