// What one walk over the elements of a page's HTML tree costs with
// `unist-util-visit`, against the plain loop weft's own plugins use.
//
//   node bench/probes/visit-cost.js PAGE.md   (after `npm run compile`: it times lib/'s walkElements)

import fs from 'node:fs'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { visit } from 'unist-util-visit'
import { walkElements } from '../../lib/markdown/walk-elements.js'

const file = process.argv[2]
if (!file) {
  process.stderr.write('usage: node bench/probes/visit-cost.js PAGE.md\n')
  process.exit(2)
}
const markdown = fs.readFileSync(file, 'utf8').replace(/^---[\s\S]*?---\n/, '')
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkRehype)
const tree = await processor.run(processor.parse(markdown))
let nodes = 0
visit(tree, () => void nodes++)
let sink = 0
const walks = 2000
for (let round = 0; round < 3; round++) {
  let started = performance.now()
  for (let walk = 0; walk < walks; walk++) visit(tree, 'element', (element) => void (sink += element.tagName.length))
  const withVisit = (performance.now() - started) / walks
  started = performance.now()
  for (let walk = 0; walk < walks; walk++) walkElements(tree, (element) => void (sink += element.tagName.length))
  const withLoop = (performance.now() - started) / walks
  console.log(`${nodes} nodes: unist-util-visit ${(withVisit * 1000).toFixed(0)} µs a walk, walkElements ${(withLoop * 1000).toFixed(1)} µs`)
}
if (sink === 0) console.log('(nothing walked)')
