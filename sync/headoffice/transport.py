"""The HTTP edges of the head-office server: limits, reading a push's body, closing connections.

Who is asking is settled before any body byte is read (sync.headoffice.app): a refusal closes
the connection instead of draining it, so an unauthenticated upload costs the server at most
what uvicorn buffers per connection (about 64 KiB), not the upload.  Authenticated bodies are
read here within three bounds:

- the size limit (`BRANCHDESK_MAX_BODY`, 16 MiB): 413 on Content-Length before reading, or as
  a body without one streams past it;
- a deadline (`BRANCHDESK_BODY_TIMEOUT`, 30 s, plus the time the declared length takes at
  `MIN_BODY_RATE`, so a laptop on a slow link still gets its largest receipt through): 408
  for a body that stalls or drips.  The same timeout bounds a request's head, which uvicorn
  itself would wait for without end (`HeadDeadlineProtocol`);
- a budget of body bytes one process holds at once (`BRANCHDESK_BODY_BUDGET`, 4× the limit):
  a push that would pass it is answered 503 with Retry-After before it is read, and the
  laptop sends it again later.

A body may come compressed (`Content-Encoding: gzip`, issue 20); it is inflated here, and the
size limit counts the inflated bytes, a piece at a time, so a gzip bomb costs at most the
limit: 413.  A stream that is not gzip, is cut short or has bytes after its end is 400
(`bad_encoding`); any other encoding is 415 before the body is read.  The budget holds the
compressed length while the body arrives and the inflated one from then on.
"""

from __future__ import annotations

import asyncio
import json
import os
import zlib
from collections.abc import AsyncIterator, Callable
from contextlib import aclosing, asynccontextmanager
from dataclasses import dataclass
from typing import Any

import h11
from starlette.requests import ClientDisconnect, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol

from app.rules.limits import MAX_BODY_BYTES

DEFAULT_BODY_TIMEOUT = 30.0
# Bytes a second (64 kbit/s): slower than this is a stall, not a link. A quarter of a poor
# branch uplink (256 kbit/s), because loss and 5 s cuts bring such a link's goodput well under
# its rate: at 32 KiB/s, the link's own rate, a batch was refused with 408 after 60.7 s on the
# bad-link tests. A drip slower than this still ends at the deadline.
MIN_BODY_RATE = 8 * 1024
MAX_BODY_ENV = "BRANCHDESK_MAX_BODY"
BODY_TIMEOUT_ENV = "BRANCHDESK_BODY_TIMEOUT"
BODY_BUDGET_ENV = "BRANCHDESK_BODY_BUDGET"
BUDGET_FACTOR = 4  # the default budget: this many bodies at the size limit
RETRY_AFTER_S = 2
GZIP = "gzip"
IDENTITY = "identity"
INFLATE_PIECE = 256 * 1024  # bytes inflated at a time, so the limit is checked as the body grows
INFLATE_IN_THREAD = 64 * 1024  # compressed bodies larger than this are inflated off the event loop


class ApiError(Exception):
    """An error answer: status, the wire's detail code, a message and any headers it needs."""

    def __init__(self, status_code: int, code: str, message: str, headers: dict[str, str] | None = None,
                 errors: list[dict[str, str]] | None = None) -> None:  # fmt: skip
        super().__init__(message)
        self.status_code, self.code, self.message = status_code, code, message
        self.headers = headers or {}
        # Field by field, as a 422 lists them: the rule id the laptop can show in its own words.
        self.errors = errors


