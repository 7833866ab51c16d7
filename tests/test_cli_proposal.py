"""`branchdesk proposal check`, run as a user runs it: the installed command in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

BRANCHDESK = str(Path(sys.executable).with_name("branchdesk"))
SAMPLE = Path(__file__).parents[1] / "resources" / "samples" / "proposal.json"


def branchdesk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [BRANCHDESK, *args], capture_output=True, text=True, encoding="utf-8", timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


def written(tmp_path: Path, **changes: Any) -> Path:
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    data.update(changes)
    path = tmp_path / "proposal.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_sample_is_valid() -> None:
    result = branchdesk("proposal", "check", str(SAMPLE))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{SAMPLE}: valid"


def test_problems_are_listed_as_rule_field_message(tmp_path: Path) -> None:
    path = written(tmp_path, payment_account_holder="李娜", premium_cents=0)
    result = branchdesk("proposal", "check", str(path))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "P017_amount_positive  premium_cents  Premium must be more than 0.",
        "P019_account_holder  payment_account_holder  The account holder (李娜) must be the policyholder (张伟).",
        f"{path}: 2 problem(s)",
    ]


@pytest.mark.parametrize("where", ["before", "after"])
def test_chinese_messages_with_lang_before_or_after_the_file(tmp_path: Path, where: str) -> None:
    path = str(written(tmp_path, premium_cents=0))
    args = ["--lang", "zh_CN", "proposal", "check", path] if where == "before" else [
        "proposal", "check", path, "--lang", "zh_CN"]
    result = branchdesk(*args)
    assert result.returncode == 1
    assert "P017_amount_positive  premium_cents  保险费应大于 0。" in result.stdout


def test_json_output_with_warnings_only_is_valid(tmp_path: Path) -> None:
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    data["insured"]["disabled"] = True
    path = tmp_path / "disabled.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = branchdesk("proposal", "check", str(path), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["valid"] is True and report["problems"] == []
    assert report["warnings"] == [{
        "rule": "W001_medical_review", "field": "insured.disabled",
        "message": "A disabled insured is accepted after medical review.",
    }]


def test_structural_problems_are_problems_not_crashes(tmp_path: Path) -> None:
    path = written(tmp_path, premium_cents="100", colour="red")
    result = branchdesk("proposal", "check", str(path), "--json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert {(p["rule"], p["field"]) for p in report["problems"]} == {
        ("J003_wrong_type", "premium_cents"), ("J002_unknown_field", "colour"),
    }


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "does not exist"),
        (b"{not json", "is not JSON"),
        (b"[1, 2]", "holds a JSON array, not a proposal object"),
        ("{}".encode("utf-16"), "cannot be read as UTF-8 text"),
    ],
)
def test_unreadable_input_is_a_usage_error(tmp_path: Path, content: bytes | None, message: str) -> None:
    path = tmp_path / "input.json"
    if content is not None:
        path.write_bytes(content)
    result = branchdesk("proposal", "check", str(path))
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
