// Holds one page's render while a test wants a rebuild to be still going on: a rehype
// plugin in the site's config waits, in whichever thread renders the page, from when
// the test arms the gate until it opens it. Files, so that render threads see them too.

import fs from 'node:fs'
import path from 'node:path'
import { tempDir } from './site.js'

export interface RenderGate {
  /** A `weft.config.js` with `title`, no search, and the plugin that holds the page. */
  config(title: string): string
  /** From now on the held page's render waits (not the first build's, which runs before). */
  arm(): void
  /** Lets the held page's render go on. */
  open(): void
  disarm(): void
}

/** `held`: the end of the held page's source path (`part-001.md`). */
export function createRenderGate(held: string): RenderGate {
  const folder = tempDir()
  const [armed, opened] = [path.join(folder, 'armed'), path.join(folder, 'open')]
  return {
    config: (title) => `import fs from 'node:fs'
const holdPage = () => async (tree, file) => {
  if (!String(file.path).endsWith(${JSON.stringify(held)}) || !fs.existsSync(${JSON.stringify(armed)})) return
  while (!fs.existsSync(${JSON.stringify(opened)})) await new Promise((resolve) => setTimeout(resolve, 10))
}
export default { title: ${JSON.stringify(title)}, search: false, rehypePlugins: [holdPage] }
`,
    arm() {
      fs.rmSync(opened, { force: true })
      fs.writeFileSync(armed, '')
    },
    open() {
      fs.writeFileSync(opened, '')
    },
    disarm() {
      fs.rmSync(armed, { force: true })
      fs.rmSync(opened, { force: true })
    },
  }
}
