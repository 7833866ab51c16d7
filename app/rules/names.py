"""Pinyin keys for Chinese names: full pinyin for sorting and search, initials for `zs`."""

from __future__ import annotations

import re
from functools import lru_cache

# One Han character, or a whole Latin word (for names like "Li Ming" or "Anna 王").
_TOKENS = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]|[A-Za-z]+")


@lru_cache(maxsize=8192)
def _syllable(token: str) -> str:
    # Imported on first use: loading pypinyin's dictionaries takes a fifth of a second,
    # which opening a profile should not pay.
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(token)).lower()


def pinyin_keys(name: str) -> tuple[str, str]:
    """`张三` → (`zhangsan`, `zs`); `Li Ming` → (`liming`, `lm`)."""
    syllables = [_syllable(token) for token in _TOKENS.findall(name)]
    return "".join(syllables), "".join(s[0] for s in syllables if s)
