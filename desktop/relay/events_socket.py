"""`WS /ws/{room}/events`: JSON events, validated, answered with clear errors."""

from __future__ import annotations

import time

from aiohttp import WSCloseCode, WSMsgType, web

from desktop.protocol import (
    AdmitParticipant,
    DenyParticipant,
    EndInterview,
    ExecuteCode,
    ExecutionResult,
    Hello,
    ProtocolError,
    RemoveParticipant,
    ReportTests,
    SetControls,
    SetQuestion,
    SetSetup,
    SetTests,
    decode,
)
from desktop.relay.context import context_of
from desktop.relay.doc_socket import close_socket
from desktop.relay.frames import OP_TEXT, FrameWriter
from desktop.relay.guards import RateLimit, origin_allowed
from desktop.relay.hello_deadline import HELLO_DEADLINE
from desktop.rooms import Room

# Refusals of a hello after which the socket has nothing left to do.
REFUSED_AT_THE_DOOR = frozenset({"room-full", "banned", "lobby-full"})


class EventSocketPeer:
    """One events connection as the interview sees it."""

    __slots__ = ("socket", "writer")

    def __init__(self, socket: web.WebSocketResponse, writer: FrameWriter) -> None:
        self.socket = socket
        self.writer = writer

    def send_text(self, frame: str) -> None:
        self.writer.write(OP_TEXT, frame.encode())

    def close(self, reason: str) -> None:
        close_socket(self.socket, WSCloseCode.GOING_AWAY, reason)


async def events_socket(request: web.Request) -> web.StreamResponse:
    relay = context_of(request)
    limits = relay.settings.limits
    room_id = request.match_info["room"]
    if not origin_allowed(request):
        raise web.HTTPForbidden(text="This page's origin may not open the room's sockets.")
    if not relay.rooms.exists(room_id):
        raise web.HTTPNotFound(text="No such room.")

    socket = web.WebSocketResponse(
        heartbeat=limits.heartbeat_seconds, max_msg_size=limits.max_frame_bytes, compress=False
    )
    await socket.prepare(request)
    assert request.transport is not None
    peer = EventSocketPeer(socket, FrameWriter(socket, request.transport))
    rate = RateLimit(limits.events_per_second, limits.event_burst)
    last_rate_warning = 0.0
    room: Room | None = None
    deadline = request.app[HELLO_DEADLINE]
    deadline.opened(room_id, socket)
    try:
        async for message in socket:
            try:
                if message.type != WSMsgType.TEXT:
                    raise ProtocolError("invalid-event", "Events are JSON text frames.")
                if not rate.allow():
                    now = time.monotonic()
                    if now - last_rate_warning < 1.0:
                        continue
                    last_rate_warning = now
                    raise ProtocolError(
                        "rate-limited", "Too many events; this one and others were dropped."
                    )
                if len(message.data) > limits.max_event_bytes:
                    raise ProtocolError(
                        "too-large", f"Events are limited to {limits.max_event_bytes} bytes."
                    )
                event = decode(message.data)
                if isinstance(event, Hello):
                    # One events socket is one participant: a second hello never takes a seat.
                    if room is not None:
                        raise ProtocolError("already-greeted", "This socket already said hello.")
                    deadline.greeted(room_id, socket)
                    await relay.rooms.prepare(room_id)  # a big room is rebuilt off the loop
                    room = relay.rooms.open(room_id)
                    assert room is not None
                    room.interview.join(peer, event, request.remote)
                    continue
                participant = None if room is None else room.interview.seated(peer)
                if participant is None or room is None:
                    if room is not None and room.interview.is_waiting(peer):
                        raise ProtocolError("in-lobby", "Wait for the interviewer to let you in.")
                    raise ProtocolError("hello-required", "Say hello with your name first.")
                if isinstance(event, ExecuteCode):
                    room.interview.execute(participant, event)
                elif isinstance(event, ExecutionResult):
                    room.interview.finish(participant, event)
                elif isinstance(event, SetControls):
                    room.interview.control(participant, event)
                elif isinstance(event, RemoveParticipant):
                    room.interview.remove(participant, event)
                elif isinstance(event, EndInterview):
                    room.interview.end(participant, event)
                elif isinstance(event, AdmitParticipant):
                    room.interview.admit(participant, event)
                elif isinstance(event, DenyParticipant):
                    room.interview.deny(participant, event)
                elif isinstance(event, SetQuestion):
                    room.question.set_statement(participant, event)
                elif isinstance(event, SetTests):
                    room.question.set_tests(participant, event)
                elif isinstance(event, SetSetup):
                    room.question.set_setup(participant, event)
                elif isinstance(event, ReportTests):
                    room.question.report(participant, event)
            except ProtocolError as error:
                peer.send_text(error.to_frame())
                refused = error.code in REFUSED_AT_THE_DOOR
                if refused and room is not None and room.interview.seated(peer) is None:
                    await socket.close(code=WSCloseCode.POLICY_VIOLATION, message=b"Refused.")
                    break
    finally:
        deadline.greeted(room_id, socket)
        if room is not None:
            seated = room.interview.seated(peer)
            if seated is not None:
                room.refusal_told.pop(seated.info.participant_id, None)
            room.interview.leave_peer(peer)
            relay.rooms.release(room)
    return socket
