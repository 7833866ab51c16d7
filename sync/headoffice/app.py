"""The head-office HTTP API (FastAPI): health, push proposal, push receipt, status feed, and the
published reference files (holiday calendar, product catalogue).

The wire contract is in the README ("Head office server").  Every handler reads and writes
the database and nothing else, so workers and hosts can be added behind a load balancer.
A push is authenticated before any byte of its body is read, and its body is read within
the limits of sync.headoffice.transport.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import time
from collections.abc import Awaitable, Callable, Mapping
from importlib.metadata import PackageNotFoundError, version
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
from sync.headoffice import references, schemas, store
from sync.headoffice.db import DEFAULT_DB_URL, create_schema, iso_utc, make_engine, session_factory, utcnow
from sync.headoffice.documents import Checked, Invalid, check_proposal_push, check_receipt_push, latest_today
from sync.headoffice.followups import (
    check_answer_push,
    check_paper_proposal_push,
    check_request_push,
    is_paper,
)
from sync.headoffice.transport import ApiError, Bodies, CloseUnread, Limits

log = logging.getLogger("branchdesk.headoffice")

DB_ENV = "BRANCHDESK_HEADOFFICE_DB"
IDEMPOTENCY_KEY = re.compile(r"[A-Za-z0-9._:-]{8,200}")
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"model": schemas.ErrorBody, "description": what} for code, what in (
        (400, "malformed JSON or a missing/bad Idempotency-Key"), (401, "no or a bad bearer token"),
        (403, "another manager's record"), (408, "the body did not arrive in time"),
        (409, "idempotency_conflict or duplicate_record"), (413, "body over the size limit"),
        (415, "not application/json"), (422, "schema or rule failures, field by field"),
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


def create_app(db_url: str, *, limits: Limits | None = None) -> FastAPI:
    """The head-office app on `db_url` (tables created or upgraded if need be)."""
    bodies = Bodies(limits if limits is not None else Limits.from_env())
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
                    "JSON UTF-8; `Authorization: Bearer <token>` on /v1.",
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

    async def push(request: Request, token: str | None, key: str | None, check: Callable[[Any], Checked]) -> Response:
        # Everything that needs no body is settled before its first byte is read.
        manager = await run_in_threadpool(authenticate, request, token)
        if not _media_type_ok(request.headers.get("content-type")):
            raise ApiError(415, "unsupported_media_type", "Send the body as application/json (UTF-8).")
        if key is None or not IDEMPOTENCY_KEY.fullmatch(key):
            raise ApiError(400, "bad_request", "An Idempotency-Key header (the outbox item's UUID) is required.")
        async with bodies.read(request) as raw:
            answer = await run_in_threadpool(_push, sessions, raw, key, manager, check)
        return Response(answer.body, answer.status_code, media_type="application/json")

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

    catalogues = references.Catalogues(sessions)
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
        return await push(request, _bearer(credentials), idempotency_key,
                          lambda data: check_paper_proposal_push(data) if is_paper(data)
                          else check_proposal_push(data, catalogues.version))  # fmt: skip

    @app.post(wire.PUSH_PATHS[wire.RECEIPT], openapi_extra=_body("ReceiptPush"), **push_doc)
    async def push_receipt(
        request: Request,
        credentials: HTTPAuthorizationCredentials | None = Security(bearer),
        idempotency_key: str | None = Header(None, alias="Idempotency-Key", description="the outbox item's UUID"),
    ) -> Response:
        """A signed receipt; its proposal must have been received first."""
        return await push(request, _bearer(credentials), idempotency_key,
                          lambda data: check_receipt_push(data, latest_today()))  # fmt: skip

    @app.post(wire.PUSH_PATHS[wire.ANSWER], openapi_extra=_body("AnswerPush"), **push_doc)
    async def push_answer(
        request: Request,
        credentials: HTTPAuthorizationCredentials | None = Security(bearer),
        idempotency_key: str | None = Header(None, alias="Idempotency-Key", description="the outbox item's UUID"),
    ) -> Response:
        """An answer to a letter or problem case, with its attachments (SHA-256 checked); its proposal
        must have been received first. Exactly once, as proposals: replays get the first answer."""
        return await push(request, _bearer(credentials), idempotency_key, check_answer_push)

    @app.post(wire.PUSH_PATHS[wire.REQUEST], openapi_extra=_body("RequestPush"), **push_doc)
    async def push_request(
        request: Request,
        credentials: HTTPAuthorizationCredentials | None = Security(bearer),
        idempotency_key: str | None = Header(None, alias="Idempotency-Key", description="the outbox item's UUID"),
    ) -> Response:
        """A change or withdrawal request before issue; its proposal must have been received first."""
        return await push(request, _bearer(credentials), idempotency_key, check_request_push)

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


def _push(
    sessions: sessionmaker[Session], raw: bytes, key: str, manager: str, check: Callable[[Any], Checked]
) -> store.Answer:
    body_sha256 = hashlib.sha256(raw).hexdigest()
    replayed = store.replay(sessions, key, body_sha256, manager)
    if replayed is not None:
        return replayed
    checked = check(parse_json(raw))
    return store.accept(sessions, checked, key, body_sha256, raw.decode("utf-8"), manager)


def _install_error_handlers(app: FastAPI) -> None:
    Handler = Callable[[Request, Any], Awaitable[Response]]

    async def api_error(_request: Request, error: ApiError) -> Response:
        extra = {"errors": error.errors} if error.errors else {}
        return _error(error.status_code, error.code, error.message, error.headers, **extra)

    async def refused(_request: Request, error: store.Refused) -> Response:
        return _error(error.status_code, error.code, error.message)

    async def invalid(_request: Request, error: Invalid) -> Response:
        errors = [{"field": e.field, "rule": e.rule, "message_en": e.message_en, "message_zh": e.message_zh}
                  for e in error.errors]  # fmt: skip
        return _error(422, "invalid", error.message, errors=errors)

    async def bad_parameters(_request: Request, error: RequestValidationError) -> Response:
        errors = [{"field": ".".join(str(p) for p in e["loc"]), "rule": e["type"], "message_en": e["msg"],
                   "message_zh": "参数无效。"} for e in error.errors()]  # fmt: skip
        return _error(422, "invalid", "The request's parameters are invalid.", errors=errors)

    async def http_error(_request: Request, error: StarletteHTTPException) -> Response:
        codes = {404: "not_found", 405: "method_not_allowed"}  # a 405 carries Allow from the router
        return _error(error.status_code, codes.get(error.status_code, "http_error"), str(error.detail), error.headers)

    handlers: dict[type[Exception], Handler] = {
        ApiError: api_error, store.Refused: refused, Invalid: invalid,
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
        for model in (schemas.ProposalPush, schemas.ReceiptPush, schemas.AnswerPush, schemas.RequestPush):
            body = model.model_json_schema(ref_template="#/components/schemas/{model}")
            components.update(body.pop("$defs", {}))
            components[model.__name__] = body
        for path in wire.PUSH_PATHS.values():
            for parameter in schema["paths"][path]["post"]["parameters"]:
                if parameter["name"] == "Idempotency-Key":
                    parameter["required"] = True
                    parameter["schema"] = {"type": "string", "pattern": f"^{IDEMPOTENCY_KEY.pattern}$"}
        app.openapi_schema = schema
    return app.openapi_schema


def app_from_env() -> FastAPI:
    """The factory `serve` hands to uvicorn: each worker process builds its app from the env."""
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s")
    return create_app(os.environ.get(DB_ENV) or DEFAULT_DB_URL)
