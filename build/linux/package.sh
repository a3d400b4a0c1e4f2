#!/usr/bin/env bash
# After `make bundle`: dist/interview-desk-linux-x86_64.tar.gz with the app folder,
# the .desktop file, the icon and install.sh.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
[ -x dist/interview-desk/interview-desk ] || { echo "package.sh: run 'make bundle' first" >&2; exit 1; }
name=interview-desk-linux-$(uname -m)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir "$stage/$name"
cp -a dist/interview-desk "$stage/$name/"
cp build/linux/interview-desk.desktop build/linux/install.sh "$stage/$name/"
cp build/icons/interview-desk.png "$stage/$name/"
tar -C "$stage" -czf "dist/$name.tar.gz" "$name"
echo "dist/$name.tar.gz"
