"""The head-office HTTP API (FastAPI): health, push proposal, push receipt, status feed, and the
published reference files (holiday calendar, product catalogue).

`POST /v1/batch` (issue 20) carries up to `wire.BATCH_MAX_ITEMS` pushes in one request, each
`{"kind", "key", "body"}` with `body` the very JSON its single endpoint takes; every item goes
through that endpoint's own code path (`_push`) with its exact bytes, cut out of the batch's
text (`split_batch`), so its idempotency, hash and answer are the single push's.  Every POST
takes `Content-Encoding: gzip` (sync.headoffice.transport).

A scan or attachment may come first on its own, resumably, over tus at `wire.UPLOADS_PATH`
(sync.headoffice.uploads), and the push then names it by SHA-256: the checks take its bytes
from `uploaded_files` (`Uploads.lookup`), and a file not uploaded is 409 `upload_missing`.

The wire contract is in the README ("Head office server").  Every handler reads and writes
the database and nothing else, so workers and hosts can be added behind a load balancer.
A push is authenticated before any byte of its body is read, and its body is read within
the limits of sync.headoffice.transport.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import time
from collections.abc import Awaitable, Callable, Iterator, Mapping
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, Header, Query, Request, Security
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.rules import wire_json
from sync import wire
from sync.headoffice import references, schemas, store, uploads
from sync.headoffice.db import DEFAULT_DB_URL, create_schema, iso_utc, make_engine, session_factory, utcnow
from sync.headoffice.documents import Checked, Invalid, check_proposal_push, check_receipt_push, latest_today
from sync.headoffice.followups import (
    check_answer_push,
    check_paper_proposal_push,
    check_request_push,
    is_paper,
)
from sync.headoffice.transport import ApiError, Bodies, CloseUnread, Limits
from sync.headoffice.uploads import TUS_REFUSALS, Uploads, allowed_methods, refusal_for, uploads_dir_from_env

Check = Callable[[Any], Checked]

log = logging.getLogger("branchdesk.headoffice")

DB_ENV = "BRANCHDESK_HEADOFFICE_DB"
IDEMPOTENCY_KEY = re.compile(r"[A-Za-z0-9._:-]{8,200}")
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"model": schemas.ErrorBody, "description": what} for code, what in (
        (400, "malformed JSON, a missing/bad Idempotency-Key or a broken gzip stream"),
        (401, "no or a bad bearer token"),
        (403, "another manager's record"), (408, "the body did not arrive in time"),
        (409, "idempotency_conflict, duplicate_record, or upload_missing (a file named by SHA-256 that was "
              "not uploaded: upload it, then push again)"), (413, "body over the size limit"),
        (415, "not application/json, or a Content-Encoding other than gzip"),
        (422, "schema or rule failures, field by field"),
        (503, "busy with other large pushes: send it again after Retry-After seconds"),
    )
}  # fmt: skip
ETAG_HEADER = {"ETag": {"description": "strong: the SHA-256 of the body, quoted", "schema": {"type": "string"}}}
REFERENCE_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"headers": ETAG_HEADER},
    304: {"description": "the copy named in If-None-Match is the latest: no body", "headers": ETAG_HEADER},
    401: {"model": schemas.ErrorBody, "description": "no or a bad bearer token"},
    404: {"model": schemas.ErrorBody, "description": "not_published: nothing of this kind published yet"},
    422: {"model": schemas.ErrorBody, "description": "bad parameters"},
}
ERROR_RESPONSES[503]["headers"] = {"Retry-After": {"description": "seconds to wait", "schema": {"type": "integer"}}}


def _error(status_code: int, code: str, message: str, headers: Mapping[str, str] | None = None,
           **extra: Any) -> JSONResponse:  # fmt: skip
    if status_code == 401:
        headers = {**(headers or {}), "WWW-Authenticate": "Bearer"}
    return JSONResponse({"detail": {"code": code, "message": message, **extra}}, status_code, headers=headers)


def error_answer(error: ApiError | store.Refused | Invalid) -> tuple[int, dict[str, Any], dict[str, str]]:
    """(status, body, headers) of the answer to a refused push, as the error handlers give it."""
    if isinstance(error, ApiError):
        extra: dict[str, Any] = {"errors": error.errors} if error.errors else {}
        return error.status_code, {"detail": {"code": error.code, "message": error.message, **extra}}, error.headers
    if isinstance(error, store.Refused):
        return error.status_code, {"detail": {"code": error.code, "message": error.message}}, {}
    errors = [{"field": e.field, "rule": e.rule, "message_en": e.message_en, "message_zh": e.message_zh}
              for e in error.errors]  # fmt: skip
    return 422, {"detail": {"code": "invalid", "message": error.message, "errors": errors}}, {}


class AccessLog:
    """One line per request: method, path, status, manager, duration; never headers or bodies."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            manager = scope.get("state", {}).get("manager") or "-"
            log.info("%s %s %d manager=%s %.1fms", scope["method"], scope["path"], status, manager,
                     (time.perf_counter() - started) * 1000)  # fmt: skip


