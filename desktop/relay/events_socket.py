"""`WS /ws/{room}/events`: JSON events, validated, answered with clear errors."""

from __future__ import annotations

import time

from aiohttp import WSCloseCode, WSMsgType, web

from desktop.interview import Participant
from desktop.protocol import (
    EndInterview,
    ExecuteCode,
    ExecutionResult,
    Hello,
    ProtocolError,
    RemoveParticipant,
    ReportTests,
    SetControls,
    SetQuestion,
    SetTests,
    decode,
)
from desktop.relay.context import context_of
from desktop.relay.doc_socket import close_socket
from desktop.relay.frames import OP_TEXT, FrameWriter
from desktop.relay.guards import RateLimit, origin_allowed
from desktop.rooms import Room


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
    participant: Participant | None = None
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
                    if participant is not None:
                        raise ProtocolError("already-greeted", "This socket already said hello.")
                    room = relay.rooms.open(room_id)
                    assert room is not None
                    participant = room.interview.join(peer, event)
                    room.question.greet(participant)
                elif participant is None or room is None:
                    raise ProtocolError("hello-required", "Say hello with your name first.")
                elif isinstance(event, ExecuteCode):
                    room.interview.execute(participant, event)
                elif isinstance(event, ExecutionResult):
                    room.interview.finish(participant, event)
                elif isinstance(event, SetControls):
                    room.interview.control(participant, event)
                elif isinstance(event, RemoveParticipant):
                    room.interview.remove(participant, event)
                elif isinstance(event, EndInterview):
                    room.interview.end(participant, event)
                elif isinstance(event, SetQuestion):
                    room.question.set_statement(participant, event)
                elif isinstance(event, SetTests):
                    room.question.set_tests(participant, event)
                elif isinstance(event, ReportTests):
                    room.question.report(participant, event)
            except ProtocolError as error:
                peer.send_text(error.to_frame())
                if error.code == "room-full":
                    await socket.close(code=WSCloseCode.POLICY_VIOLATION, message=b"Room full.")
                    break
    finally:
        if room is not None:
            if participant is not None:
                room.interview.leave(participant)
                room.refusal_told.pop(participant.info.participant_id, None)
            relay.rooms.release(room)
    return socket
