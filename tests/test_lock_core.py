"""The idle lock's PIN rules, hash and wrong-try limit, against a real profile's settings."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from app.context import AppContext
from app.errors import InvalidInput
from app.profile.lock import MAX_TRIES, WAIT_S, LockService, hash_pin, pin_matches


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def lock(ctx: AppContext, clock: Clock) -> LockService:
    return LockService(ctx.settings, clock)


def test_the_pin_is_stored_only_as_a_salted_slow_hash(ctx: AppContext, lock: LockService) -> None:
    lock.set_pin("482913")
    with ctx.store.sessions() as session:
        stored = " ".join(session.scalars(text("SELECT value_json FROM settings")))
    assert "482913" not in stored
    record = ctx.settings.get("security_pin")
    assert record["kdf"] == "scrypt" and record["n"] >= 2**14 and len(bytes.fromhex(record["salt"])) == 16
    assert hash_pin("482913")["hash"] != record["hash"]  # a new salt each time
    assert pin_matches(record, "482913") and not pin_matches(record, "482914")


def test_unlock_with_the_right_pin_and_not_with_a_wrong_one(lock: LockService) -> None:
    lock.set_pin("482913")
    assert lock.unlock("482913").unlocked
    wrong = lock.unlock("000000")
    assert not wrong.unlocked and wrong.tries_left == MAX_TRIES - 1 and wrong.wait_s == 0


def test_five_wrong_tries_mean_a_wait_that_a_restart_does_not_skip(
    ctx: AppContext, lock: LockService, clock: Clock
) -> None:
    lock.set_pin("482913")
    results = [lock.unlock("1111") for _ in range(MAX_TRIES)]
    assert [r.tries_left for r in results] == [4, 3, 2, 1, 0] and results[-1].wait_s == WAIT_S
    restarted = LockService(ctx.settings, clock)  # the app quit and opened again
    refused = restarted.unlock("482913")
    assert not refused.unlocked and refused.wait_s == WAIT_S
    clock.now += WAIT_S - 10
    assert restarted.wait_left() == 10
    clock.now += 10
    assert restarted.unlock("482913").unlocked
    assert restarted.unlock("1111").tries_left == MAX_TRIES - 1  # the count starts again


@pytest.mark.parametrize("pin", ["", "123", " 1234", "1234567890123", "abc12"])
def test_weak_or_odd_pins_are_refused(lock: LockService, pin: str) -> None:
    with pytest.raises(InvalidInput):
        lock.set_pin(pin)
    assert not lock.has_pin()


def test_changing_the_pin_needs_the_current_one(lock: LockService) -> None:
    lock.set_pin("482913")
    with pytest.raises(InvalidInput, match="current PIN is wrong"):
        lock.set_pin("2468", current_pin="999999")
    lock.set_pin("correct horse", current_pin="482913")
    assert lock.unlock("correct horse").unlocked and not lock.unlock("482913").unlocked


def test_idle_minutes_default_and_limits(lock: LockService) -> None:
    assert lock.idle_minutes() == 10
    lock.set_idle_minutes(0)
    assert lock.idle_minutes() == 0
    with pytest.raises(InvalidInput):
        lock.set_idle_minutes(-1)
    with pytest.raises(InvalidInput):
        lock.set_idle_minutes(241)
