"""TypeScript (compiled in the browser, run in the JavaScript sandbox) for the runner contract
suite. The attacks type-check cleanly, so what they print is the program's alone."""

from __future__ import annotations

from tests.runners.attacks import Attack
from tests.runners.languages import LanguageCases, StdinCase


def ts(body: str) -> str:
    """Wraps TypeScript lines in try/catch that reports the block."""
    return f"try {{\n{body}\n}} catch (e: any) {{ console.log('blocked:', e.name, e.message); }}"


ATTACKS = (
    Attack(
        "typescript-fetch",
        "typescript",
        ts(
            'const r: Response = await fetch("{probe}/{marker}");\n'
            'console.log("REACHED", r.status);'
        )
        + "\n"
        + ts(
            'await fetch("{probe}/{marker}-no-cors", { mode: "no-cors" }); console.log("REACHED");'
        ),
        "blocked: TypeError Failed to fetch",
    ),
    Attack(
        "typescript-xhr",
        "typescript",
        ts(
            "const x = new XMLHttpRequest();\n"
            'x.open("GET", "{probe}/{marker}", false);\nx.send();\n'
            'console.log("REACHED", x.status);'
        ),
        "blocked: NetworkError",
    ),
    Attack(
        "typescript-websocket",
        "typescript",
        ts(
            'const ws = new WebSocket("{ws_probe}/{marker}");\n'
            "console.log(await new Promise<string>((ok) => {\n"
            "  ws.onopen = () => ok('REACHED');\n"
            "  ws.onerror = () => ok('blocked: socket error');\n"
            "}));"
        ),
        "blocked: socket error",
    ),
    Attack(
        "typescript-import-scripts",
        "typescript",
        ts('importScripts("{probe}/{marker}.js");\nconsole.log("REACHED");'),
        "blocked: NetworkError",
    ),
    Attack(
        "typescript-relay",
        "typescript",
        ts(
            'const r = await fetch("{relay}/api/rooms?{marker}", { method: "POST" });\n'
            'console.log("REACHED", r.status);'
        )
        + "\n"
        + ts(
            'const ws = new WebSocket("{ws_relay}/ws/{room}/events?{marker}");\n'
            "console.log(await new Promise<string>((ok) => {\n"
            "  ws.onopen = () => ok('REACHED');\n"
            "  ws.onerror = () => ok('blocked: socket');\n"
            "}));"
        ),
        "blocked: TypeError Failed to fetch\nblocked: socket",
    ),
    Attack(
        "typescript-storage",
        "typescript",
        "const g = self as any;\n"
        "console.log(typeof g.localStorage, typeof g.sessionStorage, typeof g.caches);\n"
        + ts('indexedDB.open("secrets"); console.log("opened");'),
        "undefined undefined undefined\nblocked: SecurityError",
    ),
    Attack(
        "typescript-page",
        "typescript",
        "const names = ['document', 'window', 'parent', 'top', 'opener'];\n"
        "const found = names.filter((name) => typeof (self as any)[name] !== 'undefined');\n"
        "console.log(found.length, typeof postMessage);\n"
        + ts("new Worker('data:text/javascript,1');"),
        "0 undefined\nblocked: Error Worker is not available in the sandbox",
    ),
)

CASES = LanguageCases(
    language="typescript",
    hello=("const n: number = 1 + 1;\nconsole.log(n);", "2\n"),
    # Thrown by the program: every engine words its own errors differently (the engine tier runs
    # these cases in Firefox and WebKit too).
    error=(
        "function check(n: number): number {\n  if (n > 2) throw new RangeError(`too far: ${n}`);\n"
        "  return n;\n}\ncheck(3);",
        "RangeError: too far: 3",
    ),
    stdin=StdinCase(
        code="const name = readline();\nconst n = Number(readline());\n"
        "console.log(`${name} x${n}`);",
        stdin="Ada\n3\n",
        output="Ada x3\n",
    ),
    loop="while (true) {}",
    memory_bomb="const b: number[][] = [];\nwhile (true) b.push(new Array(1e6).fill(1.5));",
    attacks=ATTACKS,
)
