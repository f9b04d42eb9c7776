// `{{ build_info }}` is `buildInfo` from the config, else the `WEFT_BUILD_INFO`
// environment variable: the config wins when both are set. Through the command's
// `main`, in this process, with the variable set or removed for the run.

import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runWeft } from '../helpers/run-weft.js'
import { byTag, makeSite, parseHtml, textOf } from '../helpers/site.js'

async function buildInfoShown(config: string, environment: string | undefined): Promise<string> {
  const root = makeSite({ 'content/index.md': '---\ntitle: Home\n---\n\nBuilt from [{{ build_info }}].\n', 'weft.config.js': config })
  const run = await runWeft(['build', '--root', root], { WEFT_BUILD_INFO: environment })
  expect(run.stderr).toBe('')
  expect(run.code).toBe(0)
  const article = byTag(parseHtml(fs.readFileSync(path.join(root, 'dist', 'index.html'))), 'article')[0]!
  fs.rmSync(root, { recursive: true, force: true })
  return /Built from \[(.*)\]\./.exec(textOf(article))![1]!
}

describe('{{ build_info }}', () => {
  it('is `buildInfo` from the config even when WEFT_BUILD_INFO is set', async () => {
    expect(await buildInfoShown("export default { search: false, buildInfo: 'commit-from-config' }\n", 'commit-from-env')).toBe('commit-from-config')
  })

  it('is WEFT_BUILD_INFO when the config has no `buildInfo`, and nothing without either', async () => {
    expect(await buildInfoShown('export default { search: false }\n', 'commit-from-env')).toBe('commit-from-env')
    expect(await buildInfoShown('export default { search: false }\n', undefined)).toBe('')
  })
})