def _media_type_ok(content_type: str | None) -> bool:
    kind, _, params = (content_type or "").partition(";")
    if kind.strip().lower() != "application/json":
        return False
    charset = dict(p.strip().lower().partition("=")[::2] for p in params.split(";") if p.strip()).get("charset")
    return charset in (None, "utf-8", '"utf-8"')


def parse_json(raw: bytes) -> Any:
    """The body read as the laptop reads it (`app.rules.wire_json`): UTF-8, no NaN/Infinity, no
    key twice in an object (the hash would be ambiguous), bounded nesting and numbers, no NUL or
    lone surrogate in any string; the message starts with the J code of the refusal."""
    try:
        return wire_json.loads(raw)
    except wire_json.WireJsonError as error:
        problem = error.problem
        raise ApiError(400, "malformed_json", f"{problem.code}: {problem.en}", errors=[
            {"field": problem.field, "rule": problem.code, "message_en": problem.en, "message_zh": problem.zh_CN}
        ]) from error  # fmt: skip


def _bearer(credentials: HTTPAuthorizationCredentials | None) -> str | None:
    return credentials.credentials if credentials is not None else None


def create_app(db_url: str, *, limits: Limits | None = None, uploads_dir: Path | None = None) -> FastAPI:
    """The head-office app on `db_url` (tables created or upgraded if need be); tus keeps
    unfinished uploads in `uploads_dir` (default: `uploads.default_uploads_dir`)."""
    limits = limits if limits is not None else Limits.from_env()
    bodies = Bodies(limits)
    engine = make_engine(db_url)
    create_schema(engine)
    sessions = session_factory(engine)
    try:
        app_version = version("branchdesk")
    except PackageNotFoundError:
        app_version = "0"
    app = FastAPI(
        title="BranchDesk head office", version=app_version,
        description="Receives finished proposals, signed receipts, answers to letters and change/withdrawal "
                    "requests from BranchDesk laptops, exactly once, and feeds back head office's status and replies. "
                    "JSON UTF-8; `Authorization: Bearer <token>` on /v1. Any POST body may come with "
                    "`Content-Encoding: gzip` (the size limit counts the inflated bytes: 413 beyond it, 400 for a "
                    "broken stream, 415 for another coding); POST /v1/batch carries up to 100 pushes at once. "
                    "Scans and attachments may be uploaded first, resumably, over tus 1.0.0 at /v1/uploads, and "
                    "then named in the push by SHA-256 instead of carried in it.",
    )  # fmt: skip
    app.add_middleware(CloseUnread)
    app.add_middleware(AccessLog)  # added last, so it runs first and logs every answer
    bearer = HTTPBearer(auto_error=False, description="the manager's token from `branchdesk-headoffice add-manager`")
    _install_error_handlers(app)

    def authenticate(request: Request, token: str | None) -> str:
        manager = store.authenticate(sessions, token)
        if manager is None:
            raise ApiError(401, "unauthorized", "A valid bearer token is required.")
        request.state.manager = manager
        return manager

    def require_manager(request: Request, credentials: HTTPAuthorizationCredentials | None = Security(bearer)) -> str:
        return authenticate(request, _bearer(credentials))

    async def push(request: Request, token: str | None, key: str | None, check: Check) -> Response:
        # Everything that needs no body is settled before its first byte is read.
        manager = await run_in_threadpool(authenticate, request, token)
        if not _media_type_ok(request.headers.get("content-type")):
            raise ApiError(415, "unsupported_media_type", "Send the body as application/json (UTF-8).")
        if key is None or not IDEMPOTENCY_KEY.fullmatch(key):
            raise ApiError(400, "bad_request", "An Idempotency-Key header (the outbox item's UUID) is required.")
        async with bodies.read(request) as raw:
            answer = await run_in_threadpool(_push, sessions, raw, key, manager, check)
        return Response(answer.body, answer.status_code, media_type="application/json")

    tus = Uploads(sessions, uploads_dir or uploads_dir_from_env(db_url), limits=limits)
    tus.mount(app, require_manager)
    catalogues = references.Catalogues(sessions)
    lookup = tus.lookup
    checks: dict[str, Check] = {
        wire.PROPOSAL: lambda data: check_paper_proposal_push(data) if is_paper(data)
        else check_proposal_push(data, catalogues.version),
        wire.RECEIPT: lambda data: check_receipt_push(data, latest_today(), lookup),
        wire.ANSWER: lambda data: check_answer_push(data, lookup),
        wire.REQUEST: lambda data: check_request_push(data, lookup),
    }  # fmt: skip

    @app.get(wire.HEALTH_PATH, response_model=schemas.Health, tags=["health"],
             responses={503: {"model": schemas.Health, "description": "the database is unreachable"}})  # fmt: skip
    def health() -> Response:
        """Liveness for laptops and load balancers (no token); 503 when the database is unreachable."""
        try:
            with sessions() as session:
                session.execute(text("SELECT 1"))
        except Exception:  # any database failure means "not serving"
            log.exception("health: database unreachable")
            return JSONResponse({"status": "unavailable", "time": iso_utc(utcnow())}, 503)
        return JSONResponse({"status": "ok", "time": iso_utc(utcnow())})

    push_doc: dict[str, Any] = {"status_code": wire.PUSH_CREATED, "response_model": schemas.Accepted,
                                "responses": ERROR_RESPONSES, "tags": ["push"]}  # fmt: skip

    @app.post(wire.PUSH_PATHS[wire.PROPOSAL], openapi_extra=_body("ProposalPush"), **push_doc)
    async def push_proposal(
        request: Request,
        credentials: HTTPAuthorizationCredentials | None = Security(bearer),
        idempotency_key: str | None = Header(None, alias="Idempotency-Key", description="the outbox item's UUID"),
    ) -> Response:
        """A finished proposal with its signatures, or one filled on paper (`"source": "paper"`, no
        signatures). Replays with the same key and body get the first answer."""
        return await push(request, _bearer(credentials), idempotency_key, checks[wire.PROPOSAL])

    @app.post(wire.PUSH_PATHS[wire.RECEIPT], openapi_extra=_body("ReceiptPush"), **push_doc)
    async def push_receipt(
        request: Request,
        credentials: HTTPAuthorizationCredentials | None = Security(bearer),
        idempotency_key: str | None = Header(None, alias="Idempotency-Key", description="the outbox item's UUID"),
    ) -> Response:
        """A signed receipt; its proposal must have been received first."""
        return await push(request, _bearer(credentials), idempotency_key, checks[wire.RECEIPT])

    @app.post(wire.PUSH_PATHS[wire.ANSWER], openapi_extra=_body("AnswerPush"), **push_doc)
    async def push_answer(
        request: Request,
        credentials: HTTPAuthorizationCredentials | None = Security(bearer),
        idempotency_key: str | None = Header(None, alias="Idempotency-Key", description="the outbox item's UUID"),
    ) -> Response:
        """An answer to a letter or problem case, with its attachments (SHA-256 checked); its proposal
        must have been received first. Exactly once, as proposals: replays get the first answer."""
        return await push(request, _bearer(credentials), idempotency_key, checks[wire.ANSWER])

    @app.post(wire.PUSH_PATHS[wire.REQUEST], openapi_extra=_body("RequestPush"), **push_doc)
    async def push_request(
        request: Request,
        credentials: HTTPAuthorizationCredentials | None = Security(bearer),
        idempotency_key: str | None = Header(None, alias="Idempotency-Key", description="the outbox item's UUID"),
    ) -> Response:
        """A change or withdrawal request before issue; its proposal must have been received first."""
        return await push(request, _bearer(credentials), idempotency_key, checks[wire.REQUEST])

    @app.post(wire.BATCH_PATH, openapi_extra=_body("BatchPush"), response_model=schemas.BatchAnswer,
              responses={code: ERROR_RESPONSES[code] for code in (400, 401, 408, 413, 415, 422, 503)},
              tags=["push"])  # fmt: skip
    async def push_batch(
        request: Request, credentials: HTTPAuthorizationCredentials | None = Security(bearer)
    ) -> Response:
        """Up to 100 pushes in one request, each through its single endpoint's code path with its own
        Idempotency-Key (`key`): a result per item, in order, with the HTTP status and JSON answer the
        single endpoint would give. One item refused never fails the others; a replayed item gets its
        first answer; a malformed batch is 400 (not JSON) or 422 (not this shape)."""
        manager = await run_in_threadpool(authenticate, request, _bearer(credentials))
        if not _media_type_ok(request.headers.get("content-type")):
            raise ApiError(415, "unsupported_media_type", "Send the body as application/json (UTF-8).")
        async with bodies.read(request) as raw:
            items = split_batch(raw)
            results = await run_in_threadpool(_push_batch, sessions, items, manager, checks)
        return JSONResponse({"results": results})

    @app.get(wire.STATUS_PATH, response_model=schemas.StatusFeed, tags=["status"],
             responses={401: ERROR_RESPONSES[401], 422: ERROR_RESPONSES[422]})  # fmt: skip
    def status_feed(
        manager: str = Depends(require_manager),  # runs first: 401 before any parameter error
        after: int = Query(0, ge=0, le=2**63 - 1, description="the `next` of the previous page; 0 from the start"),
        limit: int = Query(500, ge=1, le=1000),
    ) -> JSONResponse:
        """The token's manager's status events after the cursor, oldest first."""
        return JSONResponse(store.feed(sessions, manager, after, limit))

    for kind, path in wire.REFERENCE_PATHS.items():
        app.get(path, response_model=schemas.ReferenceFileOut, tags=["reference"], name=f"reference_{kind}",
                summary=f"The latest published {references.NAMES[kind][0]}", responses=REFERENCE_RESPONSES,
                )(_reference_endpoint(sessions, kind, require_manager))  # fmt: skip
    from sync.headoffice import version as announced_version  # GET /v1/version (issue 21)

    announced_version.register(app, sessions, require_manager)

    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]  # FastAPI's documented override
    return app


