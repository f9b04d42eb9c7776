// The config's own remark and rehype plugins, each wrapped so that an error one
// throws (setting up, or on a page) is reported as the site's problem, naming the
// plugin, instead of a crash that asks for a bug report against weft. What a
// plugin says with `file.message()` or `file.fail()` passes through as it was.

import type { Pluggable, PluggableList, Plugin, Preset } from 'unified'
import { VFileMessage } from 'vfile-message'
import type { Origin } from '../core/diagnostics.js'

type Half = 'remark' | 'rehype'
type AnyPlugin = Plugin<unknown[], never, never>
type Transformer = (...parameters: unknown[]) => unknown

/**
 * A site plugin (by its function's name; '' for none) threw: on setting up (`setUp`), or
 * on the page being rendered. `where`: the config file, for one that failed to set up.
 */
export class SitePluginError extends Error {
  readonly where: Origin | undefined

  constructor(
    readonly plugin: string,
    readonly half: Half,
    readonly setUp: boolean,
    thrown: unknown,
    configFile?: string,
  ) {
    super(`${plugin ? `The ${half} plugin \`${plugin}\`` : `An unnamed ${half} plugin`} threw ${setUp ? 'when weft set it up' : 'on this page'}: \`${firstLine(thrown)}\``)
    this.where = setUp && configFile ? { file: configFile, offset: 0 } : undefined
  }
}

/**
 * `list` with every plugin wrapped; a plugin listed twice is wrapped once, so that unified
 * still merges its options. `configFile`: where the list is written, if in a file.
 */
export function sitePlugins(list: PluggableList, half: Half, configFile?: string): PluggableList {
  const wrapped = new Map<AnyPlugin, AnyPlugin>()
  const plugin = (original: AnyPlugin): AnyPlugin => {
    let wrapper = wrapped.get(original)
    if (!wrapper) wrapped.set(original, (wrapper = wrapPlugin(original, half, configFile)))
    return wrapper
  }
  const entry = (item: Pluggable): Pluggable => {
    if (typeof item === 'function') return plugin(item as AnyPlugin)
    if (Array.isArray(item)) {
      const [first, ...parameters] = item
      return (typeof first === 'function' ? [plugin(first as AnyPlugin), ...parameters] : item) as Pluggable
    }
    const preset = item as Preset | null
    if (preset && typeof preset === 'object' && Array.isArray(preset.plugins)) return { ...preset, plugins: preset.plugins.map(entry) }
    // Anything else is unified's to refuse, with its own message.
    return item
  }
  return list.map(entry)
}

function wrapPlugin(plugin: AnyPlugin, half: Half, configFile: string | undefined): AnyPlugin {
  const name = plugin.name
  return function (this: unknown, ...parameters: unknown[]) {
    let transformer: unknown
    try {
      transformer = (plugin as (...args: unknown[]) => unknown).apply(this, parameters)
    } catch (error) {
      // Said on every page it would have run on: unified attaches a plugin once, and would skip it after.
      const failure = new SitePluginError(name, half, true, error, configFile)
      return () => {
        throw failure
      }
    }
    return typeof transformer === 'function' ? wrapTransformer(transformer as Transformer, name, half) : transformer
  } as AnyPlugin
}

/** The transformer, failing as the site's plugin; of the same arity, which tells unified whether it takes a callback. */
function wrapTransformer(transformer: Transformer, name: string, half: Half): Transformer {
  const fail = (error: unknown): never => {
    throw error instanceof VFileMessage ? error : new SitePluginError(name, half, false, error)
  }
  if (transformer.length > 2) {
    return function (this: unknown, tree: unknown, file: unknown, callback: unknown) {
      const next = callback as (error?: unknown, ...rest: unknown[]) => void
      try {
        return transformer.call(this, tree, file, (error?: unknown, ...rest: unknown[]) =>
          next(error && !(error instanceof VFileMessage) ? new SitePluginError(name, half, false, error) : error, ...rest),
        )
      } catch (error) {
        return fail(error)
      }
    }
  }
  return function (this: unknown, tree: unknown, file: unknown) {
    let result: unknown
    try {
      result = transformer.call(this, tree, file)
    } catch (error) {
      return fail(error)
    }
    // A promise, or any thenable, as unified itself takes one.
    return typeof (result as PromiseLike<unknown> | undefined)?.then === 'function' ? Promise.resolve(result).catch(fail) : result
  }
}

function firstLine(thrown: unknown): string {
  const text = thrown instanceof Error ? thrown.message : String(thrown)
  return text.split('\n')[0]!.trim() || (thrown instanceof Error ? thrown.name : 'an empty error')
}
