"""The question and its tests, enforced by the relay: host-only edits, hidden tests kept off
candidates' wires, test runs checked against the relay's copy, stored and shared by role."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import aiohttp

from desktop.settings import Limits
from tests.support.events_client import EventsClient
from tests.support.inprocess_relay import HOST_KEY, RunningRelay, start_relay

HOST = {"Authorization": f"Bearer {HOST_KEY}"}
HIDDEN_CALL = "secret_probe_call_9d1e(41)"
HIDDEN_EXPECTED = "secret-expected-value-5b77"
HIDDEN_NAME = "secret-hidden-name-c0de"
HIDDEN_MARKERS = ("secret_probe_call_9d1e", "secret-expected-value-5b77", HIDDEN_NAME, "h-1")

TESTS = [
    {"id": "v-1", "name": "adds", "kind": "function", "call": "add(1, 2)", "expected": "3"},
    {"id": "v-2", "name": "echo", "stdin": "hi\n", "expected": "hi\n", "compare": "exact"},
    {
        "id": "h-1",
        "name": HIDDEN_NAME,
        "kind": "function",
        "call": HIDDEN_CALL,
        "expected": HIDDEN_EXPECTED,
        "hidden": True,
    },
]


class Wire(EventsClient):
    """An events socket that keeps every text frame it received, to check what crossed it."""

    def __init__(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        super().__init__(socket)
        self.frames: list[str] = []

    async def receive(self, timeout: float = 5.0) -> dict[str, Any]:
        message = await self.socket.receive(timeout=timeout)
        if message.type != aiohttp.WSMsgType.TEXT:
            raise AssertionError(f"expected a text frame, got {message.type!r}")
        self.frames.append(message.data)
        event: dict[str, Any] = json.loads(message.data)
        return event

    async def drain(self) -> None:
        """Reads everything the relay sent before now: frames arrive in order, so an answer
        to an invalid event comes after all of them."""
        await self.send("no-such-event", {})
        while (await self.receive())["payload"].get("code") != "unknown-event":
            pass

    def carried(self, marker: str) -> bool:
        return any(marker in frame for frame in self.frames)


async def member(
    session: aiohttp.ClientSession,
    relay: RunningRelay,
    room: str,
    name: str,
    host: bool = False,
    asked: bool = True,
) -> tuple[Wire, dict[str, Any]]:
    socket = await session.ws_connect(f"{relay.ws}/ws/{room}/events")
    events = Wire(socket)
    greeting = {"welcome": await events.hello(name, host_key=HOST_KEY if host else None)}
    if asked:  # a room that has (had) a question tells it to newcomers, right after welcome
        greeting["question"] = await events.receive_type("question")
        greeting["tests"] = await events.receive_type("tests")
    return events, greeting


def outcome(test_id: str, status: str, actual: str = "") -> dict[str, Any]:
    return {"id": test_id, "status": status, "actual": actual, "duration_ms": 1.5}


async def test_the_host_writes_the_statement_and_everyone_receives_it(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    room = relay.create_room()
    host, _ = await member(session, relay, room, "Ines", host=True, asked=False)
    carl, greeting = await member(session, relay, room, "Carl", asked=False)
    assert set(greeting) == {"welcome"}
    await host.send("set-question", {"statement": "# Two sum\nFind *two* numbers."})
    assert (await carl.receive_type("question"))["statement"] == "# Two sum\nFind *two* numbers."
    _, late = await member(session, relay, room, "Late")
    assert late["question"]["statement"].startswith("# Two sum")


async def test_a_candidate_cannot_change_the_statement_or_the_tests(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    room = relay.create_room()
    host, _ = await member(session, relay, room, "Ines", host=True, asked=False)
    await host.send("set-question", {"statement": "Original"})
    await host.receive_type("question")
    carl, _ = await member(session, relay, room, "Carl")
    await carl.send("set-question", {"statement": "Hijacked"})
    assert (await carl.receive_type("error"))["code"] == "host-only"
    await carl.send("set-tests", {"tests": [{"id": "x", "expected": "1"}]})
    assert (await carl.receive_type("error"))["code"] == "host-only"
    await host.drain()
    assert not host.carried("Hijacked")
    stored = relay.context.store.questions.load(room)
    assert (stored.statement, stored.tests) == ("Original", [])


async def test_hidden_tests_never_cross_a_candidates_socket(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    room = relay.create_room()
    host, _ = await member(session, relay, room, "Ines", host=True, asked=False)
    carl, _ = await member(session, relay, room, "Carl", asked=False)
    await host.send("set-tests", {"tests": TESTS})
    host_view = await host.receive_type("tests")
    assert [t["id"] for t in host_view["tests"]] == ["v-1", "v-2", "h-1"]
    carl_view = await carl.receive_type("tests")
    assert [t["id"] for t in carl_view["tests"]] == ["v-1", "v-2"]
    assert carl_view["hidden_count"] is None

    # The host runs everything; the candidate sees the visible results only.
    results = [outcome("v-1", "pass", "3"), outcome("v-2", "fail", "ho\n")]
    results.append(outcome("h-1", "pass", "secret-expected-value-5b77"))
    await host.send("test-results", {"language": "python", "code": "x", "results": results})
    host_run = await host.receive_type("test-results")
    assert (host_run["passed"], host_run["total"]) == (2, 3)
    carl_run = await carl.receive_type("test-results")
    assert [r["id"] for r in carl_run["results"]] == ["v-1", "v-2"]
    assert (carl_run["passed"], carl_run["total"], carl_run["hidden_total"]) == (1, 2, None)

    # Forged requests: a wrong host key, a report naming the hidden test, an unknown test.
    forged, _ = await member(session, relay, room, "Mallory")
    await forged.send("hello", {"name": "Mallory", "host_key": "guess"})
    assert (await forged.receive_type("error"))["code"] == "already-greeted"
    await forged.send("set-tests", {"tests": []})
    assert (await forged.receive_type("error"))["code"] == "host-only"
    forged_results = [outcome("h-1", "pass")]
    await forged.send(
        "test-results", {"language": "python", "code": "x", "results": forged_results}
    )
    assert (await forged.receive_type("error"))["code"] == "hidden-test"

    # A reconnect (a new socket, a new hello) gets the visible tests and results again.
    await carl.close()
    carl_again, greeting = await member(session, relay, room, "Carl")
    again = greeting["tests"]
    assert [t["id"] for t in again["tests"]] == ["v-1", "v-2"]
    assert [r["id"] for r in (await carl_again.receive_type("test-results"))["results"]] == [
        "v-1",
        "v-2",
    ]
    wrong_key, _ = await member(session, relay, room, "Eve")
    wrong_key_socket = await session.ws_connect(f"{relay.ws}/ws/{room}/events")
    impostor = Wire(wrong_key_socket)
    await impostor.send("hello", {"name": "Eve", "host_key": HOST_KEY + "x"})
    assert (await impostor.receive_type("welcome"))["role"] == "candidate"

    for wire in (carl, carl_again, forged, wrong_key, impostor):
        if wire is not carl:
            await wire.drain()
        assert wire.frames, "the candidate received nothing at all"
        for marker in HIDDEN_MARKERS:
            assert not wire.carried(marker), f"{marker!r} reached a candidate"
    await host.drain()
    assert host.carried(HIDDEN_CALL)
    assert host.carried(HIDDEN_NAME)


async def test_the_host_may_show_candidates_how_many_hidden_tests_passed(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    room = relay.create_room()
    host, _ = await member(session, relay, room, "Ines", host=True, asked=False)
    carl, _ = await member(session, relay, room, "Carl", asked=False)
    await host.send("set-tests", {"tests": TESTS, "show_hidden_count": True})
    assert (await carl.receive_type("tests"))["hidden_count"] == 1
    results = [outcome("v-1", "pass"), outcome("h-1", "fail", "nope")]
    await host.send("test-results", {"language": "python", "code": "x", "results": results})
    run = await carl.receive_type("test-results")
    assert (run["passed"], run["total"], run["hidden_passed"], run["hidden_total"]) == (1, 1, 0, 1)
    await carl.drain()
    for marker in HIDDEN_MARKERS:
        assert not carl.carried(marker)


async def test_reports_are_checked_against_the_relays_copy_of_the_tests(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    room = relay.create_room()
    host, _ = await member(session, relay, room, "Ines", host=True, asked=False)
    await host.send("set-tests", {"tests": TESTS[:2]})
    await host.receive_type("tests")
    carl, _ = await member(session, relay, room, "Carl")
    unknown = [outcome("gone", "pass")]
    await carl.send("test-results", {"language": "python", "code": "x", "results": unknown})
    assert (await carl.receive_type("error"))["code"] == "unknown-test"
    twice = [outcome("v-1", "pass"), outcome("v-1", "pass")]
    await carl.send("test-results", {"language": "python", "code": "x", "results": twice})
    assert (await carl.receive_type("error"))["code"] == "unknown-test"
    bad = [{"id": "v-1", "status": "great", "duration_ms": 1}]
    await carl.send("test-results", {"language": "python", "code": "x", "results": bad})
    assert (await carl.receive_type("error"))["code"] == "invalid-event"
    claimed = {**outcome("v-1", "fail", "4"), "expected": "4"}
    await carl.send("test-results", {"language": "python", "code": "x", "results": [claimed]})
    assert (await carl.receive_type("error"))["code"] == "invalid-event"
    duplicate_ids = {"tests": [TESTS[0], TESTS[0]]}
    await host.send("set-tests", duplicate_ids)
    assert (await host.receive_type("error"))["code"] == "invalid-event"

    # What each test asked for comes from the relay, not from the report.
    results = [outcome("v-1", "fail", "4"), outcome("v-2", "pass", "hi\n")]
    await carl.send("test-results", {"language": "python", "code": "x", "results": results})
    run = await host.receive_type("test-results")
    assert run["by_name"] == "Carl"
    assert [(r["expected"], r["actual"], r["status"]) for r in run["results"]] == [
        ("3", "4", "fail"),
        ("hi\n", "hi\n", "pass"),
    ]
    await host.send("set-controls", {"runs_disabled": True})
    await carl.send("test-results", {"language": "python", "code": "x", "results": results})
    assert (await carl.receive_type("error"))["code"] == "runs-disabled"


async def test_question_and_test_runs_survive_a_restart_and_reach_the_transcript(
    tmp_path: Path, session: aiohttp.ClientSession
) -> None:
    relay = await start_relay(tmp_path)
    room = relay.create_room("Kept")
    host, _ = await member(session, relay, room, "Ines", host=True, asked=False)
    await host.send("set-question", {"statement": "Keep *me*"})
    await host.send("set-tests", {"tests": TESTS})
    results = [outcome("v-1", "pass", "3"), outcome("h-1", "timeout")]
    await host.send("test-results", {"language": "python", "code": "x", "results": results})
    await host.receive_type("test-results")
    await host.close()
    await relay.stop()

    relay = await start_relay(tmp_path)
    try:
        _, greeting = await member(session, relay, room, "Carl")
        assert greeting["question"]["statement"] == "Keep *me*"
        assert len(greeting["tests"]["tests"]) == 2
        url = f"{relay.http}/api/rooms/{room}/export?format=json"
        async with session.get(url, headers=HOST) as reply:
            transcript = await reply.json()
        assert transcript["statement"] == "Keep *me*"
        assert [t["id"] for t in transcript["tests"]] == ["v-1", "v-2", "h-1"]
        [run] = transcript["test_runs"]
        assert [(r["id"], r["status"]) for r in run["results"]] == [
            ("v-1", "pass"),
            ("h-1", "timeout"),
        ]
        async with session.get(f"{relay.http}/api/rooms/{room}/export", headers=HOST) as reply:
            page = await reply.text()
        for shown in ("Keep *me*", HIDDEN_NAME, "1/2 passed"):
            assert shown in page
    finally:
        await relay.stop()


async def test_rooms_from_a_shipped_question_carry_its_statement_and_tests(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    async with session.get(f"{relay.http}/api/templates", headers=HOST) as reply:
        templates = (await reply.json())["templates"]
    assert len(templates) >= 6
    assert {"python", "javascript", "sql"} <= {t["language"] for t in templates}
    for template in templates:
        assert template["statement"]
        assert template["tests"]
        assert any(t["hidden"] for t in template["tests"])
    two_sum = next(t for t in templates if t["title"] == "Two sum")
    async with session.post(
        f"{relay.http}/api/rooms", json={"template": two_sum["id"]}, headers=HOST
    ) as reply:
        room = (await reply.json())["room"]
    _, greeting = await member(session, relay, room, "Carl")
    assert greeting["question"]["statement"].startswith("# Two sum")
    visible = greeting["tests"]["tests"]
    assert visible
    assert all(not t["hidden"] for t in visible)
    assert len(visible) < len(two_sum["tests"])


async def test_test_runs_count_against_the_storage_for_runs_also_after_a_restart(
    tmp_path: Path, session: aiohttp.ClientSession
) -> None:
    limits = Limits(max_run_bytes_per_participant=100_000, max_run_bytes_per_room=6_000)
    relay = await start_relay(tmp_path, limits)
    room = relay.create_room()
    host, _ = await member(session, relay, room, "Ines", host=True, asked=False)
    await host.send("set-tests", {"tests": TESTS[:2]})
    await host.receive_type("tests")
    carl, _ = await member(session, relay, room, "Carl")
    report = {"language": "python", "code": "x" * 1_000, "results": [outcome("v-1", "pass")]}
    stored = 0
    while True:
        await carl.send("test-results", report)
        event = await carl.receive()
        while event["type"] not in ("test-results", "error"):
            event = await carl.receive()
        if event["type"] == "error":
            assert event["payload"]["code"] == "storage-full"
            break
        stored += 1
        assert stored < 10, "the cap never stopped the candidate"
    assert stored >= 1
    await carl.close()
    await host.close()
    await relay.stop()

    relay = await start_relay(tmp_path, limits)
    try:
        # The room's share stays used: a new candidate's run is refused too; the host's is not.
        dana, _ = await member(session, relay, room, "Dana")
        await dana.send("test-results", report)
        assert (await dana.receive_type("error"))["code"] == "storage-full"
        host, _ = await member(session, relay, room, "Ines", host=True)
        assert (await host.receive_type("test-results"))["by_name"] == "Carl"  # the latest run
        await host.send("test-results", report)
        assert (await host.receive_type("test-results"))["by_name"] == "Ines"
    finally:
        await relay.stop()
