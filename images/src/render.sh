#!/bin/sh
# Renders every SVG source in images/src/ to a PNG of the same name in images/,
# 1200 pixels wide. Needs rsvg-convert (Debian: librsvg2-bin) and fonts-dejavu-core.
set -eu
cd "$(dirname "$0")"
for svg in *.svg; do
  png="../${svg%.svg}.png"
  rsvg-convert --width 1200 --keep-aspect-ratio --output "$png" "$svg"
  echo "$png"
done
