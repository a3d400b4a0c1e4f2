"""One small interface over three drivers (Playwright for Chromium, puppeteer-core for Firefox,
Selenium for WebKitGTK), so that one test body runs in every engine.

A driver supplies a handful of primitives (open a URL, evaluate a JavaScript function, click,
type, press, screenshot); reading, filling and waiting are built here from `evaluate`, the same
way in every engine. Waits poll inside the page, so a wait is one driver round trip.
"""

from __future__ import annotations

import json
import time
from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any, Protocol

#: Long enough for Pyodide to load on a busy two-core machine (WebKit on a LAN origin: ~9 s).
DEFAULT_WAIT_S = 90.0


def by_testid(name: str) -> str:
    """The CSS selector of a `data-testid`."""
    return f'[data-testid="{name}"]'


class EngineError(AssertionError):
    """A wait ran out, or the page threw: an assertion failure of the test."""


class EnginePage(ABC):
    """One tab in a browser context of its own."""

    #: "chromium", "firefox" or "webkit".
    engine: str

    @abstractmethod
    def goto(self, url: str) -> None: ...

    @abstractmethod
    def evaluate(self, source: str, arg: Any = None) -> Any:
        """Calls the JavaScript function `source` (may be async) with `arg`; its JSON result."""

    @abstractmethod
    def click(self, selector: str) -> None:
        """A real mouse click on the first element matching the CSS selector."""

    @abstractmethod
    def type(self, text: str) -> None:
        """Real keystrokes into the focused element."""

    @abstractmethod
    def press(self, keys: str) -> None:
        """A key or chord such as "Control+a", "End", "Enter"."""

    @abstractmethod
    def screenshot(self, path: Path) -> None: ...

    @abstractmethod
    def page_errors(self) -> list[str]:
        """Uncaught errors seen in the page (empty where the driver cannot see them)."""

    @abstractmethod
    def close(self) -> None: ...

    # --- built on evaluate -----------------------------------------------------------

    def fill(self, selector: str, value: str) -> None:
        """Sets an input's value as typing would end, with the events a page listens to."""
        self.evaluate(
            """([selector, value]) => {
              const field = document.querySelector(selector);
              if (!field) throw new Error('no element ' + selector);
              field.focus();
              const proto = Object.getPrototypeOf(field);
              Object.getOwnPropertyDescriptor(proto, 'value').set.call(field, value);
              field.dispatchEvent(new Event('input', { bubbles: true }));
              field.dispatchEvent(new Event('change', { bubbles: true }));
            }""",
            [selector, value],
        )

    def text(self, selector: str) -> str | None:
        value = self.evaluate(
            "(s) => { const e = document.querySelector(s); return e ? e.textContent : null; }",
            selector,
        )
        return value if isinstance(value, str) else None

    def attribute(self, selector: str, name: str) -> str | None:
        value = self.evaluate(
            "([s, n]) => { const e = document.querySelector(s);"
            " return e ? e.getAttribute(n) : null; }",
            [selector, name],
        )
        return value if isinstance(value, str) else None

    def wait_for(self, source: str, arg: Any = None, timeout_s: float = DEFAULT_WAIT_S) -> Any:
        """Polls the function `source(arg)` in the page until it returns something truthy."""
        waiter = (
            "async ([arg, ms, what]) => {"
            f" const test = ({source});"
            " const deadline = performance.now() + ms;"
            " let last;"
            " for (;;) {"
            "  try { last = await test(arg); } catch (error) { last = 'threw: ' + error; }"
            "  if (last && !(typeof last === 'string' && last.startsWith('threw: '))) return last;"
            "  if (performance.now() > deadline)"
            "   return { timedOut: true, what, last: last === undefined ? null : last };"
            "  await new Promise((ok) => setTimeout(ok, 50));"
            " } }"
        )
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                result = self.evaluate(waiter, [arg, timeout_s * 1000, source[:200]])
                break
            except Exception:
                # The page navigated under the wait (WebKit reloads itself once to drop
                # isolation): the wait has no side effects, so ask the new page again.
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        if isinstance(result, dict) and result.get("timedOut") is True:
            shown = self.evaluate(
                "() => [location.href, document.body ? document.body.innerText.slice(0, 400) : '']"
            )
            raise EngineError(
                f"{self.engine}: waited {timeout_s:.0f} s for {source[:200]!r} "
                f"(arg {json.dumps(arg)[:200]}); last value {result.get('last')!r}; "
                f"page {shown[0]} shows {shown[1]!r}"
            )
        return result

    def wait_for_selector(self, selector: str, timeout_s: float = DEFAULT_WAIT_S) -> None:
        self.wait_for("(s) => document.querySelector(s) !== null", selector, timeout_s)


class Engine(Protocol):
    """A running browser of one engine; every page it opens is a separate person."""

    name: str

    def new_page(self) -> EnginePage: ...

    def version(self) -> str: ...

    def close(self) -> None: ...
