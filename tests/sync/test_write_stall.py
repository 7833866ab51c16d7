"""A request's body is written under its own stall allowance, not under the connect timeout.

urllib3 2.x leaves the socket on the connect timeout while it writes the body; on a slow link a
full send buffer blocks one send() for longer than that (3.05 s in the app) and every large
body failed. Here the far side reads slowly on loopback, so each send() blocks ~0.3 s against
a 0.1 s connect timeout: the body must still go through whole.
"""

from __future__ import annotations

import socket
import threading
import time

import pytest

from sync.http import UPLOAD_STALL_S, HeadOffice, Retryable, make_session

BODY = 2 * 1024 * 1024
PIECE = 256 * 1024
PAUSE_S = 0.3


def _slow_reader(listener: socket.socket, got: list[int]) -> None:
    conn, _ = listener.accept()
    with conn:
        head = b""
        while b"\r\n\r\n" not in head:
            head += conn.recv(1024)
        headers, _, body = head.partition(b"\r\n\r\n")
        length = int(next(line.split(b":")[1] for line in headers.split(b"\r\n")
                          if line.lower().startswith(b"content-length")))  # fmt: skip
        received = len(body)
        while received < length:
            time.sleep(PAUSE_S)  # the link's pace: the sender's buffers fill and its send() waits
            received += len(conn.recv(PIECE))
            while received < length and (chunk := _ready(conn)):
                received += len(chunk)
                if len(chunk) < PIECE:
                    break
        got.append(received)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: application/json\r\n\r\n{}")


def _ready(conn: socket.socket) -> bytes:
    conn.setblocking(False)
    try:
        return conn.recv(PIECE)
    except BlockingIOError:
        return b""
    finally:
        conn.setblocking(True)


def test_a_body_that_waits_on_a_slow_link_goes_through_whole() -> None:
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 64 * 1024)  # a small window, like a slow link's
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    got: list[int] = []
    reader = threading.Thread(target=_slow_reader, args=(listener, got), daemon=True)
    reader.start()
    session = make_session()
    started = time.monotonic()
    with listener:
        answer = session.post(f"http://127.0.0.1:{listener.getsockname()[1]}/v1/batch", data=b"x" * BODY,
                              timeout=(0.1, 10.0))  # fmt: skip
    elapsed = time.monotonic() - started
    reader.join(5)
    session.close()
    assert answer.status_code == 200 and got == [BODY]
    # Sending took many times the connect timeout: send() did block past it, and went on.
    assert elapsed > 1.0, elapsed


def test_a_piece_of_an_upload_stalled_on_a_cut_link_is_given_up_soon() -> None:
    """The far side stops reading (a cut link): a tus piece gives up after UPLOAD_STALL_S, to be
    resumed from head office's offset on a new connection, not after the 45 s a push waits."""
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 64 * 1024)
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    accepted: list[socket.socket] = []
    threading.Thread(target=lambda: accepted.append(listener.accept()[0]), daemon=True).start()
    office = HeadOffice(f"http://127.0.0.1:{listener.getsockname()[1]}", "token")
    started = time.monotonic()
    with listener, pytest.raises(Retryable):
        office.tus_patch("/v1/uploads/0123", 0, b"x" * (16 * 1024 * 1024))  # more than every buffer between
    elapsed = time.monotonic() - started
    office.close()
    for conn in accepted:
        conn.close()
    assert UPLOAD_STALL_S <= elapsed < UPLOAD_STALL_S + 3, elapsed
