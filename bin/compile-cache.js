// Node 22.1 and later can keep V8's compiled code of the modules a process loads, on
// disk, for the next run (`module.enableCompileCache`); Node 20 cannot. A short build
// spends much of its time compiling weft's and its libraries' code: on the guide
// series, a cold build with Node 22.23 took a median 1.11 s with the cache against
// 1.23 s without (BENCHMARKS.md).

/**
 * Turns the compile cache on where this Node has one, in Node's own folder (the
 * system's temporary folder, or `NODE_COMPILE_CACHE`), and names it in `env` for the
 * render threads, which do not inherit it otherwise. Nothing, where it is off
 * (`NODE_DISABLE_COMPILE_CACHE`) or Node has none. Returns the folder it uses.
 */
export function keepCompiledCode(nodeModule, env) {
  const enabled = typeof nodeModule.enableCompileCache === 'function' ? nodeModule.enableCompileCache() : undefined
  const directory = enabled?.directory
  if (typeof directory !== 'string') return undefined
  env.NODE_COMPILE_CACHE ??= directory
  return directory
}
