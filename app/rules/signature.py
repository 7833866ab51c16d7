"""A handwritten signature as vector strokes, the rules it must meet, and its storage form.

The pad records what the hand did (points with timestamps and, from a pen, pressure), so a
receipt keeps more evidence than a picture; the PNG beside it is for printing. The rules refuse
what is plainly not a signature: nothing drawn, a click or two, a scribble too small to read,
or so few samples that the shape cannot be checked later.

Thresholds, chosen for a pad of roughly 480 x 200 px:
- a stroke is a *dot* when it has one point or its path is shorter than `DOT_LENGTH_PX`;
- the bounding box of the non-dot strokes must reach `MIN_WIDTH_FRACTION` of the pad width
  *and* `MIN_HEIGHT_FRACTION` of its height (boundary inclusive) — a flat line is refused too;
- all strokes together must hold at least `MIN_POINTS` points.

Limits (`app.rules.limits`), checked first and alone, since the shape of a recording past them
means nothing: a pad of 1-10,000 px each way; at most 200 strokes and 20,000 points; every
point finite, within +-100,000 px, at 0-86,400,000 ms, with a pressure of 0-1.  The stored
text is read with `app.rules.wire_json` and holds at most 1,000,000 characters.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal, cast

from app.rules import limits, wire_json
from app.rules.problem import Problem

Device = Literal["mouse", "pen", "touch"]
DEVICES: tuple[Device, ...] = ("mouse", "pen", "touch")

DOT_LENGTH_PX = 5.0
MIN_WIDTH_FRACTION = 0.15
MIN_HEIGHT_FRACTION = 0.10
MIN_POINTS = 10
FORMAT_VERSION = 1
FIELD = "signature"


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    t_ms: int  # since the signature's first point
    pressure: float | None  # 0..1 from a pen; None where the device gives none


@dataclass(frozen=True)
class Stroke:
    points: tuple[Point, ...]
    device: Device

    def length(self) -> float:
        return sum(math.dist((a.x, a.y), (b.x, b.y)) for a, b in pairwise(self.points))

    def is_dot(self) -> bool:
        return len(self.points) < 2 or self.length() < DOT_LENGTH_PX


@dataclass(frozen=True)
class Signature:
    strokes: tuple[Stroke, ...]
    width: int  # of the pad, in px: the size rule is relative to it
    height: int

    def point_count(self) -> int:
        return sum(len(s.points) for s in self.strokes)


def bounding_box(strokes: tuple[Stroke, ...]) -> tuple[float, float, float, float] | None:
    """(left, top, right, bottom) of all points, None when there are none."""
    xs = [p.x for s in strokes for p in s.points]
    ys = [p.y for s in strokes for p in s.points]
    if not xs:
        return None
    return min(xs), min(ys), max(xs), max(ys)


def _problem(code: str, en: str, zh_cn: str) -> Problem:
    return Problem(FIELD, code, en, zh_cn)


def _in(value: float, bounds: tuple[float, float]) -> bool:
    return bounds[0] <= value <= bounds[1]  # False for NaN and infinity too


def _point_ok(p: Point) -> bool:
    return (_in(p.x, limits.POINT_PX) and _in(p.y, limits.POINT_PX) and _in(p.t_ms, limits.POINT_MS)
            and (p.pressure is None or _in(p.pressure, limits.PRESSURE)))  # fmt: skip


def _limit_problems(sig: Signature) -> list[Problem]:
    if len(sig.strokes) > limits.SIGNATURE_STROKES or sig.point_count() > limits.SIGNATURE_POINTS:
        return [_problem("too_large", "The signature holds too many strokes or points: please clear it and sign again.",
                         "签名的笔画或采样点过多，请清除后重新签名。")]  # fmt: skip
    if not (_in(sig.width, limits.PAD_PX) and _in(sig.height, limits.PAD_PX)) or not all(
        _point_ok(p) for s in sig.strokes for p in s.points
    ):
        return [_problem("out_of_range", "The signature's recording is damaged (a size, place or time out of range): "
                         "please clear it and sign again.",
                         "签名记录已损坏（尺寸、位置或时间超出范围），请清除后重新签名。")]  # fmt: skip
    return []


def check_signature(sig: Signature) -> list[Problem]:
    beyond_limits = _limit_problems(sig)
    if beyond_limits:
        return beyond_limits
    if not sig.strokes or sig.point_count() == 0:
        return [_problem("blank", "Please sign in the box.", "请在框内签名。")]
    lines = tuple(s for s in sig.strokes if not s.is_dot())
    if not lines:
        return [
            _problem(
                "dots_only", "A dot is not a signature: please sign your name.", "仅有圆点不能作为签名，请签写姓名。"
            )
        ]
    problems: list[Problem] = []
    # Stray dots (a pen touching down by accident) must not stretch a tiny scribble into a
    # large enough box, so only real strokes count for the size.
    box = bounding_box(lines)
    assert box is not None
    left, top, right, bottom = box
    if right - left < MIN_WIDTH_FRACTION * sig.width or bottom - top < MIN_HEIGHT_FRACTION * sig.height:
        problems.append(
            _problem("too_small", "The signature is too small: please sign larger.", "签名太小，请写大一些。")
        )
    if sig.point_count() < MIN_POINTS:
        problems.append(
            _problem(
                "too_few_points",
                "The signature is too short: please sign your full name.",
                "签名过短，请签写完整姓名。",
            )
        )
    return problems


def _round_pressure(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def to_json(sig: Signature) -> str:
    """Compact and stable: the same signature always gives the same text (fit for hashing)."""
    data = {
        "v": FORMAT_VERSION,
        "w": sig.width,
        "h": sig.height,
        "strokes": [
            {
                "d": s.device,
                "p": [[round(p.x, 1), round(p.y, 1), p.t_ms, _round_pressure(p.pressure)] for p in s.points],
            }
            for s in sig.strokes
        ],
    }
    return json.dumps(data, separators=(",", ":"), ensure_ascii=True, allow_nan=False)


def _number(value: object) -> float:
    # wire_json has refused infinity and NaN already; true/false are not numbers here.
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{value!r} is not a number")
    return float(value)


def _whole(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{value!r} is not a whole number")
    return value


def _point(raw: object) -> Point:
    if not isinstance(raw, list) or len(raw) != 4:
        raise ValueError(f"a point is [x, y, t, pressure], not {raw!r}")
    x, y, t, pressure = raw
    return Point(_number(x), _number(y), _whole(t), None if pressure is None else _number(pressure))


def from_json(text: str) -> Signature:
    """Raises ValueError on anything that is not a signature this module wrote.  Its limits
    (strokes, points, ranges) are `check_signature`'s to report, as for a signature just drawn."""
    if len(text) > limits.STROKES_JSON_CHARS:
        raise ValueError(f"a stored signature has at most {limits.STROKES_JSON_CHARS:,} characters")
    data = wire_json.loads(text)  # WireJsonError is a ValueError
    try:
        if data["v"] != FORMAT_VERSION:
            raise ValueError(f"unknown signature format version {data['v']!r}")
        strokes = []
        for raw in data["strokes"]:
            if raw["d"] not in DEVICES:
                raise ValueError(f"unknown device {raw['d']!r}")
            strokes.append(Stroke(tuple(_point(p) for p in raw["p"]), cast(Device, raw["d"])))
        return Signature(tuple(strokes), _whole(data["w"]), _whole(data["h"]))
    except (KeyError, TypeError) as error:
        raise ValueError(f"not a stored signature: {error!r}") from error
