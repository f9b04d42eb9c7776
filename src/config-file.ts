// The `weft/config` entry, for config files: `defineConfig` alone. `weft` itself
// exports the whole pipeline, and a config that imports it has every build load
// the markdown parser, Shiki and parse5, even one that finds nothing changed.

export { defineConfig, type UserConfig } from './config.js'
