"""Every language's own attacks (`CASES.attacks` in tests/runners/languages/): network, page and
storage probes in that language, each contained with its clear message, and nothing reaching the
probe server or the relay."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from playwright.sync_api import Response

from tests.runners.attacks import Attack, fill
from tests.runners.conftest import ProbeServer
from tests.runners.languages import all_cases
from tests.runners.run_panel import RunPanel
from tests.support.relay_process import RelayProcess

pytestmark = pytest.mark.browser

ATTACKS = [(case.language, attack) for case in all_cases() for attack in case.attacks]


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


def test_every_language_brings_attacks() -> None:
    """A language without attacks would pass this suite by having nothing to contain."""
    assert [case.language for case in all_cases() if not case.attacks] == []


@pytest.mark.parametrize(
    ("language", "attack"), ATTACKS, ids=[f"{lang}-{attack.name}" for lang, attack in ATTACKS]
)
def test_attack_is_contained(
    host: RunPanel,
    probe: ProbeServer,
    relay: RelayProcess,
    room: str,
    responses: list[str],
    language: str,
    attack: Attack,
) -> None:
    assert attack.language == language, f"{attack.name} is listed under {language}"
    marker = f"a-{uuid.uuid4().hex[:10]}"
    code = fill(
        attack.code,
        probe=probe.url(""),
        ws_probe=probe.url("").replace("http://", "ws://"),
        relay=relay.base_url,
        ws_relay=relay.ws_url,
        room=room,
        marker=marker,
    )
    # Lines that fit the editor (see VIEWPORT in conftest.py).
    assert max(len(line) for line in code.splitlines()) <= 125, code
    url = host.page.url
    pages = len(host.page.context.pages)
    outcome = host.run(code, language)
    shown = outcome.output + outcome.error
    assert "REACHED" not in shown, shown
    assert attack.expect in shown, shown
    assert probe.reached(marker) == []
    assert [seen for seen in responses if marker in seen] == []
    assert host.page.url == url
    assert len(host.page.context.pages) == pages
