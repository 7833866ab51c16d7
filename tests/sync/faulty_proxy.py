"""A fault-injecting HTTP proxy between the sync client and the real head-office server.

The real server never fails on purpose, so the network's failures are made here. For each
request, with probability `fault_rate`, one fault is picked at random:

- before forwarding (head office never sees the request):
  `error_before` answers 500, `stall_before` says nothing until the client's read timeout has
  passed, `drop_before` closes the connection (half of the time with a TCP reset);
- after forwarding (head office got it and answered, but the client never hears that):
  `error_after` answers 500 instead, `stall_after` stalls, `drop_after` closes,
  `truncate_after` sends the headers and only half the body.

The "after" faults are the ones that matter for exactly-once: the client must send again,
and head office must recognise the resend. `counts` says how often each fault happened.

`FORGED` faults (asked for by name, never picked by default) answer in head office's place,
as a misbehaving proxy or a stray server would: a 201 that acknowledges something else
(`ack_wrong_before`: `{"id": 5, "status": "rejected"}`; `ack_other_before`: a well-formed
acknowledgement of another record), a proxy's own HTML 403 or 407, a 200 of 50 MiB of `[`
without a Content-Length (`huge_before`), or an answer dripped one byte every `drip_s`
seconds, in the body (`drip_before`) or already in the status line (`drip_headers_before`).
"""

from __future__ import annotations

import contextlib
import http.client
import json
import random
import socket
import struct
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

FAULTS = ("error_before", "stall_before", "drop_before",
          "error_after", "stall_after", "drop_after", "truncate_after")  # fmt: skip
FORGED = ("ack_wrong_before", "ack_other_before", "html_403_before", "html_407_before", "huge_before",
          "drip_before", "drip_headers_before")  # fmt: skip
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "host", "proxy-connection"}
OTHER_RECORD = "00000000-0000-4000-8000-000000000000"
# fault -> (status, headers, body) of the forged answers that fit in one write.
FORGED_ANSWERS: dict[str, tuple[int, list[tuple[str, str]], bytes]] = {
    "ack_wrong_before": (201, [("Content-Type", "application/json")], b'{"id": 5, "status": "rejected"}'),
    "ack_other_before": (201, [("Content-Type", "application/json")], json.dumps({
        "id": OTHER_RECORD, "kind": "proposal", "status": "received", "received_at": "2026-01-05T08:00:00.000000Z",
        "seq": 1}).encode()),
    "html_403_before": (403, [("Content-Type", "text/html")],
                        b"<html><body><h1>403 Forbidden</h1><p>Blocked by the branch's web filter.</p></body></html>"),
    "html_407_before": (407, [("Content-Type", "text/html"), ("Proxy-Authenticate", 'Basic realm="branch"')],
                        b"<html><body><h1>407 Proxy Authentication Required</h1></body></html>"),
}  # fmt: skip
HUGE_BYTES = 50 * 1024 * 1024
DRIP_BYTES = 30  # then the drip ends (cut short): a client without a deadline is held 30 drips, not for ever


