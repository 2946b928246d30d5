"""Serving stored files: the one way every uploaded or generated file leaves the platform.

Files under MEDIA_ROOT are never served by URL. Each kind of file has a download route
that first looks its object up among those the user may see (so an outsider gets 404),
then answers with :func:`serve_file`: the file's content type, a ``Content-Disposition``
with a safe file name (RFC 6266: an ASCII ``filename`` for old clients and the full name
in ``filename*``), ``X-Content-Type-Options: nosniff`` and no caching by shared proxies.
"""

import mimetypes
import posixpath
import re
import unicodedata
from typing import Any
from urllib.parse import quote

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404

# Shown in the browser rather than saved: formats the browser renders without running
# anything of the file's (uploads are checked by content to be one of these).
INLINE_TYPES = frozenset({"application/pdf", "image/png", "image/jpeg", "image/webp"})
MAX_NAME_LENGTH = 150

_UNSAFE = re.compile(r'[\\/:*?"<>|;,]')
_NOT_ASCII_SAFE = re.compile(r"[^A-Za-z0-9._()+ -]")


def _extension(name: str) -> str:
    extension = posixpath.splitext(name)[1]
    return extension if re.fullmatch(r"\.[A-Za-z0-9]{1,8}", extension) else ""


# The usual extension of the types people upload; others as the mimetypes module knows them.
_TYPE_EXTENSIONS = {
    "application/pdf": ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/webp": ".webp",
    "text/csv": ".csv",
}


def _type_extension(content_type: str | None) -> str:
    if not content_type:
        return ""
    kind = content_type.split(";", 1)[0].strip().lower()
    return _TYPE_EXTENSIONS.get(kind) or mimetypes.guess_extension(kind) or ""


def safe_filename(name: str, fallback_extension: str = "") -> str:
    """The name as a person reads it, without paths, control characters or characters
    that file systems refuse; never empty, at most MAX_NAME_LENGTH characters."""
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(" " if unicodedata.category(c).startswith(("C", "Z")) else c for c in name)
    name = _UNSAFE.sub("_", name)
    name = re.sub(r"\s+", " ", name).strip(" .")
    extension = _extension(name) or fallback_extension
    stem = name[: -len(_extension(name))] if _extension(name) else name
    stem = stem.strip(" .") or "download"
    return stem[: MAX_NAME_LENGTH - len(extension)] + extension


def ascii_filename(name: str) -> str:
    """An ASCII rendering of a safe name, for clients that ignore ``filename*``."""
    decomposed = "".join(
        c for c in unicodedata.normalize("NFKD", name) if unicodedata.category(c) != "Mn"
    )
    cleaned = _NOT_ASCII_SAFE.sub("_", decomposed)
    extension = _extension(cleaned)
    stem = cleaned[: -len(extension)] if extension else cleaned
    stem = re.sub(r"[ _]*_[ _]*", "_", stem).strip(" ._")
    return (stem or "download") + extension


def content_disposition(name: str, *, inline: bool) -> str:
    disposition = "inline" if inline else "attachment"
    return f"{disposition}; filename=\"{ascii_filename(name)}\"; filename*=UTF-8''{quote(name, safe='')}"


def serve_file(
    file: FieldFile,
    display_name: str,
    *,
    content_type: str | None = None,
    inline: bool | None = None,
) -> FileResponse:
    """A stored file for a person who may see its object; 404 if there is none.

    ``display_name`` is the name the file is saved under (the extension of the stored
    file is added when it has none). PDFs and images open in the browser unless
    ``inline=False``; everything else is downloaded.
    """
    if not file or not file.name:
        raise Http404
    # A name without extension (a scan uploaded as "scan") takes the one of its type.
    fallback = _extension(file.name).lower() or _type_extension(content_type)
    name = safe_filename(display_name, fallback_extension=fallback)
    content_type = (
        content_type
        or mimetypes.guess_type(name)[0]
        or mimetypes.guess_type(file.name)[0]
        or "application/octet-stream"
    )
    try:
        handle = file.storage.open(file.name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    inline = inline is not False and content_type in INLINE_TYPES
    response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = content_disposition(name, inline=inline)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def serve_job_file(job: Any) -> FileResponse:
    """A job's result (a document, an export) as an attachment, under the name it was
    saved with; the caller has decided who may fetch it."""
    name = (job.result_file.name or "").rsplit("/", 1)[-1]
    return serve_file(job.result_file, name, inline=False)
