// The text of a page's first `# heading`, for pages whose front matter gives no
// title (most pages written for GitHub, MkDocs or VitePress): found by a scan of
// the lines, outside fenced code, without parsing the whole page.

import path from 'node:path'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { toString } from 'mdast-util-to-string'
import { readableName } from './readable-name.js'

const fence = /^ {0,3}(`{3,}|~{3,})/
const atxHeading = /^ {0,3}#(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/
const setextUnderline = /^ {0,3}=+[ \t]*$/

/** The first level-1 heading of `text` from `offset` on, as plain text; undefined when it has none. */
export function firstHeading(text: string, offset = 0): string | undefined {
  const lines = text.slice(offset).split(/\r\n|\r|\n/)
  let open: string | undefined
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!
    const marker = fence.exec(line)?.[1]
    if (open) {
      if (marker && marker[0] === open[0] && marker.length >= open.length && line.trim() === marker) open = undefined
      continue
    }
    if (marker) {
      open = marker
      continue
    }
    const atx = atxHeading.exec(line)
    if (atx) return plain(atx[1] ?? '')
    const next = lines[index + 1]
    if (line.trim() !== '' && !/^ {4}/.test(line) && next !== undefined && setextUnderline.test(next) && (index === 0 || lines[index - 1]!.trim() === '')) return plain(line.trim())
  }
  return undefined
}

/** Inline markdown (`` `weft` ``, `*x*`, links) as the text a reader sees. */
function plain(markdown: string): string | undefined {
  const text = (/[`*_[\]<&\\]/.test(markdown) ? toString(fromMarkdown(markdown)) : markdown).trim()
  return text === '' ? undefined : text
}

/** A file's name as a title, made readable as a folder's is (`getting-started.md` → "Getting started"). */
export function titleFromName(file: string): string {
  return readableName(path.basename(file).replace(/\.md$/i, ''))
}
