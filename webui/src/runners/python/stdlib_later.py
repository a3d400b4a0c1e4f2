"""Lets an interpreter restored from a snapshot run before its standard library has arrived.

Run once in the interpreter a snapshot is made of (scripts/make-pyodide-snapshot.mjs, and the
worker's own snapshot). The modules start-up imported are in the snapshot already; the standard
library's zip is read only for a module not yet imported, a stdlib source line (tracebacks,
warnings, inspect) or a resource. So the worker may start from an empty stand-in for the zip
and write the real one when the page's copy arrives. Every read goes through an `open` of the
zip, so this audit hook sees the first one made while the zip is still a stand-in, and has the
worker fetch the zip at once (a blocking request) before the read goes on: a program behaves
exactly as if the zip had been there from the start.

`pending` is False except between such a start and the zip's arrival; `fetch_now` is set by the
worker (stdlib-later.ts) and writes the zip to `path`. The state hangs on Pyodide's own `_pyodide`
module, so that nothing a program can list (sys.modules, its globals) differs from a normal start.
"""


def _install():
    import sys

    state = type(sys)("_interview_desk_stdlib")
    state.pending = False
    state.fetch_now = None
    state.path = next(entry for entry in sys.path if entry.endswith(".zip"))

    def hook(event, args):
        if event == "open" and state.pending and args[0] == state.path:
            state.pending = False
            state.fetch_now()

    sys.addaudithook(hook)
    sys.modules["_pyodide"]._interview_desk_stdlib = state


_install()
