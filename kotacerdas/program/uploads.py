"""Checking uploaded evidence by its content, not its name: a PDF is opened with
pikepdf, an image with Pillow; a file that only starts like one is refused."""

import io

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

MAX_UPLOAD_BYTES = 10 * 1024 * 1024

# Leading bytes of the accepted formats.
_SIGNATURES = [
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
]


def sniff_content_type(head: bytes) -> str | None:
    for signature, content_type in _SIGNATURES:
        if head.startswith(signature):
            return content_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def check_evidence(upload: UploadedFile, *, pdf_only: bool = False) -> str:
    """The content type of an acceptable upload; ValidationError otherwise."""
    size = upload.size or 0
    if size == 0:
        raise ValidationError({"file": _("The file is empty.")})
    if size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            {
                "file": _("The file is %(size).1f MB; the limit is 10 MB. Compress or split it.")
                % {"size": size / 1024 / 1024}
            }
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    content_type = sniff_content_type(head)
    if content_type is None:
        raise ValidationError(
            {
                "file": _(
                    "Only PDF or image files (PNG, JPEG, WebP) are accepted; "
                    "this file is neither, whatever its name says."
                )
            }
        )
    if pdf_only and content_type != "application/pdf":
        raise ValidationError({"file": _("Upload the scan as a PDF file.")})
    # The first bytes only name the format: the file is opened to know it is one.
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if content_type == "application/pdf" and not _readable_pdf(data):
        raise ValidationError(
            {"file": _("This file is not a readable PDF. Save or scan it as PDF again.")}
        )
    if content_type != "application/pdf" and not _readable_image(data):
        raise ValidationError(
            {"file": _("This file is not a readable image. Save it as PNG or JPEG again.")}
        )
    return content_type


def _readable_pdf(data: bytes) -> bool:
    """A PDF qpdf opens, with at least one page."""
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            return len(pdf.pages) > 0
    except Exception:  # pikepdf.PdfError, PasswordError, or a damaged object tree
        return False


def _readable_image(data: bytes) -> bool:
    """An image Pillow reads (its header and structure); without Pillow the leading
    bytes alone decide."""
    try:
        from PIL import Image
    except ImportError:  # pragma: no cover - Pillow comes with matplotlib
        return True
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
    except Exception:  # UnidentifiedImageError, a truncated or damaged file
        return False
    return True


def check_pdf(upload: UploadedFile, field: str = "file") -> None:
    """A scanned document: PDF only, 10 MB at most."""
    try:
        check_evidence(upload, pdf_only=True)
    except ValidationError as error:
        raise ValidationError({field: error.message_dict["file"]}) from None
