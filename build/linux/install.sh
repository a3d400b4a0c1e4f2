#!/usr/bin/env bash
# Installs the unpacked Linux archive for the current user (no root needed):
#   ~/.local/opt/interview-desk/        the app folder
#   ~/.local/bin/interview-desk         a link to its executable
#   ~/.local/share/applications/        the menu entry
#   ~/.local/share/icons/hicolor/...    the icon
# Run it from the unpacked archive: ./install.sh   (./install.sh --uninstall removes it all)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
prefix=${XDG_DATA_HOME:-$HOME/.local/share}
opt=$HOME/.local/opt/interview-desk
bin=$HOME/.local/bin
apps=$prefix/applications
icons=$prefix/icons/hicolor/256x256/apps

if [ "${1:-}" = --uninstall ]; then
  rm -rf "$opt" "$bin/interview-desk" "$apps/interview-desk.desktop" "$icons/interview-desk.png"
  echo "Interview Desk removed."
  exit 0
fi

[ -x "$here/interview-desk/interview-desk" ] || { echo "install.sh: run me from the unpacked archive" >&2; exit 1; }
mkdir -p "$opt" "$bin" "$apps" "$icons"
rm -rf "$opt"
cp -a "$here/interview-desk" "$opt"
ln -sf "$opt/interview-desk" "$bin/interview-desk"
install -m 644 "$here/interview-desk.png" "$icons/interview-desk.png"
sed "s|^Exec=.*|Exec=$opt/interview-desk|" "$here/interview-desk.desktop" > "$apps/interview-desk.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$apps" || true
echo "Interview Desk installed: find it in your applications menu, or run $bin/interview-desk"
echo "It needs Qt WebEngine's system libraries; on Debian/Ubuntu:"
echo "  sudo apt-get install libegl1 libnss3 libxcomposite1 libxdamage1 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 fontconfig-config"
