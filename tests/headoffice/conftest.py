"""The server under test runs once per module and backend (SQLite, then PostgreSQL when
installed); each test gets its own manager, so tests never see each other's records."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

from tests.headoffice.fixtures import headoffice, headoffice_token, postgres_cluster  # noqa: F401
from tests.headoffice.server import HeadOffice

_codes = itertools.count(1)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def office(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[HeadOffice]:
    workdir = tmp_path_factory.mktemp(f"headoffice-{request.param}")
    if request.param == "postgresql":
        db_url = request.getfixturevalue("postgres_cluster").create_database()
    else:
        db_url = f"sqlite:///{workdir / 'headoffice.db'}"
    with HeadOffice(db_url, workdir) as running:
        yield running


@pytest.fixture
def manager(office: HeadOffice) -> tuple[str, str]:
    """A new manager's (code, token)."""
    code = f"T{next(_codes):04d}"
    return code, office.add_manager(code)
