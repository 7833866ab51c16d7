"""The transport under attack, against the real server on SQLite: who you are is asked before
any body byte is read, memory stays bounded under many large uploads, and a request that
stalls is timed out while the server keeps answering."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import requests

from app.context import AppContext
from tests.headoffice.fixtures import SAMPLE_MANAGER
from tests.headoffice.laptop import proposal_item, push
from tests.headoffice.server import HeadOffice
from tests.headoffice.wire import (
    connect,
    memory_mib,
    parse_answer,
    read_answer,
    request_head,
    send_quietly,
    watch_until_closed,
)

MIB = 1024 * 1024
KEY = "d0000000-0000-4000-8000-000000000001"


def _upload(port: int, body: bytes, token: str | None) -> int | None:
    """One whole upload as a client that does not wait for the answer first; its status."""
    with connect(port, timeout=30) as sock:
        send_quietly(sock, request_head("/v1/proposals", length=len(body), token=token, key=KEY) + body)
        answer = read_answer(sock)
        return answer.status if answer else None


def test_many_large_unauthenticated_uploads_leave_memory_alone(
    headoffice: HeadOffice, headoffice_token: str, ctx: AppContext
) -> None:
    """80 concurrent 15.9 MiB uploads with no or a wrong token (the issue: 246 -> 1,685 MiB)."""
    office, token = headoffice, headoffice_token
    assert office.process is not None
    item = proposal_item(ctx, SAMPLE_MANAGER)
    assert push(office.url, token, item).status_code == 201  # warm: every code path loaded once
    assert push(office.url, None, item).status_code == 401
    before = memory_mib(office.process.pid)
    body = b"[" * int(15.9 * MIB)
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=80) as pool:
        statuses = list(pool.map(lambda n: _upload(office.port, body, None if n % 2 else "not-a-token"), range(80)))
    took = time.monotonic() - started
    after = memory_mib(office.process.pid)
    grown = after["VmHWM"] - before["VmRSS"]
    print(f"RSS {before['VmRSS']:.0f} MiB before, peak {after['VmHWM']:.0f} MiB, {after['VmRSS']:.0f} MiB after; "
          f"80 uploads answered in {took:.1f} s: {sorted(set(map(str, statuses)))}")  # fmt: skip
    assert grown < 64, f"the server's peak memory grew by {grown:.0f} MiB"
    # Every client that could read its answer got 401; none waited for its body to be read.
    assert set(statuses) <= {401, None} and statuses.count(401) >= 40, statuses
    assert took < 20
    assert requests.get(f"{office.url}/health", timeout=2).status_code == 200
    assert [r.id for r in office.records()] == [item.record_id]


def test_refusals_come_before_the_body(headoffice: HeadOffice, headoffice_token: str) -> None:
    """Headers alone get the answer: the server never waits for a body it will not take."""
    office, token = headoffice, headoffice_token
    declared = 15 * MIB
    cases: list[tuple[dict[str, Any], int, int, str]] = [
        ({"token": None, "key": KEY}, declared, 401, "unauthorized"),
        ({"token": "not-a-token", "key": KEY}, declared, 401, "unauthorized"),
        ({"token": token, "key": KEY}, 16 * MIB + 1, 413, "too_large"),
        ({"token": token, "key": None}, declared, 400, "bad_request"),
        (
            {"token": token, "key": KEY, "extra": {"Content-Type": "text/plain"}},
            declared,
            415,
            "unsupported_media_type",
        ),
        ({"token": token, "key": KEY, "extra": {"Content-Encoding": "br"}}, declared, 415, "unsupported_encoding"),
    ]
    for options, length, status, detail in cases:
        with connect(office.port, timeout=3) as sock:
            sock.sendall(request_head("/v1/proposals", length=length, **options))
            answer = read_answer(sock)
        assert answer is not None, options
        assert (answer.status, answer.json()["detail"]["code"]) == (status, detail), options
        assert answer.headers["connection"] == "close" and answer.closed, options
    with connect(office.port, timeout=3) as sock:  # an unknown path is not drained either
        sock.sendall(request_head("/v1/nothing", length=declared, token=token) + b"x" * MIB)
        answer = read_answer(sock)
        assert answer is not None and (answer.status, answer.headers["connection"], answer.closed) == (
            404,
            "close",
            True,
        )
    assert office.records() == []


def test_stalled_requests_are_timed_out_while_the_server_answers(tmp_path: Path, ctx: AppContext) -> None:
    """200 uploads that stall after the headers, 20 that drip a byte every 0.1 s, 20 that stall
    in the headers and 20 that send nothing: each is closed soon after the deadline, bodies
    with a 408, and /health stays prompt all along."""
    timeout = 1.5
    with HeadOffice(f"sqlite:///{tmp_path / 'ho.db'}", tmp_path / "server",
                    env={"BRANCHDESK_BODY_TIMEOUT": str(timeout)}) as office:  # fmt: skip
        token = office.add_manager(SAMPLE_MANAGER)
        item = proposal_item(ctx, SAMPLE_MANAGER)
        body = item.payload.encode()
        head = request_head("/v1/proposals", length=len(body), token=token, key=KEY)
        stalled, drips, half_heads, silent = ([connect(office.port) for _ in range(n)] for n in (200, 20, 20, 20))
        for sock in stalled + drips:
            sock.sendall(head + body[:100])
        for sock in half_heads:
            sock.sendall(head[:60])
        stop = threading.Event()
        health: list[float] = []

        def drip() -> None:
            for sent in range(100, len(body)):
                if stop.wait(0.1):
                    return
                for sock in drips:
                    send_quietly(sock, body[sent : sent + 1])

        def probe() -> None:
            while not stop.wait(0.1):
                asked = time.monotonic()
                assert requests.get(f"{office.url}/health", timeout=2).status_code == 200
                health.append(time.monotonic() - asked)

        helpers = [threading.Thread(target=drip), threading.Thread(target=probe)]
        for helper in helpers:
            helper.start()
        try:
            watched = watch_until_closed(stalled + drips + half_heads + silent, timeout + 5)
        finally:
            stop.set()
            for helper in helpers:
                helper.join()
        print(f"{len(watched)} stalled connections, deadline {timeout} s: closed after "
              f"{min(t or 99 for t, _ in watched):.2f}-{max(t or 99 for t, _ in watched):.2f} s; "
              f"/health answered {len(health)} times meanwhile, in at most {max(health) * 1000:.0f} ms")  # fmt: skip
        assert all(after is not None and after < timeout + 1.5 for after, _ in watched), [t for t, _ in watched]
        for _after, data in watched[:220]:  # the bodies that stalled or dripped
            answer = parse_answer(data, closed=True)
            assert answer is not None and (answer.status, answer.json()["detail"]["code"]) == (408, "body_timeout")
            assert answer.headers["connection"] == "close"
        assert len(health) >= 10 and max(health) < 0.5, health
        assert push(office.url, token, item).status_code == 201  # still serving pushes
        assert [r.id for r in office.records()] == [item.record_id]


def test_large_bodies_held_at_once_are_bounded(tmp_path: Path, ctx: AppContext) -> None:
    """Pushes that would pass the budget of body bytes get 503 with Retry-After, before their
    body is read; once the budget frees, the same push is received."""
    env = {"BRANCHDESK_MAX_BODY": str(64 * 1024), "BRANCHDESK_BODY_BUDGET": str(100 * 1024)}
    with HeadOffice(f"sqlite:///{tmp_path / 'ho.db'}", tmp_path / "server", env=env) as office:
        token = office.add_manager(SAMPLE_MANAGER)
        item = proposal_item(ctx, SAMPLE_MANAGER)
        holders = [connect(office.port) for _ in range(2)]
        for sock in holders:  # two uploads of 50 KiB under way: the whole budget
            sock.sendall(request_head("/v1/proposals", length=50 * 1024, token=token, key=KEY) + b"{")
        time.sleep(0.3)
        busy = push(office.url, token, item)
        assert (busy.status_code, busy.json()["detail"]["code"]) == (503, "busy")
        assert busy.headers["Retry-After"] == "2" and busy.headers["Connection"] == "close"
        assert office.records() == []
        holders.pop().close()  # one upload gives up: its share of the budget comes back
        time.sleep(0.3)
        assert push(office.url, token, item).status_code == 201
        holders[0].close()
        assert [r.id for r in office.records()] == [item.record_id]
