"""The real JavaScript client (yjs + y-websocket under Node) and pycrdt share rooms on the relay.

Each Node participant is `tests/node/yjs-client.mjs` in its own process, driven by
JSON lines, so killing the process is exactly a tab that vanishes without a goodbye.
"""

from __future__ import annotations

import asyncio
import json
import shutil
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.relay_process import RelayProcess
from tests.support.yclient import fetch_document
from tests.support.ydoc_client import YClient

pytestmark = pytest.mark.node

NODE_TOOLS = Path(__file__).resolve().parents[1] / "node"
# Presence must arrive on join and vanish on disconnect, far sooner than the 15 s
# awareness refresh or the 30 s stale-state timeout that would otherwise hide a bug.
PRESENCE_WAIT = 5.0


class NodeClient:
    """One yjs + y-websocket participant in a Node subprocess."""

    def __init__(self, ws_base: str, room: str, name: str) -> None:
        self.args = [f"{ws_base}/ws", f"{room}/doc", name]
        self.name = name
        self.text = ""
        self.users: dict[int, dict[str, Any]] = {}
        self.synced = False
        self.snapshots: list[dict[str, Any]] = []
        self.stderr: list[str] = []
        self.process: asyncio.subprocess.Process | None = None
        self._tasks: list[asyncio.Task[None]] = []

    async def start(self) -> NodeClient:
        node = shutil.which("node")
        assert node is not None, "Node is required for the interop tests"
        assert (NODE_TOOLS / "node_modules" / "yjs").is_dir(), "run `make setup` (npm ci)"
        self.process = await asyncio.create_subprocess_exec(
            node,
            str(NODE_TOOLS / "yjs-client.mjs"),
            *self.args,
            cwd=NODE_TOOLS,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        assert self.process.stdout is not None
        assert self.process.stderr is not None
        self._tasks = [
            asyncio.create_task(self._read_events(self.process.stdout)),
            asyncio.create_task(self._drain(self.process.stderr)),
        ]
        await self.wait_until(lambda: self.synced, "sync")
        return self

    async def _read_events(self, stdout: asyncio.StreamReader) -> None:
        async for line in stdout:
            event = json.loads(line)
            kind = event["event"]
            if kind in ("text", "synced"):
                self.text = event["text"]
                self.synced = self.synced or kind == "synced"
            elif kind == "presence":
                self.users = {int(key): user for key, user in event["users"].items()}
            elif kind == "snapshot":
                self.snapshots.append(event)

    async def _drain(self, stderr: asyncio.StreamReader) -> None:
        async for line in stderr:
            self.stderr.append(line.decode(errors="replace").rstrip())

    async def send(self, **command: Any) -> None:
        assert self.process is not None
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(command).encode() + b"\n")
        await self.process.stdin.drain()

    async def insert(self, index: int, text: str) -> None:
        await self.send(op="insert", index=index, text=text)

    async def snapshot(self) -> dict[str, Any]:
        count = len(self.snapshots)
        await self.send(op="snapshot")
        await self.wait_until(lambda: len(self.snapshots) > count, "snapshot")
        return self.snapshots[-1]

    def names(self) -> set[str]:
        return {user.get("tag", user["name"]) for user in self.users.values()}

    async def wait_until(
        self, condition: Callable[[], bool], what: str, timeout: float = 10.0
    ) -> None:
        try:
            async with asyncio.timeout(timeout):
                while not condition():
                    assert self.process is not None
                    assert self.process.returncode is None, f"{self.name} exited: {self.stderr}"
                    await asyncio.sleep(0.01)
        except TimeoutError:
            raise AssertionError(
                f"{self.name}: no {what} after {timeout} s; text={self.text!r} "
                f"users={self.users} stderr={self.stderr}"
            ) from None

    async def kill(self) -> None:
        """SIGKILL: no close frame, no awareness goodbye."""
        if self.process is not None and self.process.returncode is None:
            self.process.kill()
            await self.process.wait()
        await asyncio.gather(*self._tasks, return_exceptions=True)


@pytest.fixture
def relay_process(tmp_path: Path) -> Iterator[RelayProcess]:
    relay = RelayProcess(data_dir=tmp_path / "data").start()
    yield relay
    relay.stop()


@pytest.fixture
async def node_clients() -> AsyncIterator[list[NodeClient]]:
    started: list[NodeClient] = []
    yield started
    for client in started:
        await client.kill()


@pytest.fixture
async def py_clients() -> AsyncIterator[list[YClient]]:
    started: list[YClient] = []
    yield started
    for client in started:
        await client.close()


