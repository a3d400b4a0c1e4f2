"""The two servers the relay benchmark compares, started the same way on loopback."""

from __future__ import annotations

import asyncio
import re
import secrets
import shutil
import subprocess
import threading
from pathlib import Path
from typing import Protocol

from tests.support.relay_process import RelayProcess
from tests.support.yclient import fetch_document

NODE_TOOLS = Path(__file__).resolve().parents[1] / "node"
REFERENCE_LINE = re.compile(r"Reference server: ws://127\.0\.0\.1:(\d+)")


class BenchServer(Protocol):
    """A y-websocket server under test: where clients connect and which rooms exist."""

    name: str

    @property
    def ws_base(self) -> str: ...

    @property
    def pid(self) -> int: ...

    def new_rooms(self, count: int) -> list[str]:
        """Room names as y-websocket takes them (`ID/doc`), fresh for each run."""
        ...

    def stop(self) -> None: ...


def node_executable() -> str:
    node = shutil.which("node")
    if node is None or not (NODE_TOOLS / "node_modules" / "yjs").is_dir():
        raise SystemExit("The relay benchmark needs Node and `npm ci` in tests/node (make setup).")
    return node


class InterviewDeskRelay:
    """`python -m desktop serve`; rooms exist only once the host creates them."""

    name = "Interview Desk relay"

    def __init__(self, data_dir: Path) -> None:
        self.process = RelayProcess(data_dir=data_dir, host_key=secrets.token_urlsafe(16))
        self.process.start()
        self.rooms: list[str] = []

    @property
    def ws_base(self) -> str:
        return self.process.ws_url + "/ws"

    @property
    def pid(self) -> int:
        assert self.process.process is not None
        return self.process.process.pid

    def new_rooms(self, count: int) -> list[str]:
        created = [self.process.create_room(f"bench {i}")["room"] for i in range(count)]
        self.rooms.extend(created)
        return [f"{room}/doc" for room in created]

    def crash_and_restart(self) -> None:
        """SIGKILL, then start again on the same data: what a power cut short of the disk does."""
        self.process.kill()
        self.process.start()

    def stored_characters(self) -> int:
        """Characters of code the relay serves across every benchmark room."""

        async def total() -> int:
            documents = [await fetch_document(self.process.ws_url, room) for room in self.rooms]
            return sum(len(document.code) for document in documents)

        return asyncio.run(total())

    def stop(self) -> None:
        self.process.stop()


class NodeReference:
    """`@y/websocket-server` 0.1.1 via tests/node/reference-server.mjs; any name is a room."""

    name = "Node @y/websocket-server 0.1.1"

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [node_executable(), str(NODE_TOOLS / "reference-server.mjs"), "0"],
            cwd=NODE_TOOLS,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        assert self.process.stdout is not None
        first = self.process.stdout.readline()
        match = REFERENCE_LINE.search(first)
        if match is None:
            self.process.kill()
            raise RuntimeError(f"reference server did not start: {first!r}")
        self.port = int(match.group(1))
        self.counter = 0
        self._drain = threading.Thread(target=self._discard_output, daemon=True)
        self._drain.start()

    def _discard_output(self) -> None:
        assert self.process.stdout is not None
        with self.process.stdout as output:
            for _line in output:
                pass

    @property
    def ws_base(self) -> str:
        return f"ws://127.0.0.1:{self.port}/ws"

    @property
    def pid(self) -> int:
        return self.process.pid

    def new_rooms(self, count: int) -> list[str]:
        self.counter += count
        return [f"bench-{i}/doc" for i in range(self.counter - count, self.counter)]

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)
        self._drain.join(5)
