"""One room's participants and runs: the events side of a room.

The relay never runs code. It names each run, tells everyone, lets only the
participant who started a run report its result, and keeps the history.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from typing import Protocol

from desktop.protocol import (
    ExecuteCode,
    ExecutionResult,
    Hello,
    ParticipantInfo,
    Participants,
    ProtocolError,
    RoomInfo,
    RunRecord,
    RunStarted,
    Strict,
    Welcome,
    encode,
)
from desktop.settings import Limits
from desktop.store import Store

TRUNCATED = "\n… output truncated by the relay"


class EventPeer(Protocol):
    """A connection to one participant's events socket."""

    def send_text(self, frame: str) -> None: ...

    def close(self, reason: str) -> None: ...


@dataclass
class Participant:
    info: ParticipantInfo
    peer: EventPeer


class Interview:
    """Who is in a room and what they ran."""

    def __init__(self, room: RoomInfo, store: Store, limits: Limits, host_key: str) -> None:
        self.room = room
        self.store = store
        self.limits = limits
        self.host_key = host_key
        self.participants: dict[str, Participant] = {}
        self.runs_in_progress: dict[str, RunRecord] = {}

    def join(self, peer: EventPeer, hello: Hello) -> Participant:
        """Admits a participant; the host key, if given, must be right."""
        if hello.host_key is not None and not secrets.compare_digest(
            hello.host_key.encode(), self.host_key.encode()
        ):
            raise ProtocolError("wrong-host-key", "That host key is not this relay's.")
        if len(self.participants) >= self.limits.participants_per_room:
            raise ProtocolError(
                "room-full",
                f"This room is full ({self.limits.participants_per_room} participants).",
            )
        info = ParticipantInfo(
            participant_id=secrets.token_urlsafe(12),
            name=hello.name,
            role="host" if hello.host_key is not None else "candidate",
            joined_at=time.time(),
        )
        participant = Participant(info, peer)
        self.participants[info.participant_id] = participant
        self.store.participant_joined(self.room.id, info)
        peer.send_text(
            encode(
                Welcome(
                    participant_id=info.participant_id,
                    role=info.role,
                    runs=self.store.recent_runs(self.room.id, self.limits.runs_in_welcome),
                    participants=self._infos(),
                    room=self.room,
                )
            )
        )
        self._broadcast(Participants(participants=self._infos()), skip=participant)
        return participant

    def leave(self, participant: Participant) -> None:
        if self.participants.pop(participant.info.participant_id, None) is None:
            return
        self.store.participant_left(participant.info.participant_id)
        self._broadcast(Participants(participants=self._infos()))
        for run in list(self.runs_in_progress.values()):
            if run.by == participant.info.participant_id:
                left = ExecutionResult(
                    run_id=run.run_id, output="", error="Stopped: the participant running it left"
                )
                self.finish(participant, left)

    def execute(self, participant: Participant, request: ExecuteCode) -> None:
        """Names the run and tells everyone; the sender's browser runs it."""
        if len(request.code) > self.limits.max_code_chars:
            raise ProtocolError(
                "too-large", f"Code is limited to {self.limits.max_code_chars} characters."
            )
        run = RunRecord(
            run_id=secrets.token_urlsafe(12),
            by=participant.info.participant_id,
            by_name=participant.info.name,
            language=request.language,
            code=request.code,
            started_at=time.time(),
        )
        self.store.save_run(run, self.room.id)
        self.runs_in_progress[run.run_id] = run
        started = RunStarted(**run.model_dump(include=set(RunStarted.model_fields)))
        self._broadcast(started)

    def finish(self, participant: Participant, result: ExecutionResult) -> None:
        """Stores and shares a result, from the participant who started the run only."""
        run = self.runs_in_progress.get(result.run_id)
        if run is None:
            raise ProtocolError("unknown-run", f"No run {result.run_id!r} is in progress here.")
        if run.by != participant.info.participant_id:
            raise ProtocolError("not-your-run", "Only the participant who ran the code reports it.")
        del self.runs_in_progress[result.run_id]
        output = _truncate(result.output, self.limits.max_output_chars)
        error = None if result.error is None else _truncate(result.error, 10_000)
        finished = run.model_copy(
            update={"finished_at": time.time(), "output": output, "error": error}
        )
        self.store.save_run(finished, self.room.id)
        self._broadcast(ExecutionResult(run_id=run.run_id, output=output, error=error))

    def close_all(self, reason: str) -> None:
        for participant in list(self.participants.values()):
            participant.peer.close(reason)

    def _infos(self) -> list[ParticipantInfo]:
        return [p.info for p in self.participants.values()]

    def _broadcast(self, event: Strict, skip: Participant | None = None) -> None:
        frame = encode(event)
        for participant in list(self.participants.values()):
            if participant is not skip:
                participant.peer.send_text(frame)


def _truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + TRUNCATED
