"""Talking to head office over HTTP: one configured Session and typed errors.

Every answer that is not a success becomes one of three errors, because the outbox treats
them differently:
- `Retryable`: the network or the server failed (5xx, 408, 429, timeouts, connections
  refused, reset or cut short, a body that is not the JSON promised, an answer too big or
  too slow), or something other than head office answered (a proxy's own 4xx page, a 2xx that
  does not acknowledge the item sent). The item is fine; try again later. The server's
  idempotency makes a resend safe even when the first try reached it.
- `Rejected`: head office read the item and refused it (a 4xx in head office's own error
  shape, `{"detail": {"code", "message"}}`). Sending it again unchanged will not help; the
  reason is kept for the manager.
- `Unauthorized`: head office says the token is missing, wrong or revoked (401 in its error
  shape). Nothing else will get through either, so the run stops and the manager logs in again.

Every answer is read with a size cap and a deadline for the whole exchange (connect, send,
wait, every byte of the answer): a server that answers without end or one byte at a time
costs a bounded amount of memory and time.

The token is a parameter, never read here, and never logged: requests and urllib3 log
neither headers nor bodies.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import os
import re
import socket
import threading
import time
import zlib
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.connectionpool import HTTPConnectionPool

from sync import wire

# Connect, read (seconds). The odd connect value sits just above a multiple of 3 s, TCP's
# retransmission window, as requests' documentation recommends.
# The read timeout outlasts a link cut: a 5 s cut stalls TCP for up to ~25 s (its retransmission
# timer backs off, doubling, while the link is down, and the queue in front of a 256 kbit/s
# uplink adds seconds), measured on the bad-link tests; at 20 s a cut near the end of a large
# batch sent it again from zero. A dead server is still given up at ANSWER_WITHIN_S.
DEFAULT_TIMEOUT: tuple[float, float] = (3.05, 45.0)
# How long one send() of a request's body may block (the socket's buffer full while the link
# is slow or cut), on a connection already made. urllib3 2.x leaves the socket on the CONNECT
# timeout while it writes the body, so a 3.05 s stall failed every body over a few hundred
# kB at 256 kbit/s; `_Writing` gives the body this allowance instead, the connect keeps 3.05 s.
WRITE_STALL_S = 45.0
# A piece of an upload (tus PATCH) gives up sooner: a piece stalled this long on a cut link is
# dropped and resumed from head office's offset on a new connection (head office ends the old
# piece and keeps its bytes), which is cheaper than waiting out TCP's backed-off retransmission
# — 10 to 13 s after a 5 s cut at a 300 ms round trip, measured on the bad-link bench. Its
# answer comes as soon as the bytes are written, so its read timeout is short too.
UPLOAD_STALL_S = 5.0
UPLOAD_ANSWER_S = 15.0
# The whole exchange, however the bytes trickle in. Three read timeouts: a slow but honest
# head office over a branch's backup link (about 10 kB/s reads a 500-event status page of
# some 200 kB in 20 s) finishes well inside it, and a scheduled sync is held by a server that
# drips its answer for one minute per request at most, never for the length of the drip.
ANSWER_WITHIN_S = 60.0
# Sending is added to that at this rate (64 kbit/s: what a poor 256 kbit/s branch uplink still
# delivers under loss and cuts, with room; head office's body deadline uses the same rate), so
# a 1 MB batch gets about 3 minutes on top.
SLOWEST_UPLOAD_BYTES_S = 8 * 1024
# Size caps on answers. A 201 is some 150 bytes; a 422 lists one error per failing field
# (about 400 bytes each), and 1 MiB holds 2,500 of them, more than a form has fields.
PUSH_ANSWER_MAX = 1024 * 1024
# A status page holds at most 1,000 events (the server's largest `limit`; we ask for 500) of
# about 350 bytes plus the decision's reason: 8 MiB leaves 8 KiB per event, a reason of
# 2,500 Chinese characters.
STATUS_ANSWER_MAX = 8 * 1024 * 1024
HEALTH_ANSWER_MAX = 64 * 1024
# A published calendar or catalogue: head office refuses to publish a file over 8 MiB.
REFERENCE_ANSWER_MAX = 8 * 1024 * 1024
READ_CHUNK = 64 * 1024
# A batch's answer: what each item's own answer may be, up to 8 MiB (results are some 250
# bytes; a 422 lists its field errors).
BATCH_ANSWER_MAX = 8 * 1024 * 1024
GZIP_LEVEL = 6
RETRYABLE_STATUSES = frozenset({408, 429})
NO_BATCHES = frozenset({404, 405})  # a head office from before issue 20: no /v1/batch
LOOPBACK_NAMES = frozenset({"localhost"})


class SyncError(Exception):
    """Base of the errors below; `message` is plain English for logs and the CLI."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Retryable(SyncError):
    """Try again later. `code`: offline | timeout | server_error | busy | interrupted |
    certificate | unexpected | not_head_office (a 4xx not in head office's shape: a proxy) |
    not_confirmed (a 2xx that does not acknowledge the item sent); `status` is the HTTP status
    when there was one."""

    def __init__(self, code: str, message: str, status: int | None = None,
                 retry_after: float | None = None) -> None:  # fmt: skip
        super().__init__(message)
        self.code = code
        self.status = status
        self.retry_after = retry_after


