"""Schemathesis against the real server, on SQLite and on PostgreSQL: a fixed number of
examples per operation from a fixed seed (about 1,200 requests a database), with a valid
token, through every phase the schema allows (coverage, then fuzzing, positive and negative).

Asserted: no 5xx, every answer's status documented for its operation, bodies and headers
as the schema says, 405 with Allow for undeclared methods, invalid input refused with a 4xx.
Not asserted: that schema-valid pushes are accepted (`positive_data_acceptance`).  The schema
gives the forms' shape; the laptop's rules (ages, ID checksums, the content hash over the
canonical JSON) decide, and random data never passes them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import schemathesis
from schemathesis.engine import from_schema
from schemathesis.engine.events import FatalError, NonFatalError, ScenarioFinished

from tests.headoffice.server import HeadOffice

MAX_EXAMPLES = 200  # per operation and phase: with the coverage phase, ~1,200 requests, ~15 s
SEED = 20260316


@dataclass
class Run:
    statuses: Counter[tuple[str, int]] = field(default_factory=Counter)  # (operation, status) → requests
    failures: list[str] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return sum(self.statuses.values())


def run_schemathesis(office: HeadOffice, token: str) -> Run:
    config = schemathesis.Config.from_dict({
        "seed": SEED,
        "headers": {"Authorization": f"Bearer {token}"},
        "continue-on-failure": True,
        "generation": {"max-examples": MAX_EXAMPLES, "deterministic": True, "database": "none"},
        "checks": {"positive_data_acceptance": {"enabled": False}},
    })  # fmt: skip
    schema = schemathesis.openapi.from_url(f"{office.url}/openapi.json", config=config)
    run = Run()
    for event in from_schema(schema).execute():
        if isinstance(event, ScenarioFinished):
            recorder = event.recorder
            for interaction in recorder.interactions.values():
                if interaction.response is not None:
                    run.statuses[(recorder.label, interaction.response.status_code)] += 1
            for case_id, checks in recorder.checks.items():
                request = recorder.interactions[case_id].request if case_id in recorder.interactions else None
                run.failures += [
                    f"{recorder.label}: {check.name}: {check.failure_info.failure.title} "
                    f"({request.method if request else '?'} {request.uri if request else ''})"
                    for check in checks if check.failure_info is not None
                ]  # fmt: skip
        elif isinstance(event, (NonFatalError, FatalError)):
            run.failures.append(f"schemathesis could not run: {event!r}")
    return run


def test_schemathesis_finds_nothing(office: HeadOffice, manager: tuple[str, str]) -> None:
    _code, token = manager
    run = run_schemathesis(office, token)
    server_errors = sum(n for (_label, status), n in run.statuses.items() if status >= 500)
    backend = "PostgreSQL" if "postgresql" in office.db_url else "SQLite"
    print(f"schemathesis on {backend}: {run.requests} requests, {server_errors} answered 5xx")
    assert run.failures == []
    assert server_errors == 0
    # The run reached every operation, past the token, and into the rules.
    assert run.requests > 1000
    by_status = Counter(status for (_label, status) in run.statuses.elements())
    assert by_status[422] > 300 and by_status[200] > 100 and by_status[405] >= 20
    labels = {label for label, _status in run.statuses}
    assert labels == {"GET /health", "POST /v1/proposals", "POST /v1/receipts", "POST /v1/answers",
                      "POST /v1/requests", "POST /v1/batch", "GET /v1/status", "GET /v1/reference/calendar",
                      "GET /v1/reference/products", "POST /v1/uploads", "POST /v1/uploads/", "OPTIONS /v1/uploads/",
                      "HEAD /v1/uploads/{uuid}", "PATCH /v1/uploads/{uuid}", "DELETE /v1/uploads/{uuid}",
                      "GET /v1/version"}  # fmt: skip
