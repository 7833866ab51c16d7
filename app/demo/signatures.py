"""Hand-written-looking signatures: timed, pressure-sensitive strokes and their PNG."""

from __future__ import annotations

import io
import math
from datetime import datetime, timedelta
from itertools import pairwise
from typing import Any

from PIL import Image, ImageDraw

from app.demo.common import DemoRandom, record
from app.rules import signature as signature_rules

WIDTH, HEIGHT = 300, 100

Point = dict[str, float]


def signature_row(rng: DemoRandom, before: datetime, role: str, name: str, **owner: str) -> dict[str, Any]:
    """A Signature row signed shortly `before` the document was finished; `owner` names its FK."""
    strokes = make_strokes(rng)
    signed_at = before - timedelta(minutes=rng.randint(2, 30))
    row = record(
        rng.uuid(),
        signed_at,
        proposal_id=None,
        receipt_id=None,
        handover_list_id=None,
        signer_role=role,
        signer_name=name,
        strokes_json=strokes_json(strokes),
        png=render_png(strokes),
        signed_at=signed_at,
    )
    row.update(owner)
    return row


def make_strokes(rng: DemoRandom) -> list[list[Point]]:
    """2-4 cursive-like strokes, left to right, as the pad records them (t in ms, p in 0-1)."""
    strokes: list[list[Point]] = []
    count = rng.randint(2, 4)
    span = (WIDTH - 40) / count
    t = 0.0
    for index in range(count):
        left = 20 + index * span
        amplitude = rng.uniform(10, 30)
        frequency = rng.uniform(0.08, 0.2)
        phase = rng.uniform(0, math.tau)
        points = []
        steps = rng.randint(12, 30)
        for step in range(steps):
            x = left + span * 0.9 * step / (steps - 1)
            y = HEIGHT / 2 + amplitude * math.sin(frequency * x + phase) + rng.uniform(-3, 3)
            pressure = 0.35 + 0.6 * math.sin(math.pi * step / (steps - 1)) + rng.uniform(-0.05, 0.05)
            points.append(
                {
                    "x": round(x, 1),
                    "y": round(y, 1),
                    "t": round(t),
                    "p": round(min(1.0, pressure), 2),
                }
            )
            t += rng.uniform(8, 20)
        strokes.append(points)
        t += rng.uniform(150, 400)  # pen lifted between strokes
    return strokes


def strokes_json(strokes: list[list[Point]]) -> str:
    """The pad's own stored form (app.rules.signature), so demo signatures read back like real ones."""
    signature = signature_rules.Signature(
        tuple(
            signature_rules.Stroke(
                tuple(signature_rules.Point(p["x"], p["y"], int(p["t"]), p["p"]) for p in stroke), "pen"
            )
            for stroke in strokes
        ),
        WIDTH,
        HEIGHT,
    )
    return signature_rules.to_json(signature)


def render_png(strokes: list[list[Point]]) -> bytes:
    image = Image.new("L", (WIDTH, HEIGHT), 255)
    draw = ImageDraw.Draw(image)
    for stroke in strokes:
        for a, b in pairwise(stroke):
            # Line width follows pen pressure, as the on-screen pad draws it.
            width = 1 + round(2 * (a["p"] + b["p"]))
            draw.line((a["x"], a["y"], b["x"], b["y"]), fill=0, width=width)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