def _reference_endpoint(sessions: sessionmaker[Session], kind: str,
                        require_manager: Callable[..., str]) -> Callable[..., Response]:  # fmt: skip
    name = references.NAMES[kind][0]

    def serve(
        _manager: str = Depends(require_manager),
        if_none_match: str | None = Header(None, alias="If-None-Match", description="the ETag of the copy held"),
    ) -> Response:
        published = references.latest(sessions, kind)
        if published is None:
            raise ApiError(404, "not_published", f"No {name} has been published yet: keep the copy you hold.")
        headers = {"ETag": published.etag, "Cache-Control": "no-cache"}
        if references.matches(if_none_match, published.etag):
            return Response(status_code=304, headers=headers)
        return Response(published.body.encode("utf-8"), 200, headers=headers, media_type="application/json")

    serve.__doc__ = (
        f"The latest {name} head office published; a laptop installs it when newer than its own. "
        "Strong ETag (SHA-256 of the body); If-None-Match with it answers 304 without a body."
    )
    return serve


def _push(sessions: sessionmaker[Session], raw: bytes, key: str, manager: str, check: Check) -> store.Answer:
    body_sha256 = hashlib.sha256(raw).hexdigest()
    replayed = store.replay(sessions, key, body_sha256, manager)
    if replayed is not None:
        return replayed
    checked = check(parse_json(raw))
    return store.accept(sessions, checked, key, body_sha256, raw.decode("utf-8"), manager)


