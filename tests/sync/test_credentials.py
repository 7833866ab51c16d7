"""The token's home: the OS password store (an in-memory one in tests), BRANCHDESK_TOKEN, never a file."""

from __future__ import annotations

import keyring
import keyring.errors
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail, null

from app.context import AppContext
from app.credentials import ENV_TOKEN, SERVICE, Credentials, CredentialsUnavailable
from app.headoffice.service import NotLoggedIn
from tests.sync.conftest import log_in

URL, CODE = "https://hq.example.com", "BJ0107"


class PlaintextKeyring(KeyringBackend):
    """Stands for keyrings.alt's file backend: usable, but a plain file on disk."""

    priority = 0.5

    def get_password(self, service: str, username: str) -> str | None:
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        raise AssertionError("a plaintext backend must never be written to")

    def delete_password(self, service: str, username: str) -> None:
        pass


class LockedKeyring(KeyringBackend):
    """A real store that refuses (a locked login keyring, a D-Bus error)."""

    priority = 5

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.PasswordSetError("refused")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.KeyringError("refused")


def test_store_load_delete_under_the_server_and_manager(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_TOKEN, raising=False)
    credentials = Credentials()
    assert credentials.load(URL, CODE) is None
    credentials.store(URL + "/", CODE, "tok-1")
    credentials.store("https://test-hq.example.com", CODE, "tok-test")
    credentials.store(URL, "SH0002", "tok-2")
    assert keyring.get_password(SERVICE, f"{URL}|{CODE}") == "tok-1"
    assert credentials.load(URL, CODE) == "tok-1"
    assert credentials.load("https://test-hq.example.com", CODE) == "tok-test"
    assert credentials.load(URL, "SH0002") == "tok-2"
    assert credentials.delete(URL, CODE) is True
    assert credentials.load(URL, CODE) is None and credentials.load(URL, "SH0002") == "tok-2"
    with pytest.raises(ValueError):
        credentials.store(URL, CODE, "   ")


def test_the_environment_token_wins_for_unattended_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    Credentials().store(URL, CODE, "from-keyring")
    monkeypatch.setenv(ENV_TOKEN, " from-env ")
    assert Credentials().load(URL, CODE) == "from-env" and Credentials().from_environment()
    # It wins even where no password store works.
    keyring.set_keyring(fail.Keyring())
    assert Credentials().load(URL, CODE) == "from-env"
    assert Credentials(environ={}).from_environment() is False


@pytest.mark.parametrize(
    "backend", [fail.Keyring(), null.Keyring(), PlaintextKeyring()], ids=["fail", "null", "plaintext"]
)
def test_no_usable_store_is_said_plainly_and_nothing_falls_back_to_a_file(
    backend: KeyringBackend, monkeypatch: pytest.MonkeyPatch, ctx: AppContext
) -> None:
    monkeypatch.delenv(ENV_TOKEN, raising=False)
    keyring.set_keyring(backend)
    credentials = Credentials()
    for call in (lambda: credentials.load(URL, CODE), lambda: credentials.store(URL, CODE, "t"),
                 lambda: credentials.delete(URL, CODE)):  # fmt: skip
        with pytest.raises(CredentialsUnavailable) as caught:
            call()
        assert caught.value.message.startswith("No secure password store is available on this computer (")
        assert "will not keep the token in a file" in caught.value.message
        assert "BRANCHDESK_TOKEN" in caught.value.message and "BRANCHDESK_TOKEN" in caught.value.message_zh
    with pytest.raises(CredentialsUnavailable):
        ctx.sync.login(URL, CODE, "t")  # refused before any request is made
    assert ctx.settings.server_url() == "" and list(ctx.data_dir.iterdir())  # nothing written but the profile


def test_a_store_that_refuses_is_reported_not_hidden(monkeypatch: pytest.MonkeyPatch, ctx: AppContext) -> None:
    monkeypatch.delenv(ENV_TOKEN, raising=False)
    keyring.set_keyring(LockedKeyring())
    with pytest.raises(CredentialsUnavailable, match="KeyringLocked"):
        Credentials().load(URL, CODE)
    with pytest.raises(CredentialsUnavailable, match="PasswordSetError"):
        Credentials().store(URL, CODE, "t")
    ctx.settings.set_server_url(URL)
    ctx.settings.set("sync_manager_code", CODE)
    with pytest.raises(CredentialsUnavailable):
        ctx.sync.run_once()


def test_a_run_without_a_token_is_not_logged_in(ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_TOKEN, raising=False)
    log_in(ctx, URL, "t")
    ctx.credentials.delete(URL, CODE)
    with pytest.raises(NotLoggedIn):
        ctx.sync.run_once()
