#!/usr/bin/env bash
# Installs the Debian packages Interview Desk needs, only those missing.
#   run:  Qt WebEngine's runtime libraries, for the desktop window
#   test: the above, plus Chromium (browser tests), Xvfb (window tests), Firefox ESR and
#         WebKitGTK's WebDriver (engine tests), and PyGObject with WebKitGTK (the GTK window)
set -euo pipefail
purpose=${1:-run}

qt_runtime=(libegl1 libxcomposite1 libxdamage1 libxtst6 libasound2 libdbus-1-3 libfontconfig1
  fontconfig-config fonts-dejavu-core libgbm1 libglib2.0-0 libnss3 libxcb-cursor0 libxcb-icccm4
  libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0
  libxkbcommon0 libxrandr2 libxkbfile1)
test_tools=(chromium xvfb xdotool x11-utils imagemagick firefox-esr webkit2gtk-driver python3-gi
  gir1.2-webkit2-4.1 python3-venv)

wanted=("${qt_runtime[@]}")
[ "$purpose" = test ] && wanted+=("${test_tools[@]}")

command -v dpkg-query >/dev/null 2>&1 || { echo "system-deps: not a Debian system; install Qt WebEngine's libraries and Chromium yourself."; exit 0; }

missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "system-deps: missing Debian packages: ${missing[*]}" >&2
  echo "system-deps: run 'sudo apt-get install ${missing[*]}' and try again." >&2
  exit 1
fi
echo "system-deps: installing ${missing[*]}"
apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
