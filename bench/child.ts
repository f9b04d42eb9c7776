// One measurement in a process of its own, so that the peak RSS reported is that
// process's own (`process.resourceUsage().maxRSS`) and nothing is loaded before it
// but what the measurement needs. bench/measure.ts starts it:
//
//   node bench/out/child.js baseline|weft|bare|dev|peer DIR ARGS…
//
// It prints its figures as one JSON line on stdout, with its peak RSS and the
// 1-minute load average at its end.

import { reportFigures as report } from './measure.js'

async function runChild(kind: string | undefined, dir: string, args: string[]): Promise<void> {
  switch (kind) {
    case 'baseline':
      return report({})
    case 'weft':
      return report(await (await import('./weft-build.js')).measureWeftBuild(dir))
    case 'bare':
      return report(await (await import('./floor.js')).measureFloor(dir))
    case 'dev':
      return (await import('./dev-loop.js')).measureDev(dir, args)
    case 'peer':
      return report(await (await import('./peers.js')).buildPeer(args[0] ?? '', dir, { keep: args[1] === 'keep' }))
    default:
      throw new Error(`unknown child \`${kind}\``)
  }
}

const [kind, dir = '', ...args] = process.argv.slice(2)
await runChild(kind, dir, args)
