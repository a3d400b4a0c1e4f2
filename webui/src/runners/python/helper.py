"""The Python side of a run, loaded once per interpreter: compiles and runs the program in a fresh
`__main__` namespace and returns the error text (None on success), with tracebacks that start at
the user's code. Top-level `await` works (the run then returns a coroutine to await).
`install_input` is called only where `input()` must wait on a promise (see the worker)."""

import ast
import builtins
import contextlib
import inspect
import linecache
import sys
import traceback


def _flush():
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(BaseException):
            stream.flush()


def _report(exc):
    if isinstance(exc, SystemExit):
        if exc.code is None or exc.code == 0:
            return None
        return f"SystemExit: {exc.code}"
    # The first frame is this helper's own, and input() may add one: leave them out.
    tb = exc.__traceback__.tb_next if exc.__traceback__ else None
    report = traceback.TracebackException(type(exc), exc, tb)
    report.stack = traceback.StackSummary.from_list(
        [frame for frame in report.stack if frame.filename != "<exec>"]
    )
    return "".join(report.format()).rstrip("\n")


def install_input(interactive, ask):
    """input() that waits for the person on a promise (JavaScript Promise Integration), where
    there is no SharedArrayBuffer to block on; piped stdin and other callers keep the original."""
    from pyodide.ffi import can_run_sync, run_sync

    original = builtins.input

    def input(prompt=""):
        if not interactive() or not can_run_sync():
            return original(prompt)
        sys.stdout.write(str(prompt))
        _flush()
        return run_sync(ask())

    builtins.input = input


async def _run_async(compiled, namespace):
    try:
        await eval(compiled, namespace)
    except BaseException as exc:
        return _report(exc)
    finally:
        _flush()
        namespace.clear()
    return None


def run_program(code, filename="<main>"):
    linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
    try:
        compiled = compile(
            code, filename, "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, dont_inherit=True
        )
    except (SyntaxError, ValueError, OverflowError) as exc:
        return "".join(traceback.format_exception_only(type(exc), exc)).rstrip("\n")
    namespace = {"__name__": "__main__", "__builtins__": builtins}
    if compiled.co_flags & inspect.CO_COROUTINE:
        return _run_async(compiled, namespace)
    try:
        exec(compiled, namespace)
    except BaseException as exc:
        return _report(exc)
    finally:
        _flush()
        namespace.clear()
    return None
