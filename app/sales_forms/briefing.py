"""早会信息记录表 and 财经要闻摘录表: the morning meeting's points and the news worth a call.

Typed quickly at 08:30 (the manual's preparation step), shown on Today that day, found again
later by a search over their words. A news excerpt names the catalogue products it matches
(by code), so the manager knows what to offer when the news comes up in a conversation.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session, sessionmaker

from app.errors import InvalidInput, NotFound
from app.profile.audit import record_event
from app.rules.product_catalogue import ProductCatalogue
from local_db.models import MorningNote, NewsExcerpt

MAX_TITLE = 200
MAX_TEXT = 8000
SEARCH_LIMIT = 200
RowT = TypeVar("RowT", MorningNote, NewsExcerpt)


@dataclass(frozen=True)
class NoteView:
    id: str
    day: date
    points: str


@dataclass(frozen=True)
class NewsInput:
    news_on: date
    title: str
    content: str = ""
    product_codes: tuple[str, ...] = ()


@dataclass(frozen=True)
class NewsView:
    id: str
    news_on: date
    title: str
    content: str
    product_codes: tuple[str, ...]
    product_names: tuple[str, ...]  # in Chinese, as the catalogue names them (the codes' order)


@dataclass(frozen=True)
class Briefing:
    """What Today shows of the morning: the meeting's points and the news of the day."""

    day: date
    notes: tuple[NoteView, ...]
    news: tuple[NewsView, ...]

    @property
    def empty(self) -> bool:
        return not self.notes and not self.news


@dataclass(frozen=True)
class Hit:
    """One search result: a morning note (kind "note") or a news excerpt (kind "news")."""

    kind: str
    id: str
    day: date
    title: str  # a news title, or the note's first line
    text: str  # the note's points or the news content


