"""The one JSON reader (app.rules.wire_json): what it refuses, with which code, and how fast."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.rules.limits import JSON_MAX_DEPTH, JSON_MAX_INT
from app.rules.wire_json import WireJsonError, loads

SAMPLE = Path(__file__).parents[1] / "resources" / "samples" / "proposal.json"


def refusal(raw: bytes | str) -> str:
    with pytest.raises(WireJsonError) as refused:
        loads(raw)
    problem = refused.value.problem
    assert isinstance(refused.value, ValueError) and str(refused.value) == problem.en
    assert problem.en.isascii() and any("\u4e00" <= c <= "\u9fff" for c in problem.zh_CN)
    return problem.code


@pytest.mark.parametrize(("raw", "code"), [
    (b'{"name": "\xed\xa0\x80"}', "J006_bad_text"),  # a surrogate encoded as UTF-8 bytes
    (b"\xff\xfe{}", "J006_bad_text"),
    ('{"name": "\\ud800"}', "J006_bad_text"),
    ('{"name": "\\udc00\\ud800"}', "J006_bad_text"),  # the wrong way round is two lone halves
    ('{"\\ud800": 1}', "J006_bad_text"),
    ('["ok", {"deep": ["\\u0000"]}]', "J006_bad_text"),
    ('{"id\\u0000": 1}', "J006_bad_text"),
    ("\"\ud800\"", "J006_bad_text"),  # text handed over directly, not escaped
    ("{not json", "J000_malformed_json"),
    ("", "J000_malformed_json"),
    ("\ufeff{}", "J000_malformed_json"),
    ('{"a": NaN}', "J000_malformed_json"),
    ("[Infinity]", "J000_malformed_json"),
    ("-Infinity", "J000_malformed_json"),
    ("1e400", "J007_out_of_range"),
    ('{"w": -1e400}', "J007_out_of_range"),
    (str(JSON_MAX_INT + 1), "J007_out_of_range"),
    (str(-JSON_MAX_INT - 1), "J007_out_of_range"),
    ("1" + "0" * 4299, "J007_out_of_range"),
    ("-" + "9" * 5000, "J007_out_of_range"),
    ('{"a": 1, "b": {"c": 1, "c": 2}}', "J010_duplicate_key"),
    ('{"a": 1, "a": 1}', "J010_duplicate_key"),
    ("[" * (JSON_MAX_DEPTH + 1) + "]" * (JSON_MAX_DEPTH + 1), "J011_too_deep"),
    ('{"a":' * (JSON_MAX_DEPTH + 1) + "1" + "}" * (JSON_MAX_DEPTH + 1), "J011_too_deep"),
])  # fmt: skip
def test_refusals_have_a_code_and_both_languages(raw: bytes | str, code: str) -> None:
    assert refusal(raw) == code


def test_what_json_accepts_within_the_limits_reads_as_json_reads_it() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    assert loads(text) == loads(text.encode("utf-8")) == json.loads(text)
    edge = [JSON_MAX_INT, -JSON_MAX_INT, 1.7e308, -0.0, "😀", "张伟", "tab\tand\nline", True, None]
    assert loads(json.dumps(edge)) == edge
    assert loads('"\\ud83d\\ude00"') == "😀"  # a surrogate pair is one character, not two halves
    nested = "[" * JSON_MAX_DEPTH + "]" * JSON_MAX_DEPTH
    assert loads(nested) == json.loads(nested)


@given(st.recursive(
    st.none() | st.booleans() | st.integers(-JSON_MAX_INT, JSON_MAX_INT)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00")),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=6), inner, max_size=4),
    max_leaves=20,
))  # fmt: skip
def test_any_document_within_the_limits_round_trips(document: Any) -> None:
    for ascii_only in (True, False):
        assert loads(json.dumps(document, ensure_ascii=ascii_only).encode("utf-8")) == document


@pytest.mark.parametrize(("raw", "code"), [
    (b"[" * (50 * 1024 * 1024), "J011_too_deep"),
    (b'{"a":' * (1024 * 1024), "J011_too_deep"),
    (b"9" * (10 * 1024 * 1024), "J007_out_of_range"),
    (b'{"x": [' + b"1e400," * 100 + b"1]}", "J007_out_of_range"),
])  # fmt: skip
def test_absurd_input_is_refused_at_once_without_python_errors(raw: bytes, code: str) -> None:
    """Never RecursionError, MemoryError or the int-to-text conversion limit; well under a second."""
    started = time.perf_counter()
    assert refusal(raw) == code
    assert time.perf_counter() - started < 2.0


def test_the_refusal_says_where_and_what() -> None:
    with pytest.raises(WireJsonError) as refused:
        loads('{"policyholder": {"name": "张\\ud800"}}')
    assert refused.value.problem.field == "policyholder.name"
    assert refused.value.problem.en == (
        "The text at policyholder.name holds a character that is not text (NUL or a lone surrogate)."
    )
    with pytest.raises(WireJsonError) as refused:
        loads('{"premium_cents": ' + "1" * 5000 + "}")
    assert refused.value.problem.en.startswith("The number 111111111111... (5,000 characters) is out of range")
    assert "（5,000 个字符）" in refused.value.problem.zh_CN