class Rejected(SyncError):
    """Head office refused this item; `code` and `errors` are the server's own."""

    def __init__(self, status: int, code: str, message: str,
                 errors: tuple[dict[str, Any], ...] = ()) -> None:  # fmt: skip
        super().__init__(message)
        self.status = status
        self.code = code
        self.errors = errors


class Unauthorized(SyncError):
    """401: stop the run and ask the manager to log in again."""


class NoBatches(SyncError):
    """Head office has no /v1/batch (404/405: it predates issue 20), or refused a batch as a
    whole: send the items one by one, uncompressed, as before."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class BatchEntry:
    kind: str
    key: str  # the outbox item's id: its Idempotency-Key
    record_id: str
    payload: str  # stored payload_json, sent byte for byte


@dataclass(frozen=True)
class Batch:
    """The items of one POST /v1/batch and its body, gzip-compressed."""

    entries: tuple[BatchEntry, ...]
    body: bytes
    plain_size: int  # bytes before compression

    @classmethod
    def of(cls, entries: list[BatchEntry] | tuple[BatchEntry, ...]) -> Batch:
        plain = wire.batch_text([(e.kind, e.key, e.payload) for e in entries])
        return cls(tuple(entries), gzip_bytes(plain), len(plain))


def gzip_bytes(data: bytes) -> bytes:
    """`data` as one gzip stream (what `Content-Encoding: gzip` says)."""
    packer = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    return packer.compress(data) + packer.flush()


class BadAddress(ValueError):
    """Not a usable head-office address; `reason`: not_an_address | query | insecure."""

    def __init__(self, url: str, reason: str, message: str) -> None:
        super().__init__(message)
        self.url = url
        self.reason = reason


def user_agent() -> str:
    try:
        version = metadata.version("branchdesk")
    except metadata.PackageNotFoundError:
        version = "dev"
    return f"BranchDesk/{version} (+sync; python-requests/{requests.__version__})"


def is_loopback(host: str) -> bool:
    """This computer: localhost, 127.0.0.0/8 or ::1."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_base_url(url: str) -> str:
    """The server's address without a trailing slash; BadAddress (a ValueError) when it is not
    https://host, or http:// to this computer (the token must not cross a network in clear)."""
    url = url.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise BadAddress(url, "not_an_address", f"{url!r} is not a server address like https://hq.example.com")
    if parts.query or parts.fragment:
        raise BadAddress(url, "query", f"{url!r} must not carry a query or fragment")
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise BadAddress(url, "insecure", f"{url!r} would send the token unencrypted: use https:// "
                         "(http:// only reaches this computer: localhost, 127.0.0.1, ::1)")  # fmt: skip
    return url


class _InFlight(threading.local):
    exchange: _Exchange | None = None


