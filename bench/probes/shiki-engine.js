// How long Shiki takes to start and to highlight its first blocks, with Oniguruma
// from the module that inlines it (`inlined`, Shiki's default and weft's), from its
// `.wasm` file (`file`) or with the JavaScript regex engine (`js`).
//
//   node bench/probes/shiki-engine.js inlined|file|js

import fs from 'node:fs'
import { createRequire } from 'node:module'

const kind = process.argv[2]
if (!['inlined', 'file', 'js'].includes(kind)) {
  process.stderr.write('usage: node bench/probes/shiki-engine.js inlined|file|js\n')
  process.exit(2)
}
const started = performance.now()
const { createHighlighterCore } = await import('shiki/core')
const oniguruma = () => import('shiki/engine/oniguruma')
const engine =
  kind === 'js'
    ? (await import('shiki/engine/javascript')).createJavaScriptRegexEngine()
    : (await oniguruma()).createOnigurumaEngine(kind === 'file' ? fs.promises.readFile(createRequire(import.meta.url).resolve('shiki/onig.wasm')) : import('shiki/wasm'))
const imported = performance.now()
const highlighter = await createHighlighterCore({ themes: [import('@shikijs/themes/github-light'), import('@shikijs/themes/github-dark')], langs: [import('@shikijs/langs/yaml')], engine })
const made = performance.now()
const block = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: front-end\n  labels:\n    name: front-end\nspec:\n  type: NodePort\n  ports:\n  - port: 80\n    targetPort: 8079\n    nodePort: 30001\n'.repeat(3)
const themes = { light: 'github-light', dark: 'github-dark' }
const html = highlighter.codeToHtml(block, { lang: 'yaml', themes })
const first = performance.now()
highlighter.codeToHtml(block.replace(/front/g, 'back'), { lang: 'yaml', themes })
const second = performance.now()
const ms = (from, to) => (to - from).toFixed(0)
console.log(`${kind}: imports ${ms(started, imported)} ms, highlighter ${ms(imported, made)} ms, first block ${ms(made, first)} ms, second ${ms(first, second)} ms (${html.length} characters of HTML)`)
