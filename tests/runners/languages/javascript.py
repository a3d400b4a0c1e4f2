"""JavaScript (the browser's engine, in the sandboxed frame's worker) for the runner contract
suite. The stdin box feeds `readline()` (and `prompt()`), then null."""

from __future__ import annotations

from tests.runners.attacks import NETWORK_ATTACKS, Attack, js
from tests.runners.languages import LanguageCases, StdinCase

STORAGE = Attack(
    "javascript-storage",
    "javascript",
    "console.log(typeof localStorage, typeof sessionStorage, typeof caches);\n"
    + js('indexedDB.open("secrets"); console.log("opened");'),
    "undefined undefined undefined",
)
PAGE = Attack(
    "javascript-page",
    "javascript",
    "const names = ['document', 'window', 'parent', 'top', 'opener'];\n"
    "console.log(names.filter((name) => typeof self[name] !== 'undefined').length,"
    " typeof postMessage);\n" + js("new Worker('data:text/javascript,1');"),
    "0 undefined\nblocked: Error Worker is not available in the sandbox",
)

CASES = LanguageCases(
    language="javascript",
    hello=("console.log(1 + 1)", "2\n"),
    error=("const f = () => null.x;\nf();", "TypeError: Cannot read properties of null"),
    stdin=StdinCase(
        code="const name = readline();\nconst n = Number(prompt());\n"
        "console.log(`${name} x${n}`, readline());",
        stdin="Ada\n3\n",
        output="Ada x3 null\n",
    ),
    loop="while (true) {}",
    memory_bomb="const b = [];\nwhile (true) b.push(new Array(1e6).fill(1.5));",
    attacks=(
        *(attack for attack in NETWORK_ATTACKS if attack.language == "javascript"),
        STORAGE,
        PAGE,
    ),
)
