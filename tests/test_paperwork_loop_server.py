"""Issue 19's proof, against the real head-office server on SQLite and on PostgreSQL: head office
raises a problem case and a medical-examination letter → the laptop pulls them and answers both
with an attachment → the answers are pushed by a `branchdesk sync` SIGKILLed mid-push several
times → head office holds each answer exactly once, its attachments' SHA-256 equal → head
office replies (accepted; another question) → after a pull the laptop shows the replies, and
the re-opened letter is back on Today."""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.common.local_time import local_zone
from app.context import AppContext
from app.headoffice.service import MANAGER_KEY
from local_db import models
from tests.headoffice.fixtures import SAMPLE_MANAGER, postgres_cluster  # noqa: F401
from tests.headoffice.server import HeadOffice
from tests.paperwork_helpers import finished_proposal

BRANCHDESK = str(Path(sys.executable).with_name("branchdesk"))
MIB = 1024 * 1024
KILLS = 3


@pytest.fixture(params=["sqlite", "postgresql"])
def office(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[HeadOffice]:
    if request.param == "postgresql":
        db_url = request.getfixturevalue("postgres_cluster").create_database()
    else:
        db_url = f"sqlite:///{tmp_path / 'headoffice.db'}"
    with HeadOffice(db_url, tmp_path / "headoffice") as running:
        yield running


def scan(header: bytes, size: int, seed: int) -> bytes:
    """A file of `size` bytes that is what `header` says (JPEG, PDF), its body random."""
    return header + random.Random(seed).randbytes(size - len(header))


def outbox(ctx: AppContext) -> list[models.OutboxItem]:
    with ctx.store.sessions() as session:
        rows = list(session.scalars(select(models.OutboxItem).order_by(models.OutboxItem.seq)))
        session.expunge_all()
        return rows


def letter(ctx: AppContext, remote_id: str) -> models.HeadOfficeLetter:
    with ctx.store.sessions() as session:
        row = session.scalar(select(models.HeadOfficeLetter).where(models.HeadOfficeLetter.remote_id == remote_id))
        assert row is not None
        session.expunge(row)
        return row


def push_while_killed(ctx: AppContext, token: str) -> tuple[int, int]:
    """`branchdesk sync` runs, and is SIGKILLed while an item is being sent, until KILLS kills
    landed (or a run finished first); then one run to the end. Returns the kills that landed
    and how many left an item "sending" (cut between its request and its outcome)."""
    env = {**os.environ, "BRANCHDESK_TOKEN": token}
    command = [BRANCHDESK, "--data-dir", str(ctx.data_dir), "sync"]
    rng = random.Random(19)
    kills = interrupted = 0
    for _attempt in range(KILLS * 3):
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while process.poll() is None and time.monotonic() < deadline:
            if any(item.status == "sending" for item in outbox(ctx)):
                break
            time.sleep(0.01)
        time.sleep(rng.uniform(0, 0.05))  # inside the request, or its outcome's commit
        process.send_signal(signal.SIGKILL)
        process.wait()
        if process.returncode != -signal.SIGKILL:
            break  # it finished first: nothing left to interrupt
        kills += 1
        interrupted += sum(item.status == "sending" for item in outbox(ctx))
        if kills == KILLS:
            break
    final = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert final.returncode == 0, final.stdout + final.stderr
    return kills, interrupted


def test_letters_answered_with_attachments_land_once_through_sigkills_and_replies_come_back(
    office: HeadOffice, ctx: AppContext
) -> None:
    token = office.add_manager(SAMPLE_MANAGER, "王芳")
    ctx.credentials.store(office.url, SAMPLE_MANAGER, token)
    ctx.settings.set_server_url(office.url)
    ctx.settings.set(MANAGER_KEY, SAMPLE_MANAGER)
    proposal_id = finished_proposal(ctx)
    assert ctx.sync.run_once().sent == 1

    # Head office raises a problem case and a medical-examination letter; the laptop pulls them.
    problem = office.command("letter", proposal_id, "problem", "--reason", "缺少投保人收入证明")
    exam = office.command("letter", proposal_id, "medical_exam", "--reason", "请于十日内完成体检",
                          "--field", "hospital=市第一人民医院", "--field", "items=血常规、心电图",
                          "--field", "exam_at=2026-05-01 09:30")  # fmt: skip
    ctx.sync.run_once()
    case, medical = letter(ctx, str(problem["problem_id"])), letter(ctx, str(exam["problem_id"]))
    assert (case.kind, medical.kind) == ("problem", "medical_exam")
    assert json.loads(medical.fields_json) == {"exam_at": "2026-05-01T09:30", "hospital": "市第一人民医院",
                                               "items": "血常规、心电图"}  # fmt: skip
    assert medical.due_on == medical.issued_on + timedelta(days=10)

    # The laptop answers both, each with a scan large enough to be killed in the middle of.
    files = {case.id: ("收入证明.jpg", scan(b"\xff\xd8\xff\xe0", 5 * MIB, 1)),
             medical.id: ("体检预约单.pdf", scan(b"%PDF-1.7\n", 5 * MIB, 2))}  # fmt: skip
    answer_ids = {}
    for letter_row, text in ((case, "已补交收入证明"), (medical, "已预约 5 月 1 日体检")):
        draft = ctx.answers.draft(letter_row.id)
        ctx.answers.save(draft.id, text)
        name, data = files[letter_row.id]
        ctx.answers.attach(draft.id, name, data)
        ctx.answers.send(draft.id)
        answer_ids[letter_row.id] = draft.id
    assert [i.kind for i in outbox(ctx)] == ["proposal", "answer", "answer"]

    kills, interrupted = push_while_killed(ctx, token)
    assert kills >= 1 and interrupted >= 1
    assert {i.status for i in outbox(ctx)} == {"sent"}

    # Head office holds each answer exactly once, with the very bytes the laptop attached.
    received = [r.id for r in office.records("answer")]
    assert sorted(received) == sorted(answer_ids.values())
    held = {a["id"]: a for a in office.answers()}
    for letter_id, answer_id in answer_ids.items():
        name, data = files[letter_id]
        [attachment] = held[answer_id]["attachments"]
        assert (attachment["name"], attachment["size"], attachment["sha256"]) == (
            name, len(data), hashlib.sha256(data).hexdigest())  # fmt: skip
        assert held[answer_id]["letter_id"] == letter(ctx, str(problem["problem_id"] if letter_id == case.id
                                                              else exam["problem_id"])).remote_id  # fmt: skip

    # Head office replies; after a pull the laptop shows the replies and the re-opened letter.
    office.command("reply", answer_ids[case.id], "accepted", "--text", "收入证明已收到")
    office.command("reply", answer_ids[medical.id], "question", "--text", "请补充心电图报告原件")
    ctx.sync.run_once()
    [case_answer] = ctx.answers.for_letter(case.id)
    [exam_answer] = ctx.answers.for_letter(medical.id)
    assert (case_answer.hq_reply, case_answer.hq_reply_text) == ("accepted", "收入证明已收到")
    assert (exam_answer.hq_reply, exam_answer.hq_reply_text) == ("question", "请补充心电图报告原件")
    assert letter(ctx, case.remote_id).resolved_at is not None
    reopened = letter(ctx, medical.remote_id)
    assert exam_answer.hq_reply_at is not None
    reply_day = exam_answer.hq_reply_at.astimezone(local_zone()).date()
    assert reopened.resolved_at is None and reopened.due_on == reply_day + timedelta(days=10)
    assert reopened.reason.endswith("请补充心电图报告原件")
    today = ctx.today.build(date.today())
    shown = {(r.kind, r.subject_id) for r in today.reminders}
    assert ("letter_due", medical.id) in shown and ("letter_due", case.id) not in shown
    assert {("hq_reply", answer_ids[case.id]), ("hq_reply", answer_ids[medical.id])} <= shown
    replies = {r.subject_id: (r.reply, r.detail) for r in today.reminders if r.kind == "hq_reply"}
    assert replies[answer_ids[medical.id]] == ("question", "请补充心电图报告原件")
    # A second pull changes nothing: the replies are applied once.
    again = ctx.sync.run_once()
    assert again.statuses_changed == 0
    print(f"\n[paperwork loop] {office.db_url.split(':')[0]}: kills={kills}, interrupted={interrupted}")