@dataclass(frozen=True)
class Limits:
    max_body: int = MAX_BODY_BYTES
    body_timeout: float = DEFAULT_BODY_TIMEOUT
    body_budget: int = BUDGET_FACTOR * MAX_BODY_BYTES

    @classmethod
    def from_env(cls) -> Limits:
        """The limits from the environment; ValueError naming the variable that is wrong."""
        max_body = int(_env_number(MAX_BODY_ENV, int, MAX_BODY_BYTES, 1024, "a number of bytes, at least 1024"))
        timeout = _env_number(BODY_TIMEOUT_ENV, float, DEFAULT_BODY_TIMEOUT, 0.1, "a number of seconds, at least 0.1")
        budget = int(_env_number(BODY_BUDGET_ENV, int, BUDGET_FACTOR * max_body, max_body,
                                 f"a number of bytes, at least {MAX_BODY_ENV} ({max_body})"))  # fmt: skip
        return cls(max_body, timeout, budget)

    def body_deadline(self, length: int) -> float:
        """Seconds a body of `length` bytes may take to arrive."""
        return self.body_timeout + length / MIN_BODY_RATE


def _env_number(name: str, parse: Callable[[str], float], default: float, least: float, what: str) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = parse(raw)
    except ValueError:
        value = least - 1
    if not value >= least:  # also refuses NaN
        raise ValueError(f"{name}={raw!r}: {what}.")
    return value


class Bodies:
    """Reads push bodies within the limits; one per app (per worker process).

    The budget counts each push's declared length (the size limit when it has none) from
    before its first byte is read until its answer is ready, since the parsed form and the
    stored copy live as long as the bytes do.  One event loop runs every handler, so the
    count needs no lock."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.held = 0

    def _declared_length(self, request: Request) -> int:
        """The declared length (the size limit when none is declared); ApiError 400/413/415 first."""
        content_encoding(request)
        declared = request.headers.get("content-length")
        if declared is None:
            return self.limits.max_body
        if not declared.isdigit():
            raise ApiError(400, "bad_request", "Content-Length is not a number.")
        if int(declared) > self.limits.max_body:
            raise _too_large(self.limits.max_body)
        return int(declared)

    @asynccontextmanager
    async def read(self, request: Request) -> AsyncIterator[bytes]:
        """The whole body, held within the budget until the `async with` ends."""
        reserved = self._declared_length(request)
        if self.held + reserved > self.limits.body_budget:
            raise _busy()
        self.held += reserved
        try:
            raw = await self._receive(request, self.limits.body_deadline(reserved))
            if content_encoding(request) == GZIP:
                if len(raw) > INFLATE_IN_THREAD:
                    raw = await asyncio.to_thread(inflate, raw, self.limits.max_body)
                else:
                    raw = inflate(raw, self.limits.max_body)
                grown = max(0, len(raw) - reserved)
                if self.held + grown > self.limits.body_budget:
                    raise _busy()
                self.held += grown
                reserved += grown
            yield raw
        finally:
            self.held -= reserved

    async def _receive(self, request: Request, deadline: float) -> bytes:
        chunks: list[bytes] = []
        size = 0
        try:
            async with asyncio.timeout(deadline), aclosing(request.stream()) as stream:
                async for chunk in stream:
                    size += len(chunk)
                    if size > self.limits.max_body:
                        raise _too_large(self.limits.max_body)
                    chunks.append(chunk)
        except TimeoutError:
            raise ApiError(408, "body_timeout", f"The body did not arrive within {deadline:.1f} s.") from None
        except ClientDisconnect:
            raise ApiError(400, "incomplete_body", "The connection closed before the whole body arrived.") from None
        return b"".join(chunks)


def content_encoding(request: Request) -> str:
    """`gzip` or `identity` (none said); ApiError 415 for any other coding, or a list of them."""
    coding = request.headers.get("content-encoding", IDENTITY).strip().lower()
    if coding in (GZIP, "x-gzip"):
        return GZIP
    if coding in (IDENTITY, ""):
        return IDENTITY
    raise ApiError(415, "unsupported_encoding", "Send the body uncompressed or with Content-Encoding: gzip.")


def inflate(data: bytes, limit: int) -> bytes:
    """The gzip stream `data` inflated; ApiError 413 once it passes `limit` bytes (checked a
    piece at a time: a bomb is never inflated past the limit), 400 when it is not one whole
    gzip stream."""
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    pieces: list[bytes] = []
    size = 0
    pending = data
    try:
        while True:
            piece = inflater.decompress(pending, INFLATE_PIECE)
            size += len(piece)
            if size > limit:
                raise _too_large(limit)
            pieces.append(piece)
            pending = inflater.unconsumed_tail
            # At the stream's end, bytes after it stay in unconsumed_tail (and pile up in
            # unused_data) on every further call: stop there, or a body with trailing bytes
            # loops for ever.
            if not pending or inflater.eof:
                break
        tail = inflater.flush()
    except zlib.error as error:
        raise ApiError(400, "bad_encoding", f"The body is not a valid gzip stream ({error}).") from None
    size += len(tail)
    if size > limit:
        raise _too_large(limit)
    if not inflater.eof:
        raise ApiError(400, "bad_encoding", "The gzip stream is cut short.")
    if inflater.unused_data or pending:
        raise ApiError(400, "bad_encoding", "Bytes follow the end of the gzip stream.")
    return b"".join([*pieces, tail])


def _busy() -> ApiError:
    return ApiError(503, "busy", "Head office is receiving other large pushes; send this one again shortly.",
                    {"Retry-After": str(RETRY_AFTER_S)})  # fmt: skip


def _too_large(limit: int) -> ApiError:
    return ApiError(413, "too_large", f"The body is larger than {limit} bytes.")


class CloseUnread:
    """Adds `Connection: close` to an answer given before the request's body was read to its
    end (a refusal, a 404, a timeout), so the rest is never read: without it uvicorn would
    drain whatever the client still sends before the next request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not _has_body(scope):
            await self.app(scope, receive, send)
            return
        finished = False

        async def receiving() -> Message:
            nonlocal finished
            message = await receive()
            if message["type"] != "http.request" or not message.get("more_body", False):
                finished = True
            return message

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start" and not finished:
                message = {**message, "headers": [*message.get("headers", []), (b"connection", b"close")]}
            await send(message)

        await self.app(scope, receiving, sending)


