"""Raw HTTP/1.1 on a socket, for what `requests` cannot do: stall, drip, send headers alone,
and see exactly when the server answers and closes.  Loopback only."""

from __future__ import annotations

import json
import selectors
import socket
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]  # names in lower case
    body: bytes
    closed: bool  # the server closed the connection after answering

    def json(self) -> Any:
        return json.loads(self.body)


def request_head(path: str, *, length: int | None, token: str | None = None, key: str | None = None,
                 method: str = "POST", extra: dict[str, str] | None = None) -> bytes:  # fmt: skip
    """A request line and headers, as the laptop sends them (Content-Length unless None)."""
    headers = {"Host": "127.0.0.1", "Content-Type": "application/json", **(extra or {})}
    if length is not None:
        headers["Content-Length"] = str(length)
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    if key is not None:
        headers["Idempotency-Key"] = key
    lines = [f"{method} {path} HTTP/1.1", *(f"{name}: {value}" for name, value in headers.items())]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("ascii")


def connect(port: int, timeout: float = 10.0) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def send_quietly(sock: socket.socket, data: bytes) -> bool:
    """Sends what the server takes; False when it closed or reset the connection first."""
    try:
        sock.sendall(data)
    except OSError:
        return False
    return True


def parse_answer(data: bytes, closed: bool) -> Answer | None:
    """One answer in `data`; None when it is not all there."""
    head, found, body = data.partition(b"\r\n\r\n")
    if not found:
        return None
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {name.strip().lower(): value.strip() for name, _, value in (line.partition(":") for line in lines)}
    length = int(headers.get("content-length", "0"))
    if len(body) < length:
        return None
    return Answer(int(status_line.split()[1]), headers, body[:length], closed)


def read_answer(sock: socket.socket) -> Answer | None:
    """The server's answer and whether it then closed the connection (within the socket's
    timeout); None when the connection ended (closed or reset) without a complete answer."""
    data = b""
    try:
        while (answer := parse_answer(data, closed=False)) is None:
            chunk = sock.recv(65536)
            if not chunk:
                return None
            data += chunk
        closed = _closed_after(sock)
    except OSError:
        return None
    return Answer(answer.status, answer.headers, answer.body, closed)


def _closed_after(sock: socket.socket) -> bool:
    try:
        while True:
            chunk = sock.recv(65536)  # the server must close, not send more
            if not chunk:
                return True
    except ConnectionResetError:
        return True
    except TimeoutError:
        return False


def watch_until_closed(socks: list[socket.socket], timeout: float) -> list[tuple[float | None, bytes]]:
    """For each socket, in order: seconds until the server closed it (None if still open after
    `timeout`) and all it sent before."""
    started = time.monotonic()
    received = dict.fromkeys(socks, b"")
    closed_after: dict[socket.socket, float] = {}
    with selectors.DefaultSelector() as selector:
        for sock in socks:
            sock.setblocking(False)
            selector.register(sock, selectors.EVENT_READ)
        while selector.get_map() and (left := timeout - (time.monotonic() - started)) > 0:
            for key, _ in selector.select(left):
                assert isinstance(key.fileobj, socket.socket)
                sock = key.fileobj
                try:
                    chunk = sock.recv(65536)
                except ConnectionResetError:
                    chunk = b""
                received[sock] += chunk
                if not chunk:
                    closed_after[sock] = time.monotonic() - started
                    selector.unregister(sock)
    return [(closed_after.get(sock), received[sock]) for sock in socks]


def memory_mib(pid: int) -> dict[str, float]:
    """VmRSS (now) and VmHWM (the peak) of a process, in MiB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0]) / 1024
    return fields
