"""`WS /ws/{room}/doc` and `/notes`: the aiohttp adapter between a socket and a DocumentRoom.

`?token=` (from the events socket's `welcome`) tells the relay whose provider
this is, so host controls apply to it; plain Yjs clients may omit it. The notes
document is the host's alone: its socket needs a host participant's token.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from aiohttp import WSCloseCode, WSMsgType, web

from desktop.doc_room import DocumentRoom
from desktop.relay.context import context_of
from desktop.relay.frames import OP_BINARY, FrameWriter
from desktop.relay.guards import RateLimit, origin_allowed
from desktop.rooms import Room
from desktop.ysync import DecodeError

_closing: set[asyncio.Task[bool]] = set()


class DocSocketPeer:
    """One document connection as the room sees it."""

    __slots__ = ("participant_id", "socket", "writer")

    def __init__(
        self, socket: web.WebSocketResponse, writer: FrameWriter, participant_id: str | None
    ) -> None:
        self.socket = socket
        self.writer = writer
        self.participant_id = participant_id

    def send(self, message: bytes) -> None:
        self.writer.write(OP_BINARY, message)

    def send_many(self, messages: list[bytes]) -> None:
        self.writer.write_many(OP_BINARY, messages)

    def close(self, reason: str) -> None:
        close_socket(self.socket, WSCloseCode.GOING_AWAY, reason)


def close_socket(socket: web.WebSocketResponse, code: int, reason: str) -> None:
    """Closes a socket from synchronous code, keeping the task alive until done."""
    task = asyncio.ensure_future(socket.close(code=code, message=reason.encode()[:120]))
    _closing.add(task)
    task.add_done_callback(_closing.discard)


async def doc_socket(request: web.Request) -> web.StreamResponse:
    return await serve_document(request, lambda room: room.document, host_only=False)


async def notes_socket(request: web.Request) -> web.StreamResponse:
    return await serve_document(request, lambda room: room.notes, host_only=True)


def participant_of(room: Room, token: str | None) -> str | None:
    participant = room.interview.by_token.get(token or "")
    return None if participant is None else participant.info.participant_id


async def serve_document(
    request: web.Request, pick: Callable[[Room], DocumentRoom], *, host_only: bool
) -> web.StreamResponse:
    relay = context_of(request)
    limits = relay.settings.limits
    room_id = request.match_info["room"]
    if not origin_allowed(request):
        raise web.HTTPForbidden(text="This page's origin may not open the room's sockets.")
    room = relay.rooms.open(room_id)
    if room is None:
        raise web.HTTPNotFound(text="No such room.")
    if len(pick(room).peers) >= 2 * limits.participants_per_room:
        raise web.HTTPForbidden(text="This room is full.")
    token = request.query.get("token")
    if host_only:
        participant = room.interview.by_token.get(token or "")
        if participant is None or not participant.is_host:
            raise web.HTTPForbidden(text="The notes are the interviewer's alone.")

    socket = web.WebSocketResponse(
        heartbeat=limits.heartbeat_seconds, max_msg_size=limits.max_frame_bytes, compress=False
    )
    await socket.prepare(request)
    assert request.transport is not None
    room = relay.rooms.open(room_id)  # reloaded if it went idle while we upgraded
    assert room is not None
    peer = DocSocketPeer(
        socket, FrameWriter(socket, request.transport), participant_of(room, token)
    )
    if host_only and peer.participant_id is None:
        await socket.close(code=WSCloseCode.POLICY_VIOLATION, message=b"Host only.")
        return socket
    document = pick(room)
    document.join(peer)
    rate = RateLimit(limits.doc_messages_per_second, limits.doc_message_burst)
    try:
        async for message in socket:
            if message.type != WSMsgType.BINARY:
                await socket.close(
                    code=WSCloseCode.UNSUPPORTED_DATA,
                    message=b"The document socket takes binary y-websocket messages only.",
                )
                break
            if not rate.allow():
                await socket.close(
                    code=WSCloseCode.POLICY_VIOLATION, message=b"Too many messages; slow down."
                )
                break
            try:
                document.receive(peer, message.data)
            except DecodeError as error:
                await socket.close(
                    code=WSCloseCode.INVALID_TEXT,
                    message=f"Malformed y-websocket message: {error}".encode()[:120],
                )
                break
    finally:
        document.leave(peer)
        relay.rooms.release(room)
    return socket
