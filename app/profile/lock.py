"""The idle lock's brain: the PIN (as a salted slow hash), the idle time, the wrong-try limit.

No Qt here: ui/shell/idle_lock.py only shows what this decides. The PIN itself is never stored —
only a scrypt hash with its own random salt, in the profile's settings (inside the database,
encrypted with it once encryption is on). Wrong tries are counted in settings too, with the
wall-clock time the wait ends, so quitting and restarting the app does not reset them; and
a profile with a PIN starts locked, or restarting would be a way round the lock.

A PIN is 4 to 12 digits or a password of 6 or more characters. Four digits are guessed in
hours by someone who has copied the database (scrypt slows each guess, it cannot make 10,000
of them many); the lock is against the person at the desk, who gets 5 tries per 30 seconds.

IT's site file may set the longest idle time (`idle_lock_max_minutes`, app/profile/site_config.py):
a longer one the user chose, or "never", counts as that maximum, and a new one above it is
refused; locked, the idle time is the maximum and cannot be changed.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.errors import InvalidInput
from app.profile.settings import SettingsService
from app.profile.site_config import SettingLocked

PIN_KEY = "security_pin"  # {"kdf": "scrypt", "n", "r", "p", "salt": hex, "hash": hex}
IDLE_KEY = "security_idle_minutes"
TRIES_KEY = "security_wrong_tries"  # {"count": int, "wait_until": epoch seconds}
DEFAULT_IDLE_MINUTES = 10
MAX_IDLE_MINUTES = 240
MAX_TRIES = 5
WAIT_S = 30
# 32 MiB and about 0.1 s per try on a branch laptop: slow for a guesser, unnoticed at unlock.
SCRYPT = {"n": 2**15, "r": 8, "p": 1}


@dataclass(frozen=True)
class IdleLimit:
    """The site file's say on the idle time: its maximum (None: none) and whether it is locked."""

    maximum: int | None
    locked: bool


@dataclass(frozen=True)
class UnlockResult:
    unlocked: bool
    tries_left: int  # before the next wait
    wait_s: int  # seconds until the next try is accepted; 0 when one may try now


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=64 * 1024 * 1024, dklen=32)


def hash_pin(pin: str) -> dict[str, Any]:
    salt = os.urandom(16)
    return {"kdf": "scrypt", **SCRYPT, "salt": salt.hex(), "hash": _scrypt(pin, salt, **SCRYPT).hex()}


def pin_matches(stored: dict[str, Any], pin: str) -> bool:
    if stored.get("kdf") != "scrypt":
        return False
    digest = _scrypt(pin, bytes.fromhex(stored["salt"]), int(stored["n"]), int(stored["r"]), int(stored["p"]))
    return hmac.compare_digest(digest.hex(), str(stored["hash"]))


def check_new_pin(pin: str) -> None:
    if pin != pin.strip() or not pin:
        raise InvalidInput("The PIN is empty or starts or ends with a space.", "Type 4 to 12 digits, or a password.",
                           zh="密码为空，或开头或结尾有空格。",
                           hint_zh="请输入 4 到 12 位数字，或一个密码。")  # fmt: skip
    if pin.isdigit():
        if not 4 <= len(pin) <= 12:
            raise InvalidInput("A PIN has 4 to 12 digits.",
                               "Type 4 to 12 digits, or a password of 6 or more characters.",
                               zh="数字密码为 4 到 12 位。",
                               hint_zh="请输入 4 到 12 位数字，或至少 6 个字符的密码。")  # fmt: skip
    elif len(pin) < 6:
        raise InvalidInput("A password needs 6 or more characters.", "Type a longer password, or 4 to 12 digits.",
                           zh="密码至少需要 6 个字符。", hint_zh="请输入更长的密码，或 4 到 12 位数字。")  # fmt: skip