def _push_batch(sessions: sessionmaker[Session], items: list[BatchItem], manager: str,
                checks: Mapping[str, Check]) -> list[dict[str, Any]]:  # fmt: skip
    """Each item through `_push`, in order: a refusal is that item's answer, never the batch's.
    Anything else (the database gone) fails the whole batch with a 5xx, and the laptop sends it
    again: the items stored before answer as replays."""
    results: list[dict[str, Any]] = []
    for item in items:
        try:
            answer = _push(sessions, item.body, item.key, manager, checks[item.kind])
            status, body = answer.status_code, json.loads(answer.body)
        except (ApiError, store.Refused, Invalid) as error:
            status, body, _headers = error_answer(error)
        results.append({"key": item.key, "status": status, "body": body})
        # A line per push, as a single one gets from AccessLog, marked as part of a batch.
        log.info("POST %s %d manager=%s in batch", wire.PUSH_PATHS[item.kind], status, manager)
    return results


@dataclass(frozen=True)
class BatchItem:
    kind: str
    key: str
    body: bytes  # the item's body exactly as it stands in the batch


_WHITESPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
BATCH_ITEM_KEYS = frozenset({"kind", "key", "body"})


class _Scanner:
    """Walks the batch's JSON text, so each item's body can be cut out byte for byte."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def skip(self) -> str:
        match = _WHITESPACE.match(self.text, self.pos)
        self.pos = match.end() if match else self.pos
        return self.text[self.pos : self.pos + 1]

    def take(self, char: str) -> None:
        if self.skip() != char:
            raise _malformed(f"expected {char!r} at character {self.pos}")
        self.pos += 1

    def string(self) -> str:
        self.take('"')
        try:
            value, self.pos = json.decoder.scanstring(self.text, self.pos, True)  # type: ignore[attr-defined]
        except ValueError as error:
            raise _malformed(str(error)) from None
        return str(value)

    def value(self) -> tuple[Any, int, int]:
        """The next value, where it starts and where it ends."""
        self.skip()
        start = self.pos
        try:
            value, self.pos = _DECODER.raw_decode(self.text, start)
        except (ValueError, RecursionError) as error:  # ValueError: JSONDecodeError, digits beyond the limit
            raise _malformed(str(error) if isinstance(error, ValueError) else "nested too deep") from None
        return value, start, self.pos

    def each(self, open_char: str, close_char: str) -> Iterator[None]:
        """Yields once per member of the object or array that starts here."""
        self.take(open_char)
        if self.skip() == close_char:
            self.pos += 1
            return
        while True:
            yield
            char = self.skip()
            self.pos += 1
            if char == close_char:
                return
            if char != ",":
                raise _malformed(f"expected ',' or {close_char!r} at character {self.pos - 1}")


def _malformed(why: str) -> ApiError:
    return ApiError(400, "malformed_json", f"J000_malformed_json: the batch is not JSON ({why}).")


def _not_a_batch(why: str) -> ApiError:
    return ApiError(422, "invalid", f"Not a batch: {why}.", errors=[
        {"field": "items", "rule": "batch_shape", "message_en": f"Not a batch: {why}.",
         "message_zh": "批量请求的格式不正确。"}])  # fmt: skip


def split_batch(raw: bytes) -> list[BatchItem]:
    """The items of `{"items": [{"kind", "key", "body"}, ...]}`, each body as the bytes it has in
    `raw`; ApiError 400 when `raw` is not JSON, 422 when it is not a batch of at most
    `wire.BATCH_MAX_ITEMS` items of known kinds with well-formed keys."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ApiError(400, "malformed_json", "J006_bad_text: the batch is not UTF-8.") from None
    scan = _Scanner(text)
    items: list[BatchItem] | None = None
    if scan.skip() != "{":
        scan.value()  # 400 when it is not JSON at all
        raise _not_a_batch("not a JSON object")
    for _member in scan.each("{", "}"):
        name = scan.string()
        scan.take(":")
        if name != "items" or items is not None:
            raise _not_a_batch(f"unexpected key {name[:40]!r}" if name != "items" else "items given twice")
        items = []
        if scan.skip() != "[":
            raise _not_a_batch("items is not a list")
        for _entry in scan.each("[", "]"):
            if len(items) == wire.BATCH_MAX_ITEMS:
                raise _not_a_batch(f"more than {wire.BATCH_MAX_ITEMS} items")
            items.append(_batch_item(scan, len(items)))
    if scan.skip():
        raise _malformed(f"extra data at character {scan.pos}")
    if items is None:
        raise _not_a_batch("no items")
    return items