class BriefingService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        actor: Callable[[], str],
        catalogue: Callable[[], ProductCatalogue],
    ) -> None:
        self._sessions = sessions
        self._actor = actor
        self._catalogue = catalogue

    # ---- morning notes ---------------------------------------------------------------

    def save_note(self, note_id: str | None, day: date, points: str) -> NoteView:
        """Create (`note_id` None) or update the points of a morning meeting, as typed."""
        _check_length(points, MAX_TEXT, "points", "要点")
        with self._sessions.begin() as session:
            if note_id is None:
                if not points.strip():
                    raise InvalidInput("Type the points of the morning meeting first.", zh="请先填写早会要点。")
                row = MorningNote(day=day, points=points)
                session.add(row)
                session.flush()
                action = "create"
            else:
                row = _get(session, MorningNote, note_id)
                row.day, row.points = day, points
                action = "edit"
            record_event(session, actor=self._actor(), action=action, entity="morning_note", entity_id=row.id,
                         detail={"day": day.isoformat()})  # fmt: skip
            return NoteView(row.id, row.day, row.points)

    def delete_note(self, note_id: str) -> None:
        with self._sessions.begin() as session:
            row = _get(session, MorningNote, note_id)
            record_event(session, actor=self._actor(), action="delete", entity="morning_note", entity_id=row.id,
                         detail={"day": row.day.isoformat()})  # fmt: skip
            session.delete(row)

    def note(self, note_id: str) -> NoteView:
        with self._sessions() as session:
            row = _get(session, MorningNote, note_id)
            return NoteView(row.id, row.day, row.points)

    # ---- news excerpts ---------------------------------------------------------------

    def save_news(self, news_id: str | None, data: NewsInput) -> NewsView:
        """Create (`news_id` None) or update a news excerpt; its products must be in the catalogue."""
        codes = self._checked(data)
        with self._sessions.begin() as session:
            if news_id is None:
                row = NewsExcerpt()
                session.add(row)
                action = "create"
            else:
                row = _get(session, NewsExcerpt, news_id)
                action = "edit"
            row.news_on, row.title, row.content = data.news_on, data.title.strip(), data.content
            row.product_codes_json = json.dumps(list(codes))
            session.flush()
            record_event(session, actor=self._actor(), action=action, entity="news_excerpt", entity_id=row.id,
                         detail={"news_on": data.news_on.isoformat(), "products": list(codes)})  # fmt: skip
            return self._news(row)

    def delete_news(self, news_id: str) -> None:
        with self._sessions.begin() as session:
            row = _get(session, NewsExcerpt, news_id)
            record_event(session, actor=self._actor(), action="delete", entity="news_excerpt", entity_id=row.id,
                         detail={"news_on": row.news_on.isoformat()})  # fmt: skip
            session.delete(row)

    def news(self, news_id: str) -> NewsView:
        with self._sessions() as session:
            return self._news(_get(session, NewsExcerpt, news_id))

    # ---- the day, and a search -------------------------------------------------------

    def day(self, day: date) -> Briefing:
        with self._sessions() as session:
            notes = session.scalars(
                select(MorningNote).where(MorningNote.day == day).order_by(MorningNote.created_at, MorningNote.id)
            ).all()
            news = session.scalars(
                select(NewsExcerpt).where(NewsExcerpt.news_on == day).order_by(NewsExcerpt.created_at, NewsExcerpt.id)
            ).all()
            return Briefing(
                day,
                tuple(NoteView(n.id, n.day, n.points) for n in notes if n.points.strip()),
                tuple(self._news(n) for n in news),
            )

    def search(self, text: str, limit: int = SEARCH_LIMIT) -> list[Hit]:
        """Notes and news holding every word of `text` (in a title, content, points, or a matched
        product's name), newest first. No words: the newest of all."""
        words = [w.casefold() for w in text.split()]
        hits: list[Hit] = []
        with self._sessions() as session:
            for n in session.scalars(select(MorningNote).where(*_contains(words))):
                if n.points.strip():
                    first = n.points.strip().splitlines()[0]
                    hits.append(Hit("note", n.id, n.day, first, n.points))
            for e in session.scalars(select(NewsExcerpt)):
                view = self._news(e)
                haystack = " ".join((view.title, view.content, *view.product_names, *view.product_codes)).casefold()
                if all(w in haystack for w in words):
                    hits.append(Hit("news", e.id, e.news_on, e.title, e.content))
        hits.sort(key=lambda h: (h.day, h.kind == "news", h.id), reverse=True)
        return hits[:limit]

    # ---- helpers ---------------------------------------------------------------------

    def _checked(self, data: NewsInput) -> tuple[str, ...]:
        if not data.title.strip():
            raise InvalidInput("A news excerpt needs its title.", zh="财经要闻摘录需要填写标题。")
        _check_length(data.title.strip(), MAX_TITLE, "title", "标题")
        _check_length(data.content, MAX_TEXT, "key content", "要点内容")
        catalogue = self._catalogue()
        codes: list[str] = []
        for code in data.product_codes:
            product = catalogue.find(code)
            if product is None:
                raise InvalidInput(
                    f"The product {code!r} is not in the product catalogue.",
                    "Choose the matching products from the catalogue.",
                    zh=f"产品目录中没有产品 {code}。",
                    hint_zh="请从产品目录中选择相应产品。",
                )
            if product.code not in codes:
                codes.append(product.code)
        return tuple(codes)

    def _news(self, row: NewsExcerpt) -> NewsView:
        codes = tuple(str(c) for c in json.loads(row.product_codes_json or "[]"))
        catalogue = self._catalogue()
        names = tuple(p.name_zh if (p := catalogue.find(c)) is not None else c for c in codes)
        return NewsView(row.id, row.news_on, row.title, row.content, codes, names)


def _contains(words: Sequence[str]) -> list[ColumnElement[bool]]:
    """SQLite's lower() folds only ASCII; Chinese needs no folding."""
    return [func.lower(MorningNote.points).contains(w, autoescape=True) for w in words]


def _check_length(value: str, most: int, what: str, what_zh: str) -> None:
    if len(value) > most:
        raise InvalidInput(f"The {what} is longer than {most} characters.", zh=f"{what_zh}超过 {most} 个字。")


def _get(session: Session, model: type[RowT], record_id: str) -> RowT:
    row = session.get(model, record_id)
    if row is None:
        raise NotFound("The morning note or news excerpt no longer exists.", zh="该早会记录或财经要闻已不存在。")
    return row