async def joined_py(relay: RelayProcess, room: str, name: str, started: list[YClient]) -> YClient:
    client = YClient(relay.ws_url, room, name)
    started.append(client)
    await client.connect()
    await asyncio.wait_for(client.synced.wait(), 10)
    await client.announce({"name": name, "color": "#2aa198", "tag": name})
    return client


async def joined_js(
    relay: RelayProcess, room: str, name: str, started: list[NodeClient]
) -> NodeClient:
    client = NodeClient(relay.ws_url, room, name)
    started.append(client)
    return await client.start()


def py_names(client: YClient) -> set[str]:
    return {state["user"]["tag"] for state in client.presence.values() if "user" in state}


async def test_js_and_python_edits_converge_with_the_relay_copy(
    relay_process: RelayProcess, node_clients: list[NodeClient], py_clients: list[YClient]
) -> None:
    room = relay_process.create_room()["room"]
    js = await joined_js(relay_process, room, "js-alice", node_clients)
    py = await joined_py(relay_process, room, "py-bob", py_clients)
    py.insert(0, "|")  # a shared anchor, so the two sides' first edits cannot tie
    await js.wait_until(lambda: js.text == "|", "the anchor")
    for i in range(25):
        await js.insert(0, f"J{i};")  # the JavaScript client types at the start,
        py.insert(len(py.code()), f"P{i};")  # Python appends at the end, at the same time
        await asyncio.sleep(0.002)
    expected = (
        "".join(f"J{i};" for i in reversed(range(25))) + "|" + "".join(f"P{i};" for i in range(25))
    )
    await js.wait_until(lambda: js.text == expected, "convergence")
    await py.wait_until(lambda: py.code() == expected)
    await js.insert(expected.index("P0;"), "|mid|")
    await py.wait_until(lambda: "|mid|P0;" in py.code())
    final = py.code()
    await js.wait_until(lambda: js.text == final, "the final text")
    assert (await js.snapshot())["language"] == "python"

    assert (await fetch_document(relay_process.ws_url, room)).code == final
    await py.close()
    await js.kill()
    relay_process.stop()
    relay_process.start()
    assert (await fetch_document(relay_process.ws_url, room)).code == final


async def test_late_js_joiner_gets_full_text_and_everyones_presence_at_once(
    relay_process: RelayProcess, node_clients: list[NodeClient], py_clients: list[YClient]
) -> None:
    room = relay_process.create_room()["room"]
    alice = await joined_js(relay_process, room, "js-alice", node_clients)
    bob = await joined_py(relay_process, room, "py-bob", py_clients)
    await alice.insert(0, "def answer():\n    return 42\n")
    await bob.wait_until(lambda: "42" in bob.code())
    await alice.wait_until(lambda: alice.names() == {"py-bob"}, "bob's presence")

    late = await joined_js(relay_process, room, "js-late", node_clients)
    assert late.text == "def answer():\n    return 42\n"
    # Nobody moves after the join: presence must come with the join itself.
    await late.wait_until(
        lambda: late.names() == {"js-alice", "py-bob"}, "everyone's presence", PRESENCE_WAIT
    )
    await alice.wait_until(
        lambda: alice.names() == {"py-bob", "js-late"}, "the joiner", PRESENCE_WAIT
    )
    await bob.wait_until(lambda: py_names(bob) == {"js-alice", "js-late"}, PRESENCE_WAIT)


async def test_killed_js_client_vanishes_from_everyones_presence(
    relay_process: RelayProcess, node_clients: list[NodeClient], py_clients: list[YClient]
) -> None:
    room = relay_process.create_room()["room"]
    alice = await joined_js(relay_process, room, "js-alice", node_clients)
    doomed = await joined_js(relay_process, room, "js-doomed", node_clients)
    bob = await joined_py(relay_process, room, "py-bob", py_clients)
    await alice.wait_until(lambda: alice.names() == {"js-doomed", "py-bob"}, "presence")
    await bob.wait_until(lambda: py_names(bob) == {"js-alice", "js-doomed"})
    await doomed.insert(0, "x")
    await alice.wait_until(lambda: alice.text == "x", "the doomed client's edit")

    await doomed.kill()
    await alice.wait_until(lambda: alice.names() == {"py-bob"}, "the removal", PRESENCE_WAIT)
    await bob.wait_until(lambda: py_names(bob) == {"js-alice"}, PRESENCE_WAIT)
    assert alice.text == "x"
