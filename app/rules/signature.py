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
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Literal, cast

from app.rules.client_card import Problem

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
        return sum(math.dist((a.x, a.y), (b.x, b.y)) for a, b in zip(self.points, self.points[1:]))

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


def check_signature(sig: Signature) -> list[Problem]:
    if not sig.strokes or sig.point_count() == 0:
        return [_problem("blank", "Please sign in the box.", "请在框内签名。")]
    lines = tuple(s for s in sig.strokes if not s.is_dot())
    if not lines:
        return [_problem("dots_only", "A dot is not a signature: please sign your name.", "仅有圆点不能作为签名，请签写姓名。")]
    problems: list[Problem] = []
    # Stray dots (a pen touching down by accident) must not stretch a tiny scribble into a
    # large enough box, so only real strokes count for the size.
    box = bounding_box(lines)
    assert box is not None
    left, top, right, bottom = box
    if right - left < MIN_WIDTH_FRACTION * sig.width or bottom - top < MIN_HEIGHT_FRACTION * sig.height:
        problems.append(_problem("too_small", "The signature is too small: please sign larger.", "签名太小，请写大一些。"))
    if sig.point_count() < MIN_POINTS:
        problems.append(_problem("too_few_points", "The signature is too short: please sign your full name.", "签名过短，请签写完整姓名。"))
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
            {"d": s.device, "p": [[round(p.x, 1), round(p.y, 1), p.t_ms, _round_pressure(p.pressure)] for p in s.points]}
            for s in sig.strokes
        ],
    }
    return json.dumps(data, separators=(",", ":"), ensure_ascii=True, allow_nan=False)


def from_json(text: str) -> Signature:
    """Raises ValueError on anything that is not a signature this module wrote."""
    try:
        data = json.loads(text)
        if data["v"] != FORMAT_VERSION:
            raise ValueError(f"unknown signature format version {data['v']!r}")
        strokes = []
        for raw in data["strokes"]:
            if raw["d"] not in DEVICES:
                raise ValueError(f"unknown device {raw['d']!r}")
            points = tuple(
                Point(float(x), float(y), int(t), None if p is None else float(p)) for x, y, t, p in raw["p"]
            )
            strokes.append(Stroke(points, cast(Device, raw["d"])))
        return Signature(tuple(strokes), int(data["w"]), int(data["h"]))
    except (KeyError, TypeError, json.JSONDecodeError) as error:
        raise ValueError(f"not a stored signature: {error}") from error
