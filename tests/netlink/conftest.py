"""A real bad link for the sync tests: see tests/netlink/link.py for what is built and how.

- `link_office(loss=0.0, round_trip_ms=100)`: a BadLink at 512 kbit/s each way, a round trip of
  `round_trip_ms` ± 5 ms each way (with `loss`, a random share of packets dropped) and the real
  head-office server on its far side, started; both torn down after the test, whatever happens.
  Skipped, saying why, without root, `ip netns` or TUN.
- `day_profile`: a laptop profile with a day's paperwork queued: 20 finished proposals and their
  20 receipts, 3 of them with a ~1 MB phone photo of the signed paper as their scan.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from app.context import AppContext
from app.receipts.service import ReceiptFields, ReceiptService
from app.rules.ids import ProposalId
from tests.netlink.link import BadLink, LinkOffice, unavailable
from tests.netlink.photos import phone_photo
from tests.paperwork_helpers import PNG, finished_proposal, zigzag

# Twice the bench's 256 kbit/s: the same drops, cuts and kills in half the suite's time (the
# bench, tests/bench/bad_link.py, measures the 256 kbit/s day).
RATE_KBIT = 512
# The suite's round trip: a third of the bench's 300 ms (the delay test has the full 300 ms).
ROUND_TRIP_MS = 100.0
JITTER_MS = 5.0
PROPOSALS = 20
SCAN_BYTES = 1_000_000
PHOTOS = 3  # receipts with a photo of the signed paper as their scan; the others signed on screen

LinkOffices = Callable[..., tuple[BadLink, LinkOffice]]


@pytest.fixture
def link_office(tmp_path: Path) -> Iterator[LinkOffices]:
    why = unavailable()
    if why:
        pytest.skip(f"no bad link here: {why}")
    made: list[tuple[BadLink, LinkOffice]] = []

    def make(loss: float = 0.0, round_trip_ms: float = ROUND_TRIP_MS, jitter_ms: float = JITTER_MS
             ) -> tuple[BadLink, LinkOffice]:  # fmt: skip
        link = BadLink(rate_kbit=RATE_KBIT, loss=loss, round_trip_ms=round_trip_ms, jitter_ms=jitter_ms).__enter__()
        try:
            office = LinkOffice(link, tmp_path / f"headoffice-{len(made)}")
            made.append((link, office))
            office.start()
        except BaseException:
            if not made or made[-1][0] is not link:
                link.close()
            raise
        return link, office

    try:
        yield make
    finally:
        for link, office in made:
            try:
                office.close()
            finally:
                link.close()


def signed_receipt(ctx: AppContext, proposal_id: ProposalId, photo: bytes | None) -> None:
    """The proposal's receipt signed yesterday: on screen, or with `photo` (a JPEG) as its scan."""
    yesterday = date.today() - timedelta(days=1)
    receipts = ReceiptService(ctx.store.sessions, ctx.actor)
    receipt_id = receipts.new_draft(proposal_id)
    receipts.save_draft(receipt_id, ReceiptFields("P2026000123", yesterday, yesterday, 15))
    if photo is None:
        receipts.sign(receipt_id, yesterday, signature=(zigzag(), PNG))
    else:
        receipts.sign(receipt_id, yesterday, scan=(photo, "image/jpeg"))


def build_day(target: Path, photos: list[bytes | None]) -> None:
    """A finished proposal per entry of `photos`, and its receipt (with that photo as its scan)."""
    ctx = AppContext.open(target)
    try:
        ids = [finished_proposal(ctx) for _ in photos]
        for proposal_id, photo in zip(ids, photos, strict=True):
            signed_receipt(ctx, proposal_id, photo)
    finally:
        ctx.close()


@pytest.fixture(scope="session")
def day_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("netlink-day")
    photos = [phone_photo(SCAN_BYTES, seed, size=(3000, 2250)) for seed in range(PHOTOS)]
    build_day(target, [*photos, *[None] * (PROPOSALS - PHOTOS)])
    return target


@pytest.fixture
def day_profile(day_template: Path, tmp_path: Path) -> Iterator[AppContext]:
    target = tmp_path / "laptop"
    shutil.copytree(day_template, target)
    ctx = AppContext.open(target)
    yield ctx
    ctx.close()
