"""Python (Pyodide) for the runner contract suite."""

from __future__ import annotations

from tests.runners.attacks import NETWORK_ATTACKS
from tests.runners.languages import LanguageCases, StdinCase

CASES = LanguageCases(
    language="python",
    hello=("print(1 + 1)", "2\n"),
    error=("def f():\n    return 1 / 0\nf()", "ZeroDivisionError: division by zero"),
    stdin=StdinCase(
        code="name = input()\nn = int(input())\nprint(f'{name} x{n}')",
        stdin="Ada\n3\n",
        output="Ada x3\n",
    ),
    loop="while True:\n    pass",
    memory_bomb="blocks = []\nwhile True:\n    blocks.append(bytearray(64 * 1024 * 1024))",
    attacks=tuple(attack for attack in NETWORK_ATTACKS if attack.language == "python"),
)
