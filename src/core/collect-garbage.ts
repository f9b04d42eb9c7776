// A full garbage collection of this thread's heap, asked for at a few chosen points
// of a very large build. Under Node's default heap limit V8 lets garbage grow into
// hundreds of MB before it collects; Node cannot lower that limit once running, but
// it lets a script ask for a collection (`--expose-gc`, set here at run time).

import v8 from 'node:v8'
import vm from 'node:vm'

let collect: (() => void) | undefined | null = null

export function collectGarbage(): void {
  if (collect === null) {
    try {
      v8.setFlagsFromString('--expose-gc')
      collect = vm.runInNewContext('gc') as () => void
    } catch {
      collect = undefined
    }
  }
  collect?.()
}
