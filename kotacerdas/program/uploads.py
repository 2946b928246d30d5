"""Checking uploaded evidence by its content, not its name."""

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


def check_evidence(upload: UploadedFile) -> str:
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
    return content_type


def check_pdf(upload: UploadedFile, field: str = "file") -> None:
    """A scanned document: PDF only, 10 MB at most."""
    try:
        content_type = check_evidence(upload)
    except ValidationError as error:
        raise ValidationError({field: error.message_dict["file"]}) from None
    if content_type != "application/pdf":
        raise ValidationError({field: _("Upload the scan as a PDF file.")})
