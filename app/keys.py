"""The database key of a profile: 32 random bytes in the OS keyring, or a passphrase.

The keyring holds the key under service "BranchDesk", account "db-key|<absolute data dir>".
Where no usable keyring exists the user types a passphrase (the GUI's dialog, the CLI's
--passphrase-stdin, or BRANCHDESK_PASSPHRASE for unattended runs) and SQLCipher derives the
key from it. Which of the two a profile uses is written in a small, non-secret marker file
next to the database (branchdesk.keymode), so a missing key is told apart from a new profile.
For a keyring profile the marker also names the keyring account, so a profile folder that is
moved or copied elsewhere still finds its key.

The demo profile (a `-demo` folder, app/paths.py) holds made-up data only. Where no keyring
exists and no passphrase was given, it is encrypted with the fixed, published DEMO_PASSPHRASE,
so 打开演示档案 works on such a machine without asking for a passphrase nobody needs to keep.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path

from app.errors import StartupError
from local_db.cipher import RAW_KEY_BYTES, DbKey
from local_db.opening import DB_FILENAME

KEYMODE_FILENAME = "branchdesk.keymode"
KEYRING, PASSPHRASE = "keyring", "passphrase"
ENV_PASSPHRASE = "BRANCHDESK_PASSPHRASE"
MIN_PASSPHRASE = 8
# Public on purpose (README): it protects made-up data only, never a real profile.
DEMO_PASSPHRASE = "branchdesk-demo"


def account(data_dir: Path) -> str:
    return f"db-key|{Path(data_dir).resolve()}"


def read_mode(data_dir: Path) -> str | None:
    return _read_marker(data_dir)[0]


def _read_marker(data_dir: Path) -> tuple[str | None, str | None]:
    """(mode, keyring account) from the marker; (None, None) when it is missing or unreadable."""
    try:
        lines = (data_dir / KEYMODE_FILENAME).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None, None
    mode = lines[0].strip() if lines else ""
    named = [line.removeprefix("account=") for line in lines[1:] if line.startswith("account=db-key|")]
    return (mode if mode in (KEYRING, PASSPHRASE) else None), (named[0] if named else None)


def write_mode(data_dir: Path, mode: str, account_name: str | None = None) -> None:
    path = data_dir / KEYMODE_FILENAME
    temporary = path.with_name(path.name + ".tmp")
    extra = f"account={account_name}\n" if account_name else ""
    # Owner-only like the database it describes (it names the password store's account).
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)  # a leftover temporary file keeps its old mode through O_CREAT
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(f"{mode}\n{extra}")
    os.replace(temporary, path)


_typed: list[str] = []  # the passphrase given once for this run (`--passphrase-stdin`)


def use_passphrase(passphrase: str) -> None:
    """For the rest of this process, open profiles with `passphrase` (kept in memory only)."""
    _typed[:] = [passphrase]


def environment_passphrase(environ: Mapping[str, str] | None = None) -> str | None:
    if _typed:
        return _typed[0]
    return (os.environ if environ is None else environ).get(ENV_PASSPHRASE) or None


def profile_key(data_dir: Path, *, holds_data: bool, encrypted: bool, passphrase: str | None) -> DbKey:
    """The key that opens (or, for a new or still plain file, will encrypt) the profile.

    `holds_data`: a database file with content exists; `encrypted`: it has no plain header.
    Raises StartupError ("passphrase_needed", "key_missing") with what to do next.
    """
    from app.credentials import Credentials, CredentialsUnavailable
    from app.paths import is_demo_dir

    db_path = data_dir / DB_FILENAME
    if passphrase is None and is_demo_dir(data_dir):
        passphrase = DEMO_PASSPHRASE  # used only where the keyring cannot be (see the docstring)
    mode, named_account = _read_marker(data_dir)
    key_account = named_account or account(data_dir)
    if mode == PASSPHRASE:
        return _passphrase_key(db_path, passphrase, new=not encrypted)
    credentials = Credentials()
    try:
        stored = credentials.load_secret(key_account)
    except CredentialsUnavailable as exc:
        if mode == KEYRING and encrypted:
            raise StartupError(
                "key_missing",
                db_path,
                f"The key of the database {db_path} is kept in the password store, which cannot be "
                f"used now ({exc.reason}). The file was left exactly as it was.",
                "Unlock or repair the password store and start again, or open another data folder.",
                detail=exc.reason,
                zh=f"数据库 {db_path} 的密钥保存在密码存储中，但现在无法使用密码存储。文件保持原样。",
                hint_zh="请解锁或修复密码存储后重新启动，或打开其他数据文件夹。",
            ) from exc
        if encrypted:
            return _passphrase_key(db_path, passphrase, new=False)
        # No keyring here: a new or still plain profile is protected by a passphrase instead.
        key = _passphrase_key(db_path, passphrase, new=True)
        write_mode(data_dir, PASSPHRASE)
        return key
    if stored:
        if mode is None or named_account is None:
            write_mode(data_dir, KEYRING, key_account)
        return DbKey(raw=bytes.fromhex(stored))
    if encrypted and holds_data:
        if mode is None:  # marker lost: a passphrase profile is the only other possibility
            return _passphrase_key(db_path, passphrase, new=False)
        raise StartupError(
            "key_missing",
            db_path,
            f"The key of the database {db_path} is not in this computer's password store "
            "(another computer or user account, or the entry was deleted). The file was left "
            "exactly as it was.",
            "Open a backup made with a key you have, or choose another data folder.",
            zh=f"数据库 {db_path} 的密钥不在这台电脑的密码存储中"
            "（可能来自其他电脑或用户账户，或该条目已被删除）。文件保持原样。",
            hint_zh="请打开用您拥有的密钥制作的备份，或选择其他数据文件夹。",
        )
    raw = secrets.token_bytes(RAW_KEY_BYTES)
    credentials.store_secret(key_account, raw.hex())
    write_mode(data_dir, KEYRING, key_account)
    return DbKey(raw=raw)


def _passphrase_key(db_path: Path, passphrase: str | None, *, new: bool) -> DbKey:
    if not passphrase:
        raise StartupError(
            "passphrase_needed",
            db_path,
            ("Choose a passphrase for the database" if new else "Type the passphrase of the database")
            + f" {db_path}: there is no password store on this computer to keep its key.",
            f"In the app, type it when asked; on the command line use --passphrase-stdin or {ENV_PASSPHRASE}.",
            detail="new" if new else "existing",
            zh=(f"请为数据库 {db_path} 设置口令" if new else f"请输入数据库 {db_path} 的口令")
            + "：这台电脑上没有可保存其密钥的密码存储。",
            hint_zh=f"在程序中按提示输入；命令行请使用 --passphrase-stdin 或 {ENV_PASSPHRASE}。",
        )
    if new and len(passphrase) < MIN_PASSPHRASE:
        raise StartupError(
            "passphrase_needed",
            db_path,
            f"A new passphrase needs at least {MIN_PASSPHRASE} characters.",
            "Choose a longer one.",
            detail="new",
            zh=f"新口令至少需要 {MIN_PASSPHRASE} 个字符。",
            hint_zh="请设置更长的口令。",
        )
    return DbKey(passphrase=passphrase)
