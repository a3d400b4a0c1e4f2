#!/usr/bin/env bash
# Renders build/icons/interview-desk.svg into the icon files the installers use.
# Needs ImageMagick (`convert`) and Python; the outputs are committed, so only
# run this after changing the SVG.
set -euo pipefail
cd "$(dirname "$0")/icons"
render() { convert -background none -density 384 MSVG:interview-desk.svg -resize "$1x$1" -depth 8 "PNG32:$2"; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for size in 16 32 48 64 128 256 512 1024; do render "$size" "$tmp/$size.png"; done

cp "$tmp/256.png" interview-desk.png
cp "$tmp/512.png" interview-desk-512.png
convert "$tmp/16.png" "$tmp/32.png" "$tmp/48.png" "$tmp/64.png" "$tmp/128.png" "$tmp/256.png" interview-desk.ico
python3 ../icns.py interview-desk.icns "$tmp/128.png" "$tmp/256.png" "$tmp/512.png" "$tmp/1024.png"
echo "icons written to $(pwd)"
