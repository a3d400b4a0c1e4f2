"""`WS /ws/{room}/doc` and `/notes`: the aiohttp adapter between a socket and a DocumentRoom.

`?token=` (from the events socket's `welcome`) tells the relay whose provider
this is, so host controls apply to it; plain Yjs clients may omit it. The notes
document is the host's alone: its socket needs a host participant's token.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from aiohttp import WSCloseCode, WSMsgType, web

from desktop.doc_room import DocumentRoom
from desktop.relay.context import context_of
from desktop.relay.direct_socket import DirectSocket
from desktop.relay.frames import OP_BINARY, FrameWriter
from desktop.relay.guards import RateLimit, origin_allowed
from desktop.rooms import Room
from desktop.ysync import DecodeError

log = logging.getLogger(__name__)
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
    await relay.rooms.prepare(room_id)  # a big room is rebuilt off the loop
    room = relay.rooms.open(room_id)
    if room is None:
        raise web.HTTPNotFound(text="No such room.")
    token = request.query.get("token")
    owner = room.interview.by_token.get(token or "")
    is_host = owner is not None and owner.is_host
    # The host's own sockets never count against the cap: candidates cannot shut them out.
    if not is_host and len(pick(room).peers) >= 2 * limits.participants_per_room:
        raise web.HTTPForbidden(text="This room is full.")
    if owner is None and not host_only:
        refusal = room.interview.refuses_unnamed(request.remote)
        if refusal is not None:
            raise web.HTTPForbidden(text=refusal)
    if host_only:
        participant = room.interview.by_token.get(token or "")
        if participant is None or not participant.is_host:
            raise web.HTTPForbidden(text="The notes are the interviewer's alone.")

    socket = DirectSocket(max_msg_size=limits.max_frame_bytes)
    await socket.prepare(request)
    assert request.transport is not None
    await relay.rooms.prepare(room_id)
    room = relay.rooms.open(room_id)  # reloaded if it went idle while we upgraded
    assert room is not None
    writer = FrameWriter(socket, request.transport)
    peer = DocSocketPeer(socket, writer, participant_of(room, token))
    if host_only and peer.participant_id is None:
        await socket.close(code=WSCloseCode.POLICY_VIOLATION, message=b"Host only.")
        return socket
    document = pick(room)
    document.join(peer)
    relay.liveness.watch(socket, writer)
    connection = DocConnection(
        document, peer, RateLimit(limits.doc_messages_per_second, limits.doc_message_burst)
    )
    socket.deliver_to(connection.receive)
    silent = asyncio.get_running_loop().call_later(
        limits.hello_seconds, connection.close_if_silent, limits.hello_seconds
    )
    try:
        async for message in socket:  # binary messages never come here: see DirectSocket
            if message.type == WSMsgType.TEXT:
                connection.refuse(
                    WSCloseCode.UNSUPPORTED_DATA,
                    "The document socket takes binary y-websocket messages only.",
                )
    finally:
        silent.cancel()
        relay.liveness.forget(socket)
        document.leave(peer)
        relay.rooms.release(room)
    return socket


class DocConnection:
    """Takes one socket's binary messages, in order, as the parser reads them."""

    __slots__ = ("document", "peer", "rate", "refused", "spoke")

    def __init__(self, document: DocumentRoom, peer: DocSocketPeer, rate: RateLimit) -> None:
        self.document = document
        self.peer = peer
        self.rate = rate
        self.refused = False
        self.spoke = False

    def receive(self, message: bytes) -> None:
        self.spoke = True
        if self.refused:
            return  # closing: the rest of what it sent is not taken
        if not self.rate.allow():
            self.refuse(WSCloseCode.POLICY_VIOLATION, "Too many messages; slow down.")
            return
        try:
            self.document.receive(self.peer, message)
        except DecodeError as error:
            self.refuse(WSCloseCode.INVALID_TEXT, f"Malformed y-websocket message: {error}")
        except Exception:
            log.exception("document message failed in room %s", self.document.room_id)
            self.refuse(WSCloseCode.INTERNAL_ERROR, "The relay could not take this message.")

    def close_if_silent(self, seconds: float) -> None:
        """A y-websocket client sends its sync request at once; one that never speaks goes."""
        if not self.spoke:
            self.refuse(WSCloseCode.POLICY_VIOLATION, f"Nothing received within {seconds:g} s.")

    def refuse(self, code: int, reason: str) -> None:
        """Stops taking messages and closes the socket with `reason`."""
        if not self.refused:
            self.refused = True
            close_socket(self.peer.socket, code, reason)
