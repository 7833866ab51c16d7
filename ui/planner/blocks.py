"""Where each visit sits in the timeline: its day, and its lane among the visits it overlaps.

Overlapping visits are drawn side by side, each cluster of transitively overlapping visits
sharing its day column evenly, so a clash is visible rather than one block hiding another.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtGui import QColor

from app.planner.records import VisitView

FIRST_HOUR, LAST_HOUR = 7, 21
SNAP_MINUTES = 15
# Fill and edge by status: planned blue, done green, no-show amber, the rest faded.
STATUS_COLOURS = {
    "planned": (QColor("#d2e3fc"), QColor("#1a73e8")),
    "done": (QColor("#ceead6"), QColor("#188038")),
    "no_show": (QColor("#fde7c8"), QColor("#b06000")),
    "cancelled": (QColor("#f1f3f4"), QColor("#9aa0a6")),
    "rescheduled": (QColor("#ede7f6"), QColor("#7e57c2")),
}
CLASH_EDGE = QColor("#d93025")


@dataclass(frozen=True)
class Block:
    visit: VisitView
    day: int  # column, 0-based from the first day shown
    start: int  # minutes after local midnight
    end: int
    lane: int
    lanes: int


def lay_out(visits: list[VisitView], first: date, days: int) -> list[Block]:
    """Blocks for the visits that start on one of the `days` shown, day by day, by start."""
    by_day: dict[int, list[VisitView]] = {}
    for visit in visits:
        column = (visit.starts_at.date() - first).days
        if 0 <= column < days:
            by_day.setdefault(column, []).append(visit)
    blocks: list[Block] = []
    for column, day_visits in sorted(by_day.items()):
        day_visits.sort(key=lambda v: (v.starts_at, v.ends_at, v.id))
        cluster: list[tuple[VisitView, int, int, int]] = []  # visit, start, end, lane
        cluster_end = -1
        for visit in day_visits:
            start = _minute(visit, visit.starts_at.date(), "start")
            end = max(start + SNAP_MINUTES, _minute(visit, visit.starts_at.date(), "end"))
            if cluster and start >= cluster_end:
                blocks += _close(cluster, column)
                cluster = []
            lane_ends: dict[int, int] = {}
            for _v, _s, e, lane in cluster:
                lane_ends[lane] = max(lane_ends.get(lane, 0), e)
            lane = next(i for i in range(len(cluster) + 1) if lane_ends.get(i, 0) <= start)
            cluster.append((visit, start, end, lane))
            cluster_end = max(cluster_end, end)
        blocks += _close(cluster, column)
    return blocks


def _close(cluster: list[tuple[VisitView, int, int, int]], column: int) -> list[Block]:
    lanes = max((lane for *_rest, lane in cluster), default=0) + 1
    return [Block(visit, column, start, end, lane, lanes) for visit, start, end, lane in cluster]


def _minute(visit: VisitView, day: date, which: str) -> int:
    moment = visit.starts_at if which == "start" else visit.ends_at
    # A visit running past midnight is drawn to the end of its own day.
    return 24 * 60 if moment.date() > day else moment.hour * 60 + moment.minute


def snap(minutes: float) -> int:
    return round(minutes / SNAP_MINUTES) * SNAP_MINUTES
