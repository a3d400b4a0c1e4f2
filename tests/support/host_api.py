"""Reads of the relay's host HTTP API from tests, with the host key as a Bearer token."""

from __future__ import annotations

import json
import urllib.request
from typing import Any

from tests.support.relay_process import RelayProcess


def host_get(relay: RelayProcess, path: str) -> Any:
    """GET `path` as the host; the decoded JSON body."""
    request = urllib.request.Request(
        relay.base_url + path, headers={"Authorization": f"Bearer {relay.host_key}"}
    )
    with urllib.request.urlopen(request, timeout=10) as reply:
        return json.loads(reply.read())
