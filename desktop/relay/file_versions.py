"""Versioned URLs for the runtime files (Pyodide's and the other languages').

The page is told to load them from `<folder>/<version>/<file>`, where the version names this
exact set of files, and those answers are cached for good (`immutable`): a browser that joined
before asks nothing on its next join, and after an upgrade (a new Pyodide, snapshot, sql.js…)
the page names a new version, so no stale copy is ever mixed with the new files. A URL without a
version, or with another version (a page rendered before the files changed), still works but is
revalidated on every use (`no-cache` with the ETag: a 304).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from desktop.languages import Runtime

#: What a version looks like in a URL: a digest, so no package folder is mistaken for one.
VERSION = re.compile(r"v[0-9a-f]{16}")
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
#: FileResponse sends the .br/.gz copy made at set-up; a new copy is a new version too.
COPIES = ("", ".br", ".gz")


class FileSet:
    """The files served below one folder URL and the version the page puts into their URLs."""

    def __init__(self, root: Path, names: Iterable[str]) -> None:
        self.root = root
        self.names = frozenset(names)
        # Every file and copy, made once: a page render stats them all (250 for all runtimes).
        self._paths = [
            (f"{name}{suffix}", str(root / f"{name}{suffix}"))
            for name in sorted(self.names)
            for suffix in COPIES
        ]
        self._version: str | None = None

    def version(self) -> str:
        """The version last taken (the one pages were last told)."""
        return self._version if self._version is not None else self.take_version()

    def take_version(self) -> str:
        """Looks at the files again (on every page rendered: stats only, no reading).

        Size and modification time of each file and copy, as the ETag uses: any file
        replaced, by an upgrade or a new set-up while the relay runs, gives another version.
        """
        digest = hashlib.sha256()
        for name, path in self._paths:
            try:
                stat = os.stat(path)
            except OSError:
                continue
            digest.update(f"{name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
        self._version = "v" + digest.hexdigest()[:16]
        return self._version

    def cache_control(self, version: str | None) -> str:
        """Cached for good only under the current version's URL."""
        return IMMUTABLE if version == self.version() else REVALIDATE


@cache
def file_set(root: Path, names: frozenset[str]) -> FileSet:
    """One FileSet per folder and list in this process: the page renderer and the file
    handlers must agree on the version."""
    return FileSet(root, names)


def split_version(path: str) -> tuple[str | None, str]:
    """`("v…", "dist/x.wasm")` for `v…/dist/x.wasm`; `(None, path)` for a path without one."""
    head, slash, rest = path.partition("/")
    if slash and VERSION.fullmatch(head):
        return head, rest
    return None, path


def runtime_file_set(node_modules: Path, runtime: Runtime) -> FileSet:
    """A language's runtime files (desktop/languages.json) in its npm package."""
    return file_set(node_modules / runtime.package, frozenset(runtime.files))


def runtime_base(language_id: str, files: FileSet) -> str:
    """The folder URL a page loads a language's runtime from, at the files' current version."""
    return f"/runtimes/{language_id}/{files.take_version()}/"
