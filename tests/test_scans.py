"""Photos and scans made small before they are stored for head office (app.common.scans, issue 20):
the shrinking itself without Qt, then the receipt's scan and the answers' photos on a real profile."""

from __future__ import annotations

import hashlib
import io
import json
from datetime import date

import pytest
from PIL import Image, ImageChops, ImageStat
from sqlalchemy import select

from app.common import scans
from app.context import AppContext
from app.profile.audit import events_for
from app.proposals.service import ProposalService
from app.receipts.service import ReceiptFields, ReceiptRefused, ReceiptService
from app.rules import receipt as rules
from app.rules.ids import ReceiptId
from local_db import models
from tests.paperwork_helpers import finished_proposal
from tests.scan_photos import TEXT_BOX, WIDTH, jpeg, page, phone_photo, png
from tests.test_answers import raise_letter

MB = 1_000_000
SIGNED_ON = date(2026, 3, 18)
PDF = b"%PDF-1.7\n" + b"1 0 obj\n" * 20


def opened(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def gray(image: Image.Image, at: tuple[int, int]) -> int:
    value = image.getpixel(at)
    assert isinstance(value, int)
    return value


@pytest.fixture(scope="module")
def photo() -> bytes:
    return phone_photo()


# ---- the shrinking ----------------------------------------------------------------------------


def test_a_5_mb_phone_photo_becomes_a_legible_grayscale_page_well_under_1_mb(photo: bytes) -> None:
    small = scans.shrink(photo)
    assert 4.8 * MB < len(photo) < 5.3 * MB  # the phone's photo, as the figure in README says
    assert small.changed and small.mime == "image/jpeg" and small.source_mime == "image/jpeg"
    assert len(small.data) < 0.5 * MB  # README: 5.0 MB → about 0.33 MB
    image = opened(small.data)
    assert (image.mode, image.size) == ("L", (scans.LONG_SIDE, scans.LONG_SIDE * 3 // 4))
    # Against the page as it was, without the sensor's noise, at the small one's resolution:
    truth = page(noise=0).convert("L").resize(image.size, Image.Resampling.LANCZOS)
    scale = image.size[0] / WIDTH
    left, top, right, bottom = (round(c * scale) for c in TEXT_BOX)
    box = (left, top, right, bottom)
    text, true_text = image.crop(box), truth.crop(box)
    error = ImageStat.Stat(ImageChops.difference(text, true_text)).mean[0]
    assert error < 6, error  # the text region's pixels are on average within a few grey levels
    # The text keeps its contrast: the spread of grey levels between ink and paper survives.
    assert ImageStat.Stat(text).stddev[0] > 0.95 * ImageStat.Stat(true_text).stddev[0]
    # … and the whole page seen small (a quarter) matches the original seen small.
    quarter = (image.size[0] // 4, image.size[1] // 4)
    whole = ImageChops.difference(image.resize(quarter, Image.Resampling.BOX),
                                  opened(photo).convert("L").resize(quarter, Image.Resampling.BOX))  # fmt: skip
    assert ImageStat.Stat(whole).mean[0] < 2


def test_the_photo_is_turned_upright_and_loses_its_exif() -> None:
    sideways = jpeg(page(800, 600), quality=95, orientation=6)  # the phone held on its side
    small = scans.shrink(sideways)
    image = opened(small.data)
    assert small.changed and image.size == (600, 800)  # upright, and not scaled up
    assert 0x0112 not in image.getexif()


def test_a_small_photo_is_never_scaled_up_and_a_tall_scan_fits_the_long_side() -> None:
    assert opened(scans.shrink(jpeg(page(1000, 700), quality=95)).data).size == (1000, 700)
    tall = scans.shrink(png(page(1500, 4000, noise=4)))
    assert tall.changed and (tall.source_mime, tall.mime) == ("image/png", "image/jpeg")
    width, height = opened(tall.data).size
    assert height == scans.LONG_SIDE and abs(width - 1500 * scans.LONG_SIDE / 4000) <= 1


def test_a_transparent_png_lies_on_white_paper() -> None:
    noise = Image.effect_noise((900, 600), 30)
    clear = Image.merge("RGBA", (noise, noise, noise, Image.new("L", (900, 600), 0)))  # invisible noise
    clear.paste((20, 20, 20, 255), (100, 100, 800, 110))  # one black line
    small = scans.shrink(png(clear))
    image = opened(small.data)
    assert small.changed and image.mode == "L"
    assert gray(image, (50, 300)) > 245 and gray(image, (400, 105)) < 100


@pytest.mark.parametrize("data", [
    PDF,  # a PDF is kept as it is
    b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 200,  # starts like a JPEG, is none
    b"\x89PNG\r\n\x1a\nfake",
    b"",
    b"not a picture at all",
])  # fmt: skip
def test_what_is_no_readable_picture_is_kept_as_it_came(data: bytes) -> None:
    small = scans.shrink(data)
    assert (small.data, small.changed) == (data, False)


def test_a_picture_already_small_is_kept_and_a_bomb_is_never_decoded() -> None:
    drawing = Image.new("1", (1200, 800), 1)
    drawing.paste(0, (100, 400, 1100, 404))  # a black-and-white scan compresses better as PNG than JPEG
    assert scans.shrink(png(drawing)).changed is False  # shrinking would only make it larger
    bomb = io.BytesIO()
    Image.new("1", (10_000, 8_000)).save(bomb, "PNG")  # 80 MP in a few kilobytes
    assert len(bomb.getvalue()) < MB and scans.shrink(bomb.getvalue()).changed is False


# ---- a receipt's scan ---------------------------------------------------------------------------


@pytest.fixture
def receipts(ctx: AppContext) -> ReceiptService:
    return ReceiptService(ctx.store.sessions, ctx.actor, today=lambda: date(2026, 3, 20))


def receipt_draft(ctx: AppContext, receipts: ReceiptService) -> ReceiptId:
    proposals = ProposalService(ctx.store.sessions, ctx.settings, ctx.actor, today=lambda: date(2026, 3, 16))
    receipt_id = receipts.new_draft(finished_proposal(proposals))
    receipts.save_draft(receipt_id, ReceiptFields("P2026000123", date(2026, 3, 17), SIGNED_ON, 15))
    return receipt_id


def test_a_receipt_stores_hashes_and_sends_the_small_scan(
    ctx: AppContext, receipts: ReceiptService, photo: bytes
) -> None:
    receipt_id = receipt_draft(ctx, receipts)
    signed = receipts.sign(receipt_id, SIGNED_ON, scan=(photo, "image/jpeg"))
    small = scans.shrink(photo).data
    digest = hashlib.sha256(small).hexdigest()
    view = receipts.get(receipt_id)
    assert (view.scan_mime, view.scan_size) == ("image/jpeg", len(small))
    with ctx.store.sessions() as session:
        item = session.get(models.OutboxItem, signed.outbox_item_id)
        receipt = session.get(models.Receipt, receipt_id)
        assert item is not None and receipt is not None and receipt.scan == small
        payload = json.loads(item.payload_json)
        (queued,) = session.scalars(select(models.OutboxFile).where(models.OutboxFile.item_id == item.id)).all()
    assert "scan_base64" not in payload and (queued.data, queued.sha256) == (small, digest)  # uploaded ahead (issue 20)
    assert payload["receipt"]["scan"] == {"mime": "image/jpeg", "sha256": digest, "size": len(small)}
    canonical = json.dumps({"receipt": payload["receipt"]}, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert hashlib.sha256(canonical.encode("utf-8")).hexdigest() == signed.content_hash == payload["content_hash"]


def test_a_photo_over_10_mb_is_taken_once_small_but_a_wrong_name_is_still_refused(
    ctx: AppContext, receipts: ReceiptService, photo: bytes
) -> None:
    huge = png(page(noise=24))  # a scan app's PNG of the same page
    assert len(huge) > rules.MAX_SCAN_BYTES
    receipt_id = receipt_draft(ctx, receipts)
    with pytest.raises(ReceiptRefused) as refused:
        receipts.sign(receipt_id, SIGNED_ON, scan=(photo, "image/png"))  # a ".png" holding a JPEG
    assert [p.code for p in refused.value.problems] == ["R014_scan_type_mismatch"]
    receipts.sign(receipt_id, SIGNED_ON, scan=(huge, "image/png"))
    view = receipts.get(receipt_id)
    assert view.scan_mime == "image/jpeg" and view.scan_size is not None and view.scan_size < MB


# ---- answers' and requests' photos ------------------------------------------------------------------


def test_an_answers_photo_is_stored_small_renamed_jpg_and_audited(ctx: AppContext, photo: bytes) -> None:
    _proposal_id, letter_id = raise_letter(ctx)
    draft = ctx.answers.draft(letter_id)
    from_png = ctx.answers.attach(draft.id, "收入证明.png", png(page(1600, 1200)))
    from_jpeg = ctx.answers.attach(draft.id, "IMG_0001.JPG", photo)
    pdf = ctx.answers.attach(draft.id, "证明.pdf", PDF)
    assert (from_png.name, from_png.mime, from_jpeg.name, pdf.size) == ("收入证明.jpg", "image/jpeg",
                                                                         "IMG_0001.JPG", len(PDF))  # fmt: skip
    assert from_jpeg.size < 0.5 * MB
    with ctx.store.sessions() as session:
        rows = {row.id: row for row in session.scalars(select(models.Attachment))}
        for view in (from_png, from_jpeg, pdf):
            stored = rows[view.id].data
            assert (hashlib.sha256(stored).hexdigest(), len(stored)) == (view.sha256, view.size)
        assert rows[from_jpeg.id].data == scans.shrink(photo).data and rows[pdf.id].data == PDF
        attached = [e.detail for e in events_for(session, "letter_answer", draft.id) if e.action == "attach"]
    assert {"size_as_chosen": len(photo), "size": from_jpeg.size}.items() <= attached[1].items()
    assert "size_as_chosen" not in attached[2]
