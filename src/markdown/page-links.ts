// What `remarkLinks` and `rehypeLinks` do outside weft, in any unified pipeline,
// where there is no site to resolve against: a relative link to a `.md` file
// becomes a link to the page it is published as (`setup.md#install` →
// `setup.html#install`), and, when the vfile has a path, a link to a `.md` file
// that is not there is a `dead-link` message on the vfile (with a "did you mean" when
// a `.md` file has a close name). Other URLs are left as written.

import fs from 'node:fs'
import path from 'node:path'
import type { Node } from 'unist'
import type { VFile } from 'vfile'
import { reporterFor } from './context.js'
import { decodeSafely } from '../core/paths.js'
import { correctOnDisk } from '../core/close-names.js'

export interface PageLinkOptions {
  /**
   * Outside weft: what a link to a `.md` file ends in instead (default `.html`);
   * `false` leaves such links as written and only reports dead ones.
   */
  extension?: string | false
}

const scheme = /^[a-z][a-z\d+.-]*:/i
const markdownPath = /^([^?#]*)\.md(?=[?#]|$)/i

/** `url` with its `.md` page turned into `extension`; reports `node` when the page is missing. */
export function linkPage(url: string, node: Node, file: VFile, options: PageLinkOptions): string {
  if (scheme.test(url) || url.startsWith('//')) return url
  const match = markdownPath.exec(url)
  if (!match) return url
  if (file.path) {
    const pathname = decodeSafely(`${match[1]}.md`)
    // From the file's folder; a path from `/` from the vfile's `cwd`, the nearest thing to a root.
    const base = pathname.startsWith('/') ? file.cwd : path.resolve(file.cwd, file.dirname ?? '.')
    const target = path.resolve(base, pathname.replace(/^\/+/, ''))
    if (!fs.statSync(target, { throwIfNoEntry: false })?.isFile()) {
      const reason = `Link to page \`${url}\` leads nowhere`
      // remarkLinks leaves a dead link as written, so rehypeLinks meets it again.
      const start = node.position?.start
      const said = file.messages.some((message) => message.ruleId === 'dead-link' && message.reason === reason && message.line === start?.line && message.column === start?.column)
      const near = said ? undefined : correctOnDisk(base, pathname.replace(/^\/+/, ''), file.cwd, (found) => /\.md$/i.test(found))
      const hint = near === undefined ? undefined : `did you mean \`${pathname.startsWith('/') ? '/' : ''}${near}${url.slice(match[0].length)}\`?`
      if (!said) reporterFor(file).error('dead-link', reason, node, hint)
      return url
    }
  }
  const extension = options.extension ?? '.html'
  return extension === false ? url : `${match[1]}${extension}${url.slice(match[0].length)}`
}
