"""One room's participants, runs and host controls: the events side of a room.

The relay never runs code. It names each run, tells everyone, lets only the
participant who started a run report its result, and keeps the history. The
host's controls (lock, no runs, remove, lobby, end) are enforced here, not in the UI.
One browser is one participant; the host's seat is never a candidate's.
"""

from __future__ import annotations

import dataclasses
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from desktop.admission import Admission
from desktop.disk_floor import NO_FLOOR, DiskFloor
from desktop.door import Door
from desktop.key_throttle import KeyThrottle
from desktop.lobby import Knock
from desktop.protocol import (
    AdmitParticipant,
    DenyParticipant,
    EndInterview,
    ExecuteCode,
    ExecutionResult,
    Hello,
    ParticipantInfo,
    Participants,
    ProtocolError,
    RemoveParticipant,
    Role,
    RoomInfo,
    RoomState,
    RunRecord,
    RunStarted,
    SetControls,
    Strict,
    Waiting,
    Welcome,
    encode,
)
from desktop.run_quota import RunQuota, utf8_size
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
    address: str | None = None

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
        door: Door | None = None,
        throttle: KeyThrottle | None = None,
    ) -> None:
        self.room = room
        self.join_url = join_url
        self.store = store
        self.limits = limits
        self.host_key = host_key
        self.door = door or Door()
        self.admission = Admission(
            self.door, throttle or KeyThrottle(), host_key, limits.participants_per_room
        )
        self.participants: dict[str, Participant] = {}
        self.by_token: dict[str, Participant] = {}
        self.by_peer: dict[EventPeer, Participant] = {}
        self.names: dict[str, str] = {}  # every participant id seen here: its relay-known name
        self.runs_in_progress: dict[str, RunRecord] = {}
        self.controls = store.load_controls(room.id)
        self.run_quota = RunQuota(limits, *store.run_bytes(room.id))
        self.disk: DiskFloor = NO_FLOOR
        self.on_removed: Callable[[str], None] = lambda participant_id: None
        self.on_seated: Callable[[Participant], None] = lambda participant: None
        # Who may come in changed (a new browser, a removal, the lobby): the store keeps it.
        self.on_door_changed: Callable[[], None] = lambda: None

    @property
    def state(self) -> RoomState:
        return RoomState(
            locked=self.controls.locked,
            runs_disabled=self.controls.runs_disabled,
            ended=self.controls.ended_at is not None,
            lobby=self.door.lobby.enabled,
        )

    def join(self, peer: EventPeer, hello: Hello, address: str | None = None) -> Participant | None:
        """Seats a participant (host with the right key, else candidate); None: in the lobby."""
        arrival = self.admission.arrive(peer, hello, address, self.participants)
        self.on_door_changed()
        if arrival is None:
            self._tell_hosts_who_waits()
            return None
        return self._seat(
            peer, hello, arrival.role, arrival.participant_id, arrival.first_joined, address
        )

    def seated(self, peer: EventPeer) -> Participant | None:
        """The participant on this events socket, if it has been let in."""
        return self.by_peer.get(peer)

    def is_waiting(self, peer: EventPeer) -> bool:
        return any(knock.peer is peer for knock in self.door.lobby.waiting.values())

    def leave_peer(self, peer: EventPeer) -> None:
        """Forgets a closed events socket: its seat, or its place in the lobby."""
        if self.door.lobby.leave(peer):
            self._tell_hosts_who_waits()
        participant = self.by_peer.pop(peer, None)
        if participant is not None:
            self.leave(participant)

    def refuses_unnamed(self, address: str | None) -> str | None:
        return self.admission.refuses_unnamed(address)

    def _seat(
        self,
        peer: EventPeer,
        hello: Hello,
        role: Role,
        participant_id: str,
        first_joined: float,
        address: str | None,
    ) -> Participant:
        old = self.participants.get(participant_id)
        if old is not None:
            self._forget(old)
            old.peer.send_text(
                ProtocolError(
                    "replaced", "This room was opened again from this browser; this tab has left."
                ).to_frame()
            )
            old.peer.close("Replaced by a newer connection from the same browser.")
        info = ParticipantInfo(
            participant_id=participant_id, name=hello.name, role=role, joined_at=first_joined
        )
        participant = Participant(info, peer, token=secrets.token_urlsafe(24), address=address)
        self.participants[participant_id] = participant
        self.by_token[participant.token] = participant
        self.by_peer[peer] = participant
        self.names[participant_id] = info.name
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
        if participant.is_host and (self.door.lobby.enabled or self.door.lobby.waiting):
            peer.send_text(encode(Waiting(waiting=self.door.lobby.infos())))
        self.on_seated(participant)
        return participant

    def _forget(self, participant: Participant) -> None:
        """Drops a participant's seat and socket links, keeping its record and runs."""
        self.participants.pop(participant.info.participant_id, None)
        self.by_token.pop(participant.token, None)
        self.by_peer.pop(participant.peer, None)

    def leave(self, participant: Participant) -> None:
        if self.participants.get(participant.info.participant_id) is not participant:
            return  # already replaced by a newer connection of the same browser
        self._forget(participant)
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
        if self.disk.low:
            raise ProtocolError("disk-full", self.disk.message())
        code_size = utf8_size(request.code)
        self.run_quota.check(participant.info.participant_id, participant.is_host, code_size)
        run = RunRecord(
            run_id=secrets.token_urlsafe(12),
            by=participant.info.participant_id,
            by_name=participant.info.name,
            language=request.language,
            code=request.code,
            started_at=time.time(),
        )
        self.store.save_run(run, self.room.id)
        self.run_quota.add(run.by, code_size)
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
        if request.lobby is not None:
            self.door.lobby.enabled = request.lobby
            self.on_door_changed()
        self._set_controls(dataclasses.replace(self.controls, **changes))
        if request.lobby is False:
            for knock in list(self.door.lobby.waiting.values()):
                self._let_in(knock)
            self._tell_hosts_who_waits()

    def remove(self, participant: Participant, request: RemoveParticipant) -> None:
        self._require_host(participant)
        target = self.participants.get(request.participant_id)
        if target is None:
            raise ProtocolError("unknown-participant", "Nobody with that id is in the room.")
        if target is participant:
            raise ProtocolError("invalid-event", "You cannot remove yourself.")
        if target.is_host:
            raise ProtocolError("invalid-event", "The interviewer cannot be removed.")
        self.door.bans.ban(target.info.participant_id, target.address)
        self.on_door_changed()
        target.peer.send_text(
            ProtocolError("removed", "The interviewer removed you from this room.").to_frame()
        )
        target.peer.close("Removed by the interviewer.")
        self.leave(target)
        self.on_removed(target.info.participant_id)

    def admit(self, participant: Participant, request: AdmitParticipant) -> None:
        """Host only: lets a waiting candidate in (they pass the lobby from now on)."""
        self._require_host(participant)
        knock = self._knock(request.waiting_id)
        self.admission.require_seat(knock.participant_id, self.participants)
        self._let_in(knock)
        self._tell_hosts_who_waits()

    def deny(self, participant: Participant, request: DenyParticipant) -> None:
        """Host only: turns a waiting candidate away; that browser stays out, as if removed."""
        self._require_host(participant)
        knock = self._knock(request.waiting_id)
        del self.door.lobby.waiting[knock.waiting_id]
        self.door.bans.ban(knock.participant_id, knock.address)
        self.on_door_changed()
        knock.peer.send_text(
            ProtocolError("denied", "The interviewer did not let you in.").to_frame()
        )
        knock.peer.close("Turned away by the interviewer.")
        self._tell_hosts_who_waits()

    def _knock(self, waiting_id: str) -> Knock:
        knock = self.door.lobby.waiting.get(waiting_id)
        if knock is None:
            raise ProtocolError("unknown-waiting", "Nobody with that id is waiting.")
        return knock

    def _let_in(self, knock: Knock) -> None:
        del self.door.lobby.waiting[knock.waiting_id]
        self.door.lobby.admitted.add(knock.participant_id)
        self.on_door_changed()
        self._seat(
            knock.peer,
            knock.hello,
            "candidate",
            knock.participant_id,
            knock.first_joined,
            knock.address,
        )

    def _tell_hosts_who_waits(self) -> None:
        frame = encode(Waiting(waiting=self.door.lobby.infos()))
        for participant in list(self.participants.values()):
            if participant.is_host:
                participant.peer.send_text(frame)

    def end(self, participant: Participant, _: EndInterview) -> None:
        self._require_host(participant)
        if self.controls.ended_at is None:
            self._set_controls(dataclasses.replace(self.controls, ended_at=time.time()))

    def close_all(self, reason: str) -> None:
        for participant in list(self.participants.values()):
            participant.peer.close(reason)
        for knock in list(self.door.lobby.waiting.values()):
            knock.peer.close(reason)

    def _finish(self, run: RunRecord, result: ExecutionResult) -> None:
        del self.runs_in_progress[run.run_id]
        output = _truncate(result.output, self.limits.max_output_chars)
        error = None if result.error is None else _truncate(result.error, 10_000)
        output, error = self.run_quota.fit(run.by, output, error)
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
