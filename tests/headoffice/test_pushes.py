"""Pushes, replays and refusals against the real server, on SQLite and on PostgreSQL.

Payloads are the laptop's outbox items, made through ProposalService/ReceiptService; a
refused form is a real payload edited and re-hashed with the laptop's own hashing.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from typing import Any

import requests

from app.context import AppContext
from app.rules.ids import ProposalId
from app.rules.proposal import canonical_text, content_hash
from tests.headoffice.laptop import Item, proposal_item, push, receipt_item
from tests.headoffice.server import HeadOffice

Manager = tuple[str, str]  # code, token


def edited(item: Item, change: Callable[[dict[str, Any]], None], rehash: bool = True) -> bytes:
    """The item's payload changed by `change`, re-hashed as the laptop hashes (unless told not to)."""
    payload = json.loads(item.payload)
    change(payload)
    if rehash:
        document = {key: value for key, value in payload.items() if key not in ("content_hash", "scan_base64")}
        payload["content_hash"] = content_hash(document)
    return canonical_text(payload).encode("utf-8")


def detail(response: requests.Response) -> dict[str, Any]:
    return dict(response.json()["detail"])


def rules(response: requests.Response) -> set[tuple[str, str]]:
    return {(e["field"], e["rule"]) for e in detail(response)["errors"]}


def test_health(office: HeadOffice) -> None:
    answer = requests.get(f"{office.url}/health", timeout=5)
    assert answer.status_code == 200
    body = answer.json()
    assert body["status"] == "ok"
    offset = datetime.fromisoformat(body["time"]).utcoffset()
    assert offset is not None and offset.total_seconds() == 0


def test_first_push_is_received_and_fed_back(office: HeadOffice, manager: Manager, ctx: AppContext) -> None:
    code, token = manager
    item = proposal_item(ctx, code)
    answer = push(office.url, token, item)
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert set(body) == {"id", "kind", "status", "received_at", "seq"}
    assert (body["id"], body["kind"], body["status"]) == (item.record_id, "proposal", "received")
    assert isinstance(body["seq"], int) and datetime.fromisoformat(body["received_at"]).tzinfo is not None
    [record] = [r for r in office.records() if r.id == item.record_id]
    assert (record.manager_code, record.idempotency_key, record.body) == (code, item.key, item.payload)
    feed = requests.get(f"{office.url}/v1/status", headers={"Authorization": f"Bearer {token}"}, timeout=5).json()
    assert [(e["record_id"], e["kind"], e["status"]) for e in feed["events"]] == [
        (item.record_id, "proposal", "received")
    ]
    assert feed["next"] == feed["events"][0]["cursor"]


def test_replay_gets_the_first_answer_byte_for_byte(office: HeadOffice, manager: Manager, ctx: AppContext) -> None:
    code, token = manager
    item = proposal_item(ctx, code)
    first = push(office.url, token, item)
    again = [push(office.url, token, item) for _ in range(3)]
    assert [a.status_code for a in again] == [201] * 3
    assert {a.content for a in again} == {first.content}
    assert [r.id for r in office.records()].count(item.record_id) == 1


def test_same_key_other_body_is_a_conflict(office: HeadOffice, manager: Manager, ctx: AppContext) -> None:
    code, token = manager
    item, other = proposal_item(ctx, code), proposal_item(ctx, code)
    assert push(office.url, token, item).status_code == 201
    answer = push(office.url, token, other, key=item.key)
    assert answer.status_code == 409
    assert detail(answer)["code"] == "idempotency_conflict"
    assert other.record_id not in {r.id for r in office.records()}


def test_idempotency_keys_are_each_managers_own(office: HeadOffice, manager: Manager, ctx: AppContext) -> None:
    """Another manager's key with the same text is another key: no 409, nothing learnt."""
    code, token = manager
    other = f"{code}K"
    other_token = office.add_manager(other)
    mine, theirs = proposal_item(ctx, code), proposal_item(ctx, other)
    first = push(office.url, token, mine)
    assert first.status_code == 201
    answer = push(office.url, other_token, theirs, key=mine.key)
    assert answer.status_code == 201, answer.text
    assert (answer.json()["id"], answer.json()["kind"]) == (theirs.record_id, "proposal")
    assert push(office.url, other_token, theirs, key=mine.key).content == answer.content  # their replay
    assert push(office.url, token, mine).content == first.content  # and mine, unchanged
    held = {r.id: (r.manager_code, r.idempotency_key) for r in office.records()}
    assert held[mine.record_id] == (code, mine.key) and held[theirs.record_id] == (other, mine.key)


