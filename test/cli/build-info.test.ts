// `{{ build_info }}` is `buildInfo` from the config, else the `WEFT_BUILD_INFO`
// environment variable: the config wins when both are set.

import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { byTag, makeSite, parseHtml, repoRoot, textOf } from '../helpers/site.js'

function buildInfoShown(config: string, environment: string | undefined): string {
  const root = makeSite({ 'content/index.md': '---\ntitle: Home\n---\n\nBuilt from [{{ build_info }}].\n', 'weft.config.js': config })
  const env = { ...process.env }
  if (environment === undefined) delete env.WEFT_BUILD_INFO
  else env.WEFT_BUILD_INFO = environment
  const run = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'weft.js'), 'build'], { cwd: root, encoding: 'utf8', env })
  expect(run.stderr).toBe('')
  expect(run.status).toBe(0)
  const article = byTag(parseHtml(fs.readFileSync(path.join(root, 'dist', 'index.html'))), 'article')[0]!
  fs.rmSync(root, { recursive: true, force: true })
  return /Built from \[(.*)\]\./.exec(textOf(article))![1]!
}

describe('{{ build_info }}', () => {
  it('is `buildInfo` from the config even when WEFT_BUILD_INFO is set', () => {
    expect(buildInfoShown("export default { search: false, buildInfo: 'commit-from-config' }\n", 'commit-from-env')).toBe('commit-from-config')
  })

  it('is WEFT_BUILD_INFO when the config has no `buildInfo`, and nothing without either', () => {
    expect(buildInfoShown('export default { search: false }\n', 'commit-from-env')).toBe('commit-from-env')
    expect(buildInfoShown('export default { search: false }\n', undefined)).toBe('')
  })
})
