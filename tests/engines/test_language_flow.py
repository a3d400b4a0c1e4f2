"""Each language beyond Python and JavaScript (those have test_room_flow.py) in every engine and on
both origins, from its CASES file (tests/runners/languages/): exact output, the runtime's error
text, then Stop ending a loop and the next run working. One test per language, so that the tier
pays for a runtime's load once per engine and origin and not per check."""

from __future__ import annotations

import pytest

from tests.engines.conftest import Room
from tests.runners.languages import LanguageCases, all_cases
from tests.support.engine_page import EngineError, by_testid

pytestmark = pytest.mark.engines

NEW_LANGUAGES = [case for case in all_cases() if case.language not in {"python", "javascript"}]
#: The first run of a language includes loading its runtime (Ruby is 30 MB, WebKit is slow).
FIRST_RUN_S = 180.0


def wait_runtime_ready(room: Room, language: str) -> None:
    """The status line shows the language's runtime ready; a failed load fails here."""
    status: dict[str, str] = room.person.page.wait_for(
        """(s) => { const e = document.querySelector(s);
          if (!e) return null;
          const state = e.dataset.state, text = e.textContent || '';
          if (state === 'failed') return { state, text };
          return state === 'ready' ? { state, text } : null; }""",
        by_testid("runner-status"),
        FIRST_RUN_S,
    )
    if status["state"] != "ready":
        raise EngineError(f"{room.engine}: {language} did not load: {status['text']}")


@pytest.mark.parametrize("case", NEW_LANGUAGES, ids=lambda case: case.language)
def test_language_runs_fails_and_stops(shared_room: Room, case: LanguageCases) -> None:
    person = shared_room.person
    code, output = case.hello
    shared_room.share(code, case.language)
    wait_runtime_ready(shared_room, case.language)
    outcome = person.run(FIRST_RUN_S)
    assert (outcome.status, outcome.output, outcome.error) == ("ok", output, ""), outcome

    failing, text = case.error
    shared_room.share(failing, case.language)
    outcome = person.run()
    assert outcome.status == "error", outcome
    assert text in outcome.error, outcome

    person.page.fill(by_testid("time-limit"), "600")
    try:
        shared_room.share(case.loop, case.language)
        person.press_run()
        person.wait_running()
        person.press_stop()
        stopped = person.wait_finished()
        assert stopped.status == "stopped", stopped
        shared_room.share(code, case.language)
        outcome = person.run()
    finally:
        person.page.fill(by_testid("time-limit"), "10")
    assert (outcome.status, outcome.output) == ("ok", output), outcome
