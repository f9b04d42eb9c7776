// Finds the file an include names: from the folder of the file that holds the
// directive, then the page's folder (gitdown resolved from the document it built),
// then the site's root. Nothing outside the root is ever read, symlinks included.
// A path that finds nothing gets a "did you mean" when a file has a close name.

import fs from 'node:fs'
import path from 'node:path'
import { recordedStat } from '../core/probes.js'
import { isInside } from '../core/paths.js'
import { correctOnDisk } from '../core/close-names.js'

export type Resolved =
  | { file: string }
  | { ruleId: 'missing-include' | 'include-outside-root' | 'include-not-a-file'; reason: string; hint?: string }

/** `probes`, when given, records each place looked at: a file appearing in an earlier one would change the answer. */
export function resolveInclude(request: string, from: string, page: string, root: string, show: (file: string) => string, probes?: Map<string, string>): Resolved {
  if (path.isAbsolute(request) || /^[A-Za-z]:[\\/]/.test(request)) {
    return { ruleId: 'include-outside-root', reason: `Include path \`${request}\` is absolute`, hint: 'write it relative to the file, e.g. `./includes/x.md`' }
  }
  const folders = [...new Set([path.dirname(from), path.dirname(page), root])]
  let outside = false
  let folder: string | undefined
  for (const base of folders) {
    const candidate = path.resolve(base, request)
    if (!isInside(candidate, root)) {
      outside = true
      continue
    }
    const stat = probes ? recordedStat(probes, candidate) : fs.statSync(candidate, { throwIfNoEntry: false })
    if (!stat) continue
    if (stat.isDirectory()) {
      folder ??= candidate
      continue
    }
    if (!isInside(fs.realpathSync(candidate), fs.realpathSync(root))) {
      return { ruleId: 'include-outside-root', reason: `Include \`${request}\` is a link to a file outside the site's root` }
    }
    return { file: candidate }
  }
  if (folder) return { ruleId: 'include-not-a-file', reason: `Include \`${request}\` is a folder, not a file` }
  if (outside && folders.every((base) => !isInside(path.resolve(base, request), root))) {
    return { ruleId: 'include-outside-root', reason: `Include \`${request}\` leaves the site's root` }
  }
  const looked = folders.map((base) => `\`${show(base) === '.' ? './' : show(base) + '/'}\``).join(', ')
  const reason = `Cannot find include \`${request}\` (looked in ${looked})`
  const near = suggestInclude(request, folders, root)
  return near === undefined ? { ruleId: 'missing-include', reason } : { ruleId: 'missing-include', reason, hint: `did you mean \`${near}\`?` }
}

/** A file with a close name, from the first folder that has one, written as `request` was (`_snippets/suport.md` → `_snippets/support.md`). */
function suggestInclude(request: string, folders: string[], root: string): string | undefined {
  const written = request.split(path.sep).join('/')
  for (const base of folders) {
    const near = correctOnDisk(base, written, root)
    if (near !== undefined) return near
  }
  return undefined
}
