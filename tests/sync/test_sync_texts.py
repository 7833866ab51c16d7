"""Why an item has not gone, in plain words in both languages (app/headoffice/texts.py)."""

from __future__ import annotations

from app.headoffice.texts import ADDRESS_TEXTS, TEXTS, address_problem, error_problem
from sync.outbox import error_json, parse_error


def test_every_code_has_both_languages() -> None:
    for code, (en, zh) in TEXTS.items():
        assert en.strip() and zh.strip() and en != zh, code


def test_field_errors_are_listed_in_the_reader_s_language() -> None:
    errors = ({"field": "policyholder.birth_date", "rule": "P003_policyholder_adult",
               "message_en": "The policyholder must be at least 18.",
               "message_zh": "投保人须年满18周岁。"},)  # fmt: skip
    problem = error_problem(parse_error(error_json("invalid", "schema or rule failures", 422, errors)))
    assert problem is not None and (problem.code, problem.field) == ("invalid", "policyholder.birth_date")
    # The message names its field in words; the wire's field path is not for the manager's eyes.
    assert problem.en == "Head office refused it: The policyholder must be at least 18."
    assert problem.zh_CN == "总公司退回：投保人须年满18周岁。"


def test_codes_this_version_does_not_know_fall_back_on_the_status() -> None:
    unknown = error_problem(parse_error(error_json("unsupported_media_type", "send JSON", 415)))
    assert unknown is not None and unknown.en == "Head office refused it (HTTP 415): send JSON"
    large = error_problem(parse_error(error_json("payload_too_big", "over 12 MiB", 413)))
    assert large is not None and large.code == "too_large"
    receipt = error_problem(parse_error(error_json("invalid", "x", 422, ({"rule": "proposal_unknown"},))))
    assert receipt is not None and receipt.code == "proposal_unknown"


def test_a_plain_text_error_is_shown_as_it_is() -> None:
    problem = error_problem(parse_error("connection refused"))
    assert problem is not None and problem.en == problem.zh_CN == "connection refused"
    assert error_problem(parse_error("")) is None


def test_a_refused_server_address_is_said_in_both_languages() -> None:
    for reason in ADDRESS_TEXTS:
        problem = address_problem("http://example.com", reason)
        assert problem.code == f"address_{reason}" and problem.field == "server"
        assert problem.en.startswith("http://example.com") and problem.zh_CN.startswith("http://example.com")
        assert problem.en != problem.zh_CN and "{" not in problem.en + problem.zh_CN
