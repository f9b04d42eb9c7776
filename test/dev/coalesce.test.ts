// Bursts of saves become one rebuild; saves during a rebuild make exactly one more.
// On fake timers: the quiet time and the longest wait are checked to the millisecond,
// and a busy machine cannot stretch a 5 ms gap into a quiet one.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createCoalescer, type Coalescer } from '../../src/dev/coalesce.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Lets `ms` of fake time pass, running what falls due and the promises it settles. */
const pass = (ms: number) => vi.advanceTimersByTimeAsync(ms)

/** Runs the fake clock until the coalescer has nothing waiting and nothing running. */
async function settle(coalescer: Coalescer): Promise<void> {
  let idle = false
  const done = coalescer.idle().then(() => (idle = true))
  for (let turn = 0; !idle && turn < 1000; turn++) await pass(1)
  expect(idle, 'the coalescer went idle').toBe(true)
  await done
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
})
afterEach(() => {
  vi.useRealTimers()
})

describe('createCoalescer', () => {
  it('turns a burst into one batch, once the files have been quiet for quietMs', async () => {
    const batches: string[][] = []
    const coalescer = createCoalescer({ quietMs: 20, maxWaitMs: 1000 }, async (files) => {
      batches.push([...files].sort())
    })
    for (const file of ['a.md', 'a.md~', 'b.md', 'a.md']) {
      coalescer.add(file)
      await pass(5)
    }
    // The last save was 5 ms ago: 15 ms more of quiet are still to come.
    await pass(14)
    expect(batches).toEqual([])
    await pass(1)
    expect(batches).toEqual([['a.md', 'a.md~', 'b.md']])
    await settle(coalescer)
    expect(batches).toHaveLength(1)
  })

  it('does not wait forever while saves keep coming', async () => {
    const started = Date.now()
    const batches: { size: number; at: number }[] = []
    const coalescer = createCoalescer({ quietMs: 30, maxWaitMs: 60 }, async (files) => {
      batches.push({ size: files.size, at: Date.now() - started })
    })
    let saves = 0
    while (Date.now() - started < 200) {
      coalescer.add(`f${saves++}`)
      await pass(10)
    }
    await settle(coalescer)
    // Saves every 10 ms are never quiet for 30 ms: each batch started when its first save was 60 ms old.
    expect(batches.length).toBeGreaterThanOrEqual(3)
    expect(batches[0]).toEqual({ size: 6, at: 60 })
    expect(batches.reduce((sum, batch) => sum + batch.size, 0)).toBe(saves)
    coalescer.close()
  })

  it('runs one more rebuild for saves made during a rebuild, never two at once', async () => {
    let running = 0
    let most = 0
    const batches: string[][] = []
    const coalescer = createCoalescer({ quietMs: 5, maxWaitMs: 50 }, async (files) => {
      running++
      most = Math.max(most, running)
      batches.push([...files].sort())
      await sleep(40)
      running--
    })
    coalescer.add('one')
    await pass(15)
    // The first rebuild started at 5 ms and runs until 45 ms.
    expect(running).toBe(1)
    coalescer.add('two')
    coalescer.add('three')
    await pass(5)
    coalescer.add('four')
    await pass(20)
    expect(running).toBe(1)
    expect(batches).toEqual([['one']])
    await settle(coalescer)
    expect(batches).toEqual([['one'], ['four', 'three', 'two']])
    expect(most).toBe(1)
  })

  it('keeps going after a rebuild that throws', async () => {
    const batches: string[][] = []
    const coalescer = createCoalescer({ quietMs: 5, maxWaitMs: 50 }, async (files) => {
      batches.push([...files])
      if (files.has('bad')) throw new Error('boom')
    })
    coalescer.add('bad')
    await settle(coalescer)
    coalescer.add('good')
    await settle(coalescer)
    expect(batches).toEqual([['bad'], ['good']])
  })
})
