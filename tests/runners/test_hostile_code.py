"""Hostile code, one test per attack, in both languages: the network, the relay, the page, its
storage and cookies, the desktop bridge, popups, navigation, runaway loops, memory bombs, worker
floods and forged results. Each is contained, with a clear message in the output."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Response, expect

from tests.runners.attacks import NETWORK_ATTACKS, Attack, fill, js, py
from tests.runners.conftest import ProbeServer
from tests.runners.run_panel import RunPanel
from tests.support.relay_process import RelayProcess

pytestmark = pytest.mark.browser

LANGUAGES = ["python", "javascript"]


@pytest.fixture
def marker() -> str:
    return f"a-{uuid.uuid4().hex[:10]}"


@pytest.fixture
def responses(host: RunPanel) -> Iterator[list[str]]:
    """URLs of every response the host's browser context received during the test."""
    seen: list[str] = []

    def record(response: Response) -> None:
        seen.append(response.url)

    context = host.page.context
    context.on("response", record)
    yield seen
    context.remove_listener("response", record)


def run_attack(host: RunPanel, code: str, language: str, **values: str) -> str:
    code = fill(code, **values)
    # Lines that fit the editor (see VIEWPORT in conftest.py).
    assert max(len(line) for line in code.splitlines()) <= 125, code
    outcome = host.run(code, language)
    assert "REACHED" not in outcome.output, outcome.output
    return outcome.output + outcome.error


@pytest.mark.parametrize("attack", NETWORK_ATTACKS, ids=lambda attack: attack.name)
def test_network_request_is_blocked(
    host: RunPanel, probe: ProbeServer, marker: str, attack: Attack
) -> None:
    shown = run_attack(
        host,
        attack.code,
        attack.language,
        probe=probe.url(""),
        ws_probe=probe.url("").replace("http://", "ws://"),
        marker=marker,
    )
    assert attack.expect in shown
    assert probe.reached(marker) == []


RELAY_PY = (
    "import js, asyncio\nfrom pyodide.ffi import create_proxy, to_js\n"
    "post = to_js({'method': 'POST'}, dict_converter=js.Object.fromEntries)\n"
    + py('r = await js.fetch("{relay}/api/rooms?{marker}", post)\nprint("REACHED", r.status)')
    + "\n"
    + py('r = await js.fetch("{relay}/healthz?{marker}")\nprint("REACHED", r.status)')
    + "\ndone = asyncio.get_event_loop().create_future()\n"
    "say = lambda text: done.done() or done.set_result(text)\n"
    + py(
        'ws = js.WebSocket.new("{ws_relay}/ws/{room}/events")\n'
        'ws.onopen = create_proxy(lambda e: say("REACHED"))\n'
        'ws.onerror = create_proxy(lambda e: say("blocked: socket"))\n'
        "print(await done)"
    )
)
RELAY_JS = "\n".join(
    [
        js(
            'const r = await fetch("{relay}/api/rooms?{marker}", {method: "POST"});\n'
            'console.log("REACHED", r.status);'
        ),
        js('const r = await fetch("{relay}/healthz?{marker}"); console.log("REACHED", r.status);'),
        js(
            'const ws = new WebSocket("{ws_relay}/ws/{room}/events");\n'
            "console.log(await new Promise((ok) => { ws.onopen = () => ok('REACHED');\n"
            "ws.onerror = () => ok('blocked: socket'); }));"
        ),
    ]
)


@pytest.mark.parametrize("language", LANGUAGES)
def test_relay_api_and_sockets_are_out_of_reach(
    host: RunPanel,
    relay: RelayProcess,
    room: str,
    marker: str,
    responses: list[str],
    language: str,
) -> None:
    people = host.page.get_by_test_id("participants").get_by_test_id("participant").count()
    shown = run_attack(
        host,
        RELAY_PY if language == "python" else RELAY_JS,
        language,
        relay=relay.base_url,
        ws_relay=relay.ws_url,
        room=room,
        marker=marker,
    )
    assert shown.count("blocked:") == 3, shown
    assert [url for url in responses if marker in url] == []
    assert host.page.get_by_test_id("participants").get_by_test_id("participant").count() == people