def test_same_record_under_another_key(office: HeadOffice, manager: Manager, ctx: AppContext) -> None:
    code, token = manager
    item = proposal_item(ctx, code)
    first = push(office.url, token, item)
    resent = push(office.url, token, item, key="a2b4c6d8-0000-4000-8000-000000000001")
    assert (resent.status_code, resent.content) == (201, first.content)
    changed = edited(item, lambda p: p["proposal"].update(product_name="另一款产品"))
    answer = push(office.url, token, item, key="a2b4c6d8-0000-4000-8000-000000000002", body=changed)
    assert answer.status_code == 409
    assert detail(answer)["code"] == "duplicate_record"
    assert [r.id for r in office.records()].count(item.record_id) == 1


def test_rule_failures_are_422_with_field_errors(office: HeadOffice, manager: Manager, ctx: AppContext) -> None:
    code, token = manager
    item = proposal_item(ctx, code)
    # 17 on the application date (2026-03-16); the sample's ID number says 1985, so P013 too.
    minor = edited(item, lambda p: p["proposal"]["policyholder"].update(birth_date="2008-06-12"))
    answer = push(office.url, token, item, body=minor)
    assert answer.status_code == 422
    body = detail(answer)
    assert body["code"] == "invalid"
    error = next(e for e in body["errors"] if e["rule"] == "P001_policyholder_adult")
    assert error["field"] == "policyholder.birth_date"
    assert "18" in error["message_en"] and "18" in error["message_zh"]
    structure = edited(item, lambda p: p["proposal"].update(surprise=1, premium_cents="lots"))
    assert rules(push(office.url, token, item, body=structure)) >= {
        ("surprise", "J002_unknown_field"),
        ("premium_cents", "J003_wrong_type"),
    }
    unsigned = edited(item, lambda p: p.update(signatures=[s for s in p["signatures"] if s["role"] != "insured"]))
    assert ("signatures", "signature.insured:missing") in rules(push(office.url, token, item, body=unsigned))
    assert item.record_id not in {r.id for r in office.records()}


def test_content_hash_must_match(office: HeadOffice, manager: Manager, ctx: AppContext) -> None:
    code, token = manager
    item = proposal_item(ctx, code)
    # One fen more: still inside the product's premium range, so only the hash gives it away.
    tampered = edited(item, lambda p: p["proposal"].update(premium_cents=p["proposal"]["premium_cents"] + 1),
                      rehash=False)  # fmt: skip
    answer = push(office.url, token, item, body=tampered)
    assert answer.status_code == 422
    assert rules(answer) == {("content_hash", "content_hash")}
    wrong = edited(item, lambda p: p.update(content_hash="0" * 64), rehash=False)
    assert rules(push(office.url, token, item, body=wrong)) == {("content_hash", "content_hash")}


def test_unauthorized_and_forbidden(office: HeadOffice, manager: Manager, ctx: AppContext) -> None:
    code, token = manager
    other_code = f"{code}X"
    other_token = office.add_manager(other_code)
    item = proposal_item(ctx, code)
    for bad in (None, "", "not-a-token", token + "x"):
        answer = push(office.url, bad, item)
        assert answer.status_code == 401, bad
        assert detail(answer)["code"] == "unauthorized"
        assert answer.headers["WWW-Authenticate"] == "Bearer"
    assert requests.get(f"{office.url}/v1/status", timeout=5).status_code == 401
    theirs = proposal_item(ctx, other_code)
    answer = push(office.url, token, theirs)
    assert (answer.status_code, detail(answer)["code"]) == (403, "forbidden")
    # My stored push, replayed with someone else's token, is not theirs.
    assert push(office.url, token, item).status_code == 201
    assert push(office.url, other_token, item).status_code == 403
    assert item.record_id in {r.id for r in office.records()} and theirs.record_id not in {
        r.id for r in office.records()
    }


def test_receipt_needs_its_proposal_first(office: HeadOffice, manager: Manager, ctx: AppContext) -> None:
    code, token = manager
    proposal = proposal_item(ctx, code)
    receipt = receipt_item(ctx, ProposalId(proposal.record_id))
    early = push(office.url, token, receipt)
    assert early.status_code == 422
    assert rules(early) == {("proposal_id", "proposal_unknown")}
    assert push(office.url, token, proposal).status_code == 201
    answer = push(office.url, token, receipt)
    assert answer.status_code == 201, answer.text
    assert (answer.json()["kind"], answer.json()["id"]) == ("receipt", receipt.record_id)
    [record] = office.records("receipt")[-1:]
    assert (record.id, record.proposal_id, record.manager_code) == (receipt.record_id, proposal.record_id, code)
    intruder = office.add_manager(f"{code}R")
    assert push(office.url, intruder, receipt, key="b0000000-0000-4000-8000-00000000000r").status_code == 403