class FaultyProxy:
    def __init__(self, upstream_port: int, *, fault_rate: float, stall_s: float, seed: int = 0,
                 faults: tuple[str, ...] = FAULTS, drip_s: float = 1.0,
                 without: tuple[str, ...] = ()) -> None:  # fmt: skip
        self.upstream_port = upstream_port
        self.fault_rate = fault_rate
        self.stall_s = stall_s
        self.drip_s = drip_s
        self.huge_sent = 0  # bytes of `huge_before` the client took before it hung up
        self.faults = faults
        self.counts: Counter[str] = Counter()
        # Paths answered 404 in head office's own shape, as a head office from before they existed.
        self.without = without
        self.seen: list[tuple[str, str, str | None]] = []  # (method, path, Content-Encoding) of each request
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._closing = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="faulty-proxy", daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> FaultyProxy:
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 tb: TracebackType | None) -> None:  # fmt: skip
        self._closing.set()  # wakes stalled handlers
        self._server.shutdown()
        self._server.server_close()

    def _pick(self) -> str:
        with self._lock:
            fault = self._rng.choice(self.faults) if self._rng.random() < self.fault_rate else "pass"
            reset = self._rng.random() < 0.5
            self.counts[fault] += 1
            return fault if fault != "drop_before" or not reset else "reset_before"

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as requests' pooled connections expect

            def setup(self) -> None:
                super().setup()
                # Headers and body go out in two writes; without this, Nagle's algorithm and the
                # client's delayed ACK hold every answer back by 40 ms.
                self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

            def log_message(self, format: str, *args: object) -> None:  # the base's names
                pass

            def do_GET(self) -> None:  # http.server's naming
                self._relay()

            def do_POST(self) -> None:
                self._relay()

            def _relay(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                with proxy._lock:
                    proxy.seen.append((self.command, self.path, self.headers.get("Content-Encoding")))
                if self.path in proxy.without:
                    self._send(404, [("Content-Type", "application/json")],
                               b'{"detail":{"code":"not_found","message":"Not Found"}}')  # fmt: skip
                    return
                fault = proxy._pick()
                if fault.endswith("_before"):
                    self._fail(fault)
                    return
                status, headers, answer = self._forward(body)
                if fault == "pass":
                    self._send(status, headers, answer)
                elif fault == "truncate_after":
                    self._send(status, headers, answer[: len(answer) // 2])
                    self._close()
                else:
                    self._fail(fault)

            def _forward(self, body: bytes) -> tuple[int, list[tuple[str, str]], bytes]:
                upstream = http.client.HTTPConnection("127.0.0.1", proxy.upstream_port, timeout=30)
                try:
                    headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
                    upstream.request(self.command, self.path, body=body or None, headers=headers)
                    response = upstream.getresponse()
                    answer = response.read()
                    kept = [(k, v) for k, v in response.getheaders() if k.lower() not in HOP_BY_HOP]
                    return response.status, kept, answer
                finally:
                    upstream.close()

            def _send(self, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
                self.send_response(status)
                for key, value in headers:
                    if key.lower() != "content-length":
                        self.send_header(key, value)
                # The full length even when the body is cut: that is what makes it "truncated".
                full = next((v for k, v in headers if k.lower() == "content-length"), str(len(body)))
                self.send_header("Content-Length", full)
                self.end_headers()
                self.wfile.write(body)
                self.wfile.flush()

            def _fail(self, fault: str) -> None:
                if fault in FORGED_ANSWERS:
                    self._send(*FORGED_ANSWERS[fault])
                    return
                if fault == "huge_before":
                    self._huge()
                    return
                if fault.startswith("drip"):
                    self._drip(fault == "drip_headers_before")
                    return
                if fault.startswith("error"):
                    self._send(500, [("Content-Type", "application/json")],
                               b'{"detail":{"code":"proxy_error","message":"injected"}}')  # fmt: skip
                    return
                if fault.startswith("stall"):
                    proxy._closing.wait(proxy.stall_s)
                if fault == "reset_before":
                    # SO_LINGER 0: closing sends a TCP reset instead of a polite FIN.
                    self.close_connection = True
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    self.connection.close()
                    return
                self._close()

            def _huge(self) -> None:
                # No Content-Length: the client cannot refuse it from the headers, only by counting.
                self.close_connection = True
                self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n")
                chunk = b"[" * (1024 * 1024)
                try:
                    for _ in range(HUGE_BYTES // len(chunk)):
                        self.wfile.write(chunk)
                        proxy.huge_sent += len(chunk)
                except OSError:
                    pass  # the client hung up, as it should

            def _drip(self, in_headers: bool) -> None:
                head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n"
                self.close_connection = True
                if not in_headers:
                    self.wfile.write(head)
                    head = b""
                try:
                    for byte in (head + b"[" * 100_000)[:DRIP_BYTES]:
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                        if proxy._closing.wait(proxy.drip_s):
                            return
                except OSError:
                    pass  # the client hung up

            def _close(self) -> None:
                self.close_connection = True
                with contextlib.suppress(OSError):
                    self.connection.shutdown(socket.SHUT_RDWR)

        return Handler
