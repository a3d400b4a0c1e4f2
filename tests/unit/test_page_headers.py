"""Which pages are offered cross-origin isolation: loopback only, and never after an opt-out."""

from __future__ import annotations

import pytest
from aiohttp.test_utils import make_mocked_request

from desktop.relay.pages import page_headers

ISOLATION = ("Cross-Origin-Opener-Policy", "Cross-Origin-Embedder-Policy")


def headers_for(host: str, path: str = "/r/room", cookie: str | None = None) -> dict[str, str]:
    extra = {"Host": host}
    if cookie is not None:
        extra["Cookie"] = cookie
    return page_headers(make_mocked_request("GET", path, headers=extra))


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost:8000", "[::1]:8000", "127.5.0.1"])
def test_loopback_pages_are_isolated(host: str) -> None:
    headers = headers_for(host)
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["Cross-Origin-Embedder-Policy"] == "require-corp"


@pytest.mark.parametrize("host", ["desk-lan:8000", "192.168.1.20:8000", "laptop.local"])
def test_lan_pages_are_not_offered_isolation_they_cannot_have(host: str) -> None:
    headers = headers_for(host)
    assert not [name for name in ISOLATION if name in headers]
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_a_page_that_opted_out_is_served_without_isolation() -> None:
    by_query = headers_for("127.0.0.1:8000", "/r/room?runner-isolation=off")
    by_cookie = headers_for("127.0.0.1:8000", cookie="runner_isolation=off")
    for headers in (by_query, by_cookie):
        assert not [name for name in ISOLATION if name in headers]
        assert headers["Referrer-Policy"] == "no-referrer"
