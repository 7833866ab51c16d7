"""The A4 page every printed document shares, laid out like the bank's own forms.

Each page has a header (document title on the left; manager with code, outlet and date on the
right, over a rule) and a footer “第 x 页 / 共 y 页”.  The total is known only when the last page
is laid out, so the canvas keeps every page's drawing until `save` and writes the footers then
(one layout pass instead of two).  Tables repeat their header row on each page they run onto.
Documents whose data has not reached head office carry a diagonal “尚未送达总公司” mark.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas as pdf_canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Table, TableStyle

from app.reports.fonts import FontChoice

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 26 * mm  # room for the header above the frame
MARGIN_BOTTOM = 18 * mm  # room for the footer below it
FORM_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM - 2 * mm  # the frame of one A4 page: a one-page form fits it
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
HEADER_SIZE, HEADER_MIN_SIZE = 9.0, 6.5
GRID = colors.HexColor("#333333")
HEADER_FILL = colors.HexColor("#e8edf3")
MARK_COLOUR = colors.Color(0.8, 0.1, 0.1, alpha=0.18)
NOT_SENT_ZH = "尚未送达总公司"
NOT_SENT_EN = "NOT YET SENT TO HEAD OFFICE"


@dataclass(frozen=True)
class PageInfo:
    """What the header of every page says."""

    title: str
    manager: str  # name and code, e.g. 王芳（BJ0107）
    outlet: str
    day: date
    not_sent: bool = False  # draw the “not yet sent to head office” mark


@dataclass(frozen=True)
class Styles:
    font: str
    title: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_centre: ParagraphStyle
    cell_right: ParagraphStyle
    head_cell: ParagraphStyle


def styles(font: FontChoice) -> Styles:
    # wordWrap="CJK" breaks lines between Chinese characters, which have no spaces to break at.
    body = ParagraphStyle("body", fontName=font.name, fontSize=10.5, leading=15, wordWrap="CJK")
    cell = ParagraphStyle("cell", parent=body, fontSize=10, leading=13)
    return Styles(
        font=font.name,
        title=ParagraphStyle("title", parent=body, fontSize=18, leading=24, alignment=TA_CENTER, spaceAfter=4 * mm),
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=8.5, leading=11),
        cell=cell,
        cell_centre=ParagraphStyle("cell_centre", parent=cell, alignment=TA_CENTER),
        cell_right=ParagraphStyle("cell_right", parent=cell, alignment=TA_RIGHT),
        head_cell=ParagraphStyle("head_cell", parent=cell, alignment=TA_CENTER),
    )


def grid_table(
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    *,
    header_rows: int = 1,
    total_rows: int = 0,
    extra: Sequence[tuple[Any, ...]] = (),
) -> Table:
    """A ruled table as on the bank's forms: shaded header repeated on every page, totals last."""
    table = Table([list(row) for row in rows], colWidths=list(widths), repeatRows=header_rows)
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.6, GRID),
        ("BOX", (0, 0), (-1, -1), 1.1, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL))
    if total_rows:
        commands.append(("LINEABOVE", (0, -total_rows), (-1, -total_rows), 1.1, GRID))
    table.setStyle(TableStyle(commands + list(extra)))
    return table


def _draw_header(canvas: pdf_canvas.Canvas, info: PageInfo, font: str) -> None:
    canvas.saveState()
    top = PAGE_HEIGHT - 14 * mm
    canvas.setFont(font, 12)
    canvas.drawString(MARGIN_X, top, info.title)
    right = "    ".join(
        part for part in (
            f"客户经理：{info.manager}" if info.manager else "",
            f"网点：{info.outlet}" if info.outlet else "",
            f"日期：{info.day:%Y-%m-%d}",
        ) if part
    )  # fmt: skip
    # A long outlet name shrinks the line rather than running into the title.
    room = CONTENT_WIDTH - pdfmetrics.stringWidth(info.title, font, 12) - 8 * mm
    size = HEADER_SIZE
    while size > HEADER_MIN_SIZE and pdfmetrics.stringWidth(right, font, size) > room:
        size -= 0.5
    canvas.setFont(font, size)
    canvas.drawRightString(PAGE_WIDTH - MARGIN_X, top, right)
    canvas.setStrokeColor(GRID)
    canvas.setLineWidth(0.8)
    canvas.line(MARGIN_X, top - 3 * mm, PAGE_WIDTH - MARGIN_X, top - 3 * mm)
    canvas.restoreState()


def _draw_not_sent(canvas: pdf_canvas.Canvas, font: str) -> None:
    """Drawn before the page's content, so it sits under the text and never hides it."""
    canvas.saveState()
    canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
    canvas.rotate(35)
    canvas.setFillColor(MARK_COLOUR)
    canvas.setFont(font, 60)
    canvas.drawCentredString(0, 0, NOT_SENT_ZH)
    canvas.setFont("Helvetica-Bold", 22)
    canvas.drawCentredString(0, -30, NOT_SENT_EN)
    canvas.restoreState()


class _NumberedCanvas(pdf_canvas.Canvas):
    """Holds each finished page until `save`, then stamps “第 x 页 / 共 y 页” on all of them."""

    def __init__(self, *args: Any, footer_font: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._footer_font = footer_font
        self._held: list[dict[str, Any]] = []

    def showPage(self) -> None:  # reportlab's name
        self._held.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]  # reportlab's own reset, private so not in the stubs

    def save(self) -> None:
        total = len(self._held)
        for number, state in enumerate(self._held, start=1):
            self.__dict__.update(state)
            self.saveState()
            self.setFont(self._footer_font, 9)
            self.drawCentredString(PAGE_WIDTH / 2, 10 * mm, f"第 {number} 页 / 共 {total} 页")
            self.restoreState()
            super().showPage()
        super().save()


def build_pdf(story: list[Flowable], info: PageInfo, font: FontChoice, *, author: str = "") -> bytes:
    """Lays out `story` on A4 pages with the shared header, footer and mark; returns the PDF."""
    out = io.BytesIO()
    doc = BaseDocTemplate(
        out, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM, title=info.title, author=author, creator="BranchDesk 网点工作台",
        subject=info.title, invariant=True,
    )  # fmt: skip

    def on_page(canvas: pdf_canvas.Canvas, _doc: BaseDocTemplate) -> None:
        if info.not_sent:
            _draw_not_sent(canvas, font.name)
        _draw_header(canvas, info, font.name)

    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body", leftPadding=0, rightPadding=0)
    doc.addPageTemplates([PageTemplate(id="a4", frames=[frame], onPage=on_page)])

    def canvasmaker(*args: Any, **kwargs: Any) -> _NumberedCanvas:
        return _NumberedCanvas(*args, footer_font=font.name, **kwargs)

    doc.build(story, canvasmaker=canvasmaker)
    return out.getvalue()


def paragraph(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text: <, > and & in names or notes are not markup."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Paragraph(escaped.replace("\n", "<br/>"), style)
