"""What each language's runner must do, as data: one module per language in this package
(`python.py`, `javascript.py`, …), each defining `CASES`. The runner contract suite
(`tests/runners/test_runner_contract.py`) runs the same tests against every one of them, and the
hostile suite runs each language's `attacks`."""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field

from tests.runners.attacks import Attack


@dataclass(frozen=True)
class StdinCase:
    code: str
    stdin: str
    #: The whole output, exactly.
    output: str


@dataclass(frozen=True)
class LanguageCases:
    language: str
    #: A program and its whole output, exactly (e.g. printing `2`).
    hello: tuple[str, str]
    #: A program that fails, and text its error contains (the runtime's own wording).
    error: tuple[str, str]
    #: A program that reads standard input; None where the language has no stdin.
    stdin: StdinCase | None
    #: A program that never ends on its own (time limit, Stop).
    loop: str
    #: A program that tries to use up memory: it must end (with an error or the time limit)
    #: and the next run must work.
    memory_bomb: str
    #: Network, page and storage probes (placeholders as in attacks.py).
    attacks: tuple[Attack, ...] = field(default=())


def all_cases() -> list[LanguageCases]:
    """Every language module in this package, in name order."""
    found: list[LanguageCases] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        cases = getattr(module, "CASES", None)
        if isinstance(cases, LanguageCases):
            found.append(cases)
    return found
