"""The language picker is shared: a switch changes it, its highlighting and the runtime that loads
for everyone; the status line and playback name the language."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import JoinRoom
from tests.support.relay_process import RelayProcess
from tests.support.yclient import read_document

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = json.loads((ROOT / "desktop" / "languages.json").read_text())["languages"]
#: Loading a runtime on a busy two-core machine can take several seconds.
RUNTIME_TIMEOUT_MS = 60_000


def test_rooms_start_in_python(join: JoinRoom) -> None:
    ada = join("Ada")
    expect(ada.page.get_by_test_id("language-select")).to_have_value("python")
    expect(ada.editor).to_have_attribute("data-language", "python")


def test_language_switch_propagates_and_rehighlights(
    relay: RelayProcess, room: str, join: JoinRoom
) -> None:
    ada = join("Ada")
    bea = join("Bea")
    ada.go_to_end()
    ada.type("def f(): pass")
    bea.expect_text("def f(): pass")
    for person in (ada, bea):
        person.expect_token("def", "tok-keyword")

    bea.select_language("javascript")
    for person in (ada, bea):
        expect(person.page.get_by_test_id("language-select")).to_have_value("javascript")
        expect(person.editor).to_have_attribute("data-language", "javascript")
        person.expect_token("def", "tok-keyword", present=False)
    assert read_document(relay.ws_url, room).language == "javascript"

    ada.type("\nlet y = 1")
    bea.expect_token("let", "tok-keyword")
    ada.select_language("python")
    bea.expect_token("let", "tok-keyword", present=False)
    bea.expect_token("def", "tok-keyword")


def registered_languages() -> list[str]:
    """Languages whose runner module is in this build's registry (the others are listed only)."""
    registry = (ROOT / "webui" / "src" / "runners" / "registry.ts").read_text()
    body = registry[registry.index("const MODULES") :]
    return re.findall(r"^\s+(\w+): \w+Module,$", body, flags=re.MULTILINE)


def test_picker_lists_every_language(join: JoinRoom) -> None:
    ada = join("Ada")
    options = ada.page.get_by_test_id("language-select").locator("option")
    shown = [(option.get_attribute("value"), option.text_content()) for option in options.all()]
    assert shown == [(entry["id"], entry["label"]) for entry in LANGUAGES]
    assert [value for value, _ in shown][:5] == [
        "python",
        "javascript",
        "typescript",
        "sql",
        "ruby",
    ]


def expect_runtime(page: Page, state: str, text: str) -> None:
    status = page.get_by_test_id("runner-status")
    expect(status).to_have_attribute("data-state", state, timeout=RUNTIME_TIMEOUT_MS)
    expect(status).to_contain_text(text)


def test_choosing_a_language_starts_its_runtime_for_everyone(join: JoinRoom) -> None:
    """Nobody presses Run: the choice alone loads the runtime in every page, and the status
    line follows the room's language (and back)."""
    ada = join("Ada")
    bea = join("Bea")
    expect_runtime(ada.page, "ready", "Python 3")
    registered = registered_languages()
    for entry in LANGUAGES[1:]:
        ada.select_language(entry["id"])
        for person in (ada, bea):
            expect(person.page.get_by_test_id("language-select")).to_have_value(entry["id"])
            if entry["id"] in registered:
                expect_runtime(person.page, "ready", "")
                expect(person.page.get_by_test_id("runner-status")).not_to_contain_text("Python")
            else:
                expect_runtime(person.page, "failed", f"{entry['label']} is not available")
    bea.select_language("python")
    for person in (ada, bea):
        expect_runtime(person.page, "ready", "Python 3")


def test_playback_names_the_language_of_each_run(join: JoinRoom) -> None:
    grace = join("Grace", host=True)
    grace.select_language("javascript")
    grace.go_to_end()
    grace.type("console.log(1)")
    grace.page.get_by_test_id("run-button").click()
    entry = grace.page.get_by_test_id("run-entry").first
    expect(entry).to_have_attribute("data-status", "ok", timeout=RUNTIME_TIMEOUT_MS)
    expect(entry).to_contain_text("ran JavaScript")
    grace.page.get_by_test_id("playback-button").click()
    item = grace.page.get_by_test_id("playback-run-item")
    expect(item).to_have_count(1)
    expect(item).to_have_attribute("data-language", "javascript")
    expect(item).to_contain_text("Grace ran JavaScript")
    expect(grace.page.get_by_test_id("playback-language")).to_have_text("JavaScript")


WITH_RUNTIME = [entry for entry in LANGUAGES if entry["runtime"] is not None]


@pytest.mark.parametrize("entry", WITH_RUNTIME, ids=lambda entry: entry["id"])
def test_a_runtime_that_cannot_load_says_so_and_run_explains(
    join: JoinRoom, entry: dict[str, Any]
) -> None:
    """The network refuses the language's runtime files: the status line says the load failed,
    Run says why instead of starting a run, and another language still runs."""
    if entry["id"] not in registered_languages():
        pytest.fail(f"{entry['id']} has runtime files but no runner in registry.ts")
    ada = join("Ada")
    ada.page.context.route(f"**/runtimes/{entry['id']}/**", lambda route: route.abort())
    expect_runtime(ada.page, "ready", "Python 3")
    ada.select_language(entry["id"])
    expect_runtime(ada.page, "failed", f"{entry['label']} failed to load")
    runs = ada.page.get_by_test_id("run-entry")
    before = runs.count()
    ada.page.get_by_test_id("run-button").click()
    notice = ada.page.get_by_test_id("run-notice")
    expect(notice).to_contain_text(f"{entry['label']} cannot run in this browser")
    expect(runs).to_have_count(before)
    ada.select_language("javascript")
    expect(notice).to_be_hidden()
    ada.page.get_by_test_id("run-button").click()
    expect(runs.first).to_have_attribute("data-status", "ok", timeout=RUNTIME_TIMEOUT_MS)
