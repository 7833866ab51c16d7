"""Printed documents as PDF bytes (reportlab), shared page layout, fonts and page images.

No Qt here: the UI previews and prints the page images `render.pdf_page_images` makes.
"""
