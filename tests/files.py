"""Small real files for tests: uploads are opened (a PDF with pikepdf, an image with
Pillow), so a few bytes that only start like a PDF are refused."""

import io
from functools import cache

import pikepdf
from PIL import Image


@cache
def pdf_bytes() -> bytes:
    """A valid PDF of one blank A4 page."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def _image(fmt: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), (40, 90, 160)).save(out, fmt)
    return out.getvalue()


@cache
def png_bytes() -> bytes:
    return _image("PNG")


@cache
def jpeg_bytes() -> bytes:
    return _image("JPEG")


PDF = pdf_bytes()
PNG = png_bytes()
JPEG = jpeg_bytes()
