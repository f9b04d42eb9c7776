// The config's plugins, wrapped so that what they throw names them (see
// test/cli/plugin-messages.test.ts for the build's messages): the wrapping itself
// must leave unified's handling of a plugin list as it was.

import { describe, expect, it } from 'vitest'
import { unified, type Plugin, type Preset } from 'unified'
import remarkParse from 'remark-parse'
import type { Root } from 'mdast'
import { SitePluginError, sitePlugins } from '../../src/markdown/site-plugins.js'

describe('sitePlugins', () => {
  it('wraps a plugin listed twice as one, so that unified merges its options', () => {
    const seen: unknown[] = []
    const counted: Plugin<[Record<string, number>], Root> = function (options) {
      seen.push(options)
    }
    unified().use(remarkParse).use(sitePlugins([[counted, { a: 1 }], [counted, { b: 2 }]], 'remark')).parse('x')
    expect(seen).toEqual([{ a: 1, b: 2 }])
  })

  it('passes a preset\'s plugins and settings through, wrapped', async () => {
    const preset = { settings: { bullet: '-' }, plugins: [() => () => { throw new Error('inside a preset') }] } as Preset
    const processor = unified().use(remarkParse).use(sitePlugins([preset], 'remark'))
    expect(processor.data('settings')).toEqual({ bullet: '-' })
    await expect(processor.run(processor.parse('x'))).rejects.toThrow(SitePluginError)
  })

  it('keeps a transformer\'s result: a new tree it returns replaces the old one', async () => {
    const replaces: Plugin<[], Root> = () => () => ({ type: 'root', children: [{ type: 'thematicBreak' }] })
    const processor = unified().use(remarkParse).use(sitePlugins([replaces], 'remark'))
    expect(await processor.run(processor.parse('text'))).toEqual({ type: 'root', children: [{ type: 'thematicBreak' }] })
  })

  it('says what was thrown, on its first line, and where', () => {
    expect(new SitePluginError('remarkThing', 'remark', false, new Error('bad input\n    at frame')).message).toBe('The remark plugin `remarkThing` threw on this page: `bad input`')
    expect(new SitePluginError('', 'rehype', true, 'a string').message).toBe('An unnamed rehype plugin threw when weft set it up: `a string`')
  })
})
