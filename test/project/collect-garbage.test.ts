// A full collection asked for at run time (core/collect-garbage.ts) frees this
// thread's garbage: the main thread of a very large build uses it after each shard.

import { expect, it } from 'vitest'
import { collectGarbage } from '../../src/core/collect-garbage.js'

it('frees the garbage of this thread at once', () => {
  let garbage: { text: string }[] | undefined = Array.from({ length: 200_000 }, (_, index) => ({ text: `${'x'.repeat(100)}${index}` }))
  expect(garbage).toHaveLength(200_000)
  garbage = undefined
  const before = process.memoryUsage().heapUsed
  collectGarbage()
  expect(before - process.memoryUsage().heapUsed).toBeGreaterThan(10 * 2 ** 20)
  // Asked for again, it needs no second set-up.
  collectGarbage()
})
