"""Is head office reachable? A health probe with a short timeout."""

from __future__ import annotations

from enum import Enum

import requests

PROBE_TIMEOUT_S = (2.0, 2.0)  # connect, read: the status bar must not wait on a dead branch link


class Reachability(str, Enum):
    ONLINE = "online"
    OFFLINE = "offline"


def probe(server_url: str, session: requests.Session | None = None) -> Reachability:
    getter = session or requests
    try:
        # The status line is the answer: the body is never read, so no size of it costs anything.
        with getter.get(f"{server_url.rstrip('/')}/health", timeout=PROBE_TIMEOUT_S, stream=True) as response:
            return Reachability.ONLINE if response.ok else Reachability.OFFLINE
    except requests.RequestException:
        return Reachability.OFFLINE
