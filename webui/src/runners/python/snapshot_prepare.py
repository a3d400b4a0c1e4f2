"""The steps before a memory snapshot is taken, the same in Node (scripts/make-pyodide-snapshot.mjs)
and in a browser (python.worker.ts): the helper runs once in a namespace that is dropped, so its
imports are done and the compiler paths warm while no name of ours is kept (the worker defines
the helper again after a restore: a stale snapshot can only be slower, never different)."""


def _interview_desk_prepare(helper_source):
    import sys

    namespace = {}
    exec(compile(helper_source, "<helper>", "exec"), namespace)
    namespace["run_program"]("pass")
    namespace.clear()
    # loadPyodide puts "" in front of sys.path after restoring a snapshot, as it did here.
    sys.path.remove("")
