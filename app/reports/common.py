"""Pieces every printed form shares beyond the page itself: who prints, section bars, label grids.

The bank's forms set a shaded label cell before each value and number their sections
(一、二、三…); these helpers draw them the same way on every document.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Image, Spacer, Table, TableStyle

from app.reports import labels as zh
from app.reports.fonts import FontChoice
from app.reports.page import CONTENT_WIDTH, GRID, HEADER_FILL, PageInfo, Styles, build_pdf, grid_table, paragraph
from app.rules.masking import mask_id_number, mask_phone
from app.rules.working_days import calendar_note

NUMERALS = "一二三四五六七八九十"
LABEL_W = 26 * mm
CELL_PADDING = 8  # a ruled table cell's left and right padding together
SIGNATURE_BOX = (70 * mm, 24 * mm)  # the most the ink may take, keeping its proportions
SECTION_ROOM = 35 * mm  # the bar and its table's first rows
MASKED_NOTE = "注：为保护客户信息，证件号码和手机号码已部分遮蔽。"
INTERVIEW_STATUSES = {"draft": "草稿（面谈尚未完成）", "done": "已完成"}


@dataclass(frozen=True)
class Letterhead:
    """Who the paper is from, for the page header: manager with code, outlet with code."""

    manager: str  # e.g. 王芳（BJ0107）
    outlet: str  # e.g. 建国门支行（BJ-JGM）, or ""
    printed_on: date  # the header's date for a document that has no day of its own


class Masks:
    """How numbers print: in full when revealed, else masked as in lists."""

    def __init__(self, reveal: bool) -> None:
        self.reveal = reveal

    def id(self, value: str) -> str:
        return value if self.reveal else mask_id_number(value)

    def phone(self, value: str) -> str:
        return value if self.reveal else mask_phone(value)


def named(name: str, code: str) -> str:
    return f"{name}（{code}）" if name and code else name or code


def chinese_date(day: date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def calendar_line(dates: Sequence[date | None], s: Styles) -> list[Flowable]:
    """The fallback warning as a line of the print ("注：2027 年节假日尚未公布：暂按周一至周五计算")
    when a date shown lies in a year the calendar held does not cover; else nothing."""
    note = calendar_note([day for day in dates if day is not None], "zh_CN")
    return [paragraph(f"注：{note}。", s.small)] if note else []


def section(number: int, text: str, s: Styles) -> Table:
    """A shaded bar opening a numbered section: “一、今日目标”."""
    prefix = NUMERALS[number - 1] if 1 <= number <= len(NUMERALS) else str(number)
    bar = Table(
        [[paragraph(f"{prefix}、{text}", s.body)]], colWidths=[CONTENT_WIDTH], spaceBefore=4 * mm, spaceAfter=2 * mm
    )
    bar.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), HEADER_FILL), ("LINEBEFORE", (0, 0), (0, -1), 3, GRID),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))  # fmt: skip
    return bar


def opening(number: int, text: str, s: Styles) -> list[Flowable]:
    """The section bar, on a new page when too little room is left for a few rows under it.

    (keepWithNext would move a whole long table with its bar, leaving half a page empty.)"""
    return [CondPageBreak(SECTION_ROOM), section(number, text, s)]


def ruled(
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    s: Styles,
    *,
    centre: Sequence[int] = (),
    header_rows: int = 1,
    total_rows: int = 0,
    extra: Sequence[tuple[object, ...]] = (),
) -> Table:
    """A grid_table from text cells.  Text that fits its column stays a plain string, which
    lays out many times faster than a paragraph; longer text becomes a wrapping paragraph.
    Header rows and the columns in `centre` are centred; other cells (flowables) pass through.
    """
    cells: list[list[object]] = []
    for number, row in enumerate(rows):
        head = number < header_rows
        cells.append([
            _fit(value, widths[column], s.head_cell if head else s.cell_centre if column in centre else s.cell)
            if isinstance(value, str) else value
            for column, value in enumerate(row)
        ])  # fmt: skip
    commands: list[tuple[object, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), s.font), ("FONTSIZE", (0, 0), (-1, -1), s.cell.fontSize),
        ("LEADING", (0, 0), (-1, -1), s.cell.leading),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING / 2), ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING / 2),
    ]  # fmt: skip
    commands += [("ALIGN", (column, 0), (column, -1), "CENTER") for column in centre]
    if header_rows:
        commands.append(("ALIGN", (0, 0), (-1, header_rows - 1), "CENTER"))
    return grid_table(cells, widths, header_rows=header_rows, total_rows=total_rows, extra=commands + list(extra))


def _fit(text: str, width: float, style: ParagraphStyle) -> object:
    if "\n" not in text and stringWidth(text, style.fontName, style.fontSize) <= width - CELL_PADDING:
        return text
    return paragraph(text, style)


def field_grid(pairs: Sequence[tuple[str, str]], s: Styles, columns: int = 2) -> Table:
    """Label and value cells side by side, `columns` pairs a row, as on a paper form.

    A pair whose label ends with "*" takes the whole row (long values: addresses, notes)."""
    value_w = (CONTENT_WIDTH - columns * LABEL_W) / columns
    rows: list[list[object]] = []
    extra: list[tuple[object, ...]] = [("BACKGROUND", (c, 0), (c, -1), HEADER_FILL) for c in range(0, 2 * columns, 2)]
    current: list[object] = []

    def flush() -> None:
        if current:
            rows.append(current + [""] * (2 * columns - len(current)))
            current.clear()

    for label, value in pairs:
        if label.endswith("*"):
            flush()
            row = len(rows)
            # The value covers the other label cells: white, not their shading.
            extra += [("SPAN", (1, row), (-1, row)), ("BACKGROUND", (1, row), (-1, row), colors.white)]
            rows.append([label[:-1], _fit(value or "—", CONTENT_WIDTH - LABEL_W, s.cell)] + [""] * (2 * columns - 2))
            continue
        if len(current) == 2 * columns:
            flush()
        current += [label, value or "—"]
    flush()
    return ruled(rows, [LABEL_W, value_w] * columns, s, header_rows=0, extra=extra)


def blank_lines(count: int, s: Styles, label: str = "") -> Table:
    """Ruled lines to write on by hand; `label` sits on the first."""
    rows = [[paragraph(label, s.cell) if i == 0 and label else ""] for i in range(count)]
    lines = Table(rows, colWidths=[CONTENT_WIDTH], rowHeights=[8 * mm] * count)
    lines.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.4, GRID), ("VALIGN", (0, 0), (-1, -1), "BOTTOM")]))
    return lines


def sign_off(labels: Sequence[str], s: Styles) -> Table:
    """Signature lines side by side, e.g. 客户经理签字 and 主管审阅, each with a date."""
    width = CONTENT_WIDTH / len(labels)
    cells = [[paragraph(f"{text}：", s.body) for text in labels],
             [paragraph("日期：________年_____月_____日", s.small) for _ in labels]]  # fmt: skip
    table = Table(cells, colWidths=[width] * len(labels), rowHeights=[14 * mm, 7 * mm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, 0), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def tick(done: bool, text: str) -> str:
    """A review point of a sales form, ticked (done) or not, e.g. "☑ 开场白"."""
    return f"{zh.DONE if done else zh.NOT_DONE} {text}"


def interview_head(who: str, phone: str, day: date, where: str, status: str, head: Letterhead, s: Styles) -> Table:
    """The first lines of an interview form: with whom (phone already masked), the day, the time
    and place, how far the record got (`status`: draft or done) and the manager."""
    return field_grid(
        [
            ("客户姓名", who),
            ("手机号码", phone),
            ("面谈日期", chinese_date(day)),
            ("时间地点", where),
            ("记录状态", zh.label(INTERVIEW_STATUSES, status)),
            ("客户经理", head.manager),
        ],
        s,
    )


def signed_form_pdf(
    story: list[Flowable], s: Styles, font: FontChoice, head: Letterhead, title: str, day: date,
    note: str = MASKED_NOTE, gap: float = 6 * mm,
) -> bytes:  # fmt: skip
    """A sales form's PDF: `story`, then `gap`, the manager's and the supervisor's signature
    lines and `note` in small print; the page header says `title` and `day`."""
    story = [*story, Spacer(1, gap), sign_off(("客户经理签字", "主管审阅"), s), Spacer(1, 2 * mm),
             paragraph(note, s.small)]  # fmt: skip
    return build_pdf(story, PageInfo(title, head.manager, head.outlet, day), font, author=head.manager)


def ink(png: bytes | None, box: tuple[float, float] = SIGNATURE_BOX) -> Flowable:
    """A signature's PNG scaled into `box`, or an empty ruled box of that size to sign on."""
    box_w, box_h = box
    if not png:
        line = Table([[""]], colWidths=[box_w], rowHeights=[box_h])
        line.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.6, GRID)]))
        return line
    width, height = ImageReader(io.BytesIO(png)).getSize()
    scale = min(box_w / width, box_h / height)
    # Near-white is masked out, so the ink sits on the form like real ink, not on a white patch.
    return Image(io.BytesIO(png), width=width * scale, height=height * scale, mask=[240, 255] * 3)  # type: ignore[arg-type]  # a colour range; the stubs allow only "auto"