_IN_FLIGHT = _InFlight()


class _Exchange:
    """One request's deadline. When it passes, the socket of the connection in use is shut
    down, which ends whatever send or read waits on it (per-read timeouts cannot: a server
    sending one byte a second never lets a read time out)."""

    RECHECK_S = 0.1  # still connecting when the deadline came: look again shortly

    def __init__(self, seconds: float, write_stall_s: float = WRITE_STALL_S) -> None:
        self.seconds = seconds
        self.write_stall_s = write_stall_s  # how long one send() of the body may block
        self.connection: Any = None  # set by the pool when it hands one out (_tracked)
        self.cut = False
        self._lock = threading.Lock()
        self._over = False
        self._timer: threading.Timer | None = None

    def __enter__(self) -> _Exchange:
        _IN_FLIGHT.exchange = self
        self._arm(self.seconds)
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 tb: TracebackType | None) -> None:  # fmt: skip
        with self._lock:
            self._over = True
            if self._timer is not None:
                self._timer.cancel()
        _IN_FLIGHT.exchange = None

    def _arm(self, seconds: float) -> None:
        self._timer = threading.Timer(seconds, self._cut)
        self._timer.daemon = True
        self._timer.start()

    def _cut(self) -> None:
        with self._lock:
            if self._over:
                return
            self.cut = True
            sock = getattr(self.connection, "sock", None)
            if sock is None:
                self._arm(self.RECHECK_S)
                return
            # The plain socket's shutdown, also under TLS: it leaves the SSL object to the
            # thread reading, which sees the end of the stream and stops. OSError: closed meanwhile.
            with contextlib.suppress(OSError):
                socket.socket.shutdown(sock, socket.SHUT_RDWR)


def _write_stall() -> float:
    exchange = _IN_FLIGHT.exchange
    return exchange.write_stall_s if exchange is not None else WRITE_STALL_S


@cache
def _writing(connection_class: type[Any]) -> type[Any]:
    """`connection_class`, writing a request under WRITE_STALL_S once connected (see there)."""

    class Writing(connection_class):
        def connect(self) -> None:
            super().connect()  # under the connect timeout
            self.sock.settimeout(_write_stall())

        def send(self, data: Any) -> None:
            # A kept-alive connection comes back on the last answer's read timeout.
            if self.sock is not None:
                self.sock.settimeout(_write_stall())
            super().send(data)

    Writing.__name__ = f"Writing{connection_class.__name__}"
    return Writing


@cache
def _tracked(pool_class: type[HTTPConnectionPool]) -> type[HTTPConnectionPool]:
    """`pool_class`, telling the thread's exchange which connection it hands out, and making
    connections that write under their own timeout (`_writing`)."""

    class Tracked(pool_class):  # type: ignore[valid-type,misc]  # a base known only at run time
        ConnectionCls = _writing(pool_class.ConnectionCls)

        def _get_conn(self, timeout: float | None = None) -> Any:
            connection = super()._get_conn(timeout)
            exchange = _IN_FLIGHT.exchange
            if exchange is not None:
                exchange.connection = connection
            return connection

    Tracked.__name__ = f"Tracked{pool_class.__name__}"
    return Tracked


