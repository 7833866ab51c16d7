"""Phone photos of a signed paper form, as a manager takes them: a page of text lines, a colour
cast and the sensor's noise, saved as a JPEG of about the size asked for."""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw


def phone_photo(target_bytes: int, seed: int = 0, size: tuple[int, int] = (4000, 3000)) -> bytes:
    """A JPEG of `size` pixels within about 10 % of `target_bytes` (the quality is searched)."""
    rng = random.Random(seed)
    width, height = size
    page = Image.new("L", size, 228)
    draw = ImageDraw.Draw(page)
    line_h = height // 60
    for row in range(4, 56):
        x = width // 12
        while x < width * 11 // 12:
            word = rng.randint(width // 80, width // 20)
            draw.rectangle((x, row * line_h, x + word, row * line_h + line_h // 2), fill=rng.randint(20, 60))
            x += word + width // 150
    noise = Image.effect_noise(size, 18 + seed % 5)
    gray = Image.blend(page, noise, 0.25)
    photo = Image.merge("RGB", (gray.point(lambda v: min(255, v + 12)), gray, gray.point(lambda v: max(0, v - 10))))
    low, high, best = 5, 98, b""
    while low <= high:
        quality = (low + high) // 2
        out = io.BytesIO()
        photo.save(out, "JPEG", quality=quality)
        data = out.getvalue()
        if not best or abs(len(data) - target_bytes) < abs(len(best) - target_bytes):
            best = data
        if len(data) < target_bytes:
            low = quality + 1
        else:
            high = quality - 1
    return best
