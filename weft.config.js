// The guide series' settings. See README.md, "The config file".
import { defineConfig } from 'weft-docs/config'

export default defineConfig({
  title: 'Weave Cloud Guides',
})
