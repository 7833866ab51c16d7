"""Talking to head office over HTTP: one configured Session and typed errors.

Every answer that is not a success becomes one of three errors, because the outbox treats
them differently:
- `Retryable`: the network or the server failed (5xx, 408, 429, timeouts, connections
  refused, reset or cut short, a body that is not the JSON promised). The item is fine;
  try again later. The server's idempotency makes a resend safe even when the first try
  reached it.
- `Rejected`: head office read the item and refused it (any other 4xx). Sending it again
  unchanged will not help; the reason is kept for the manager.
- `Unauthorized`: the token is missing, wrong or revoked (401). Nothing else will get
  through either, so the run stops and the manager logs in again.

The token is a parameter, never read here, and never logged: requests and urllib3 log
neither headers nor bodies.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter

# Connect, read (seconds). The odd connect value sits just above a multiple of 3 s, TCP's
# retransmission window, as requests' documentation recommends.
DEFAULT_TIMEOUT: tuple[float, float] = (3.05, 20.0)
PUSH_PATHS = {"proposal": "/v1/proposals", "receipt": "/v1/receipts"}
RETRYABLE_STATUSES = frozenset({408, 429})


class SyncError(Exception):
    """Base of the errors below; `message` is plain English for logs and the CLI."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Retryable(SyncError):
    """Try again later. `code`: offline | timeout | server_error | busy | interrupted |
    certificate | unexpected; `status` is the HTTP status when there was one."""

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


def user_agent() -> str:
    try:
        version = metadata.version("branchdesk")
    except metadata.PackageNotFoundError:
        version = "dev"
    return f"BranchDesk/{version} (+sync; python-requests/{requests.__version__})"


def check_base_url(url: str) -> str:
    """The server's address without a trailing slash; ValueError when it is not http(s)://host."""
    url = url.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{url!r} is not a server address like https://hq.example.com")
    if parts.query or parts.fragment:
        raise ValueError(f"{url!r} must not carry a query or fragment")
    return url


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
    adapter = HTTPAdapter(max_retries=0, pool_connections=1, pool_maxsize=2)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    session.headers["User-Agent"] = user_agent()
    session.headers["Accept"] = "application/json"
    return session


@dataclass
class HeadOffice:
    """The head-office API for one manager's token."""

    base_url: str
    token: str = field(repr=False)
    session: requests.Session = field(default_factory=make_session, repr=False)
    timeout: tuple[float, float] = DEFAULT_TIMEOUT

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
        return self._call("GET", "/health", auth=False, timeout=timeout)

    def push(self, kind: str, idempotency_key: str, body: str,
             timeout: tuple[float, float] | None = None) -> dict[str, Any]:  # fmt: skip
        """POST the stored payload byte for byte; the server's 201 answer as a dict."""
        if kind not in PUSH_PATHS:
            raise ValueError(f"Unknown outbox kind {kind!r}")
        return self._call(
            "POST", PUSH_PATHS[kind], data=body.encode("utf-8"), timeout=timeout,
            headers={"Idempotency-Key": idempotency_key, "Content-Type": "application/json; charset=utf-8"},
        )  # fmt: skip

    def status(self, after: int = 0, limit: int = 500,
               timeout: tuple[float, float] | None = None) -> dict[str, Any]:  # fmt: skip
        return self._call("GET", "/v1/status", params={"after": after, "limit": limit}, timeout=timeout)

    def close(self) -> None:
        self.session.close()

    def _call(self, method: str, path: str, *, auth: bool = True,
              timeout: tuple[float, float] | None = None, **kwargs: Any) -> dict[str, Any]:  # fmt: skip
        headers = dict(kwargs.pop("headers", {}))
        if auth:
            headers["Authorization"] = f"Bearer {self.token}"
        try:
            # No redirects: following one would turn a POST into a GET or send the token elsewhere.
            response = self.session.request(
                method, self.base_url + path, headers=headers, timeout=timeout or self.timeout,
                allow_redirects=False, **kwargs,
            )  # fmt: skip
            # Read the whole body inside the try: a connection cut mid-body raises here.
            raw = response.content
        except requests.exceptions.SSLError as exc:
            raise Retryable("certificate", f"The server's certificate could not be verified ({_short(exc)}).") from None
        except requests.exceptions.Timeout as exc:
            raise Retryable("timeout", f"Head office did not answer in time ({_short(exc)}).") from None
        except requests.exceptions.ChunkedEncodingError as exc:
            raise Retryable("interrupted", f"The answer was cut off ({_short(exc)}).") from None
        except requests.exceptions.ConnectionError as exc:
            if _was_connected(exc):
                raise Retryable("interrupted",
                                f"The connection broke before the answer came ({_short(exc)}).") from None  # fmt: skip
            raise Retryable("offline", f"Head office could not be reached ({_short(exc)}).") from None
        except requests.RequestException as exc:
            raise Retryable("unexpected", f"The request failed ({_short(exc)}).") from None
        return _answer(response.status_code, raw, response.headers)


def _answer(status: int, raw: bytes, headers: Any) -> dict[str, Any]:
    body = _json_or_none(raw)
    if 200 <= status < 300:
        if not isinstance(body, dict):
            raise Retryable("interrupted", f"HTTP {status} came without the JSON answer.", status)
        return body
    detail = body.get("detail") if isinstance(body, dict) else None
    detail = detail if isinstance(detail, dict) else {"message": detail if isinstance(detail, str) else ""}
    code = str(detail.get("code") or f"http_{status}")
    message = str(detail.get("message") or f"HTTP {status}")
    if status == 401:
        raise Unauthorized(f"Head office refused the token ({message}).")
    if status >= 500 or status in RETRYABLE_STATUSES:
        kind = "busy" if status in RETRYABLE_STATUSES else "server_error"
        raise Retryable(kind, f"Head office answered HTTP {status} ({message}).", status,
                        _retry_after(headers.get("Retry-After")))  # fmt: skip
    if 400 <= status < 500:
        errors = detail.get("errors")
        listed = tuple(e for e in errors if isinstance(e, dict)) if isinstance(errors, list) else ()
        raise Rejected(status, code, message, listed)
    # 1xx/3xx: not part of the contract; most likely a proxy in the way, which may go away.
    raise Retryable("unexpected", f"Head office answered HTTP {status}, which was not expected.", status)


def _json_or_none(raw: bytes) -> Any:
    try:
        return json.loads(raw.decode("utf-8")) if raw else None
    except (UnicodeDecodeError, ValueError):
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
