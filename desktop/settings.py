"""Run-time settings of the relay, gathered in one immutable value."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

DEFAULT_PORT = 8765
HOST_KEY_ENV = "INTERVIEW_DESK_HOST_KEY"


def default_data_dir() -> Path:
    """The platform's per-user data folder, so interviews survive reinstalls."""
    return Path(platformdirs.user_data_dir("interview-desk", appauthor=False))


def new_host_key() -> str:
    """A fresh interviewer secret (256 bits, URL-safe)."""
    return secrets.token_urlsafe(32)


@dataclass(frozen=True)
class Limits:
    """Per-socket and per-room limits; generous for people, tight for floods."""

    max_frame_bytes: int = 1_048_576
    max_event_bytes: int = 64 * 1024
    doc_messages_per_second: float = 500.0
    doc_message_burst: float = 2000.0
    events_per_second: float = 20.0
    event_burst: float = 60.0
    participants_per_room: int = 20
    heartbeat_seconds: float = 15.0
    runs_in_welcome: int = 50
    max_code_chars: int = 200_000
    max_output_chars: int = 200_000
    # Connections (desktop/relay/connection_guard.py)
    connections_per_address: int = 256
    waiting_requests_per_address: int = 32
    request_head_seconds: float = 10.0
    keepalive_seconds: float = 15.0
    hello_seconds: float = 10.0
    waiting_sockets_per_room: int = 20
    # Storage
    max_document_bytes: int = 4 * 1024 * 1024
    max_run_bytes_per_participant: int = 4 * 1024 * 1024
    max_run_bytes_per_room: int = 16 * 1024 * 1024
    min_free_disk_bytes: int = 200_000_000


@dataclass(frozen=True)
class Settings:
    """Everything the relay needs to start; built by the command line or the shell."""

    host: str = "0.0.0.0"
    port: int = DEFAULT_PORT
    data_dir: Path = field(default_factory=default_data_dir)
    host_key: str = field(default_factory=new_host_key)
    pyodide_base: str = "/pyodide/"
    limits: Limits = field(default_factory=Limits)
    # Names of this machine the relay answers to besides its loopback and LAN ones.
    allowed_hosts: tuple[str, ...] = ()

    @staticmethod
    def host_key_from_env() -> str | None:
        """The interviewer's fixed secret, if the environment sets one."""
        value = os.environ.get(HOST_KEY_ENV, "").strip()
        return value or None
