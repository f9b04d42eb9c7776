// The floor weft is compared with: the bare unified pipeline, one thread, no cache
// (gray-matter, remark-parse, remark-gfm, remark-rehype, rehype-stringify) over the
// site's markdown files, with no includes, theme, links or search. Run in a child.

import fs from 'node:fs'
import path from 'node:path'
import { markdownFiles } from './markdown-files.js'
import { cpuMsSince } from './measure.js'

export interface FloorFigures {
  files: number
  htmlBytes: number
  /** Front matters that are not YAML (the flat `title: Part 3: …`), skipped by a regular expression. */
  flatFallbacks: number
  wallMs: number
  cpuMs: number
  importMs: number
}

/** Times the pipeline over every page of the site in `dir`, after importing it (timed apart). */
export async function measureFloor(dir: string): Promise<FloorFigures> {
  const imported = performance.now()
  const [{ default: matter }, { unified }, { default: remarkParse }, { default: remarkGfm }, { default: remarkRehype }, { default: rehypeStringify }] = await Promise.all([
    import('gray-matter'),
    import('unified'),
    import('remark-parse'),
    import('remark-gfm'),
    import('remark-rehype'),
    import('rehype-stringify'),
  ])
  const processor = unified().use(remarkParse).use(remarkGfm).use(remarkRehype).use(rehypeStringify).freeze()
  const importMs = performance.now() - imported
  const cpuBefore = process.cpuUsage()
  const started = performance.now()
  let htmlBytes = 0
  let flatFallbacks = 0
  const files = markdownFiles(path.join(dir, 'content'))
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8')
    let body: string
    try {
      // Options (even empty ones) keep gray-matter from caching every file it reads.
      body = matter(text, {}).content
    } catch {
      // `title: Part 3: Something` is not YAML: skip the header as the old importer did.
      body = text.replace(/^---\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/, '')
      flatFallbacks++
    }
    htmlBytes += Buffer.byteLength(String(await processor.process(body)))
  }
  const wallMs = performance.now() - started
  const cpuMs = cpuMsSince(cpuBefore)
  return { files: files.length, htmlBytes, flatFallbacks, wallMs, cpuMs, importMs }
}
