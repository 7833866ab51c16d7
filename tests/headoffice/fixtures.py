"""Fixtures that start the real head-office server; import them into a conftest:

    from tests.headoffice.fixtures import headoffice, headoffice_token, postgres_cluster  # noqa: F401

- `headoffice`: a `HeadOffice` (tests/headoffice/server.py) serving a fresh SQLite file in
  tmp_path on a free port, stopped after the test;
- `headoffice_token`: a token for manager BJ0107 (the sample proposal's manager) there;
- `postgres_cluster`: a throwaway PostgreSQL for the session (skipped, saying why, when
  PostgreSQL is not installed); `postgres_cluster.create_database()` gives a fresh URL.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.headoffice.postgres import NOT_INSTALLED, PostgresCluster, find_bin_dir
from tests.headoffice.server import HeadOffice

SAMPLE_MANAGER = "BJ0107"  # resources/samples/proposal.json's manager_code


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[PostgresCluster]:
    bin_dir = find_bin_dir()
    if bin_dir is None:
        pytest.skip(NOT_INSTALLED)
    cluster = PostgresCluster(bin_dir)
    try:
        yield cluster.start()
    finally:
        cluster.stop()


@pytest.fixture
def headoffice(tmp_path: Path) -> Iterator[HeadOffice]:
    office = HeadOffice(f"sqlite:///{tmp_path / 'headoffice.db'}", tmp_path / "headoffice")
    with office:
        yield office


@pytest.fixture
def headoffice_token(headoffice: HeadOffice) -> str:
    return headoffice.add_manager(SAMPLE_MANAGER, "王芳")
