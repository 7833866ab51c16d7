"""sync/http.py against the real server (and the faulty proxy for what it cannot do): typed errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.context import AppContext
from sync.http import (
    DEFAULT_TIMEOUT,
    BadAddress,
    HeadOffice,
    Rejected,
    Retryable,
    Unauthorized,
    check_base_url,
    make_session,
)
from tests.headoffice.laptop import proposal_item
from tests.headoffice.server import HeadOffice as Server
from tests.headoffice.server import free_port
from tests.sync.faulty_proxy import FaultyProxy


def test_push_and_replay_give_the_first_answer(ctx: AppContext, headoffice: Server, headoffice_token: str) -> None:
    item = proposal_item(ctx, "BJ0107")
    office = HeadOffice(headoffice.url, headoffice_token)
    first = office.push("proposal", item.key, item.payload, record_id=item.record_id)
    assert (first["id"], first["kind"], first["status"]) == (item.record_id, "proposal", "received")
    assert office.push("proposal", item.key, item.payload, record_id=item.record_id) == first
    assert office.health()["status"] == "ok"
    assert office.status(after=0, limit=1)["events"][0]["record_id"] == item.record_id
    # A different body under the same key is refused, not replayed.
    with pytest.raises(Rejected) as caught:
        office.push("proposal", item.key, item.payload.replace("张伟", "张卫"), record_id=item.record_id)
    assert (caught.value.status, caught.value.code) == (409, "idempotency_conflict")


def test_refusals_are_typed(ctx: AppContext, headoffice: Server, headoffice_token: str) -> None:
    item = proposal_item(ctx, "BJ0107")
    with pytest.raises(Unauthorized):
        HeadOffice(headoffice.url, "wrong").push("proposal", item.key, item.payload, record_id=item.record_id)
    office = HeadOffice(headoffice.url, headoffice_token)
    with pytest.raises(Rejected) as caught:
        office.push("proposal", item.key, item.payload.replace("张伟", "张卫"), record_id=item.record_id)
    rejected = caught.value
    assert (rejected.status, rejected.code) == (422, "invalid")
    assert [e["rule"] for e in rejected.errors] == ["content_hash"]
    foreign = proposal_item(ctx, "SH0002")
    with pytest.raises(Rejected) as caught:
        office.push("proposal", foreign.key, foreign.payload, record_id=foreign.record_id)
    assert (caught.value.status, caught.value.code) == (403, "forbidden")


def test_network_trouble_is_retryable() -> None:
    with pytest.raises(Retryable) as caught:
        HeadOffice(f"http://127.0.0.1:{free_port()}", "t").health()
    assert caught.value.code == "offline" and "Connection refused" in caught.value.message


@pytest.mark.parametrize(("fault", "code", "status"), [
    ("error_before", "server_error", 500), ("error_after", "server_error", 500),
    ("stall_before", "timeout", None), ("stall_after", "timeout", None),
    ("drop_before", "interrupted", None), ("drop_after", "interrupted", None),
    ("truncate_after", "interrupted", None),
])  # fmt: skip
def test_every_fault_of_the_proxy_is_retryable(fault: str, code: str, status: int | None, headoffice: Server,
                                               headoffice_token: str) -> None:  # fmt: skip
    with FaultyProxy(headoffice.port, fault_rate=1.0, stall_s=0.6, faults=(fault,)) as proxy:
        office = HeadOffice(proxy.url, headoffice_token, timeout=(1.0, 0.3))
        with pytest.raises(Retryable) as caught:
            office.status()
    assert (caught.value.code, caught.value.status) == (code, status)


def test_the_session_verifies_tls_and_names_itself(tmp_path: Path) -> None:
    session = make_session()
    user_agent = session.headers["User-Agent"]
    assert session.verify is True and isinstance(user_agent, str) and user_agent.startswith("BranchDesk/")
    bundle = tmp_path / "ca.pem"
    bundle.write_text("-----BEGIN CERTIFICATE-----\n", encoding="ascii")
    assert make_session(bundle).verify == str(bundle)
    with pytest.raises(ValueError, match="does not exist"):
        make_session(tmp_path / "missing.pem")
    assert HeadOffice("https://hq.example.com/", "t").timeout == DEFAULT_TIMEOUT
    assert check_base_url(" https://hq.example.com/ ") == "https://hq.example.com"
    for bad in ("hq.example.com", "ftp://hq.example.com", "https://", "https://hq.example.com/?a=1"):
        with pytest.raises(ValueError):
            check_base_url(bad)


@pytest.mark.parametrize("url", ["http://localhost:8000", "http://LOCALHOST", "http://127.0.0.1:9", "http://127.8.9.10",
                                 "http://[::1]:8000", "https://hq.example.com", "https://10.0.0.5:8443"])  # fmt: skip
def test_https_everywhere_http_only_to_this_computer(url: str) -> None:
    assert check_base_url(url) == url


@pytest.mark.parametrize("url", ["http://example.com", "http://hq.example.com:8000", "http://10.0.0.5",
                                 "http://192.168.1.1", "http://[::2]", "http://localhost.example.com",
                                 "http://127.0.0.1.nip.io", "http://0.0.0.0"])  # fmt: skip
def test_http_to_another_host_is_refused_before_any_request(url: str) -> None:
    with pytest.raises(BadAddress) as caught:
        HeadOffice(url, "secret-token")
    assert caught.value.reason == "insecure" and "unencrypted" in str(caught.value)
    assert "secret-token" not in repr(HeadOffice("https://hq.example.com", "secret-token"))
