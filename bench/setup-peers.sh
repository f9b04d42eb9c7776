#!/bin/sh
# Installs the other generators that `npm run bench` compares weft with: Eleventy,
# VitePress and Starlight from bench/peers/package-lock.json, Hugo from Debian.
# Optional, and no part of `npm ci`, `npm test` or CI: the bench skips what is missing.
set -eu
cd "$(dirname "$0")/.."
npm ci --prefix bench/peers --no-audit --no-fund
if ! command -v hugo >/dev/null 2>&1; then
  # Debian's package, as root (or through sudo where there is one).
  sudo=''
  [ "$(id -u)" -eq 0 ] || sudo='sudo'
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y hugo
fi
hugo version
