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
        [BRANCHDESK, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
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
    args = (
        ["--lang", "zh_CN", "proposal", "check", path]
        if where == "before"
        else ["proposal", "check", path, "--lang", "zh_CN"]
    )
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
    assert report["warnings"] == [
        {
            "rule": "W001_medical_review",
            "field": "insured.disabled",
            "message": "A disabled insured is accepted after medical review.",
        }
    ]


def test_structural_problems_are_problems_not_crashes(tmp_path: Path) -> None:
    path = written(tmp_path, premium_cents="100", colour="red")
    result = branchdesk("proposal", "check", str(path), "--json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert {(p["rule"], p["field"]) for p in report["problems"]} == {
        ("J003_wrong_type", "premium_cents"),
        ("J002_unknown_field", "colour"),
    }


SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "does not exist"),
        (b"{not json", "The text is not JSON: Expecting property name"),
        (b"[1, 2]", "holds a JSON array, not a proposal object"),
        ("{}".encode("utf-16"), "The text is not UTF-8 (byte 0)"),
        # What head office refuses with 400 (app.rules.wire_json) is never called valid here.
        (
            SAMPLE_TEXT.replace('"张伟"', '"张\\ud800"', 1).encode(),
            "The text at payment_account_holder holds a character that is not text",
        ),
        (
            SAMPLE_TEXT.replace('"insured": {', '"insured": {"name": "李", ', 1).encode(),
            "The key 'name' appears twice in one object",
        ),
        (
            SAMPLE_TEXT.replace('"premium_cents": 1000000', '"premium_cents": 1' + "0" * 4999, 1).encode(),
            "The number 100000000000... (5,000 characters) is out of range",
        ),
        (
            SAMPLE_TEXT.replace('"payment_years": 10', '"payment_years": 1e400', 1).encode(),
            "The number 1e400 is out of range",
        ),
        (b'{"id": ' + b"[" * 10_000_000, "The JSON is nested deeper than 32 levels"),
        (b'{"id": ' + b"[" * 40 + b"]" * 40 + b"}", "The JSON is nested deeper than 32 levels"),
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


def test_refusals_speak_chinese_too(tmp_path: Path) -> None:
    path = tmp_path / "input.json"
    path.write_bytes(b'{"a": 1, "a": 2}')
    result = branchdesk("--lang", "zh_CN", "proposal", "check", str(path))
    assert result.returncode == 2
    assert "同一对象中键“a”出现了两次" in result.stderr and "Traceback" not in result.stderr
    path.write_bytes(b'{"a": 1,}')
    result = branchdesk("--lang", "zh_CN", "proposal", "check", str(path))
    assert result.returncode == 2 and "文本不是 JSON：第 1 行第 9 列，应为带双引号的键名。" in result.stderr
    path.write_bytes(b"[1, 2]")
    result = branchdesk("--lang", "zh_CN", "proposal", "check", str(path))
    assert result.returncode == 2 and "中是 JSON 数组，而不是投保单对象。" in result.stderr


def test_the_verdict_line_speaks_chinese(tmp_path: Path) -> None:
    path = str(written(tmp_path, premium_cents=0))
    result = branchdesk("--lang", "zh_CN", "proposal", "check", path)
    assert result.returncode == 1 and result.stdout.splitlines()[-1] == f"{path}：1 个问题"
    valid = branchdesk("--lang", "zh_CN", "proposal", "check", str(SAMPLE))
    assert valid.returncode == 0 and valid.stdout.splitlines()[-1].startswith(f"{SAMPLE}：有效")


def test_a_form_past_its_limits_lists_them_as_problems(tmp_path: Path) -> None:
    """Valid JSON beyond the form's limits is a form with problems (exit 1), as head office's 422."""
    data = json.loads(SAMPLE_TEXT)
    data["policyholder"]["name"] = "张" * 1_000_000
    data["id"] = "../../../../etc/passwd"
    data["beneficiaries"] *= 5_000
    path = tmp_path / "huge.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = branchdesk("proposal", "check", str(path), "--json")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["valid"] is False
    assert [(p["rule"], p["field"]) for p in report["problems"]] == [
        ("J005_bad_value", "id"),
        ("J008_too_long", "policyholder.name"),
        ("J009_too_many", "beneficiaries"),
    ]


def test_a_device_or_an_oversized_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    endless = branchdesk("proposal", "check", "/dev/zero")
    assert endless.returncode == 2, endless.stderr
    assert "/dev/zero is a device, not a proposal." in endless.stderr and "Traceback" not in endless.stderr
    huge = tmp_path / "huge.json"
    with huge.open("wb") as handle:
        handle.truncate(16 * 1024 * 1024 + 1)  # one byte past head office's body limit (sparse)
    refused = branchdesk("proposal", "check", str(huge))
    assert refused.returncode == 2 and "is larger than 16 MB" in refused.stderr, refused.stderr
