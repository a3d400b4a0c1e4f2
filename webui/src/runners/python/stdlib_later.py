"""Lets an interpreter restored from a snapshot run before its standard library has arrived.

The modules start-up imported are in the snapshot already; imports read the standard library's
zip only for a module not imported yet, or for a stdlib source line (tracebacks, warnings,
inspect). The worker (stdlib-later.ts) starts from an empty stand-in for the zip, runs this in
globals of its own and writes the real zip when the page's copy arrives. Until then zipimport,
which reads every module and source line through its `_io.open_code`, gets a stand-in `_io`
whose first `open_code` has the worker fetch the zip at once (a blocking request) before the
read goes on: the program sees exactly what it would have seen with the zip there. Either way
the real `_io` is put back, so nothing of this costs anything afterwards.
"""

import zipimport


def stand_in(fetch_now):
    """Installs the stand-in `_io`; returns what to call once the zip has been written."""
    real = zipimport._io

    class StandIn:
        def open_code(self, path):
            if zipimport._io is self:
                zipimport._io = real
                fetch_now()
            return real.open_code(path)

        def __getattr__(self, name):
            return getattr(real, name)

    standing = StandIn()
    zipimport._io = standing

    def arrived():
        if zipimport._io is standing:
            zipimport._io = real

    return arrived
