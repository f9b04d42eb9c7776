// Helpers for tests that build real sites: a temporary copy of files on disk,
// and HTML parsed into a tree (never matched with regular expressions).

import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Element, Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { visit } from 'unist-util-visit'

export const repoRoot = path.resolve(import.meta.dirname, '../..')

/** A fresh folder holding `files` (path → text), removed by the caller's `cleanup`. */
export function makeSite(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-test-'))
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(root, name)
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, text)
  }
  return root
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'weft-out-'))
}

export function parseHtml(html: string | Uint8Array): Root {
  return fromHtml(typeof html === 'string' ? html : Buffer.from(html).toString('utf8'))
}

export function selectAll(tree: Root | Element, test: (element: Element) => boolean): Element[] {
  const found: Element[] = []
  visit(tree, 'element', (element) => {
    if (test(element)) found.push(element)
  })
  return found
}

export function byTag(tree: Root | Element, tagName: string): Element[] {
  return selectAll(tree, (element) => element.tagName === tagName)
}

export function textOf(node: Root | Element): string {
  let text = ''
  visit(node, 'text', (child) => {
    text += child.value
  })
  return text
}
