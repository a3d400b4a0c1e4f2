"""Menu helpers that need no window: which room is shown and what link to copy."""

from __future__ import annotations

import pytest

from desktop.shell.actions import join_link, room_from_url


@pytest.mark.parametrize(
    ("url", "room"),
    [
        ("http://127.0.0.1:8765/r/abc_DEF-123", "abc_DEF-123"),
        ("http://127.0.0.1:8765/r/abc/", "abc"),
        ("http://127.0.0.1:8765/r/abc#host=KEY", "abc"),
        ("http://127.0.0.1:8765/", None),
        ("http://127.0.0.1:8765/r/", None),
        ("http://127.0.0.1:8765/pyodide/r/x", None),
        ("", None),
        (None, None),
    ],
)
def test_room_from_url(url: str | None, room: str | None) -> None:
    assert room_from_url(url) == room


def test_join_link_uses_the_lan_address_never_the_host_key() -> None:
    assert join_link("http://192.168.1.5:8765/", "abc") == "http://192.168.1.5:8765/r/abc"
    assert join_link("http://192.168.1.5:8765", None) == "http://192.168.1.5:8765/"