def _batch_item(scan: _Scanner, index: int) -> BatchItem:
    if scan.skip() != "{":
        raise _not_a_batch(f"item {index} is not an object")
    found: dict[str, Any] = {}
    for _member in scan.each("{", "}"):
        name = scan.string()
        scan.take(":")
        if name not in BATCH_ITEM_KEYS or name in found:
            raise _not_a_batch(f"item {index}: unexpected or repeated key {name[:40]!r}")
        value, start, end = scan.value()
        found[name] = scan.text[start:end].encode("utf-8") if name == "body" else value
    if set(found) != BATCH_ITEM_KEYS:
        raise _not_a_batch(f"item {index} needs kind, key and body")
    kind, key = found["kind"], found["key"]
    if not isinstance(kind, str) or kind not in wire.PUSH_PATHS:
        raise _not_a_batch(f"item {index}: kind is not one of {', '.join(wire.PUSH_PATHS)}")
    if not isinstance(key, str) or not IDEMPOTENCY_KEY.fullmatch(key):
        raise _not_a_batch(f"item {index}: key is not an Idempotency-Key (the outbox item's UUID)")
    return BatchItem(kind, key, found["body"])


def _install_error_handlers(app: FastAPI) -> None:
    Handler = Callable[[Request, Any], Awaitable[Response]]

    async def refusal(_request: Request, error: ApiError | store.Refused | Invalid) -> Response:
        status, body, headers = error_answer(error)
        if status == 401:
            headers = {**headers, "WWW-Authenticate": "Bearer"}
        return JSONResponse(body, status, headers=headers)

    async def bad_parameters(_request: Request, error: RequestValidationError) -> Response:
        errors = [{"field": ".".join(str(p) for p in e["loc"]), "rule": e["type"], "message_en": e["msg"],
                   "message_zh": "参数无效。"} for e in error.errors()]  # fmt: skip
        return _error(422, "invalid", "The request's parameters are invalid.", errors=errors)

    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        if request.url.path.startswith(wire.UPLOADS_PATH) and error.status_code in TUS_REFUSALS:
            # tuspyserver's own refusals (404, 409, 410, 412, ...): said in head office's words.
            translated = refusal_for(error.status_code, error.detail, error.headers)
            if translated is not None:
                return await refusal(request, translated)
        codes = {404: "not_found", 405: "method_not_allowed"}  # a 405 carries Allow from the router
        if error.status_code == 405 and request.url.path.startswith(wire.UPLOADS_PATH):
            # The router names the first route on the path; the tus routes share theirs.
            allowed = allowed_methods(request.app, request.url.path)
            error.headers = {**(error.headers or {}), "Allow": ", ".join(allowed)}
        return _error(error.status_code, codes.get(error.status_code, "http_error"), str(error.detail), error.headers)

    handlers: dict[type[Exception], Handler] = {
        ApiError: refusal, store.Refused: refusal, Invalid: refusal,
        RequestValidationError: bad_parameters, StarletteHTTPException: http_error,
    }  # fmt: skip
    for exception, handler in handlers.items():
        app.add_exception_handler(exception, handler)


