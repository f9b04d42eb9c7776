// Bursts of saves become one rebuild; saves during a rebuild make exactly one more.

import { describe, expect, it } from 'vitest'
import { createCoalescer } from '../../src/dev/coalesce.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('createCoalescer', () => {
  it('turns a burst into one batch', async () => {
    const batches: string[][] = []
    const coalescer = createCoalescer({ quietMs: 20, maxWaitMs: 1000 }, async (files) => {
      batches.push([...files].sort())
    })
    for (const file of ['a.md', 'a.md~', 'b.md', 'a.md']) {
      coalescer.add(file)
      await sleep(5)
    }
    await coalescer.idle()
    expect(batches).toEqual([['a.md', 'a.md~', 'b.md']])
  })

  it('does not wait forever while saves keep coming', async () => {
    const batches: number[] = []
    const coalescer = createCoalescer({ quietMs: 30, maxWaitMs: 60 }, async (files) => {
      batches.push(files.size)
    })
    const started = Date.now()
    while (Date.now() - started < 200) {
      coalescer.add(`f${Date.now()}`)
      await sleep(10)
    }
    await coalescer.idle()
    expect(batches.length).toBeGreaterThanOrEqual(3)
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
    await sleep(15)
    coalescer.add('two')
    coalescer.add('three')
    await sleep(5)
    coalescer.add('four')
    await coalescer.idle()
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
    await coalescer.idle()
    coalescer.add('good')
    await coalescer.idle()
    expect(batches).toEqual([['bad'], ['good']])
  })
})
