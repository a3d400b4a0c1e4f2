"""How much run code and output a room keeps, per participant and for the room.

A candidate with the link could otherwise store gigabytes of runs in minutes
(64 KiB `execute-code` events from 20 sockets). Each participant has a share,
and the room a total that the host's own runs do not count against, so
candidates filling the room never stop the interviewer's runs.
"""

from __future__ import annotations

from desktop.protocol import ProtocolError
from desktop.rate_limit import RateLimit
from desktop.settings import Limits

# Candidates' runs per room: each run is stored and sent to everyone in the room, so a
# flood of them costs the relay twenty times what it costs the sender.
CANDIDATE_RUNS_PER_SECOND = 2.0
CANDIDATE_RUN_BURST = 10.0
TRUNCATED = "\n… output truncated by the relay (this room's storage for runs is full)"


class RunQuota:
    """Bytes of stored runs (code, output, error) by participant, checked before storing."""

    def __init__(self, limits: Limits, used: dict[str, int], hosts: set[str]) -> None:
        self.per_participant = limits.max_run_bytes_per_participant
        self.per_room = limits.max_run_bytes_per_room
        self.used = dict(used)
        self.hosts = set(hosts)
        self.room_used = sum(size for by, size in used.items() if by not in hosts)
        self.candidate_runs = RateLimit(CANDIDATE_RUNS_PER_SECOND, CANDIDATE_RUN_BURST)

    def left(self, participant_id: str) -> int:
        mine = self.per_participant - self.used.get(participant_id, 0)
        if participant_id in self.hosts:
            return max(0, mine)
        return max(0, min(mine, self.per_room - self.room_used))

    def check(self, participant_id: str, is_host: bool, size: int) -> None:
        """Raises `storage-full` if a run of `size` bytes would pass a cap."""
        if is_host:
            self.hosts.add(participant_id)
        elif not self.candidate_runs.allow():
            raise ProtocolError(
                "too-many-runs",
                f"Candidates in a room can start {CANDIDATE_RUNS_PER_SECOND:g} runs a second; "
                "this one was not started.",
            )
        if size > self.left(participant_id):
            whose = (
                "your share"
                if self.used.get(participant_id, 0) + size > self.per_participant
                else "this room's share"
            )
            raise ProtocolError(
                "storage-full",
                f"The relay keeps at most {self.per_participant // 2**20} MiB of runs per person "
                f"and {self.per_room // 2**20} MiB per room; {whose} is used up, so this run "
                "was not started.",
            )

    def add(self, participant_id: str, size: int) -> None:
        self.used[participant_id] = self.used.get(participant_id, 0) + size
        if participant_id not in self.hosts:
            self.room_used += size

    def fit(self, participant_id: str, output: str, error: str | None) -> tuple[str, str | None]:
        """The result cut to what is left of the runner's share, and counts it."""
        room = self.left(participant_id)
        size = utf8_size(output) + utf8_size(error or "")
        if size > room:
            error_part = error[: room // 2] if error is not None else None
            budget = max(0, room - utf8_size(error_part or "") - len(TRUNCATED.encode()))
            output = output.encode()[:budget].decode(errors="ignore") + TRUNCATED
            error = error_part
            size = utf8_size(output) + utf8_size(error or "")
        self.add(participant_id, size)
        return output, error


def utf8_size(text: str) -> int:
    return len(text.encode())
