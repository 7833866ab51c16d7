"""Two programs, two installs (issue 14): a laptop's `pip install branchdesk` brings no
head-office server; `pip install 'branchdesk[headoffice]'` does, and `[test]` includes it.

What the laptop's code may import is import-linter's job (pyproject.toml: "only the head-office
server uses its extra"); these tests check what pip would install, from the installed
distribution's own metadata.
"""

from __future__ import annotations

import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

SERVER_PACKAGES = {"fastapi", "uvicorn", "psycopg"}
# What the server's packages bring with them: none of it may reach a laptop either.
SERVER_STACK = SERVER_PACKAGES | {"starlette", "pydantic", "pydantic-core", "psycopg-binary"}
ROOT = Path(__file__).resolve().parents[1]


def _requirements(dist: str) -> list[Requirement]:
    return [Requirement(text) for text in metadata.requires(dist) or []]


def _applies(requirement: Requirement, extras: set[str]) -> bool:
    if requirement.marker is None:
        return True
    return any(requirement.marker.evaluate({"extra": extra}) for extra in extras or {""})


def _installed_closure(dist: str, extras: set[str]) -> set[str]:
    """Every distribution `pip install dist[extras]` pulls in, as far as this environment has
    them installed (one not installed here is a platform's own, e.g. a Windows-only backend)."""
    own = canonicalize_name(dist)
    # First the extras that name other extras of the same package (test -> headoffice).
    wanted = set(extras)
    while True:
        more = {extra for r in _requirements(dist) if canonicalize_name(r.name) == own and _applies(r, wanted)
                for extra in r.extras} - wanted  # fmt: skip
        if not more:
            break
        wanted |= more
    seen: set[str] = set()
    todo = [(dist, wanted)]
    while todo:
        name, name_extras = todo.pop()
        for requirement in _requirements(name):
            key = canonicalize_name(requirement.name)
            if key == own or key in seen or not _applies(requirement, name_extras):
                continue
            try:
                metadata.distribution(key)
            except metadata.PackageNotFoundError:
                continue
            seen.add(key)
            todo.append((key, set(requirement.extras)))
    return seen


def test_the_server_s_packages_come_only_with_the_headoffice_extra() -> None:
    requirements = _requirements("branchdesk")
    server = [r for r in requirements if canonicalize_name(r.name) in SERVER_PACKAGES]
    assert {canonicalize_name(r.name) for r in server} == SERVER_PACKAGES
    for requirement in server:
        assert str(requirement.marker) == 'extra == "headoffice"', str(requirement)
    laptop = [r for r in requirements if _applies(r, set())]
    assert not {canonicalize_name(r.name) for r in laptop} & SERVER_STACK


def test_a_laptop_install_pulls_in_no_server_package_even_indirectly() -> None:
    assert not _installed_closure("branchdesk", set()) & SERVER_STACK


def test_the_test_extra_brings_the_server() -> None:
    assert _installed_closure("branchdesk", {"test"}) >= SERVER_PACKAGES


def test_the_server_script_is_installed_with_the_package() -> None:
    scripts = {e.name: e.value for e in metadata.entry_points(group="console_scripts") if e.dist is not None
               and canonicalize_name(e.dist.name) == "branchdesk"}  # fmt: skip
    assert scripts["branchdesk-headoffice"] == "sync.headoffice.cli:main"


@pytest.mark.parametrize(("hidden", "args", "said"), [
    ("fastapi", ["serve"], "fastapi"),
    ("uvicorn", ["add-manager", "BJ0107", "王芳"], "uvicorn"),
    ("psycopg", ["decide", "x", "accepted", "--db", "postgresql+psycopg://hq/branchdesk"], "psycopg"),
])  # fmt: skip
def test_without_the_extra_the_server_says_how_to_install_it(tmp_path: Path, hidden: str, args: list[str],
                                                             said: str) -> None:  # fmt: skip
    # As on a laptop's install: importing the module fails (None in sys.modules does just that).
    code = (f"import sys; sys.modules[{hidden!r}] = None; from sync.headoffice.cli import main; "
            f"sys.exit(main({args!r}))")  # fmt: skip
    workdir = tmp_path / "office"
    workdir.mkdir()
    done = subprocess.run([sys.executable, "-c", code], cwd=workdir, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False)  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "install branchdesk[headoffice]" in done.stderr and said in done.stderr
    assert "Traceback" not in done.stderr
    assert not list(workdir.iterdir()), "no database is created before the check"