DOM_PY = (
    "import js\n"
    "print([name for name in ('document', 'window', 'parent', 'top', 'frames', 'opener')"
    " if hasattr(js, name)])"
)
DOM_JS = (
    "console.log(['document', 'window', 'parent', 'top', 'frames', 'opener']"
    ".filter((name) => typeof self[name] !== 'undefined'))"
)


@pytest.mark.parametrize("language", LANGUAGES)
def test_page_dom_is_out_of_reach(host: RunPanel, language: str) -> None:
    shown = run_attack(host, DOM_PY if language == "python" else DOM_JS, language)
    assert shown.strip() == "[]"


COOKIE_PY = (
    "import js\n"
    + py("print(js.document.cookie)")
    + "\nprint('cookieStore' in dir(js))\n"
    + py('r = await js.fetch("{relay}/healthz", credentials="include")\nprint("REACHED")')
)
COOKIE_JS = "\n".join(
    [
        js("console.log(document.cookie);"),
        "console.log(typeof cookieStore);",
        js('await fetch("{relay}/healthz", {credentials: "include"}); console.log("REACHED");'),
    ]
)


@pytest.mark.parametrize("language", LANGUAGES)
def test_cookies_are_out_of_reach(host: RunPanel, relay: RelayProcess, language: str) -> None:
    host.page.context.add_cookies(
        [{"name": "session", "value": "cookie-secret", "url": relay.base_url}]
    )
    shown = run_attack(
        host, COOKIE_PY if language == "python" else COOKIE_JS, language, relay=relay.base_url
    )
    assert "cookie-secret" not in shown
    assert "blocked:" in shown
    assert "False" in shown if language == "python" else "undefined" in shown


STORAGE_PY = (
    "import js\nprint('localStorage' in dir(js), 'sessionStorage' in dir(js))\n"
    + py('js.indexedDB.open("secrets")\nprint("opened")')
    + "\n"
    + py('await js.caches.keys()\nprint("REACHED")')
)
STORAGE_JS = "\n".join(
    [
        "console.log(typeof localStorage, typeof sessionStorage);",
        js('indexedDB.open("secrets"); console.log("opened");'),
        js('await caches.keys(); console.log("REACHED");'),
    ]
)


@pytest.mark.parametrize("language", LANGUAGES)
def test_local_storage_and_indexeddb_are_out_of_reach(host: RunPanel, language: str) -> None:
    host.page.evaluate("localStorage.setItem('interview-secret', 'storage-secret')")
    shown = run_attack(host, STORAGE_PY if language == "python" else STORAGE_JS, language)
    assert "storage-secret" not in shown
    assert "SecurityError" in shown
    assert ("False False" if language == "python" else "undefined undefined") in shown


BRIDGE_PY = "import js\nprint(hasattr(js, 'pywebview'), hasattr(js, 'qt'))\n" + py(
    "js.pywebview.api.steal()"
)
BRIDGE_JS = "console.log(typeof pywebview, typeof qt);\n" + js("pywebview.api.steal();")


@pytest.mark.parametrize("language", LANGUAGES)
def test_desktop_bridge_is_out_of_reach(host: RunPanel, language: str) -> None:
    """The window's `pywebview` object lives in the top page only; user code never sees it."""
    host.page.evaluate("window.pywebview = {api: {steal() { window.stolen = true; }}}")
    try:
        shown = run_attack(host, BRIDGE_PY if language == "python" else BRIDGE_JS, language)
    finally:
        stolen = host.page.evaluate("window.stolen === true")
        host.page.evaluate("delete window.pywebview")
    assert not stolen
    assert ("False False" if language == "python" else "undefined undefined") in shown
    assert "blocked:" in shown


POPUP_PY = "import js\n" + py('js.open("{probe}/{marker}")\nprint("REACHED")')
POPUP_JS = js('const w = open("{probe}/{marker}"); console.log("REACHED", w);')


@pytest.mark.parametrize("language", LANGUAGES)
def test_popups_cannot_open(host: RunPanel, probe: ProbeServer, marker: str, language: str) -> None:
    pages = len(host.page.context.pages)
    shown = run_attack(
        host,
        POPUP_PY if language == "python" else POPUP_JS,
        language,
        probe=probe.url(""),
        marker=marker,
    )
    assert "blocked:" in shown
    assert len(host.page.context.pages) == pages
    assert probe.reached(marker) == []


