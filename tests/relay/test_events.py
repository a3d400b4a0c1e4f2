from __future__ import annotations

import json
from typing import Any

import aiohttp
import pytest

from desktop.settings import Limits
from tests.support.events_client import EventsClient
from tests.support.inprocess_relay import HOST_KEY, RunningRelay, start_relay


async def join(
    session: aiohttp.ClientSession, relay: RunningRelay, room: str, name: str, **hello: str
) -> tuple[EventsClient, dict[str, object]]:
    client = await EventsClient.connect(session, relay.ws, room)
    welcome = await client.hello(name, **hello)
    return client, welcome


async def test_hello_gets_welcome_with_role_and_history(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    room = relay.create_room()
    host, welcome = await join(session, relay, room, "Ines", host_key=HOST_KEY)
    assert welcome["role"] == "host"
    assert welcome["runs"] == []
    assert welcome["join_url"] == f"{relay.http}/r/{room}"
    candidate, welcome = await join(session, relay, room, "Carl")
    assert welcome["role"] == "candidate"
    assert welcome["join_url"] is None
    names = {p["name"]: p["role"] for p in welcome["participants"]}  # type: ignore[attr-defined]
    assert names == {"Ines": "host", "Carl": "candidate"}
    update = await host.receive_type("participants")
    assert len(update["participants"]) == 2
    await candidate.close()
    update = await host.receive_type("participants")
    assert [p["name"] for p in update["participants"]] == ["Ines"]


async def test_execute_code_is_broadcast_with_run_id_and_never_run(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    room = relay.create_room()
    host, _ = await join(session, relay, room, "Ines", host_key=HOST_KEY)
    candidate, welcome = await join(session, relay, room, "Carl")
    marker = relay.context.settings.data_dir / "pwned"
    code = f"open({str(marker)!r}, 'w').write('x'); print(1+1)"
    await candidate.send("execute-code", {"language": "python", "code": code})
    for client in (host, candidate):
        started = await client.receive_type("execute-code")
        assert started["by"] == welcome["participant_id"]
        assert started["by_name"] == "Carl"
        assert started["code"] == code
    assert not marker.exists()
    await candidate.send(
        "execution-result", {"run_id": started["run_id"], "output": "2\n", "error": None}
    )
    for client in (host, candidate):
        result = await client.receive_type("execution-result")
        assert result == {"run_id": started["run_id"], "output": "2\n", "error": None}
    _, late_welcome = await join(session, relay, room, "Late")
    runs: Any = late_welcome["runs"]
    [run] = runs
    assert run["output"] == "2\n"
    assert run["error"] is None
    assert run["finished_at"] >= run["started_at"]


async def test_failure_results_keep_their_shape(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    room = relay.create_room()
    alice, _ = await join(session, relay, room, "Alice")
    await alice.send("execute-code", {"language": "javascript", "code": "x"})
    started = await alice.receive_type("execute-code")
    error = "ReferenceError: x is not defined"
    await alice.send(
        "execution-result", {"run_id": started["run_id"], "output": "", "error": error}
    )
    result = await alice.receive_type("execution-result")
    assert result == {"run_id": started["run_id"], "output": "", "error": error}


async def test_only_the_runner_may_report_a_result(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    room = relay.create_room()
    alice, _ = await join(session, relay, room, "Alice")
    mallory, _ = await join(session, relay, room, "Mallory")
    await alice.send("execute-code", {"language": "python", "code": "print(1)"})
    run_id = (await mallory.receive_type("execute-code"))["run_id"]
    await mallory.send("execution-result", {"run_id": run_id, "output": "forged", "error": None})
    assert (await mallory.receive_type("error"))["code"] == "not-your-run"
    await mallory.send("execution-result", {"run_id": "nope", "output": "", "error": None})
    assert (await mallory.receive_type("error"))["code"] == "unknown-run"


BAD_FRAMES = [
    ("{not json", "invalid-json"),
    ("[1, 2]", "invalid-event"),
    (json.dumps({"type": "launch-missiles", "payload": {}}), "unknown-event"),
    (
        json.dumps({"type": "execute-code", "payload": {"language": "cobol", "code": ""}}),
        "invalid-event",
    ),
    (json.dumps({"type": "execute-code", "payload": {"code": "1"}}), "invalid-event"),
    (
        json.dumps(
            {"type": "execute-code", "payload": {"language": "python", "code": "1"}, "extra": 1}
        ),
        "invalid-event",
    ),
    (json.dumps({"type": "hello", "payload": {"name": ""}}), "invalid-event"),
    (json.dumps({"type": "hello", "payload": {"name": "x" * 41}}), "invalid-event"),
]


@pytest.mark.parametrize(("frame", "code"), BAD_FRAMES)
async def test_bad_events_get_a_clear_error_and_the_socket_stays_up(
    relay: RunningRelay, session: aiohttp.ClientSession, frame: str, code: str
) -> None:
    room = relay.create_room()
    client = await EventsClient.connect(session, relay.ws, room)
    await client.socket.send_str(frame)
    error = await client.receive_type("error")
    assert error["code"] == code
    assert error["message"]
    welcome = await client.hello("Still here")
    assert welcome["role"] == "candidate"


async def test_events_before_hello_are_refused(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    room = relay.create_room()
    client = await EventsClient.connect(session, relay.ws, room)
    await client.send("execute-code", {"language": "python", "code": "1"})
    assert (await client.receive_type("error"))["code"] == "hello-required"
    await client.socket.send_bytes(b"\x00\x01")
    assert (await client.receive_type("error"))["code"] == "invalid-event"
    await client.hello("Now")
    await client.send("hello", {"name": "Again"})
    assert (await client.receive_type("error"))["code"] == "already-greeted"


async def test_oversized_event_is_refused_and_nothing_is_stored(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    room = relay.create_room()
    client, _ = await join(session, relay, room, "Big")
    limits = relay.context.settings.limits
    await client.send("execute-code", {"language": "python", "code": "#" * limits.max_event_bytes})
    assert (await client.receive_type("error"))["code"] == "too-large"
    assert relay.context.store.recent_runs(room, 10) == []
    await client.send("execute-code", {"language": "python", "code": "print(1)"})
    assert (await client.receive_type("execute-code"))["code"] == "print(1)"


async def test_frames_beyond_the_frame_limit_close_with_message_too_big(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    room = relay.create_room()
    for kind in ("doc", "events"):
        socket = await session.ws_connect(f"{relay.ws}/ws/{room}/{kind}")
        await socket.send_bytes(b"\x00" * (relay.context.settings.limits.max_frame_bytes + 1))
        message = await socket.receive(timeout=5)
        while message.type not in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
            message = await socket.receive(timeout=5)
        assert message.data == aiohttp.WSCloseCode.MESSAGE_TOO_BIG
    fresh, _ = await join(session, relay, room, "After")
    await fresh.close()


async def test_a_flood_is_rate_limited_with_one_clear_error(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    room = relay.create_room()
    flooder, _ = await join(session, relay, room, "Flood")
    for _ in range(500):
        await flooder.send("execute-code", {"language": "python", "code": "1"})
    errors = started = 0
    while True:
        try:
            event = await flooder.receive(timeout=0.5)
        except TimeoutError:
            break
        errors += event["type"] == "error" and event["payload"]["code"] == "rate-limited"
        started += event["type"] == "execute-code"
    limits = relay.context.settings.limits
    assert started <= limits.event_burst + limits.events_per_second * 5
    assert 1 <= errors <= 10
    assert len(relay.context.store.recent_runs(room, 1000)) == started


async def test_room_has_a_participant_cap(tmp_path: object, session: aiohttp.ClientSession) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    small = await start_relay(tmp_path, Limits(participants_per_room=2))
    try:
        room = small.create_room()
        present = [await join(session, small, room, name) for name in ("One", "Two")]
        third = await EventsClient.connect(session, small.ws, room)
        await third.send("hello", {"name": "Three"})
        assert (await third.receive_type("error"))["code"] == "room-full"
        await present[0][0].close()
        retry = await EventsClient.connect(session, small.ws, room)
        assert (await retry.hello("Three"))["role"] == "candidate"
    finally:
        await small.stop()


@pytest.mark.parametrize("origin", ["http://evil.example", "null", "http://127.0.0.1:1", "file://"])
async def test_foreign_origins_cannot_open_sockets(
    relay: RunningRelay, session: aiohttp.ClientSession, origin: str
) -> None:
    room = relay.create_room()
    for kind in ("doc", "events"):
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await session.ws_connect(f"{relay.ws}/ws/{room}/{kind}", headers={"Origin": origin})
        assert refused.value.status == 403


async def test_the_relays_own_origin_may_open_sockets(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    room = relay.create_room()
    client = await EventsClient.connect(session, relay.ws, room, headers={"Origin": relay.http})
    assert (await client.hello("Same origin"))["role"] == "candidate"


async def test_a_wrong_host_key_is_refused_and_the_person_joins_as_a_candidate(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    room = relay.create_room()
    eve = await EventsClient.connect(session, relay.ws, room)
    await eve.send("hello", {"name": "Eve", "host_key": "guess"})
    error = await eve.receive()
    assert error["type"] == "error"
    assert error["payload"]["code"] == "wrong-host-key"
    welcome = await eve.receive_type("welcome")
    assert welcome["role"] == "candidate"
    assert welcome["join_url"] is None
    await eve.send("set-controls", {"locked": True})
    assert (await eve.receive_type("error"))["code"] == "host-only"
