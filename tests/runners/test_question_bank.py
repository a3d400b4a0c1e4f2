"""Every shipped question, run through the real runners in a real browser: its tests (hidden ones
too) all pass on a reference solution and do not all pass on the starter code it ships."""

from __future__ import annotations

import pytest

from desktop.question_bank import QUESTION_BANK
from desktop.templates import TemplateDraft
from tests.runners.question_bank_solutions import SOLUTIONS
from tests.runners.question_setup import set_setup
from tests.runners.run_panel import RunPanel
from tests.runners.tests_pane import TestsPane, set_tests
from tests.support.relay_process import RelayProcess

pytestmark = pytest.mark.browser


def test_every_shipped_question_has_a_reference_solution() -> None:
    assert sorted(SOLUTIONS) == sorted(question.title for question in QUESTION_BANK)
    assert len(QUESTION_BANK) >= 6
    assert {"python", "javascript", "sql"} <= {question.language for question in QUESTION_BANK}


@pytest.mark.parametrize("question", QUESTION_BANK, ids=lambda question: question.title)
def test_a_shipped_question_passes_on_its_reference_and_fails_on_its_starter(
    host: RunPanel, relay: RelayProcess, room: str, question: TemplateDraft
) -> None:
    pane = TestsPane(host)
    tests = [test.model_dump() for test in question.tests]
    set_tests(host.page, relay, room, tests)
    set_setup(host.page, relay, room, question.setup)  # SQL's schema and data; '' for the others
    count = len(tests)
    summary = pane.run(SOLUTIONS[question.title], question.language, count)
    failing = {name: case for name, case in pane.shown().items() if case.status != "pass"}
    assert summary == f"{count}/{count} passed", failing
    starter = pane.run(question.code, question.language, count)
    passed = int(starter.split("/")[0])
    assert passed < count, f"the starter of {question.title!r} passes every test"
