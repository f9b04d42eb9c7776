// Code blocks as Shiki highlighted them, kept in the render cache between builds
// by a digest of their language, meta and text. A build that renders again a page
// whose blocks did not change (its prose did) takes them from here and never
// starts Shiki, which costs a fresh process a few hundred milliseconds.

import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { Root } from 'hast'
import { weftVersion } from '../config.js'
import { hashParts } from '../core/hash.js'
import type { HighlightStore } from '../markdown/rehype-highlight.js'
import { writeAtomically } from './atomic-write.js'

/** Shiki's own version: another Shiki may highlight the same block otherwise. */
const shikiVersion = (() => {
  try {
    return (createRequire(import.meta.url)('shiki/package.json') as { version: string }).version
  } catch {
    return 'unknown'
  }
})()

export class HighlightFolder implements HighlightStore {
  constructor(readonly folder: string) {}

  name(key: string): string {
    return hashParts([weftVersion, shikiVersion, key])
  }

  get(name: string): Root | undefined {
    try {
      const block = JSON.parse(fs.readFileSync(this.file(name), 'utf8')) as Root
      return block?.type === 'root' && Array.isArray(block.children) ? block : undefined
    } catch {
      return undefined
    }
  }

  set(name: string, block: Root): void {
    writeAtomically(this.file(name), JSON.stringify(block))
  }

  private file(name: string): string {
    return path.join(this.folder, name.slice(0, 2), `${name.slice(2)}.json`)
  }
}
