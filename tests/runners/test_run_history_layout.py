"""The run history at a laptop's size: it scrolls, no entry shrinks or cuts off its output, and a
long output folds behind a "Show all N lines" button instead of being clipped."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.runners.run_panel import RunPanel

pytestmark = pytest.mark.browser

#: For each entry (newest first): is its box, or its output, cut (drawn smaller than its content)?
CLIPPED = """() => [...document.querySelectorAll('[data-testid=output] [data-testid=run-entry]')]
  .map((entry) => {
    const output = entry.querySelector('[data-testid=run-output]');
    return {
      entry: entry.scrollHeight > entry.clientHeight + 1,
      output: !output.classList.contains('folded') && output.scrollHeight > output.clientHeight + 1,
      folded: output.classList.contains('folded'),
    };
  })"""


def test_eight_runs_scroll_and_keep_their_output_whole(open_room: Callable[..., RunPanel]) -> None:
    panel = open_room("Lin", viewport={"width": 1280, "height": 800})
    panel.wait_ready()
    for run in range(8):
        outcome = panel.run(f"for line in range(8):\n    print('run {run} line', line)")
        assert outcome.output.count("\n") == 8
    history = panel.page.get_by_test_id("output")
    scrolls = history.evaluate("h => h.scrollHeight > h.clientHeight + 1")
    cut: list[dict[str, Any]] = panel.page.evaluate(CLIPPED)
    assert scrolls, "eight runs fit without scrolling: the test shows nothing"
    assert len(cut) >= 8
    assert not [entry for entry in cut if entry["entry"] or entry["output"] or entry["folded"]]


def test_a_long_output_folds_and_shows_all_of_it_on_request(
    open_room: Callable[..., RunPanel],
) -> None:
    panel = open_room("Long", viewport={"width": 1280, "height": 800})
    panel.wait_ready()
    outcome = panel.run("for line in range(200):\n    print('line', line)")
    assert outcome.output.endswith("line 199\n")
    newest = panel.entries.first
    output = newest.get_by_test_id("run-output")
    unfold = newest.get_by_test_id("run-output-fold")
    expect(output).to_have_class("run-output folded")
    expect(unfold).to_have_text("Show all 200 lines")
    unfold.click()
    expect(unfold).to_have_text("Show less")
    expect(output).not_to_have_class("run-output folded")
    assert output.evaluate("o => o.scrollHeight <= o.clientHeight + 1")
    assert newest.evaluate("e => e.scrollHeight <= e.clientHeight + 1")
