"""The printed handover list: read back with pypdf, rendered with pdftoppm and pypdfium2."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pypdf
import pytest
from PIL import Image

from app.context import AppContext
from app.handover.records import (
    APPLICATION_MATERIALS,
    HandoverItemView,
    HandoverView,
    ItemInput,
    SignatureView,
)
from app.handover.service import HandoverService
from app.reports import fonts
from app.reports.fonts import SETTING_KEY, FontChoice, cjk_font, configured_font
from app.reports.handover import handover_pdf
from app.reports.render import pdf_page_images
from app.rules.ids import HandoverId, OutletId, ProposalId
from tests.handover_data import (
    TODAY,
    add_outlet,
    finished_proposal,
    pdf_dict,
    set_up_manager,
    signature_png,
    signed,
    zigzag,
)

A4_RATIO = 297 / 210
WHITE_ENOUGH = 245


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def ink_fraction(image: Image.Image) -> float:
    grey = image.convert("L")
    dark = sum(grey.histogram()[:WHITE_ENOUGH])
    return dark / (grey.width * grey.height)


def long_view(count: int = 70) -> HandoverView:
    now = datetime(2026, 3, 20, 9, 0, tzinfo=UTC)
    items = tuple(
        HandoverItemView(
            n,
            ProposalId(f"p{n}"),
            None,
            f"投保单（鑫享未来少儿教育年金保险，客户{n:02d}）",
            f"客户{n:02d}",
            "鑫享",
            "",
            1 + n % 2,
        )
        for n in range(1, count + 1)
    )
    return HandoverView(
        id=HandoverId("5c0ffee0-0000-4000-8000-000000000000"), kind=APPLICATION_MATERIALS, day=TODAY,
        outlet_id=OutletId("o"),
        outlet_code="BJ-JGM", outlet_name="建国门支行", teller_name="刘柜员", manager_name="王芳",
        manager_code="BJ0107", status="signed", signed_at=now, items=items,
        signatures=(SignatureView("manager", "王芳", signature_png(zigzag()), now),
                    SignatureView("teller", "刘柜员", signature_png(zigzag(30)), now)),
    )  # fmt: skip


@pytest.fixture
def signed_list(ctx: AppContext) -> HandoverView:
    set_up_manager(ctx)
    outlet = add_outlet(ctx)
    service = HandoverService(ctx.store.sessions, ctx.settings, ctx.actor, today=lambda: TODAY)
    items = [ItemInput(proposal_id=finished_proposal(ctx, holder=name, outlet_id=outlet)) for name in ("张伟", "李娜")]
    list_id = service.create_draft(APPLICATION_MATERIALS, TODAY, outlet, "刘柜员", items)
    service.sign(list_id, signed(zigzag()), signed(zigzag(30)))
    return service.get(list_id)


def test_the_signed_form_reads_back(signed_list: HandoverView) -> None:
    pdf = handover_pdf(signed_list)
    assert pdf.startswith(b"%PDF")
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    (text,) = page_texts(pdf)
    for expected in ("投保资料交接清单", "王芳（BJ0107）", "建国门支行（BJ-JGM）", "刘柜员", "张伟", "李娜",
                     "2026年3月20日", "客户经理", "柜员", "合计", "共 2 件", "第 1 页 / 共 1 页"):  # fmt: skip
        assert expected in text, expected
    assert "110105" not in text and "13812345678" not in text  # no ID or phone on the paper
    assert "草稿" not in text and "尚未送达总公司" not in text
    images = pdf_dict(pdf_dict(reader.pages[0]["/Resources"])["/XObject"])
    assert len(images) == 2  # both signatures
    assert reader.metadata is not None and reader.metadata.title == "投保资料交接清单"


def test_a_draft_prints_blank_signature_lines(signed_list: HandoverView) -> None:
    draft = replace(signed_list, status="draft", signed_at=None, signatures=())
    pdf = handover_pdf(draft)
    (text,) = page_texts(pdf)
    assert "草稿（未签字）" in text and "年_____月" in text
    assert "/XObject" not in pdf_dict(pypdf.PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"])


def test_a_receipt_list_has_its_own_title(signed_list: HandoverView) -> None:
    (text,) = page_texts(handover_pdf(replace(signed_list, kind="policy_contracts")))
    assert "保险合同交接清单" in text and "单证名称" in text


def test_a_long_list_runs_over_pages_with_its_header_repeated() -> None:
    pdf = handover_pdf(long_view(70))
    texts = page_texts(pdf)
    total = len(texts)
    assert total >= 3
    for number, text in enumerate(texts, start=1):
        assert f"第 {number} 页 / 共 {total} 页" in text
        assert "投保资料交接清单" in text and "王芳（BJ0107）" in text  # the page header
    for text in texts[:-1]:
        assert re.search(r"序号\s*资料名称\s*投保人\s*份数", text)  # the table header, on every page it reaches
    everything = "".join(texts)
    assert all(f"客户{n:02d}）" in everything for n in range(1, 71))
    assert "共 70 件" in everything and "合计" in everything
    assert "移交人（客户经理）签字" in texts[-1] and "接收人（柜员）签字" in texts[-1]


def test_the_not_sent_mark() -> None:
    (text, *_rest) = page_texts(handover_pdf(long_view(3), not_sent=True))
    assert "尚未送达总公司" in text and "NOT YET SENT TO HEAD OFFICE" in text


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) not installed")
def test_pdftoppm_renders_pages_with_ink(tmp_path: Path) -> None:
    path = tmp_path / "handover.pdf"
    path.write_bytes(handover_pdf(long_view(40)))
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(path), str(tmp_path / "page")], check=True, timeout=60)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == 2
    for page in pages:
        with Image.open(page) as image:
            assert image.height / image.width == pytest.approx(A4_RATIO, rel=0.02)
            assert ink_fraction(image) > 0.01
            # The title band of the page header holds Chinese glyphs, not an empty strip.
            header = image.crop((0, 0, image.width // 3, image.height // 14))
            assert ink_fraction(header) > 0.005


def test_page_images_for_the_preview() -> None:
    pages = pdf_page_images(handover_pdf(long_view(3)), dpi=72)
    assert len(pages) == 1
    width, height = pages[0].size
    assert abs(width - 595.3) < 1 and abs(height - 841.9) < 1  # A4 in points
    assert pages[0].mode == "RGB" and ink_fraction(pages[0]) > 0.01


def test_the_chinese_font_is_embedded_as_a_subset() -> None:
    chosen = cjk_font()
    if not chosen.embedded:
        pytest.skip(f"no TrueType CJK font on this machine: {chosen.reason}")
    reader = pypdf.PdfReader(io.BytesIO(handover_pdf(long_view(3))))
    embedded = []
    for entry in pdf_dict(pdf_dict(reader.pages[0]["/Resources"])["/Font"]).values():
        font = pdf_dict(entry)
        descriptor = font.get("/FontDescriptor")
        if descriptor is not None and "/FontFile2" in descriptor.get_object():
            embedded.append(str(font["/BaseFont"]))
    assert len(embedded) == 1 and re.fullmatch(r"/?[A-Z]{6}\+.+", embedded[0]), embedded
    assert "embedded as a subset" in chosen.reason and chosen.path is not None


def test_a_font_set_in_settings_comes_first(ctx: AppContext) -> None:
    system = cjk_font()
    if not system.embedded:
        pytest.skip("no TrueType CJK font to set")
    ctx.settings.set(SETTING_KEY, system.path)
    chosen = configured_font(ctx.settings)
    assert chosen.path == system.path and chosen.reason.startswith(SETTING_KEY)
    ctx.settings.set(SETTING_KEY, "/nowhere/simsun.ttc")
    fallback = configured_font(ctx.settings)
    assert (
        fallback.embedded == system.embedded
        and "skipped print.font_path /nowhere/simsun.ttc (no such file)" in fallback.reason
    )


def test_cff_fonts_are_skipped_with_the_reason(ctx: AppContext) -> None:
    noto = next(Path("/usr/share/fonts").rglob("NotoSansCJK-Regular.ttc"), None)
    if noto is None:
        pytest.skip("fonts-noto-cjk not installed")
    chosen = cjk_font(str(noto))
    assert chosen.path != str(noto)
    assert "postscript outlines are not supported" in chosen.reason


def test_without_any_truetype_cjk_font_the_builtin_one_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    # A machine with no fonts at all: nothing in the font folders, no fontconfig, and an install
    # that lost the font it carries (resources/fonts).
    monkeypatch.setattr(fonts, "BUNDLED_FILE", "gone.ttc")
    monkeypatch.setattr(fonts, "LINUX_DIRS", ())
    monkeypatch.setenv("PATH", "")
    monkeypatch.setattr(fonts, "_chosen", {})
    chosen = cjk_font()
    assert chosen == FontChoice("STSong-Light", None, False, chosen.reason)
    assert "not embedded" in chosen.reason
    (text, *_rest) = page_texts(handover_pdf(long_view(3), chosen))
    assert "投保资料交接清单" in text