def _has_body(scope: Scope) -> bool:
    headers = dict(scope["headers"])
    return headers.get(b"content-length", b"0") != b"0" or b"transfer-encoding" in headers


def _timeout_answer() -> bytes:
    body = json.dumps(
        {"detail": {"code": "header_timeout", "message": "The request's headers did not arrive in time."}}
    )
    head = (f"HTTP/1.1 408 Request Timeout\r\ncontent-type: application/json\r\ncontent-length: {len(body)}\r\n"
            "connection: close\r\n\r\n")  # fmt: skip
    return (head + body).encode("ascii")


class HeadDeadlineProtocol(H11Protocol):
    """uvicorn's h11 protocol with a deadline for each request's line and headers.

    uvicorn closes a keep-alive connection that stays idle, but waits without end for a
    client that connects and never finishes its headers (or never sends any), so a few
    thousand such sockets would hold the server's connections.  The deadline starts when a
    connection opens or an answer is complete, and ends when a request's headers are in."""

    TIMEOUT_ANSWER = _timeout_answer()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.head_timeout = Limits.from_env().body_timeout
        self.head_deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # uvicorn's H11Protocol narrows the parameter to asyncio.Transport, which a stream server hands it.
        super().connection_made(transport)  # type: ignore[arg-type]
        self._await_head()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:
            self._cancel_head_deadline()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing() and self.conn.their_state is h11.IDLE:
            self._await_head()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_head_deadline()
        super().connection_lost(exc)

    def _await_head(self) -> None:
        self._cancel_head_deadline()
        self.head_deadline = self.loop.call_later(self.head_timeout, self._head_timed_out)

    def _cancel_head_deadline(self) -> None:
        if self.head_deadline is not None:
            self.head_deadline.cancel()
            self.head_deadline = None

    def _head_timed_out(self) -> None:
        self.head_deadline = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.write(self.TIMEOUT_ANSWER)
            self.transport.close()