class _Adapter(HTTPAdapter):
    """No hidden retries, and pools (direct and through proxies) that an exchange can cut."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        _track(self.poolmanager)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        _track(manager)
        return manager


def _track(manager: Any) -> None:
    manager.pool_classes_by_scheme = {
        scheme: _tracked(pool_class) for scheme, pool_class in manager.pool_classes_by_scheme.items()
    }


def make_session(ca_bundle: str | Path | None = None) -> requests.Session:
    """A Session with TLS verification on (against `ca_bundle` when given) and no hidden
    retries: the outbox decides when to try again, so each attempt is counted and visible."""
    session = requests.Session()
    if ca_bundle:
        bundle = Path(ca_bundle)
        if not bundle.is_file():
            raise ValueError(f"The CA bundle {bundle} does not exist.")
        session.verify = str(bundle)
    else:
        session.verify = True
    # The environment's proxies and REQUESTS_CA_BUNDLE still apply (see HeadOffice); nothing
    # here or there ever turns verification off.
    adapter = _Adapter(max_retries=0, pool_connections=1, pool_maxsize=2)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    session.headers["User-Agent"] = user_agent()
    session.headers["Accept"] = "application/json"
    # Answers are small; uncompressed, the size cap counts what is on the wire.
    session.headers["Accept-Encoding"] = "identity"
    return session


@dataclass(frozen=True)
class ReferenceAnswer:
    raw: bytes  # the file as head office serves it
    etag: str | None  # to send as If-None-Match next time


@dataclass
class HeadOffice:
    """The head-office API for one manager's token."""

    base_url: str
    token: str = field(repr=False)
    session: requests.Session = field(default_factory=make_session, repr=False)
    timeout: tuple[float, float] = DEFAULT_TIMEOUT
    answer_within_s: float = ANSWER_WITHIN_S  # each whole exchange; see ANSWER_WITHIN_S
    # A time.monotonic() instant no exchange runs past (a run's time limit), or None.
    deadline: float | None = None

    def __post_init__(self) -> None:
        self.base_url = check_base_url(self.base_url)
        if self.session.trust_env:
            # The environment's proxy and CA bundle settings, read once for this server instead
            # of on every request (requests re-reads the whole environment each time).
            session = self.session
            session.proxies = {**requests.utils.get_environ_proxies(self.base_url), **session.proxies}
            bundle = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE")
            if session.verify is True and bundle:
                session.verify = bundle
            session.trust_env = False

    def health(self, timeout: tuple[float, float] | None = None) -> dict[str, Any]:
        return _object(*self._call("GET", wire.HEALTH_PATH, auth=False, timeout=timeout, max_bytes=HEALTH_ANSWER_MAX))

    def push(self, kind: str, idempotency_key: str, body: str, *, record_id: str,
             timeout: tuple[float, float] | None = None, compress: bool = False) -> dict[str, Any]:  # fmt: skip
        """POST the stored payload byte for byte (gzip-compressed when `compress`: only to a head
        office that takes batches, which takes gzip too); head office's acknowledgement of
        `record_id` (see `acknowledgement`), else an error: never an answer about anything else."""
        if kind not in wire.PUSH_PATHS:
            raise ValueError(f"Unknown outbox kind {kind!r}")
        headers = {"Idempotency-Key": idempotency_key, "Content-Type": "application/json; charset=utf-8"}
        data = body.encode("utf-8")
        if compress:
            data = gzip_bytes(data)
            headers["Content-Encoding"] = "gzip"
        status, reply = self._call("POST", wire.PUSH_PATHS[kind], data=data, timeout=timeout,
                                   max_bytes=PUSH_ANSWER_MAX, headers=headers)  # fmt: skip
        return acknowledgement(status, reply, kind, record_id)

    def push_batch(self, batch: Batch, *, timeout: tuple[float, float] | None = None) -> list[tuple[int, Any]]:
        """POST the batch, gzip-compressed: (HTTP status, JSON answer) per entry, in order, as its
        single push would have been answered (judge each with `item_reply`). NoBatches when head
        office has no /v1/batch or refused the batch as a whole; Retryable/Unauthorized as `push`."""
        headers = {"Content-Type": "application/json; charset=utf-8", "Content-Encoding": "gzip"}
        cap = min(BATCH_ANSWER_MAX, PUSH_ANSWER_MAX * len(batch.entries))
        status, raw, answer_headers = self._send("POST", wire.BATCH_PATH, data=batch.body, headers=headers,
                                                 timeout=timeout, max_bytes=cap)  # fmt: skip
        if status in NO_BATCHES:
            raise NoBatches(status, f"Head office answered HTTP {status} to a batch; items go one by one.")
        try:
            status, body = _answer(status, raw, answer_headers)
        except Rejected as exc:  # the batch as a whole (too large, not taken): the items may still go singly
            raise NoBatches(exc.status, f"Head office refused the batch ({exc.code}: {exc.message}).") from None
        results = body.get("results") if isinstance(body, dict) and status == 200 else None
        wrong = wire.batch_result_gaps(results, [e.key for e in batch.entries])
        if status != 200 or wrong:
            why = "; ".join(wrong[:3]) or f"HTTP {status}"
            raise Retryable("not_confirmed", f"The answer to a batch of {len(batch.entries)} is not head office's "
                            f"({why}); the items stay waiting.", status)  # fmt: skip
        assert isinstance(results, list)
        return [(int(result["status"]), result.get("body")) for result in results]

    def status(self, after: int = 0, limit: int = 500,
               timeout: tuple[float, float] | None = None) -> dict[str, Any]:  # fmt: skip
        return _object(*self._call("GET", wire.STATUS_PATH, params={"after": after, "limit": limit}, timeout=timeout,
                                   max_bytes=STATUS_ANSWER_MAX))  # fmt: skip

    def reference(self, kind: str, etag: str | None = None,
                  timeout: tuple[float, float] | None = None) -> ReferenceAnswer | None:  # fmt: skip
        """The latest published reference file of `kind` (sync.wire.REFERENCE_PATHS), or None
        when the copy whose ETag is `etag` is still the latest (304, no body).  Nothing
        published yet is head office's 404 `not_published` (Rejected)."""
        headers = {"If-None-Match": etag} if etag else {}
        status, raw, answer_headers = self._send("GET", wire.REFERENCE_PATHS[kind], headers=headers, timeout=timeout,
                                                 max_bytes=REFERENCE_ANSWER_MAX)  # fmt: skip
        if status == 304:
            return None
        if not 200 <= status < 300:
            _answer(status, raw, answer_headers)  # raises: refused, not found, busy...
        if status != 200 or not raw:
            raise Retryable("unexpected", f"Head office answered HTTP {status} without the file.", status)
        return ReferenceAnswer(raw, answer_headers.get("ETag") or None)

    # A version and its notes: head office keeps each note under 2,000 characters (6 KB in UTF-8).
    VERSION_ANSWER_MAX = 64 * 1024

    def version(self, timeout: tuple[float, float] | None = None) -> dict[str, Any]:
        """The app version head office announces (sync.wire.VERSION_PATH) as a JSON object, not
        yet checked; nothing announced yet is head office's 404 `not_published` (Rejected), an
        answer that is not a JSON object Retryable, as for every other call."""
        return _object(*self._call("GET", wire.VERSION_PATH, timeout=timeout, max_bytes=self.VERSION_ANSWER_MAX))

    # ---- resumable uploads: tus 1.0.0 core + creation (issue 20; used by sync.uploads) --------
    # Over this session (its timeouts, CA bundle, size caps, typed errors), never tuspy's bare
    # `requests` calls. Head office's tus answers carry no JSON; its refusals are in its own shape.
    TUS_VERSION = "1.0.0"
    UPLOAD_GONE = frozenset({404, 410})
    # A HEAD answer has no body, but head office names the upload's length in Content-Length (up
    # to its 16 MiB cap): the cap must not refuse that.
    TUS_HEAD_MAX = 32 * 1024 * 1024

    def tus_create(self, collection: str, size: int, metadata: str, *,
                   timeout: tuple[float, float] | None = None) -> str:  # fmt: skip
        """POST `collection` (/v1/uploads): a new upload of `size` bytes with `metadata` (the
        Upload-Metadata header as written); its path, `collection`/<id>, whatever host the
        Location names (the token goes nowhere but `base_url`). Head office without uploads
        (404/405, from before issue 20) is Retryable("unexpected")."""
        headers = {"Tus-Resumable": self.TUS_VERSION, "Upload-Length": str(size), "Upload-Metadata": metadata}
        status, raw, answer_headers = self._send("POST", collection, headers=headers, timeout=timeout,
                                                 max_bytes=PUSH_ANSWER_MAX)  # fmt: skip
        if status in (404, 405):
            raise Retryable("unexpected", f"Head office answered HTTP {status} to an upload: it takes none (a "
                            "version before issue 20?); the item waits.", status)  # fmt: skip
        if status != 201:
            _answer(status, raw, answer_headers)  # raises: refused, unauthorized, busy...
            raise Retryable("unexpected", f"Head office answered HTTP {status} where 201 was expected.", status)
        upload = self._upload_id(answer_headers.get("Location") or "")
        if upload is None:
            raise Retryable("not_confirmed", "Head office created an upload without saying where (no Location).",
                            status)  # fmt: skip
        return f"{collection}/{upload}"

    def tus_offset(self, upload: str, *, timeout: tuple[float, float] | None = None) -> tuple[int, int] | None:
        """HEAD the upload: (bytes head office holds, its length), or None when head office no longer
        knows it (404/410: expired, removed, never made here)."""
        headers = {"Tus-Resumable": self.TUS_VERSION}
        status, raw, answer_headers = self._send("HEAD", upload, headers=headers, timeout=timeout,
                                                 max_bytes=self.TUS_HEAD_MAX)  # fmt: skip
        if status in self.UPLOAD_GONE:
            return None
        if status != 200:
            _answer(status, raw, answer_headers)
            raise Retryable("unexpected", f"Head office answered HTTP {status} where 200 was expected.", status)
        offset = self._header_int(answer_headers, "Upload-Offset")
        length = self._header_int(answer_headers, "Upload-Length")
        if offset is None or length is None or not 0 <= offset <= length:
            raise Retryable("not_confirmed", "Head office's answer about an upload has no usable offset.", status)
        return offset, length

    def tus_patch(self, upload: str, offset: int, body: Any, *,
                  timeout: tuple[float, float] | None = None) -> int | None:  # fmt: skip
        """PATCH `body` (bytes, or a file-like with read() and len(): read as it is sent) at
        `offset`: the upload's new offset, or None when head office holds another offset (409)
        or no longer knows the upload (404/410) — HEAD it to know which. A refusal of the
        completed file (its SHA-256 differs: 460 or 400 `upload_sha256_mismatch`) is Rejected."""
        headers = {"Tus-Resumable": self.TUS_VERSION, "Upload-Offset": str(offset),
                   "Content-Type": "application/offset+octet-stream"}  # fmt: skip
        connect, read = timeout or self.timeout
        status, raw, answer_headers = self._send("PATCH", upload, data=body, headers=headers,
                                                 timeout=(connect, min(read, UPLOAD_ANSWER_S)),
                                                 max_bytes=PUSH_ANSWER_MAX, write_stall_s=UPLOAD_STALL_S)  # fmt: skip
        if status in self.UPLOAD_GONE or status == 409:
            return None
        if status != 204:
            _answer(status, raw, answer_headers)
            raise Retryable("unexpected", f"Head office answered HTTP {status} where 204 was expected.", status)
        new_offset = self._header_int(answer_headers, "Upload-Offset")
        if new_offset is None or new_offset < offset:
            raise Retryable("not_confirmed", "Head office's answer to a piece has no usable offset.", status)
        return new_offset

    @staticmethod
    def _upload_id(location: str) -> str | None:
        """The upload's id: the last segment of the Location's path, when it looks like one."""
        segment = urlsplit(location).path.rstrip("/").rsplit("/", 1)[-1]
        return segment if re.fullmatch(r"[A-Za-z0-9_-]{1,100}", segment) else None

    @staticmethod
    def _header_int(headers: Any, name: str) -> int | None:
        value = str(headers.get(name) or "")
        return int(value) if value.isdigit() and len(value) <= 12 else None

    def close(self) -> None:
        self.session.close()

    def _call(self, method: str, path: str, *, auth: bool = True, timeout: tuple[float, float] | None = None,
              max_bytes: int, **kwargs: Any) -> tuple[int, Any]:  # fmt: skip
        """(HTTP status, parsed JSON body or None) of a 2xx; any other answer raises."""
        return _answer(*self._send(method, path, auth=auth, timeout=timeout, max_bytes=max_bytes, **kwargs))

    def _send(self, method: str, path: str, *, auth: bool = True, timeout: tuple[float, float] | None = None,
              max_bytes: int, write_stall_s: float = WRITE_STALL_S,
              **kwargs: Any) -> tuple[int, bytes, Any]:  # fmt: skip
        """(HTTP status, body, headers) of whatever answered; network failures raise."""
        headers = dict(kwargs.pop("headers", {}))
        if auth:
            headers["Authorization"] = f"Bearer {self.token}"
        within = self._within(len(kwargs.get("data") or b""))
        with _Exchange(within, write_stall_s) as exchange:
            try:
                # No redirects: following one would turn a POST into a GET or send the token elsewhere.
                response = self.session.request(
                    method, self.base_url + path, headers=headers, timeout=timeout or self.timeout,
                    allow_redirects=False, stream=True, **kwargs,
                )  # fmt: skip
                try:
                    # The whole body inside the try: a connection cut mid-body raises here.
                    raw = _read_capped(response, max_bytes)
                finally:
                    response.close()
            except requests.RequestException as exc:
                raise (_timed_out(within) if exchange.cut else _network_error(exc)) from None
            if exchange.cut:  # cut as the last bytes came: the body may be short
                raise _timed_out(within)
        return response.status_code, raw, response.headers

    def _within(self, sending: int) -> float:
        """Seconds the exchange may take: the answer's allowance, the upload's, the run's end."""
        within = self.answer_within_s + sending / SLOWEST_UPLOAD_BYTES_S
        if self.deadline is not None:
            # Never nothing: a run out of time still ends its exchange with a clean timeout.
            within = min(within, max(0.05, self.deadline - time.monotonic()))
        return within


