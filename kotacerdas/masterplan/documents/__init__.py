"""A masterplan as the documents officials sign: DOCX (python-docx, to go on editing)
and PDF (WeasyPrint), the whole masterplan or a 2-4 page executive summary, in
Indonesian or English.

    render(masterplan, fmt="docx", summary=False, language="id") -> Rendered

Gathering reads the masterplan in a fixed number of queries (content.py); the charts are
drawn once per document (charts.py); docx_render.py, pdf_book.py and summary.py lay them
out, using the second core where there is one (core.forked).
"""

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.utils import translation
from django.utils.functional import Promise
from django.utils.text import slugify
from django.utils.translation import gettext_lazy

from kotacerdas.masterplan.models import Masterplan

FORMATS = ("docx", "pdf")
LANGUAGES = ("id", "en")
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
# Messages are lazy: the job writes them in the language of the person who asked, which
# need not be the document's.
Progress = Callable[[int, str | Promise], None]


@dataclass(frozen=True)
class Rendered:
    data: bytes
    filename: str
    pages: int | None  # known for PDF (WeasyPrint counts them); Word paginates on opening


def file_name(masterplan: Masterplan, fmt: str, *, summary: bool, language: str) -> str:
    """ "masterplan-batang-2024-2033.docx"; "kota-" stays, so Kota and Kabupaten
    Semarang do not share a name; the summary and English versions say so."""
    region = masterplan.region.name
    if region.lower().startswith("kabupaten "):
        region = region[len("kabupaten ") :]
    parts = ["masterplan", slugify(region), f"{masterplan.first_year}-{masterplan.last_year}"]
    if summary:
        parts.append("summary" if language == "en" else "ringkasan")
    if language != "id":
        parts.append(language)
    return "-".join(parts) + f".{fmt}"


@contextmanager
def _no_full_collections() -> Iterator[None]:
    """A PDF layout builds millions of objects that stay alive until it is written, and
    each full collection of Python's cycle collector rescans them all (four times per
    masterplan, most of a second). So: young collections only during the render, then one
    full collection of what the render left, with the objects from before the render
    frozen out of it; nothing is left behind for later."""
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(threshold[0], threshold[1], 1_000_000)
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.collect()
        gc.unfreeze()


def render(
    masterplan: Masterplan,
    *,
    fmt: str,
    summary: bool = False,
    language: str = "id",
    progress: Progress | None = None,
) -> Rendered:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    from kotacerdas.core.forked import beside, here
    from kotacerdas.core.money import numbers_in
    from kotacerdas.masterplan.documents import charts, content, docx_render, pdf_book
    from kotacerdas.masterplan.documents import summary as summary_module

    report = progress or (lambda percent, message: None)
    with translation.override(language), numbers_in(language), _no_full_collections():
        report(5, gettext_lazy("Gathering the masterplan"))
        gathered = content.gather(masterplan)
        report(25, gettext_lazy("Drawing the charts"))
        pages = None
        if fmt == "docx":
            # The charts are drawn beside the text, and put in their places at the end.
            drawn = beside(charts.draw_all, gathered, compact=summary)
            report(45, gettext_lazy("Laying out the document"))
            render_docx = summary_module.render_summary_docx if summary else docx_render.render_docx
            data = render_docx(gathered, drawn)
        else:
            # The PDF lays its heaviest chapter out beside the rest (pdf_book.py).
            drawn = here(charts.draw_all, gathered, compact=summary)
            report(45, gettext_lazy("Laying out the document"))
            render_pdf = summary_module.render_summary_pdf if summary else pdf_book.render_book
            pdf = render_pdf(gathered, drawn)
            data, pages = pdf.data, pdf.pages
    return Rendered(data, file_name(masterplan, fmt, summary=summary, language=language), pages)
