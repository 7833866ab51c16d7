"""The bundle `make dist` builds, run as on a laptop: unpacked into a clean folder and started with
an environment that has no virtualenv, no PYTHONPATH and none of this checkout's paths in it.

Run by `make dist-check` only (it names the archive in BRANCHDESK_DIST_ARCHIVE); `make test`
leaves tests/dist out, the build takes minutes.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tarfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pypdf
import pytest

from app import __version__
from local_db.schema import head_revision

ARCHIVE_ENV = "BRANCHDESK_DIST_ARCHIVE"
if not os.environ.get(ARCHIVE_ENV):
    pytest.skip(f"`make dist-check` runs this ({ARCHIVE_ENV} names the archive)", allow_module_level=True)

PASSPHRASE = "a long enough passphrase"
DEMO_CLIENTS = 200
COMMAND_TIMEOUT_S = 120
EXE_NAME = "branchdesk.exe" if sys.platform == "win32" else "branchdesk"


@dataclass(frozen=True)
class Laptop:
    exe: Path
    bundle: Path
    home: Path
    data: Path
    env: dict[str, str]

    def run(self, *args: str, extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        """The bundled `branchdesk` with `args`, from an empty working folder; never a traceback on stderr."""
        done = subprocess.run(
            [str(self.exe), *args],
            env={**self.env, **(extra_env or {})},
            cwd=self.home,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=COMMAND_TIMEOUT_S,
            check=False,
        )
        assert "Traceback" not in done.stderr, done.stderr
        return done

    def log_text(self) -> str:
        """Everything the app logged (platformdirs' user log folder under this HOME)."""
        return "\n".join(path.read_text(encoding="utf-8", errors="replace") for path in self.home.rglob("*.log"))


def minimal_env(home: Path, tmp: Path) -> dict[str, str]:
    """What a laptop's session gives a program, and no more: no venv, no PYTHONPATH, no checkout on PATH."""
    site_config = tmp / "no-site-config"  # not the build machine's /etc/xdg
    site_config.mkdir()
    env = {
        "HOME": str(home),
        "TMPDIR": str(tmp),
        "LANG": "C.UTF-8",
        "TZ": "Asia/Shanghai",
        "PATH": os.pathsep.join(p for p in ("/usr/local/bin", "/usr/bin", "/bin") if Path(p).is_dir()),
        "XDG_CONFIG_DIRS": str(site_config),
        "QT_QPA_PLATFORM": "offscreen",
        "BRANCHDESK_PASSPHRASE": PASSPHRASE,
        # No password store on a test machine: keyring's fail backend says so at once (no D-Bus
        # probing), and the profile is protected by the passphrase above, as on such a laptop.
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    if sys.platform == "win32":
        env["SYSTEMROOT"] = os.environ.get("SYSTEMROOT", r"C:\Windows")
    return env


@pytest.fixture(scope="module")
def laptop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Laptop]:
    archive = Path(os.environ[ARCHIVE_ENV]).resolve()
    assert archive.is_file(), f"{archive}: no archive (make dist builds it)"
    root = tmp_path_factory.mktemp("laptop")
    unpacked = root / "programs"
    with tarfile.open(archive) as tar:
        tar.extractall(unpacked, filter="tar")
    exe = unpacked / "branchdesk" / EXE_NAME
    assert exe.is_file() and os.access(exe, os.X_OK), f"{exe}: not in the archive"
    home = root / "home"
    home.mkdir()
    tmp = root / "tmp"
    tmp.mkdir()
    env = minimal_env(home, tmp)
    assert not {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME"} & env.keys()
    assert not any(".venv" in part for part in env["PATH"].split(os.pathsep))
    yield Laptop(exe, unpacked / "branchdesk", home, root / "data", env)


@pytest.fixture(scope="module")
def demo_profile(laptop: Laptop) -> Path:
    done = laptop.run("--data-dir", str(laptop.data), "demo-data", "--clients", str(DEMO_CLIENTS))
    assert done.returncode == 0, done.stderr
    assert f"{DEMO_CLIENTS} clients" in done.stdout
    return laptop.data


def test_version(laptop: Laptop) -> None:
    done = laptop.run("--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"BranchDesk {__version__}"


def test_doctor_on_a_demo_profile(laptop: Laptop, demo_profile: Path) -> None:
    done = laptop.run("--data-dir", str(demo_profile), "doctor")
    assert done.returncode == 0, done.stdout + done.stderr
    # Every migration came with the bundle (Alembic read them from its local_db/migrations) and the
    # cipher driver opened the encrypted file.
    lines = [line.split() for line in done.stdout.splitlines()]
    assert ["schema", "revision:", head_revision()] in lines
    assert ["integrity:", "ok"] in lines
    assert ["clients", f"{DEMO_CLIENTS:,}"] in lines
    assert "SQLCipher" in done.stdout


def test_prints_a_daily_plan_in_chinese(laptop: Laptop, demo_profile: Path) -> None:
    target = laptop.home / "plan.pdf"
    done = laptop.run("--data-dir", str(demo_profile), "print", "daily-plan", "--out", str(target))
    assert done.returncode == 0, done.stdout + done.stderr
    pdf = target.read_bytes()
    assert pdf.startswith(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = reader.pages[0].extract_text()
    assert "每日工作计划表" in text
    assert "今日目标" in text
    # The Chinese font is embedded (a TrueType subset: reportlab writes its /FontFile2 stream), so the
    # paper looks the same from any viewer: the bundle carries a font (resources/fonts).
    assert b"/FontFile2" in pdf


def test_window_starts_offscreen_and_opens_the_profile(laptop: Laptop, demo_profile: Path) -> None:
    # BRANCHDESK_EXIT_WHEN_SHOWN (ui/shell/application.py): "shown" when the window is up,
    # "ready" when the profile is attached, then the app quits by itself.
    started = time.monotonic()
    done = laptop.run("--data-dir", str(demo_profile), "--lang", "zh_CN", extra_env={"BRANCHDESK_EXIT_WHEN_SHOWN": "1"})
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.split() == ["shown", "ready"], done.stdout + done.stderr
    assert time.monotonic() - started < 60


def test_nothing_went_wrong_in_the_log(laptop: Laptop, demo_profile: Path) -> None:
    log = laptop.log_text()
    assert log, "the bundle wrote no log"
    assert "Traceback" not in log
    assert " CRITICAL " not in log and " ERROR " not in log