NAVIGATE_PY = "import js\n" + py('js.location.href = "{probe}/{marker}"\nprint("no error")')
NAVIGATE_JS = js('location.href = "{probe}/{marker}"; console.log("no error");')


@pytest.mark.parametrize("language", LANGUAGES)
def test_top_page_cannot_be_navigated(
    host: RunPanel, probe: ProbeServer, marker: str, language: str
) -> None:
    url = host.page.url
    shown = run_attack(
        host,
        NAVIGATE_PY if language == "python" else NAVIGATE_JS,
        language,
        probe=probe.url(""),
        marker=marker,
    )
    assert "blocked:" in shown or "no error" in shown
    assert host.page.url == url
    assert probe.reached(marker) == []


@pytest.mark.parametrize(
    ("language", "loop"), [("python", "while True:\n    pass"), ("javascript", "while (true) {}")]
)
def test_runaway_loop_leaves_the_page_responsive(host: RunPanel, language: str, loop: str) -> None:
    host.set_time_limit(4)
    try:
        before = host.start(loop, language)
        # While the loop spins the page still answers and takes typing.
        assert host.page.evaluate("1 + 1") == 2
        stdin = host.page.get_by_test_id("stdin")
        stdin.fill("still typing")
        expect(stdin).to_have_value("still typing")
        outcome = host.wait_result(before + 1)
    finally:
        host.set_stdin("")
        host.set_time_limit(10)
    assert outcome.status == "timeout"
    again = "print('alive')" if language == "python" else "console.log('alive')"
    assert host.run(again, language).output == "alive\n"


def test_python_memory_bomb_is_contained(open_room: Callable[..., RunPanel]) -> None:
    """In a tab of its own, so that nothing else shares its fate."""
    mallory = open_room("Mallory")
    mallory.wait_ready()
    mallory.set_time_limit(4)
    outcome = mallory.run("b = []\nwhile True:\n    b.append(bytearray(64 * 1024 * 1024))")
    assert outcome.status in {"error", "timeout"}
    if outcome.status == "error":
        assert "MemoryError" in outcome.error
    assert mallory.page.evaluate("1 + 1") == 2
    assert mallory.run("print('alive')").output == "alive\n"
    mallory.page.close()


def test_javascript_memory_bomb_is_contained(
    host: RunPanel, open_room: Callable[..., RunPanel]
) -> None:
    """V8 ends a worker that exhausts its heap by crashing that renderer: the frame's own
    process, not the page's. Playwright then reports the whole page as crashed (it treats a
    crashed out-of-process frame so), so the page's survival is checked from another tab: the
    result the page sends after its time limit, and its seat in the room."""
    trudy = open_room("Trudy")
    trudy.set_time_limit(3)
    before = host.entries.count()
    trudy.start("const b = [];\nwhile (true) b.push(new Array(1e6).fill(1.5));", "javascript")
    outcome = host.wait_result(before + 1)
    assert outcome.by == "Trudy"
    assert outcome.status in {"timeout", "error"}
    if outcome.status == "error":
        assert "RangeError" in outcome.error
    host.room.expect_participants("Alice", "Trudy")


WORKERS_PY = "import js\n" + py(
    'for i in range(100000):\n    js.Worker.new("data:text/javascript,while(1){}")'
)
WORKERS_JS = js(
    "const url = URL.createObjectURL(new Blob(['while (true) {}']));\n"
    "for (let i = 0; i < 100000; i++) new Worker(url);"
)


@pytest.mark.parametrize("language", LANGUAGES)
def test_spawning_workers_is_refused(host: RunPanel, language: str) -> None:
    shown = run_attack(host, WORKERS_PY if language == "python" else WORKERS_JS, language)
    assert "Worker is not available in the sandbox" in shown


FORGE_PY = "import js\n" + py('js.postMessage({"type": "done", "id": "x", "error": None})')
FORGE_JS = js("postMessage({type: 'done', error: null}); console.log('REACHED');")


@pytest.mark.parametrize("language", LANGUAGES)
def test_results_cannot_be_forged(host: RunPanel, language: str) -> None:
    """User code cannot post to the page: only the runner's own code reports the result."""
    shown = run_attack(host, FORGE_PY if language == "python" else FORGE_JS, language)
    assert "blocked:" in shown
