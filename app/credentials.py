"""The head-office token: kept in the OS password store, never in a file, the database or a log.

The one module that imports keyring. A token is stored under service "BranchDesk" and
user name "<server url>|<manager code>", so two servers (test and live) or two managers on
one laptop never overwrite each other's token.

`BRANCHDESK_TOKEN` in the environment wins when set: unattended runs (a scheduled
`branchdesk sync`) have no desktop session to unlock a keyring.

With no usable password store, `CredentialsUnavailable` says so in plain words. There is no
plaintext fallback: a backend whose priority is below 1 is keyring's fail or null backend or
a plaintext file (keyrings.alt), and all of them are refused.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

from app.errors import BranchDeskError

SERVICE = "BranchDesk"
ENV_TOKEN = "BRANCHDESK_TOKEN"
UNAVAILABLE = (
    "No secure password store is available on this computer ({reason}); BranchDesk will not "
    "keep the token in a file. Set BRANCHDESK_TOKEN for unattended runs or install a keyring "
    "backend."
)
# Without the reason: it names a keyring backend in English; the log and the English text keep it.
UNAVAILABLE_ZH = (
    "这台电脑上没有可用的安全密码存储；网点工作台不会把令牌保存在文件里。"
    "无人值守运行请设置 BRANCHDESK_TOKEN，或安装密码存储（keyring）后端。"
)


class CredentialsUnavailable(BranchDeskError):
    """No usable OS password store."""

    code = "credentials_unavailable"

    def __init__(self, reason: str) -> None:
        super().__init__(UNAVAILABLE.format(reason=reason), zh=UNAVAILABLE_ZH)
        self.reason = reason


def account(server_url: str, manager_code: str) -> str:
    return f"{server_url.strip().rstrip('/')}|{manager_code.strip()}"


def _unusable_reason(backend: KeyringBackend) -> str | None:
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    try:
        priority = float(backend.priority)
    except Exception as exc:  # a backend probing a missing D-Bus can fail here
        return f"{name}: {type(exc).__name__}"
    if priority < 1:
        return f"{name} is not a secure store"
    chained = getattr(backend, "backends", None)
    if chained is not None and any("plaintext" in type(b).__name__.lower() for b in chained):
        return f"{name} would chain to a plaintext file"
    return None


class Credentials:
    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self._environ = os.environ if environ is None else environ

    def from_environment(self) -> bool:
        return bool(self.environment_token())

    def environment_token(self) -> str:
        return self._environ.get(ENV_TOKEN, "").strip()

    def load(self, server_url: str, manager_code: str) -> str | None:
        """The token, from BRANCHDESK_TOKEN or the password store; None when none is stored."""
        return self.environment_token() or self.load_secret(account(server_url, manager_code))

    def store(self, server_url: str, manager_code: str, token: str) -> None:
        if not token.strip():
            raise ValueError("an empty token is not stored")
        self.store_secret(account(server_url, manager_code), token.strip())

    def delete(self, server_url: str, manager_code: str) -> bool:
        """Forget the stored token; False when there was none."""
        backend = self._backend()
        try:
            backend.delete_password(SERVICE, account(server_url, manager_code))
        except keyring.errors.PasswordDeleteError:
            return False
        except keyring.errors.KeyringError as exc:
            raise CredentialsUnavailable(f"{type(exc).__name__}") from None
        return True

    def load_secret(self, account_name: str) -> str | None:
        """A secret of ours under service "BranchDesk": a token, or the database key (app/keys.py)."""
        backend = self._backend()
        try:
            return backend.get_password(SERVICE, account_name) or None
        except keyring.errors.KeyringError as exc:
            raise CredentialsUnavailable(f"{type(exc).__name__}") from None

    def store_secret(self, account_name: str, secret: str) -> None:
        backend = self._backend()
        try:
            backend.set_password(SERVICE, account_name, secret)
        except keyring.errors.KeyringError as exc:
            raise CredentialsUnavailable(f"{type(exc).__name__}") from None

    def _backend(self) -> KeyringBackend:
        backend = keyring.get_keyring()
        reason = _unusable_reason(backend)
        if reason is not None:
            raise CredentialsUnavailable(reason)
        return backend
