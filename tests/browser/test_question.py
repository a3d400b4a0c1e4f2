"""The question pane: the host's Markdown statement rendered live for everyone, inert whatever it
holds, editable by the host alone (the relay refuses anyone else); the host's tests editor."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import JoinRoom
from tests.runners.run_panel import RunPanel
from tests.runners.tests_pane import TestsPane, set_tests
from tests.support.relay_process import RelayProcess
from tests.support.webui_pages import RoomPage

pytestmark = pytest.mark.browser

STATEMENT = """# Two sum

Return the **indices** of two numbers that add up to `target`.

- exactly one answer
- do not use an element twice

| numbers | target |
|---|---|
| [2, 7, 11, 15] | 9 |

```python
def two_sum(numbers, target):
    return [0, 1]
```

See [the docs](https://example.org/two-sum).
"""

PROBE = "probe-marker-31ac"
HUGE_TABLE = (
    "| " + " | ".join(f"c{i}" for i in range(40)) + " |\n"
    "|"
    + "---|" * 40
    + "\n"
    + ("| " + " | ".join("wide-cell-text" for _ in range(40)) + " |\n") * 25
)
HOSTILE = f"""# Hostile

<script>window.__pwned = 'script'</script>
<img src=x onerror="window.__pwned = 'onerror'">
<iframe src="javascript:window.top.__pwned = 'iframe'"></iframe>
<div style="position:fixed;inset:0;background:red" data-testid="overlay">raw html</div>

[click me](javascript:window.__pwned='link') and [data](data:text/html,<script>x</script>)

![remote](http://127.0.0.1:9/{PROBE}.png)
![remote too](https://example.org/{PROBE}.png)

<a href="https://example.org" onclick="window.__pwned = 'onclick'">raw link</a>

{HUGE_TABLE}
"""


def write_statement(host: RoomPage, text: str) -> None:
    """The host's statement editor is open when the host arrives."""
    editor = host.page.get_by_test_id("question-edit")
    expect(editor).to_be_visible()
    editor.fill(text)


def test_the_host_writes_a_statement_and_the_candidate_sees_it_rendered(join: JoinRoom) -> None:
    grace = join("Grace", host=True)
    ada = join("Ada")
    expect(ada.page.get_by_test_id("question-edit-button")).to_be_hidden()
    expect(ada.page.get_by_test_id("question-edit")).to_be_hidden()
    write_statement(grace, STATEMENT)

    question = ada.page.get_by_test_id("question")
    expect(question.locator("h1")).to_have_text("Two sum")
    expect(question.locator("li")).to_have_count(2)
    expect(question.locator("table td").first).to_have_text("[2, 7, 11, 15]")
    expect(question.locator("pre code .tok-keyword").first).to_have_text("def")
    link = question.locator("a")
    expect(link).to_have_attribute("href", "https://example.org/two-sum")
    expect(link).to_have_attribute("target", "_blank")
    expect(link).to_have_attribute("rel", "noopener noreferrer")

    # Kept by the relay: a late joiner and a reload both see it.
    late = join("Late")
    expect(late.page.get_by_test_id("question").locator("h1")).to_have_text("Two sum")

    # The host may fold the editor away and open it again; the text is still there.
    grace.page.get_by_test_id("question-edit-button").click()
    expect(grace.page.get_by_test_id("question-edit")).to_be_hidden()
    grace.page.get_by_test_id("question-edit-button").click()
    expect(grace.page.get_by_test_id("question-edit")).to_have_value(STATEMENT)


def test_hostile_markdown_renders_inert(join: JoinRoom) -> None:
    grace = join("Grace", host=True)
    ada = join("Ada")
    requests: list[str] = []
    ada.page.on("request", lambda request: requests.append(request.url))
    width_before = ada.page.get_by_test_id("question-pane").bounding_box()
    write_statement(grace, HOSTILE)

    question = ada.page.get_by_test_id("question")
    expect(question.locator("h1")).to_have_text("Hostile")
    expect(question.locator("table")).to_have_count(1)
    found: dict[str, Any] = ada.page.evaluate(
        """() => {
            const root = document.querySelector('[data-testid=question]');
            const all = [...root.querySelectorAll('*')];
            return {
              pwned: window.__pwned ?? null,
              tags: [...new Set(all.map((e) => e.tagName.toLowerCase()))],
              handlers: all.flatMap((e) => [...e.attributes].map((a) => a.name))
                .filter((n) => n.startsWith('on') || n === 'style'),
              hrefs: [...root.querySelectorAll('a')].map((a) => a.getAttribute('href')),
              images: [...root.querySelectorAll('img')].map((i) => i.getAttribute('src')),
              pageWidth: document.documentElement.scrollWidth,
              viewport: window.innerWidth,
            };
        }"""
    )
    assert found["pwned"] is None
    assert not {"script", "iframe", "style", "object", "embed", "form"} & set(found["tags"])
    assert found["handlers"] == []
    assert all(h is None or h.startswith("https://") for h in found["hrefs"])
    assert found["images"] == []
    # Raw HTML shows as the text it is.
    expect(question).to_contain_text("<script>window.__pwned = 'script'</script>")
    expect(ada.page.get_by_test_id("overlay")).to_have_count(0)
    # A huge table scrolls in its own box: the page and the pane keep their width.
    assert found["pageWidth"] <= found["viewport"]
    width_after = ada.page.get_by_test_id("question-pane").bounding_box()
    assert width_before is not None
    assert width_after is not None
    assert width_after["width"] == width_before["width"]
    question.locator("a", has_text="click me").click()
    assert ada.page.evaluate("window.__pwned ?? null") is None
    assert [url for url in requests if PROBE in url] == []


def forged_set_question(page: Page, relay: RelayProcess, room: str) -> dict[str, Any]:
    """A candidate's page sends `set-question` itself, over a socket of its own."""
    reply: dict[str, Any] = page.evaluate(
        """([url]) => new Promise((resolve) => {
            const socket = new WebSocket(url);
            socket.onopen = () => {
              socket.send(JSON.stringify({type: 'hello', payload: {name: 'Mallory'}}));
              socket.send(JSON.stringify({type: 'set-question', payload: {statement: '# Owned'}}));
              socket.send(JSON.stringify({type: 'set-tests', payload: {tests: []}}));
            };
            const errors = [];
            socket.onmessage = (event) => {
              const message = JSON.parse(event.data);
              if (message.type === 'error') errors.push(message.payload.code);
              if (errors.length === 2) { socket.close(); resolve({errors}); }
            };
        })""",
        [f"{relay.ws_url}/ws/{room}/events"],
    )
    return reply


def test_a_candidate_cannot_edit_the_statement_or_the_tests(
    join: JoinRoom, relay: RelayProcess, room: str
) -> None:
    grace = join("Grace", host=True)
    write_statement(grace, "# Original")
    ada = join("Ada")
    expect(ada.page.get_by_test_id("question").locator("h1")).to_have_text("Original")
    expect(ada.page.get_by_test_id("tests-edit-button")).to_be_hidden()
    assert forged_set_question(ada.page, relay, room) == {"errors": ["host-only", "host-only"]}
    late = join("Late")
    expect(late.page.get_by_test_id("question").locator("h1")).to_have_text("Original")
    expect(grace.page.get_by_test_id("question").locator("h1")).to_have_text("Original")


def test_the_host_edits_tests_and_candidates_see_only_visible_ones(join: JoinRoom) -> None:
    grace = join("Grace", host=True)
    ada = join("Ada")
    grace.page.get_by_test_id("tests-edit-button").click()
    dialog = grace.page.get_by_test_id("tests-editor")
    for name, hidden in (("adds small numbers", False), ("secret-big-numbers", True)):
        dialog.get_by_test_id("test-add").click()
        row = dialog.get_by_test_id("test-row").last
        row.get_by_test_id("test-name").fill(name)
        row.get_by_test_id("test-kind").select_option("function")
        row.get_by_test_id("test-input").fill("add(1, 2)")
        row.get_by_test_id("test-expected").fill("3")
        if hidden:
            row.get_by_test_id("test-hidden").check()
    dialog.get_by_test_id("tests-show-hidden-count").check()
    dialog.get_by_test_id("tests-save").click()

    expect(grace.page.get_by_test_id("test-case")).to_have_count(2)
    cases = ada.page.get_by_test_id("test-case")
    expect(cases).to_have_count(1)
    expect(cases.first).to_contain_text("adds small numbers")
    expect(ada.page.get_by_test_id("tests-pane")).to_contain_text("1 hidden test")
    assert "secret-big-numbers" not in ada.page.content()


def test_playback_shows_the_statement_and_every_test_run(
    join: JoinRoom, relay: RelayProcess, room: str
) -> None:
    grace = join("Grace", host=True)
    write_statement(grace, "# Sum it")
    small = {"id": "small", "name": "small", "kind": "function", "call": "add(1, 2)"}
    big = {"id": "big", "name": "big", "kind": "function", "call": "add(1e9, 1)"}
    tests: list[dict[str, Any]] = [
        {**small, "expected": "3"},
        {**big, "expected": "1e9 + 1", "hidden": True},
    ]
    set_tests(grace.page, relay, room, tests)
    pane = TestsPane(RunPanel(grace))
    assert pane.run("function add(a, b) { return a + b; }\n", "javascript", 2) == "2/2 passed"

    grace.page.get_by_test_id("playback-button").click()
    dialog = grace.page.get_by_test_id("playback-dialog")
    expect(dialog.get_by_test_id("playback-question").locator("h1")).to_have_text("Sum it")
    expect(dialog.get_by_test_id("playback-test-run")).to_have_count(1)
    runs = dialog.get_by_test_id("playback-test-runs")
    expect(runs).to_contain_text("Grace ran the tests: 2/2 passed")
    expect(runs).to_contain_text("big (hidden) — pass")
