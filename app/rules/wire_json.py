"""The one JSON reader for documents that cross the wire: head office's request bodies, the
laptop's `proposal check`, the signature strokes inside a document.

Pure (stdlib and `app.rules` only).  Stricter than `json.loads`, so both ends refuse the same
texts and nothing in them can crash what reads them next:

- J006 bytes that are not UTF-8, and a NUL or a lone surrogate (`"\\ud800"`) in any string or
  key (PostgreSQL cannot store NUL; a lone surrogate cannot be written back as UTF-8);
- J000 anything that is not JSON, NaN and Infinity included;
- J007 a number Python reads as infinity (1e400), and an integer beyond +-2**53, refused from
  its length before Python converts it (10**4299 or 5,000 digits cost nothing);
- J010 a key twice in one object (which value would the hash cover?);
- J011 nesting deeper than `limits.JSON_MAX_DEPTH` (a 50 MiB run of `[` stops at once).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from typing import Any

from app.rules.limits import JSON_MAX_DEPTH, JSON_MAX_INT, is_text, shown
from app.rules.problem import Problem

INT_MAX_DIGITS = len(str(JSON_MAX_INT))
# The json module's own messages (its C and Python decoders say the same), in Chinese.
DECODER_MESSAGES_ZH = (
    ("Expecting value", "应为一个值"),
    ("Expecting ',' delimiter", "应为逗号"),
    ("Expecting ':' delimiter", "应为冒号"),
    ("Expecting property name enclosed in double quotes", "应为带双引号的键名"),
    ("Unterminated string", "字符串没有结束"),
    ("Invalid control character", "含有不允许的控制字符"),
    ("Invalid \\uXXXX escape", "\\u 转义无效"),
    ("Invalid \\escape", "转义无效"),
    ("Extra data", "JSON 之后还有多余内容"),
)


class WireJsonError(ValueError):
    """The text is not acceptable JSON; `problem` says why in both languages."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.en)
        self.problem = problem


def _refuse(code: str, en: str, zh: str, field: str = "") -> WireJsonError:
    return WireJsonError(Problem(field, code, en, zh))


def _too_big(text: str) -> WireJsonError:
    en, zh = (
        (text, text)
        if len(text) <= 20
        else (f"{text[:12]}... ({len(text):,} characters)", f"{text[:12]}…（{len(text):,} 个字符）")
    )
    return _refuse("J007_out_of_range", f"The number {en} is out of range: whole numbers up to 2**53 in size, "
                   "and nothing infinite.", f"数值 {zh} 超出范围：整数的绝对值最大为 2**53，"
                   "且不能为无穷大。")  # fmt: skip


def _integer(text: str) -> int:
    if len(text.lstrip("-")) > INT_MAX_DIGITS:
        raise _too_big(text)
    value = int(text)
    if abs(value) > JSON_MAX_INT:
        raise _too_big(text)
    return value


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _too_big(text)
    return value


def _constant(name: str) -> None:
    raise _refuse("J000_malformed_json", f"{name} is not JSON.", f"{name} 不是 JSON。")


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    value = dict(pairs)
    if len(value) != len(pairs):
        twice = next(key for key, count in Counter(key for key, _ in pairs).items() if count > 1)
        raise _refuse("J010_duplicate_key", f"The key '{shown(twice)}' appears twice in one object.",
                      f"同一对象中键“{shown(twice)}”出现了两次。")  # fmt: skip
    return value


def _check_tree(document: Any) -> None:
    """Depth and text of every value, without recursion (the nesting is what is being checked);
    only containers are queued, so a long array of numbers costs one pass."""
    if isinstance(document, str) and not is_text(document):
        raise _not_text("")
    pending: list[tuple[dict[str, Any] | list[Any], int, str]] = []
    if isinstance(document, (dict, list)):
        pending.append((document, 0, ""))
    while pending:
        container, depth, path = pending.pop()
        if depth >= JSON_MAX_DEPTH:
            raise _too_deep()
        items = container.items() if isinstance(container, dict) else enumerate(container)
        for key, item in items:
            if isinstance(key, str) and not is_text(key):
                raise _not_text(_inner(path, key))
            if isinstance(item, str):
                if not is_text(item):
                    raise _not_text(_inner(path, key))
            elif isinstance(item, (dict, list)):
                pending.append((item, depth + 1, _inner(path, key)))


def _inner(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _not_text(path: str) -> WireJsonError:
    where = shown(path)
    return _refuse("J006_bad_text", f"The text at {where or 'the top'} holds a character that is not text "
                   "(NUL or a lone surrogate).", f"{where or '顶层'}处的文本含有无效字符（NUL 或不成对的代理字符）。",
                   where)  # fmt: skip


def _too_deep() -> WireJsonError:
    return _refuse("J011_too_deep", f"The JSON is nested deeper than {JSON_MAX_DEPTH} levels.",
                   f"JSON 嵌套超过 {JSON_MAX_DEPTH} 层。")  # fmt: skip


def loads(raw: bytes | str) -> Any:
    """The JSON value in `raw` (UTF-8 bytes or text), or WireJsonError."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise _refuse("J006_bad_text", f"The text is not UTF-8 (byte {error.start:,}).",
                          f"文本不是 UTF-8 编码（第 {error.start:,} 字节）。") from None  # fmt: skip
    try:
        document = json.loads(raw, object_pairs_hook=_object, parse_int=_integer, parse_float=_float,
                              parse_constant=_constant)  # fmt: skip
    except json.JSONDecodeError as error:
        why = next((zh for start, zh in DECODER_MESSAGES_ZH if error.msg.startswith(start)), "格式有误")
        raise _refuse("J000_malformed_json",
                      f"The text is not JSON: {error.msg} (line {error.lineno}, column {error.colno}).",
                      f"文本不是 JSON：第 {error.lineno} 行第 {error.colno} 列，{why}。") from None  # fmt: skip
    except RecursionError:
        # Far past the limit: json gives up at Python's recursion limit, long before memory does.
        raise _too_deep() from None
    _check_tree(document)
    return document
