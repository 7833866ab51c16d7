"""Synthetic phone photos of a signed paper, for the tests of shrinking scans (app.common.scans).

A 12-MP colour photo (4000 x 3000) of a tinted, unevenly lit page with lines of small text, and
the sensor noise that makes a real photo big: saved as a JPEG at a phone's quality it is about
5 MB.  The text is 10 pt as the page holds it: an A4 page's 297 mm across 4000 px is 13.5 px/mm,
and 10 pt (3.5 mm) is about 48 px.
"""

from __future__ import annotations

import io

from PIL import Image, ImageChops, ImageDraw, ImageFont

WIDTH, HEIGHT = 4000, 3000
TEXT_PX = 48  # 10 pt on A4 at this resolution
TEXT_BOX = (200, 200, 3800, 1400)  # where the lines of text are
LINE = "Policy P2026000123 received and signed by the policy holder on 2026-03-18"


def page(width: int = WIDTH, height: int = HEIGHT, noise: float = 14.0) -> Image.Image:
    """The photo as an RGB image: paper lit from one side, tinted, with text and a red stamp."""
    light = Image.linear_gradient("L").resize((width, height))
    across = light.transpose(Image.Transpose.ROTATE_90).resize((width, height))
    image = Image.merge("RGB", (light.point(lambda v: 235 - v // 8), across.point(lambda v: 230 - v // 10),
                                Image.new("L", (width, height), 215)))  # fmt: skip
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=TEXT_PX * width // WIDTH)
    step = TEXT_PX * 3 // 2 * height // HEIGHT
    left, top, _right, bottom = (c * width // WIDTH for c in TEXT_BOX)
    for y in range(top, bottom * height // HEIGHT, step):
        draw.text((left, y), LINE, fill=(30, 30, 45), font=font)
    draw.ellipse((2800 * width // WIDTH, 1800 * height // HEIGHT, 3400 * width // WIDTH, 2400 * height // HEIGHT),
                 outline=(200, 30, 30), width=max(1, 12 * width // WIDTH))  # fmt: skip
    if noise:
        channels = [ImageChops.add(c, Image.effect_noise((width, height), noise), 1.0, -128) for c in image.split()]
        image = Image.merge("RGB", channels)
    return image


def jpeg(image: Image.Image, quality: int = 90, orientation: int | None = None) -> bytes:
    """The photo as the phone saves it, with an EXIF orientation tag when given."""
    out = io.BytesIO()
    exif = Image.Exif()
    if orientation is not None:
        exif[0x0112] = orientation
    image.save(out, "JPEG", quality=quality, exif=exif.tobytes())
    return out.getvalue()


def png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def phone_photo() -> bytes:
    """The 12-MP photo as a phone's JPEG, about 5 MB."""
    return jpeg(page())
