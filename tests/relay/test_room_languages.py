"""Every language of desktop/languages.json can start a room and be run in one; the transcript
names each run's language by its label and highlights its code with that language's lexer."""

from __future__ import annotations

import json
from typing import Any

import aiohttp
import pytest

from desktop import languages
from tests.support.events_client import EventsClient
from tests.support.inprocess_relay import HOST_KEY, RunningRelay

HOST = {"Authorization": f"Bearer {HOST_KEY}"}
IDS = languages.ids()


async def new_room(
    session: aiohttp.ClientSession, relay: RunningRelay, body: Any
) -> tuple[int, str]:
    async with session.post(f"{relay.http}/api/rooms", json=body, headers=HOST) as reply:
        return reply.status, await reply.text()


async def export(session: aiohttp.ClientSession, relay: RunningRelay, room: str) -> str:
    async with session.get(f"{relay.http}/api/rooms/{room}/export", headers=HOST) as reply:
        assert reply.status == 200
        return await reply.text()


@pytest.mark.parametrize("language", IDS)
async def test_a_room_starts_in_each_language(
    relay: RunningRelay, session: aiohttp.ClientSession, language: str
) -> None:
    status, text = await new_room(session, relay, {"title": language, "language": language})
    assert status == 201, text
    async with session.get(f"{relay.http}/api/rooms", headers=HOST) as reply:
        listed = {room["title"]: room["language"] for room in (await reply.json())["rooms"]}
    assert listed[language] == language


@pytest.mark.parametrize("language", ["java", "Python", "", 3, None])
async def test_an_unknown_language_is_refused_with_the_list(
    relay: RunningRelay, session: aiohttp.ClientSession, language: object
) -> None:
    status, text = await new_room(session, relay, {"language": language})
    assert status == 400
    assert text == "language: " + ", ".join(f'"{i}"' for i in IDS[:-1]) + f' or "{IDS[-1]}".'


async def test_an_unknown_language_is_refused_on_the_events_socket(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    room = relay.create_room()
    carl = await EventsClient.connect(session, relay.ws, room)
    await carl.hello("Carl")
    await carl.send("execute-code", {"language": "cobol", "code": "DISPLAY 'HI'."})
    error = await carl.receive_type("error")
    assert error["code"] == "invalid-event"
    assert error["message"].startswith("Invalid 'execute-code' payload — language:")
    assert all(f'"{language}"' in error["message"] for language in IDS)


async def run(carl: EventsClient, language: str, code: str, output: str) -> None:
    await carl.send("execute-code", {"language": language, "code": code})
    started = await carl.receive_type("execute-code")
    assert started["language"] == language
    result = {"run_id": started["run_id"], "output": output, "error": None}
    await carl.send("execution-result", result)
    await carl.receive_type("execution-result")


async def test_the_transcript_names_and_highlights_each_runs_language(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    status, text = await new_room(session, relay, {"title": "Mixed", "language": "sql"})
    assert status == 201, text
    room = json.loads(text)["room"]
    carl = await EventsClient.connect(session, relay.ws, room)
    await carl.hello("Carl")
    await run(carl, "sql", "SELECT name FROM people;", "name\n----\nAda\n(1 row)\n")
    await run(carl, "ruby", "def hi = puts('hi')\nhi", "hi\n")
    await run(carl, "typescript", "const n: number = 1;", "")
    page = await export(session, relay, room)
    assert "· SQL (SQLite)</p>" in page  # the room's language
    assert page.count("</b> ran SQL (SQLite) at ") == 1
    assert page.count("</b> ran Ruby at ") == 1
    assert page.count("</b> ran TypeScript at ") == 1
    # Keywords of each language are set apart: the SQL, Ruby and TypeScript lexers were used.
    assert 'bold">SELECT</span>' in page
    assert 'bold">FROM</span>' in page
    assert 'bold">def</span>' in page
    assert 'bold">const</span>' in page
    assert '">number</span>' in page  # TypeScript's type keyword; JavaScript has none