def acknowledgement(status: int, body: Any, kind: str, record_id: str) -> dict[str, Any]:
    """`body` when it is head office's answer to a push of `kind` `record_id`: HTTP 201 (a
    replay answers the first 201 again, byte for byte) and `sync.wire.accepted` for this very
    item. Anything else (a proxy's or a stray server's success, an answer for another item)
    raises Retryable("not_confirmed"): the item is not marked sent and goes again later."""
    wrong = wire.acknowledgement_gaps(status, body, kind, record_id)
    if wrong:
        raise Retryable("not_confirmed", f"The answer does not acknowledge {kind} {record_id} ({'; '.join(wrong)}); "
                        "it stays waiting and goes again.", status)  # fmt: skip
    assert isinstance(body, dict)  # acknowledgement_gaps said so
    return body


def item_reply(status: int, body: Any, entry: BatchEntry) -> dict[str, Any]:
    """A batch item's result judged as a single push's answer is: the acknowledgement, or the
    same Rejected / Retryable / Unauthorized `push` raises."""
    status, body = _judge(status, body, {})
    return acknowledgement(status, body, entry.kind, entry.record_id)


def _object(status: int, body: Any) -> dict[str, Any]:
    if status != 200:
        raise Retryable("unexpected", f"Head office answered HTTP {status} where 200 was expected.", status)
    if not isinstance(body, dict):
        raise Retryable("interrupted", f"HTTP {status} came without the JSON answer.", status)
    return body


