#!/bin/sh
# Installs the other generators that `npm run bench` compares weft with: Eleventy,
# VitePress and Starlight (on Astro) from bench/peers/package-lock.json, Hugo from
# Debian. Optional, and no part of `npm ci`, `npm test` or CI: the bench skips what
# is missing.
#
# Needs only the npm registry and Debian's archive. The pins are the newest that
# allow Node 20 (Astro 6 and Starlight 0.38 on need Node 22); `overrides` keeps
# Astro's unifont at 0.7.4, the last without undici 8 (Node >= 22.19). Every
# native binary (esbuild, rollup, sharp's libvips, Pagefind) comes as a platform
# package from the registry, so the install scripts of esbuild and sharp, which
# only check for it, are denied (package.json's allowScripts): nothing is fetched
# from elsewhere.
set -eu
cd "$(dirname "$0")/.."
npm ci --prefix bench/peers --no-audit --no-fund
if ! command -v hugo >/dev/null 2>&1; then
  # Debian's package, as root (or through sudo where there is one); without the
  # Go toolchain and git it recommends (Hugo modules, which the bench does not use).
  sudo=''
  [ "$(id -u)" -eq 0 ] || sudo='sudo'
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends hugo
fi
hugo version