class LockService:
    def __init__(self, settings: SettingsService, clock: Callable[[], float] = time.time) -> None:
        self._settings = settings
        self._clock = clock

    def idle_limit(self) -> IdleLimit:
        site = self._settings.site
        return IdleLimit(site.idle_lock_max_minutes, site.is_locked("idle_lock_max_minutes"))

    def idle_minutes(self) -> int:
        """Minutes without input before the lock; 0 means never (not when IT sets a maximum)."""
        own = int(self._settings.get(IDLE_KEY, DEFAULT_IDLE_MINUTES))
        limit = self.idle_limit()
        if limit.maximum is None:
            return own
        return limit.maximum if limit.locked or own == 0 or own > limit.maximum else own

    def set_idle_minutes(self, minutes: int) -> None:
        if not 0 <= minutes <= MAX_IDLE_MINUTES:
            raise InvalidInput(f"The idle time must be 0 to {MAX_IDLE_MINUTES} minutes (0: never lock).",
                               zh=f"闲置时间必须是 0 到 {MAX_IDLE_MINUTES} 分钟（0 表示从不锁定）。")  # fmt: skip
        limit = self.idle_limit()
        if limit.maximum is not None:
            if limit.locked:
                if minutes != limit.maximum:
                    raise SettingLocked("idle_lock_max_minutes", self._settings.site.path)
                return  # IT's value stands; the user's own is kept for when the lock goes
            if minutes == 0 or minutes > limit.maximum:
                most = limit.maximum
                raise InvalidInput(f"Your IT department allows at most {most} minutes idle before the lock "
                                   "(never locking is not allowed).",
                                   zh=f"信息科技部规定闲置最长 {most} 分钟即锁定（不允许从不锁定）。")  # fmt: skip
        self._settings.set(IDLE_KEY, minutes)

    def has_pin(self) -> bool:
        return bool(self._settings.get(PIN_KEY))

    def set_pin(self, new_pin: str, current_pin: str | None = None) -> None:
        """Set or change the PIN; changing it needs the current one (and counts a wrong one)."""
        check_new_pin(new_pin)
        if self.has_pin():
            result = self.unlock(current_pin or "")
            if not result.unlocked:
                raise InvalidInput("The current PIN is wrong; the PIN was not changed.",
                                   _wait_hint(result), zh="当前密码不正确；密码未更改。",
                                   hint_zh=_wait_hint_zh(result))  # fmt: skip
        self._settings.set(PIN_KEY, hash_pin(new_pin))

    def wait_left(self) -> int:
        return self._wait_left(self._settings.get(TRIES_KEY) or {})

    def _wait_left(self, tries: dict[str, float]) -> int:
        return max(0, int(float(tries.get("wait_until", 0)) - self._clock() + 0.999))

    def unlock(self, pin: str) -> UnlockResult:
        """Check `pin`. After MAX_TRIES wrong ones in a row, none is checked for WAIT_S seconds."""
        stored = self._settings.get(PIN_KEY)
        if not stored:
            return UnlockResult(True, MAX_TRIES, 0)
        tries = self._settings.get(TRIES_KEY) or {}
        wait = self._wait_left(tries)
        count = int(tries.get("count", 0))
        if wait:
            return UnlockResult(False, 0, wait)
        if pin_matches(stored, pin):
            if count:
                self._settings.set(TRIES_KEY, {"count": 0, "wait_until": 0})
            return UnlockResult(True, MAX_TRIES, 0)
        count += 1
        if count >= MAX_TRIES:
            self._settings.set(TRIES_KEY, {"count": 0, "wait_until": self._clock() + WAIT_S})
            return UnlockResult(False, 0, WAIT_S)
        self._settings.set(TRIES_KEY, {"count": count, "wait_until": 0})
        return UnlockResult(False, MAX_TRIES - count, 0)


def _wait_hint(result: UnlockResult) -> str:
    if result.wait_s:
        return f"Too many wrong tries: wait {result.wait_s} seconds."
    return f"{result.tries_left} tries left before a {WAIT_S}-second wait."


def _wait_hint_zh(result: UnlockResult) -> str:
    if result.wait_s:
        return f"错误次数过多：请等待 {result.wait_s} 秒。"
    return f"还可以再试 {result.tries_left} 次，之后需等待 {WAIT_S} 秒。"
