"""Signature rules: what is refused, where the size boundary lies, and the storage round trip."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.rules.signature import (
    DEVICES,
    MIN_HEIGHT_FRACTION,
    MIN_POINTS,
    MIN_WIDTH_FRACTION,
    Device,
    Point,
    Signature,
    Stroke,
    check_signature,
    from_json,
    to_json,
)

W, H = 500, 200


def zigzag(left: float, top: float, width: float, height: float, points: int = 12, device: Device = "mouse") -> Stroke:
    """A stroke whose bounding box is exactly (left, top, width, height)."""
    pts = tuple(
        Point(left + width * i / (points - 1), top + (height if i % 2 else 0.0), i * 10, None) for i in range(points)
    )
    return Stroke(pts, device)


def codes(sig: Signature) -> list[str]:
    return [p.code for p in check_signature(sig)]


def test_a_real_signature_passes() -> None:
    assert codes(Signature((zigzag(50, 50, 200, 80),), W, H)) == []


def test_blank_is_refused_alone() -> None:
    assert codes(Signature((), W, H)) == ["blank"]
    assert codes(Signature((Stroke((), "touch"),), W, H)) == ["blank"]


def test_dots_are_not_a_signature() -> None:
    dots = tuple(Stroke((Point(x, 100, 0, None),), "mouse") for x in (10.0, 200.0, 450.0))
    assert codes(Signature(dots, W, H)) == ["dots_only"]
    jitter = Stroke(tuple(Point(100 + i * 0.3, 100, i, 0.5) for i in range(15)), "pen")  # 4.2 px long
    assert codes(Signature((jitter,), W, H)) == ["dots_only"]


def test_stray_dots_do_not_enlarge_a_tiny_scribble() -> None:
    far_dots = (Stroke((Point(0, 0, 0, None),), "pen"), Stroke((Point(W, H, 5, None),), "pen"))
    assert codes(Signature((zigzag(100, 100, 20, 10), *far_dots), W, H)) == ["too_small"]


def test_too_few_points() -> None:
    assert codes(Signature((zigzag(50, 50, 200, 80, points=MIN_POINTS - 1),), W, H)) == ["too_few_points"]
    assert codes(Signature((zigzag(50, 50, 200, 80, points=MIN_POINTS),), W, H)) == []


@pytest.mark.parametrize(
    ("width", "height", "refused"),
    [
        (MIN_WIDTH_FRACTION * W, MIN_HEIGHT_FRACTION * H, False),  # exactly on the boundary: accepted
        (MIN_WIDTH_FRACTION * W - 0.1, 100, True),
        (200, MIN_HEIGHT_FRACTION * H - 0.1, True),
        (MIN_WIDTH_FRACTION * W - 0.1, MIN_HEIGHT_FRACTION * H - 0.1, True),
    ],
)
def test_size_boundary(width: float, height: float, refused: bool) -> None:
    assert ("too_small" in codes(Signature((zigzag(10, 10, width, height),), W, H))) is refused


@given(
    pad_w=st.integers(100, 2000),
    pad_h=st.integers(60, 1000),
    fw=st.floats(0.0, 1.0),
    fh=st.floats(0.0, 1.0),
)
def test_size_rule_is_relative_to_the_pad(pad_w: int, pad_h: int, fw: float, fh: float) -> None:
    width, height = fw * pad_w * 0.9, fh * pad_h * 0.9
    if width + height < 10:  # short enough to be a dot: another rule's business
        return
    sig = Signature((zigzag(1, 1, width, height, points=20),), pad_w, pad_h)
    small = width < MIN_WIDTH_FRACTION * pad_w or height < MIN_HEIGHT_FRACTION * pad_h
    assert ("too_small" in codes(sig)) is small


def test_messages_are_bilingual() -> None:
    for problem in check_signature(Signature((), W, H)):
        assert problem.field == "signature"
        assert problem.message("en").isascii()
        assert "签名" in problem.message("zh_CN")


coords = st.floats(0, 2000, allow_nan=False)
points = st.builds(
    Point,
    x=coords,
    y=coords,
    t_ms=st.integers(0, 600_000),
    pressure=st.none() | st.floats(0, 1),
)
strokes = st.builds(Stroke, points=st.lists(points, max_size=20).map(tuple), device=st.sampled_from(DEVICES))
signatures = st.builds(
    Signature, strokes=st.lists(strokes, max_size=6).map(tuple), width=st.integers(1, 4000), height=st.integers(1, 4000)
)


@given(signatures)
def test_round_trip_keeps_everything_to_a_tenth_of_a_pixel(sig: Signature) -> None:
    back = from_json(to_json(sig))
    assert (back.width, back.height) == (sig.width, sig.height)
    assert [s.device for s in back.strokes] == [s.device for s in sig.strokes]
    for before, after in zip(sig.strokes, back.strokes, strict=True):
        for p, q in zip(before.points, after.points, strict=True):
            assert abs(p.x - q.x) <= 0.05 + 1e-9 and abs(p.y - q.y) <= 0.05 + 1e-9
            assert p.t_ms == q.t_ms
            assert (p.pressure is None) == (q.pressure is None)
            if p.pressure is not None and q.pressure is not None:
                assert abs(p.pressure - q.pressure) <= 0.0005 + 1e-9


@given(signatures)
def test_storage_text_is_stable(sig: Signature) -> None:
    text = to_json(sig)
    assert to_json(from_json(text)) == text
    assert " " not in text


@pytest.mark.parametrize(
    "text",
    [
        "",
        "[]",
        '{"v":2,"w":1,"h":1,"strokes":[]}',
        '{"v":1,"w":1,"h":1,"strokes":[{"d":"finger","p":[]}]}',
        '{"v":1,"w":1,"h":1,"strokes":[{"d":"pen","p":[[1,2]]}]}',
    ],
)
def test_from_json_refuses_what_it_did_not_write(text: str) -> None:
    with pytest.raises(ValueError):
        from_json(text)


def test_storage_form_is_compact() -> None:
    sig = Signature((Stroke((Point(1.234, 5.678, 0, 0.51234), Point(2, 3, 16, None)), "pen"),), W, H)
    assert json.loads(to_json(sig)) == {
        "v": 1,
        "w": W,
        "h": H,
        "strokes": [{"d": "pen", "p": [[1.2, 5.7, 0, 0.512], [2.0, 3.0, 16, None]]}],
    }


# --- limits: what a damaged or forged recording cannot do ------------------------------------


@pytest.mark.parametrize("number", ["w", "h", "x", "t"])
def test_infinite_numbers_are_unreadable_not_a_crash(number: str) -> None:
    """1e400 is infinity to Python: int() of it raised OverflowError, a 500 at head office."""
    values = {"w": "480", "h": "200", "x": "1.5", "t": "16", number: "1e400"}
    text = '{"v":1,"w":%(w)s,"h":%(h)s,"strokes":[{"d":"pen","p":[[%(x)s,2.0,%(t)s,null]]}]}' % values  # noqa: UP031 - the JSON's own braces
    with pytest.raises(ValueError, match="out of range"):
        from_json(text)


@pytest.mark.parametrize("text", [
    '{"v":1,"w":480.5,"h":200,"strokes":[]}', '{"v":1,"w":true,"h":200,"strokes":[]}',
    '{"v":1,"w":480,"h":200,"strokes":[{"d":"pen","p":[["1",2,0,null]]}]}',
    '{"v":1,"w":480,"h":200,"strokes":[{"d":"pen","p":[[1,2,0.5,null]]}]}',
    '{"v":1,"v":1,"w":480,"h":200,"strokes":[]}', '{"v":1,"w":480,"h":200,"strokes":' + "[" * 40 + "]" * 40 + "}",
    '{"v":1,"w":480,"h":200,"strokes":[{"d":"pen","p":[[1,2,0,null]]}],"x":"\\ud800"}',
    '{"v":1,"w":480,"h":200,"strokes":[]}' + " " * 1_000_000,
])  # fmt: skip
def test_from_json_reads_only_numbers_it_wrote_with_the_one_json_reader(text: str) -> None:
    with pytest.raises(ValueError):
        from_json(text)


def test_limits_are_reported_first_and_alone() -> None:
    good = zigzag(50, 50, 200, 80)
    assert codes(Signature((good,) * 200, W, H)) == []
    assert codes(Signature((good,) * 201, W, H)) == ["too_large"]
    long = zigzag(50, 50, 200, 80, points=20_001)
    assert codes(Signature((long,), W, H)) == ["too_large"]
    assert codes(Signature((good,), 10**18, H)) == ["out_of_range"]
    stored = to_json(Signature((good,), W, H))
    assert codes(from_json(stored.replace(f'"w":{W}', '"w":1000000000000000'))) == ["out_of_range"]
    for bad in (Point(float("nan"), 0, 0, None), Point(0, float("inf"), 0, None), Point(0, 0, 10**400, None),
                Point(0, 0, -1, None), Point(100_001, 0, 0, None), Point(0, 0, 0, 1.5)):  # fmt: skip
        assert codes(Signature((Stroke((*good.points, bad), "pen"),), W, H)) == ["out_of_range"], bad
    for problem in check_signature(Signature((good,) * 201, W, H)) + check_signature(Signature((good,), 0, H)):
        assert problem.field == "signature" and problem.en.isascii() and "签名" in problem.zh_CN