def _read_capped(response: requests.Response, max_bytes: int) -> bytes:
    """The body, or Retryable once it passes `max_bytes` (by Content-Length or as it streams)."""
    too_big = Retryable("unexpected", f"The answer is larger than {max_bytes:,} bytes, far more than head office "
                        "sends; it was not read.", response.status_code)  # fmt: skip
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise too_big
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_content(READ_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise too_big
        chunks.append(chunk)
    return b"".join(chunks)


def _timed_out(within: float) -> Retryable:
    return Retryable("timeout", f"Head office's answer did not come in full within {within:.1f} s.")


def _network_error(exc: requests.RequestException) -> Retryable:
    if isinstance(exc, requests.exceptions.SSLError):
        return Retryable("certificate", f"The server's certificate could not be verified ({_short(exc)}).")
    if isinstance(exc, requests.exceptions.Timeout):
        return Retryable("timeout", f"Head office did not answer in time ({_short(exc)}).")
    if isinstance(exc, requests.exceptions.ChunkedEncodingError):
        return Retryable("interrupted", f"The answer was cut off ({_short(exc)}).")
    if isinstance(exc, requests.exceptions.ConnectionError):
        if _was_connected(exc):
            return Retryable("interrupted", f"The connection broke before the answer came ({_short(exc)}).")
        return Retryable("offline", f"Head office could not be reached ({_short(exc)}).")
    return Retryable("unexpected", f"The request failed ({_short(exc)}).")


def _answer(status: int, raw: bytes, headers: Any) -> tuple[int, Any]:
    return _judge(status, _json_or_none(raw), headers)


def _judge(status: int, body: Any, headers: Any) -> tuple[int, Any]:
    if 200 <= status < 300:
        return status, body
    if status >= 500 or status in RETRYABLE_STATUSES:
        busy = _detail(body) or {}
        message = str(busy.get("message") or f"HTTP {status}")
        kind = "busy" if status in RETRYABLE_STATUSES else "server_error"
        raise Retryable(kind, f"Head office answered HTTP {status} ({message}).", status,
                        _retry_after(headers.get("Retry-After")))  # fmt: skip
    if 400 <= status < 500:
        detail = _detail(body)
        if detail is None:
            # Head office always says why in its own shape; a bare 403 or 407 is a proxy or a
            # firewall in the way, and it would answer every item the same. Not the item's fault.
            raise Retryable("not_head_office", f"Something other than head office answered HTTP {status} "
                            "(a proxy or firewall on the way?); nothing was refused.", status)  # fmt: skip
        message = detail["message"]
        if status == 401:
            raise Unauthorized(f"Head office refused the token ({message}).")
        errors = detail.get("errors")
        listed = tuple(e for e in errors if isinstance(e, dict)) if isinstance(errors, list) else ()
        raise Rejected(status, detail["code"], message, listed)
    # 1xx/3xx: not part of the contract; most likely a proxy in the way, which may go away.
    raise Retryable("unexpected", f"Head office answered HTTP {status}, which was not expected.", status)


def _detail(body: Any) -> dict[str, Any] | None:
    """Head office's error detail, `{"code": str, "message": str, ...}`, or None when the body
    is not in that shape."""
    detail = body.get("detail") if isinstance(body, dict) else None
    if isinstance(detail, dict) and isinstance(detail.get("code"), str) and isinstance(detail.get("message"), str):
        return detail
    return None


def _json_or_none(raw: bytes) -> Any:
    try:
        return json.loads(raw.decode("utf-8")) if raw else None
    except (UnicodeDecodeError, ValueError, RecursionError):  # RecursionError: absurd nesting
        return None


def _retry_after(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None  # an HTTP date: rare, and our own backoff is a fine stand-in


def _was_connected(exc: requests.exceptions.ConnectionError) -> bool:
    """True when the request may have reached the server (reset or closed mid-exchange), as
    opposed to a connection that never opened (refused, no route, name not found)."""
    reason = exc.args[0] if exc.args else None
    if isinstance(reason, urllib3.exceptions.MaxRetryError):
        reason = reason.reason
    return isinstance(reason, urllib3.exceptions.ProtocolError)


def _short(exc: BaseException) -> str:
    """The innermost OS error in words ("Connection refused"), else the exception's kind.

    Never the full text: short enough for a table cell, and free of URLs and headers."""
    seen: set[int] = set()
    current: Any = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError) and current.strerror:
            return current.strerror
        if isinstance(current, OSError) and current.args and isinstance(current.args[0], str):
            return current.args[0]  # e.g. http.client's "Remote end closed connection without response"
        nested = [a for a in getattr(current, "args", ()) if isinstance(a, BaseException)]
        inner = getattr(current, "reason", None) or (nested[0] if nested else None)
        current = inner or current.__cause__ or current.__context__
    text = str(exc)
    match = re.search(r"\[Errno -?\d+\] ([^'\")]+)", text)
    return match.group(1).strip() if match else type(exc).__name__