def test_status_feed_pages_and_keeps_managers_apart(office: HeadOffice, manager: Manager, ctx: AppContext) -> None:
    code, token = manager
    other = f"{code}F"
    other_token = office.add_manager(other)
    mine = [proposal_item(ctx, code) for _ in range(5)]
    theirs = proposal_item(ctx, other)
    for item in mine:
        assert push(office.url, token, item).status_code == 201
    assert push(office.url, other_token, theirs).status_code == 201
    office.decide(mine[0].record_id, "accepted")
    headers = {"Authorization": f"Bearer {token}"}
    seen: list[tuple[str, str]] = []
    cursors: list[int] = []
    after, pages = 0, 0
    while True:
        page = requests.get(f"{office.url}/v1/status", params={"after": after, "limit": 2}, headers=headers, timeout=5)
        assert page.status_code == 200
        events = page.json()["events"]
        assert len(events) <= 2
        if not events:
            assert page.json()["next"] == after  # nothing new: ask again from the same place
            break
        seen += [(e["record_id"], e["status"]) for e in events]
        cursors += [e["cursor"] for e in events]
        after, pages = page.json()["next"], pages + 1
        assert after == events[-1]["cursor"]
    assert pages == 3
    assert cursors == sorted(cursors) and len(set(cursors)) == len(cursors)
    assert seen == [(i.record_id, "received") for i in mine] + [(mine[0].record_id, "accepted")]
    their_feed = requests.get(f"{office.url}/v1/status", headers={"Authorization": f"Bearer {other_token}"}, timeout=5)
    assert [e["record_id"] for e in their_feed.json()["events"]] == [theirs.record_id]
    for bad in ({"limit": 0}, {"limit": 1001}, {"after": -1}, {"after": "x"}, {"after": 2**63}):
        answer = requests.get(f"{office.url}/v1/status", params=bad, headers=headers, timeout=5)
        assert (answer.status_code, detail(answer)["code"]) == (422, "invalid"), bad


def test_decisions_reach_the_feed(office: HeadOffice, manager: Manager, ctx: AppContext) -> None:
    code, token = manager
    item = proposal_item(ctx, code)
    assert push(office.url, token, item).status_code == 201
    problem = office.decide(item.record_id, "problem", "--reason", "请补充体检报告", "--problem-kind", "medical_exam")
    issued = office.decide(item.record_id, "issued", "--policy-number", "P2026000777", "--reason", "承保")
    feed = requests.get(f"{office.url}/v1/status", headers={"Authorization": f"Bearer {token}"}, timeout=5).json()
    events = feed["events"]
    assert [e["status"] for e in events] == ["received", "problem", "issued"]
    assert events[1] == problem and events[2] == issued
    assert problem["problem_kind"] == "medical_exam" and problem["reason"] == "请补充体检报告"
    assert len(problem["problem_id"]) == 36 and problem["policy_number"] is None
    assert issued["policy_number"] == "P2026000777" and issued["problem_id"] is None
    assert datetime.fromisoformat(issued["at"]) >= datetime.fromisoformat(problem["at"])


def test_concurrent_pushes_to_two_servers_land_exactly_once(
    office: HeadOffice, manager: Manager, ctx: AppContext, tmp_path: Any
) -> None:
    """Two server processes (one of them with two workers) on one database, as behind a load
    balancer; every item is pushed 6 times at once, alternating between them."""
    code, token = manager
    items = [proposal_item(ctx, code) for _ in range(8)]
    with HeadOffice(office.db_url, tmp_path / "second", workers=2) as second:
        urls = [office.url, second.url]
        jobs = [(urls[n % 2], item) for item in items for n in range(6)]
        with ThreadPoolExecutor(max_workers=16) as pool:
            answers = list(pool.map(lambda job: push(job[0], token, job[1]), jobs))
    assert {a.status_code for a in answers} == {201}
    for item in items:
        bodies = {a.content for (_url, i), a in zip(jobs, answers, strict=True) if i is item}
        assert len(bodies) == 1, item.record_id  # every replay got the first answer
    held = [r.id for r in office.records() if r.manager_code == code]
    assert sorted(held) == sorted(i.record_id for i in items)
    feed = requests.get(f"{office.url}/v1/status", headers={"Authorization": f"Bearer {token}"}, timeout=5).json()
    assert sorted(e["record_id"] for e in feed["events"]) == sorted(i.record_id for i in items)
