"""Hostile programs, one per attack, in both languages. Each prints what it managed; a contained
attack prints `blocked: …` (or what it found missing) and never `REACHED`.

Placeholders, filled by `fill`: `{probe}` / `{ws_probe}` the probe server (stands for the
network), `{relay}` / `{ws_relay}` the relay, `{marker}` a path segment unique to the run."""

from __future__ import annotations

from dataclasses import dataclass

PY_TRY = "try:\n{body}\nexcept Exception as e:\n    print('blocked:', type(e).__name__, e)"


def py(body: str) -> str:
    """Wraps indented Python lines in try/except that reports the block."""
    return PY_TRY.format(body="\n".join("    " + line for line in body.splitlines()))


def js(body: str) -> str:
    return f"try {{\n{body}\n}} catch (e) {{ console.log('blocked:', e.name, e.message); }}"


PY_WEBSOCKET = """import js, asyncio
from pyodide.ffi import create_proxy
done = asyncio.get_event_loop().create_future()
""" + py(
    """ws = js.WebSocket.new("{target}")
ws.onopen = create_proxy(lambda e: done.done() or done.set_result("REACHED"))
ws.onerror = create_proxy(lambda e: done.done() or done.set_result("blocked: socket error"))
print(await done)"""
)

JS_WEBSOCKET = js(
    """const ws = new WebSocket("{target}");
console.log(await new Promise((ok) => {
  ws.onopen = () => ok('REACHED');
  ws.onerror = () => ok('blocked: socket error');
}));"""
)


def fill(code: str, **values: str) -> str:
    """Replaces `{name}` placeholders only (the code's own braces stay)."""
    for name, value in values.items():
        code = code.replace("{" + name + "}", value)
    return code


@dataclass(frozen=True)
class Attack:
    name: str
    language: str
    code: str
    #: Text the output must contain (the clear message of the block).
    expect: str


NETWORK_ATTACKS = [
    Attack(
        "python-js-fetch",
        "python",
        "import js\n" + py('r = await js.fetch("{probe}/{marker}")\nprint("REACHED", r.status)'),
        "blocked: JsException TypeError: Failed to fetch",
    ),
    Attack(
        "python-pyfetch",
        "python",
        "from pyodide.http import pyfetch\n"
        + py('r = await pyfetch("{probe}/{marker}")\nprint("REACHED", r.status)'),
        "blocked:",
    ),
    Attack(
        "python-open-url-sync-xhr",
        "python",
        "from pyodide.http import open_url\n"
        + py('print("REACHED", open_url("{probe}/{marker}"))'),
        "NetworkError",
    ),
    Attack(
        "python-xhr",
        "python",
        "import js\n"
        + py(
            'x = js.XMLHttpRequest.new()\nx.open("GET", "{probe}/{marker}", False)\nx.send()\n'
            'print("REACHED", x.status)'
        ),
        "NetworkError",
    ),
    Attack(
        "python-websocket",
        "python",
        PY_WEBSOCKET.replace("{target}", "{ws_probe}/{marker}"),
        "blocked: socket error",
    ),
    Attack(
        "python-image-and-beacon",
        "python",
        "import js\nprint('Image' in dir(js), 'sendBeacon' in dir(js.navigator))\n"
        + py('js.EventSource.new("{probe}/{marker}")\nprint("opened")')
        + "\n"
        + py('js.importScripts("{probe}/{marker}.js")\nprint("REACHED")'),
        "False False",
    ),
    Attack(
        "javascript-fetch",
        "javascript",
        js('const r = await fetch("{probe}/{marker}");\nconsole.log("REACHED", r.status);')
        + "\n"
        + js('await fetch("{probe}/{marker}-no-cors", {mode: "no-cors"}); console.log("REACHED");'),
        "blocked: TypeError Failed to fetch",
    ),
    Attack(
        "javascript-xhr",
        "javascript",
        js(
            "const x = new XMLHttpRequest();\n"
            'x.open("GET", "{probe}/{marker}", false);\nx.send();\n'
            'console.log("REACHED", x.status);'
        ),
        "blocked: NetworkError",
    ),
    Attack(
        "javascript-websocket",
        "javascript",
        JS_WEBSOCKET.replace("{target}", "{ws_probe}/{marker}"),
        "blocked: socket error",
    ),
    Attack(
        "javascript-image-script-and-beacon",
        "javascript",
        "console.log(typeof Image, typeof navigator.sendBeacon);\n"
        + js('importScripts("{probe}/{marker}.js"); console.log("REACHED");')
        + "\n"
        + js(
            'const es = new EventSource("{probe}/{marker}-es");\n'
            "console.log(await new Promise((ok) => { es.onopen = () => ok('REACHED');\n"
            "es.onerror = () => ok('blocked: event source error'); }));"
        ),
        "undefined undefined",
    ),
]
