"""Photos and scans made small before they are stored for head office (issue 20).

A phone photo of a signed paper is 2-5 MB; on a branch's 256 kbit/s link that is minutes per
receipt.  What head office needs is the paper legible, so a JPEG or PNG is made:

- upright (the EXIF orientation applied; the EXIF itself, GPS included, is dropped),
- grayscale,
- at most LONG_SIDE pixels on its long side: an A4 page at about 200 dpi (never scaled up),
- a JPEG at QUALITIES[0], or a lower quality while it is still above BUDGET_BYTES.

A PDF, a file Pillow cannot read, a picture of more than MAX_PIXELS, or one the shrinking would
not make smaller is kept exactly as it came.  The SHA-256 stored, hashed and sent is then the
shrunk file's.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageOps

LONG_SIDE = 2340  # A4's 297 mm at 200 dpi
QUALITIES = (60, 50, 40)  # the first that fits BUDGET_BYTES; small text stays legible at each
BUDGET_BYTES = 600 * 1024
# A larger picture is not decoded (a decompression bomb, or a 108-MP camera's full size): kept as it
# came.  Under Pillow's own bomb warning (89 MP), and 50-MP phone photos still fit.
MAX_PIXELS = 64_000_000
MAX_INPUT_BYTES = 64 * 1024 * 1024  # nor is a file this large read into an image
_IMAGE_MAGIC = ((b"\xff\xd8\xff", "image/jpeg"), (b"\x89PNG\r\n\x1a\n", "image/png"))


@dataclass(frozen=True)
class Shrunk:
    data: bytes
    mime: str | None  # of `data`, told by its first bytes: image/jpeg, image/png, application/pdf or None
    source_mime: str | None  # of the file as it came
    changed: bool  # False: `data` is the file as it came


def _mime(data: bytes) -> str | None:
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    return next((mime for magic, mime in _IMAGE_MAGIC if data.startswith(magic)), None)


def shrink(data: bytes) -> Shrunk:
    """`data` made small (see the module's text), or as it came when it cannot or need not be."""
    source = _mime(data)
    kept = Shrunk(data, source, source, False)
    if source not in ("image/jpeg", "image/png") or len(data) > MAX_INPUT_BYTES:
        return kept
    try:
        small = _encode(data)
    except Exception:  # Pillow's errors on a broken or hostile file are many kinds (OSError, SyntaxError, bombs …)
        return kept  # not a picture Pillow can read: it travels as it came (its first bytes were checked)
    if small is None or len(small) >= len(data):
        return kept
    return Shrunk(small, "image/jpeg", source, True)


def _encode(data: bytes) -> bytes | None:
    with Image.open(io.BytesIO(data)) as opened:  # reads the header only
        width, height = opened.size
        if width * height > MAX_PIXELS or width < 1 or height < 1:
            return None
        if opened.mode.startswith(("I", "F")):
            return None  # 16-bit or float pictures are no phone's or scan app's: kept as they came
        scale = min(1.0, LONG_SIDE / max(width, height))
        if opened.format == "JPEG":
            # Decoded at the power-of-two reduction that still stays above the target: quicker, less memory.
            opened.draft("L", (max(1, round(width * scale)), max(1, round(height * scale))))
        upright = ImageOps.exif_transpose(opened)
        gray = _grayscale(upright)
    gray.thumbnail((LONG_SIDE, LONG_SIDE), Image.Resampling.LANCZOS)  # only ever smaller
    best = b""
    for quality in QUALITIES:
        out = io.BytesIO()
        gray.save(out, "JPEG", quality=quality, optimize=True)
        best = out.getvalue()
        if len(best) <= BUDGET_BYTES:
            break
    return best


def _grayscale(image: Image.Image) -> Image.Image:
    """Luminance, with transparency laid on white paper (a scan app's PNG may have an alpha)."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(paper, rgba).convert("L")
    return image.convert("L")
