import fs from 'node:fs'
import path from 'node:path'
import { unified } from 'unified'
import remarkParse from 'remark-parse'
import remarkGfm from 'remark-gfm'
import remarkRehype from 'remark-rehype'
import rehypeStringify from 'rehype-stringify'
const dir = process.argv[2]
const files = fs.readdirSync(dir, { recursive: true }).filter(f => f.endsWith('.md')).sort().map(f => path.join(dir, f))
const p = unified().use(remarkParse).use(remarkGfm).use(remarkRehype).use(rehypeStringify).freeze()
const times = []
for (const f of files) { const t = fs.readFileSync(f, 'utf8'); const s = performance.now(); await p.process(t); times.push(performance.now() - s) }
const q = (a, x) => [...a].sort((a, b) => a - b)[Math.floor(a.length * x)]
console.log('first10', times.slice(0,10).map(x=>x.toFixed(1)).join(' '), 'last10', times.slice(-10).map(x=>x.toFixed(1)).join(' '), 'median', q(times,0.5).toFixed(1), 'total', times.reduce((a,b)=>a+b,0).toFixed(0))
