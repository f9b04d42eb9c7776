// Measuring in a child process: the parent runs one measurement in a new process
// (bench/child.ts) and reads back the figures it prints as one JSON line; and the
// arithmetic of figures (medians, rounding, CPU spans).

import { spawn, type ChildProcess } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export type ChildKind = 'baseline' | 'weft' | 'bare' | 'dev' | 'peer'

const self = fileURLToPath(import.meta.url)
/** child.js beside this file; child.ts when run from source under tsx, whose loader the child then needs too (and its figures include). */
const childFile = path.join(path.dirname(self), `child${path.extname(self)}`)
const nodeArguments = path.extname(self) === '.ts' ? process.execArgv : []

/** The child process measuring now, to stop on Ctrl-C. */
let running: ChildProcess | undefined

/** Stops the measurement under way, if any. */
export function stopMeasuring(): void {
  running?.kill()
}

/** Runs `child KIND ARGS…` in a new process and returns what it printed as JSON. */
export function measure<T>(kind: ChildKind, args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const childProcess = spawn(process.execPath, [...nodeArguments, childFile, kind, ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
    running = childProcess
    let out = ''
    childProcess.stdout.setEncoding('utf8')
    childProcess.stdout.on('data', (chunk: string) => (out += chunk))
    childProcess.on('error', reject)
    childProcess.on('close', (code, signal) => {
      running = undefined
      const last = out.trim().split('\n').pop() ?? ''
      if (code !== 0) return reject(new Error(`the ${kind} process exited with ${signal ?? code}${out ? `:\n${out}` : ''}`))
      try {
        resolve(JSON.parse(last) as T)
      } catch {
        reject(new Error(`the ${kind} process printed no figures:\n${out}`))
      }
    })
  })
}

/** What every child reports besides its own figures: its peak RSS and the load average at its end. */
export interface ProcessFacts {
  maxRssKiB: number
  load1: number
}

/** In the child: prints the figures as one JSON line, with its ProcessFacts. */
export function reportFigures(figures: object): void {
  console.log(JSON.stringify({ ...figures, maxRssKiB: process.resourceUsage().maxRSS, load1: os.loadavg()[0] }))
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

export function round(value: number, digits = 0): number {
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}

/** This process's CPU (user + system, all its threads) since `before`. */
export function cpuMsSince(before: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(before)
  return (used.user + used.system) / 1000
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
