"""Trims what PyInstaller's Qt hooks collect down to what the window actually loads (Linux).

The hooks take every Qt plugin, and every plugin drags in its system libraries
(the GTK theme plugin alone brings GTK, Cairo, Pango, PulseAudio...). We drop the
plugins the app never uses, then keep only the shared libraries some kept binary
still links against (`ldd` already lists the whole closure).
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from PyInstaller.depend.bindepend import get_imports

QT = "PyQt6/Qt6/"
# Plugins the window needs: X11 and Wayland windows, offscreen, input methods, TLS.
KEEP_PLUGINS = (
    "platforms/libqxcb.so",
    "platforms/libqwayland.so",
    "platforms/libqoffscreen.so",
    "platforms/libqminimal.so",
    "xcbglintegrations/",
    "platforminputcontexts/",
    "wayland-shell-integration/",
    "wayland-decoration-client/",
    "wayland-graphics-integration-client/libqt-plugin-wayland-egl.so",
    "wayland-graphics-integration-client/libshm-emulation-server.so",
    "platformthemes/libqxdgdesktopportal.so",
    "tls/",
)
# Loaded with dlopen rather than linked, so `ldd` cannot see that they are needed.
DLOPENED = ("libsoftokn3", "libfreebl", "libnssckbi", "libnssdbm3", "libnsssysinit", "libsqlite3")
# Data Qt WebEngine can do without: other languages' UI strings, QML, the DevTools front end.
DROP_DATA = (QT + "translations/", QT + "qml/", QT + "resources/qtwebengine_devtools_resources")
KEEP_DATA = (QT + "translations/qtwebengine_locales/en-US.pak",)


def _dest(entry: tuple[str, str, str]) -> str:
    return str(PurePosixPath(*Path(entry[0]).parts))


def _is_shared_library(dest: str) -> bool:
    name = PurePosixPath(dest).name
    return ".so" in name and not dest.startswith(QT + "plugins/")


def _plugin_kept(dest: str) -> bool:
    relative = dest[len(QT + "plugins/") :]
    return relative.startswith(KEEP_PLUGINS)


def prune_data(datas: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    return [e for e in datas if _dest(e) in KEEP_DATA or not _dest(e).startswith(DROP_DATA)]


def prune_binaries(binaries: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Drop unused plugins, then every library nothing kept links against."""
    kept = [
        e for e in binaries if not _dest(e).startswith(QT + "plugins/") or _plugin_kept(_dest(e))
    ]
    roots = [e for e in kept if not _is_shared_library(_dest(e)) or "/python3." in _dest(e)]
    roots += [e for e in kept if _dest(e).endswith((".abi3.so", "-linux-gnu.so"))]
    roots += [e for e in kept if PurePosixPath(_dest(e)).name.startswith("libpython")]
    needed: set[str] = set()
    for entry in roots:
        needed.add(PurePosixPath(_dest(entry)).name)
        for name, _path in get_imports(entry[1]):
            needed.add(PurePosixPath(name).name)
    return [
        e
        for e in kept
        if not _is_shared_library(_dest(e))
        or PurePosixPath(_dest(e)).name in needed
        or PurePosixPath(_dest(e)).name.startswith(DLOPENED)
    ]
