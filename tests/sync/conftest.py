"""Fixtures for the sync client's tests: the real head-office server (tests/headoffice), profiles
full of finished paperwork, and a SyncService with test-sized back-offs.

Finishing hundreds of proposals through ProposalService takes seconds, so each size of
profile is built once per session and copied for every test that wants one.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol

import pytest

from app.context import AppContext
from app.headoffice.service import MANAGER_KEY, SyncService
from sync.outbox import RetryPolicy
from tests.headoffice.fixtures import SAMPLE_MANAGER, headoffice, headoffice_token  # noqa: F401
from tests.headoffice.laptop import receipt_item
from tests.headoffice.server import HeadOffice
from tests.paperwork_helpers import finished_proposal

# Quick tries and no waiting between runs: the tests run many runs back to back.
FAST = RetryPolicy(attempts=4, initial_s=0.01, max_s=0.05, jitter_s=0.01, later_initial_s=0.0, later_max_s=0.0)
# Far below the defaults, so a stalled answer costs the tests little; the local server answers
# in milliseconds.
QUICK_TIMEOUT = (1.0, 0.5)


def build_profile(target: Path, proposals: int, receipts: int) -> None:
    """`proposals` finished proposals of the sample manager and receipts for the first `receipts`."""
    ctx = AppContext.open(target)
    try:
        ids = [finished_proposal(ctx) for _ in range(proposals)]
        for proposal_id in ids[:receipts]:
            receipt_item(ctx, proposal_id)
    finally:
        ctx.close()


@pytest.fixture(scope="session")
def profile_template(tmp_path_factory: pytest.TempPathFactory) -> Callable[[int, int], Path]:
    built: dict[tuple[int, int], Path] = {}

    def template(proposals: int, receipts: int) -> Path:
        if (proposals, receipts) not in built:
            target = tmp_path_factory.mktemp(f"profile-{proposals}-{receipts}")
            build_profile(target, proposals, receipts)
            built[(proposals, receipts)] = target
        return built[(proposals, receipts)]

    return template


class MakeProfile(Protocol):
    """The make_profile fixture: a fresh copy of a profile with that much paperwork queued."""

    def __call__(self, proposals: int, receipts: int = 0) -> AppContext: ...


@pytest.fixture
def make_profile(profile_template: Callable[[int, int], Path], tmp_path: Path) -> Iterator[MakeProfile]:
    """A fresh copy of a profile with that much paperwork queued, opened; closed after the test."""
    opened: list[AppContext] = []

    def make(proposals: int, receipts: int = 0) -> AppContext:
        target = tmp_path / f"profile-{len(opened)}"
        shutil.copytree(profile_template(proposals, receipts), target)
        opened.append(AppContext.open(target))
        return opened[-1]

    yield make
    for ctx in opened:
        ctx.close()


def service(ctx: AppContext, policy: RetryPolicy = FAST, timeout: tuple[float, float] = QUICK_TIMEOUT) -> SyncService:
    """The app's SyncService, with test-sized back-offs and timeouts."""
    return SyncService(ctx.store.sessions, ctx.settings, ctx.credentials, ctx.hq_status,
                       data_dir=ctx.data_dir, actor=ctx.actor, policy=policy, timeout=timeout)  # fmt: skip


def log_in(ctx: AppContext, office: HeadOffice | str, token: str, manager: str = SAMPLE_MANAGER) -> None:
    """What `branchdesk login` stores, without asking head office (which may be down on purpose)."""
    url = office if isinstance(office, str) else office.url
    ctx.credentials.store(url, manager, token)
    ctx.settings.set_server_url(url)
    ctx.settings.set(MANAGER_KEY, manager)
