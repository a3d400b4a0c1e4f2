"""One room's participants, runs and host controls: the events side of a room.

The relay never runs code. It names each run, tells everyone, lets only the
participant who started a run report its result, and keeps the history. The
host's controls (lock, no runs, remove, end) are enforced here, not in the UI.
"""

from __future__ import annotations

import dataclasses
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from desktop.protocol import (
    EndInterview,
    ExecuteCode,
    ExecutionResult,
    Hello,
    ParticipantInfo,
    Participants,
    ProtocolError,
    RemoveParticipant,
    RoomInfo,
    RoomState,
    RunRecord,
    RunStarted,
    SetControls,
    Strict,
    Welcome,
    encode,
)
from desktop.settings import Limits
from desktop.store import RoomControls, Store

TRUNCATED = "\n… output truncated by the relay"


class EventPeer(Protocol):
    """A connection to one participant's events socket."""

    def send_text(self, frame: str) -> None: ...

    def close(self, reason: str) -> None: ...


@dataclass
class Participant:
    info: ParticipantInfo
    peer: EventPeer
    token: str

    @property
    def is_host(self) -> bool:
        return self.info.role == "host"


class Interview:
    """Who is in a room, what they ran, and what the host allows."""

    def __init__(
        self,
        room: RoomInfo,
        store: Store,
        limits: Limits,
        host_key: str,
        join_url: Callable[[], str] = lambda: "",
    ) -> None:
        self.room = room
        self.join_url = join_url
        self.store = store
        self.limits = limits
        self.host_key = host_key
        self.participants: dict[str, Participant] = {}
        self.by_token: dict[str, Participant] = {}
        self.runs_in_progress: dict[str, RunRecord] = {}
        self.controls = store.load_controls(room.id)
        self.on_removed: Callable[[str], None] = lambda participant_id: None

    @property
    def state(self) -> RoomState:
        return RoomState(
            locked=self.controls.locked,
            runs_disabled=self.controls.runs_disabled,
            ended=self.controls.ended_at is not None,
        )

    def join(self, peer: EventPeer, hello: Hello) -> Participant:
        """Admits a participant: as host with the right key, else as a candidate."""
        is_host = hello.host_key is not None and secrets.compare_digest(
            hello.host_key.encode(), self.host_key.encode()
        )
        if hello.host_key is not None and not is_host:
            peer.send_text(
                ProtocolError(
                    "wrong-host-key", "That host key is not this relay's; you join as a candidate."
                ).to_frame()
            )
        if len(self.participants) >= self.limits.participants_per_room:
            raise ProtocolError(
                "room-full",
                f"This room is full ({self.limits.participants_per_room} participants).",
            )
        info = ParticipantInfo(
            participant_id=secrets.token_urlsafe(12),
            name=hello.name,
            role="host" if is_host else "candidate",
            joined_at=time.time(),
        )
        participant = Participant(info, peer, token=secrets.token_urlsafe(24))
        self.participants[info.participant_id] = participant
        self.by_token[participant.token] = participant
        self.store.participant_joined(self.room.id, info)
        welcome = Welcome(
            participant_id=info.participant_id,
            role=info.role,
            runs=self.store.recent_runs(self.room.id, self.limits.runs_in_welcome),
            participants=self._infos(),
            room=self.room,
            state=self.state,
            token=participant.token,
            join_url=self.join_url() if participant.is_host else None,
        )
        peer.send_text(encode(welcome))
        self._broadcast(Participants(participants=self._infos()), skip=participant)
        return participant

    def leave(self, participant: Participant) -> None:
        if self.participants.pop(participant.info.participant_id, None) is None:
            return
        self.by_token.pop(participant.token, None)
        self.store.participant_left(participant.info.participant_id)
        self._broadcast(Participants(participants=self._infos()))
        for run in list(self.runs_in_progress.values()):
            if run.by == participant.info.participant_id:
                left = ExecutionResult(
                    run_id=run.run_id, output="", error="Stopped: the participant running it left"
                )
                self._finish(run, left)

    def may_edit(self, participant: Participant | None) -> bool:
        """Whether document updates from this participant (None: anonymous) are accepted."""
        if self.controls.ended_at is not None:
            return False
        return not self.controls.locked or (participant is not None and participant.is_host)

    def execute(self, participant: Participant, request: ExecuteCode) -> None:
        """Names the run and tells everyone; the sender's browser runs it."""
        if self.controls.ended_at is not None:
            raise ProtocolError("interview-ended", "This interview has ended.")
        if self.controls.runs_disabled and not participant.is_host:
            raise ProtocolError("runs-disabled", "The interviewer has turned off running code.")
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
        self._broadcast(RunStarted(**run.model_dump(include=set(RunStarted.model_fields))))

    def finish(self, participant: Participant, result: ExecutionResult) -> None:
        """Stores and shares a result, from the participant who started the run only."""
        run = self.runs_in_progress.get(result.run_id)
        if run is None:
            raise ProtocolError("unknown-run", f"No run {result.run_id!r} is in progress here.")
        if run.by != participant.info.participant_id:
            raise ProtocolError("not-your-run", "Only the participant who ran the code reports it.")
        self._finish(run, result)

    def control(self, participant: Participant, request: SetControls) -> None:
        self._require_host(participant)
        changes = {
            key: value
            for key, value in (("locked", request.locked), ("runs_disabled", request.runs_disabled))
            if value is not None
        }
        self._set_controls(dataclasses.replace(self.controls, **changes))

    def remove(self, participant: Participant, request: RemoveParticipant) -> None:
        self._require_host(participant)
        target = self.participants.get(request.participant_id)
        if target is None:
            raise ProtocolError("unknown-participant", "Nobody with that id is in the room.")
        if target is participant:
            raise ProtocolError("invalid-event", "You cannot remove yourself.")
        target.peer.send_text(
            ProtocolError("removed", "The interviewer removed you from this room.").to_frame()
        )
        target.peer.close("Removed by the interviewer.")
        self.leave(target)
        self.on_removed(target.info.participant_id)

    def end(self, participant: Participant, _: EndInterview) -> None:
        self._require_host(participant)
        if self.controls.ended_at is None:
            self._set_controls(dataclasses.replace(self.controls, ended_at=time.time()))

    def close_all(self, reason: str) -> None:
        for participant in list(self.participants.values()):
            participant.peer.close(reason)

    def _finish(self, run: RunRecord, result: ExecutionResult) -> None:
        del self.runs_in_progress[run.run_id]
        output = _truncate(result.output, self.limits.max_output_chars)
        error = None if result.error is None else _truncate(result.error, 10_000)
        finished = run.model_copy(
            update={"finished_at": time.time(), "output": output, "error": error}
        )
        self.store.save_run(finished, self.room.id)
        self._broadcast(ExecutionResult(run_id=run.run_id, output=output, error=error))

    def _set_controls(self, controls: RoomControls) -> None:
        self.controls = controls
        self.store.save_controls(self.room.id, controls)
        self._broadcast(self.state)

    @staticmethod
    def _require_host(participant: Participant) -> None:
        if not participant.is_host:
            raise ProtocolError("host-only", "Only the interviewer can do that.")

    def _infos(self) -> list[ParticipantInfo]:
        return [p.info for p in self.participants.values()]

    def _broadcast(self, event: Strict, skip: Participant | None = None) -> None:
        frame = encode(event)
        for participant in list(self.participants.values()):
            if participant is not skip:
                participant.peer.send_text(frame)


def _truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + TRUNCATED
