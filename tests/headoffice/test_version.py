"""GET /v1/version and `branchdesk-headoffice publish-version`, against the real server (issue 21)."""

from __future__ import annotations

import json

import requests

from sync import wire
from tests.headoffice.server import HeadOffice

VERSION_URL = wire.VERSION_PATH


def get(office: HeadOffice, token: str | None) -> requests.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return requests.get(office.url + VERSION_URL, headers=headers, timeout=10)


def test_nothing_announced_is_404_in_head_offices_shape_and_a_token_is_required(
    headoffice: HeadOffice, headoffice_token: str
) -> None:
    missing = get(headoffice, headoffice_token)
    assert missing.status_code == 404
    assert missing.json()["detail"]["code"] == "not_published"
    assert isinstance(missing.json()["detail"]["message"], str)
    for token in (None, "not-a-token"):
        refused = get(headoffice, token)
        assert refused.status_code == 401 and refused.json()["detail"]["code"] == "unauthorized"
        assert refused.headers["WWW-Authenticate"] == "Bearer"


def test_publish_version_serves_the_latest_with_its_notes(headoffice: HeadOffice, headoffice_token: str) -> None:
    done = headoffice.cli("publish-version", "1.4.0", "--notes", "Faster sync.", "--notes-zh", "同步更快。")
    assert done.returncode == 0, done.stderr
    printed = json.loads(done.stdout)
    answer = get(headoffice, headoffice_token)
    assert answer.status_code == 200 and answer.headers["Cache-Control"] == "no-cache"
    body = answer.json()
    assert body == printed
    assert set(body) == {"version", "notes", "published_at"}
    assert body["version"] == "1.4.0" and body["notes"] == {"zh_CN": "同步更快。", "en": "Faster sync."}
    assert body["published_at"].endswith("Z") and body["published_at"][:4].isdigit()

    # The same version again corrects its notes; a later one replaces it.
    assert headoffice.cli("publish-version", "1.4.0", "--notes", "Faster sync, fixed.", "--notes-zh",
                          "同步更快，已修正。").returncode == 0  # fmt: skip
    assert get(headoffice, headoffice_token).json()["notes"]["zh_CN"] == "同步更快，已修正。"
    later = headoffice.cli("publish-version", "1.5", "--notes", "Letters print on one page.")
    assert later.returncode == 0
    assert "no --notes-zh" in later.stderr  # said, so IT knows Chinese screens show no notes
    assert get(headoffice, headoffice_token).json()["notes"] == {"zh_CN": "", "en": "Letters print on one page."}


def test_a_bad_or_lower_version_is_refused_and_nothing_changes(headoffice: HeadOffice, headoffice_token: str) -> None:
    assert headoffice.cli("publish-version", "1.4.0", "--notes", "n", "--notes-zh", "说明").returncode == 0
    before = get(headoffice, headoffice_token).json()
    for version, why in (("1.3.9", "lower than version 1.4.0"), ("1.4.0-beta", "not a release number"),
                         ("v1.5", "not a release number"), ("1.2.3.4.5", "not a release number"),
                         ("", "not a release number")):  # fmt: skip
        refused = headoffice.cli("publish-version", version, "--notes", "n")
        assert refused.returncode == 2, version
        assert why in refused.stderr and refused.stdout == ""
    too_long = headoffice.cli("publish-version", "1.5.0", "--notes", "长" * 2001)
    assert too_long.returncode == 2 and "2000 characters" in too_long.stderr
    no_notes = headoffice.cli("publish-version", "1.5.0")
    assert no_notes.returncode == 2  # argparse: --notes is required
    assert get(headoffice, headoffice_token).json() == before


def test_the_route_is_in_the_openapi_schema_with_its_answers(headoffice: HeadOffice) -> None:
    schema = requests.get(headoffice.url + "/openapi.json", timeout=10).json()
    operation = schema["paths"][VERSION_URL]["get"]
    assert set(operation["responses"]) >= {"200", "401", "404"}
    assert operation["security"]  # the bearer token, like every /v1 route
    answer = schema["components"]["schemas"]["VersionOut"]
    assert set(answer["required"]) == {"version", "notes", "published_at"}
