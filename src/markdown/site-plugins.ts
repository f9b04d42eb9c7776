// The config's own remark and rehype plugins, each wrapped so that an error one
// throws (setting up, or on a page) is reported as the site's problem, naming the
// plugin, instead of a crash that asks for a bug report against weft. What a
// plugin says with `file.message()` or `file.fail()` passes through as it was.

import type { Pluggable, PluggableList, Plugin, Preset } from 'unified'
import { VFileMessage } from 'vfile-message'

type Half = 'remark' | 'rehype'
type AnyPlugin = Plugin<unknown[], never, never>
type Transformer = (...parameters: unknown[]) => unknown

/** A site plugin (by its function's name; '' for none) threw: on setting up (`setUp`), or on the page being rendered. */
export class SitePluginError extends Error {
  constructor(
    readonly plugin: string,
    readonly half: Half,
    readonly setUp: boolean,
    thrown: unknown,
  ) {
    super(`${plugin ? `The ${half} plugin \`${plugin}\`` : `An unnamed ${half} plugin`} threw ${setUp ? 'when weft set it up' : 'on this page'}: \`${firstLine(thrown)}\``)
  }
}

/** `list` with every plugin wrapped; a plugin listed twice is wrapped once, so that unified still merges its options. */
export function sitePlugins(list: PluggableList, half: Half): PluggableList {
  return list.map((entry) => wrapEntry(entry, half))
}

function wrapEntry(entry: Pluggable, half: Half): Pluggable {
  if (typeof entry === 'function') return wrapPlugin(entry as AnyPlugin, half)
  if (Array.isArray(entry)) {
    const [plugin, ...parameters] = entry
    return (typeof plugin === 'function' ? [wrapPlugin(plugin as AnyPlugin, half), ...parameters] : entry) as Pluggable
  }
  const preset = entry as Preset | null
  if (preset && typeof preset === 'object' && Array.isArray(preset.plugins)) return { ...preset, plugins: sitePlugins(preset.plugins, half) }
  // Anything else is unified's to refuse, with its own message.
  return entry
}

const wrapped = { remark: new WeakMap<AnyPlugin, AnyPlugin>(), rehype: new WeakMap<AnyPlugin, AnyPlugin>() }

function wrapPlugin(plugin: AnyPlugin, half: Half): AnyPlugin {
  let wrapper = wrapped[half].get(plugin)
  if (wrapper) return wrapper
  const name = plugin.name
  wrapper = function (this: unknown, ...parameters: unknown[]) {
    let transformer: unknown
    try {
      transformer = (plugin as (...args: unknown[]) => unknown).apply(this, parameters)
    } catch (error) {
      // Said on every page it would have run on: unified attaches a plugin once, and would skip it after.
      const failure = new SitePluginError(name, half, true, error)
      return () => {
        throw failure
      }
    }
    return typeof transformer === 'function' ? wrapTransformer(transformer as Transformer, name, half) : transformer
  } as AnyPlugin
  wrapped[half].set(plugin, wrapper)
  return wrapper
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
    return result instanceof Promise ? result.catch(fail) : result
  }
}

function firstLine(thrown: unknown): string {
  const text = thrown instanceof Error ? thrown.message : String(thrown)
  return text.split('\n')[0]!.trim() || (thrown instanceof Error ? thrown.name : 'an empty error')
}
