"""A session's output document, checked by its content: a PDF (opened with pikepdf, as
program.uploads does), or a Word document or Excel workbook (a ZIP holding the parts
Office writes). A file that only carries the name of one is refused."""

import io
import zipfile

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from kotacerdas.program.uploads import _readable_pdf

MAX_OUTPUT_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024

# The part that makes a ZIP an Office document of each kind, and the extension it keeps.
_OFFICE_PARTS = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx"}


def _refuse(message: str, field: str) -> ValidationError:
    return ValidationError({field: message})


def check_output(upload: UploadedFile, field: str = "output_file") -> str:
    """The file's kind ("pdf", "docx" or "xlsx") when it is a readable one of at most
    20 MB; ValidationError on `field` otherwise."""
    size = upload.size or 0
    if size == 0:
        raise _refuse(_("The file is empty."), field)
    if size > MAX_OUTPUT_BYTES:
        raise _refuse(
            _("The file is %(size).1f MB; the limit is 20 MB. Compress or split it.")
            % {"size": size / 1024 / 1024},
            field,
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if data.startswith(b"%PDF-"):
        if not _readable_pdf(data):
            raise _refuse(
                _("This file is not a readable PDF. Save or scan it as PDF again."), field
            )
        return "pdf"
    wrong_kind = _(
        "Only PDF, Word (.docx) or Excel (.xlsx) files are accepted; this file is none of "
        "them, whatever its name says."
    )
    if not data.startswith(b"PK\x03\x04"):
        raise _refuse(wrong_kind, field)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            names = {member.filename for member in members}
            if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
                raise _refuse(_("The file unpacks to more than 200 MB; it cannot be read."), field)
            if archive.testzip() is not None:
                raise zipfile.BadZipFile
    except (zipfile.BadZipFile, EOFError, OSError, ValueError):
        raise _refuse(_("The file is damaged: it cannot be opened."), field) from None
    if "[Content_Types].xml" in names:
        for part, kind in _OFFICE_PARTS.items():
            if part in names:
                return kind
    raise _refuse(wrong_kind, field)
