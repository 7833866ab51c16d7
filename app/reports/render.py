"""PDF pages as images, for the on-screen preview and for printing (pypdfium2)."""

from __future__ import annotations

import threading

import pypdfium2 as pdfium
from PIL import Image

POINTS_PER_INCH = 72

# PDFium is not thread-safe, and the UI renders on a lane with more than one worker.
_lock = threading.Lock()


def pdf_page_images(pdf_bytes: bytes, dpi: float = 96) -> list[Image.Image]:
    """Every page of `pdf_bytes` rendered at `dpi`, as RGB images."""
    with _lock:
        document = pdfium.PdfDocument(pdf_bytes)
        try:
            images = []
            for index in range(len(document)):
                page = document[index]
                try:
                    bitmap = page.render(scale=dpi / POINTS_PER_INCH)
                    images.append(bitmap.to_pil().convert("RGB"))
                finally:
                    page.close()
            return images
        finally:
            document.close()