def _body(schema: str) -> dict[str, Any]:
    return {"requestBody": {"required": True, "content": {
        "application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}}}}  # fmt: skip


def _openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's schema plus what the handlers check themselves: the request bodies, which are
    read raw and so not declared as models, and the Idempotency-Key, which is required and
    answered 400 (not FastAPI's 422) when it is missing or malformed."""
    if app.openapi_schema is None:
        schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        for model in (schemas.ProposalPush, schemas.ReceiptPush, schemas.AnswerPush, schemas.RequestPush,
                      schemas.BatchPush):  # fmt: skip
            body = model.model_json_schema(ref_template="#/components/schemas/{model}")
            components.update(body.pop("$defs", {}))
            components[model.__name__] = body
        for path in wire.PUSH_PATHS.values():
            for parameter in schema["paths"][path]["post"]["parameters"]:
                if parameter["name"] == "Idempotency-Key":
                    parameter["required"] = True
                    parameter["schema"] = {"type": "string", "pattern": f"^{IDEMPOTENCY_KEY.pattern}$"}
        uploads.document(schema)
        app.openapi_schema = schema
    return app.openapi_schema


def app_from_env() -> FastAPI:
    """The factory `serve` hands to uvicorn: each worker process builds its app from the env."""
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s")
    return create_app(os.environ.get(DB_ENV) or DEFAULT_DB_URL)
