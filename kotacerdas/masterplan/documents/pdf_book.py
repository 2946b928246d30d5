"""The whole masterplan as PDF, laid out on both cores.

The book is a sequence of runs that each start a page: a chapter, or one dimension of the
programs chapter. A forked child (core.forked) lays out the last dimensions, most of the
programs, as one document, while this process draws the charts and lays out the runs
before and after them as two documents. The front matter (cover, contents) is laid out
meanwhile too; once the child is done, pdf_join puts the pages in order and adds what
depends on the whole: footers with page numbers, the page number and link of each entry of
the contents, and the outline. Call inside `translation.override`.
"""

from dataclasses import dataclass, field
from typing import Any

from django.template.loader import render_to_string
from weasyprint import HTML, Document
from weasyprint.text.fonts import FontConfiguration

from kotacerdas.core.forked import Pending, beside
from kotacerdas.core.money import rupiah_in_words
from kotacerdas.masterplan.documents import labels, pdf_join
from kotacerdas.masterplan.documents.charts import Charts, roadmap_pages
from kotacerdas.masterplan.documents.content import MasterplanContent
from kotacerdas.masterplan.documents.pdf_render import Pdf, chart_images, chart_urls, fetcher

# The share of the programs the child lays out: this process draws the charts and lays
# out the other chapters meanwhile (tuned with ./scripts/bench masterplan-docs).
CHILD_SHARE = 0.8
FRONT, OWN, CHILD = 0, 1, 2  # the parts joined: front matter, this process's, the child's
# The contents' type (front.html: 10 pt, Liberation Sans), for writing their page numbers.
CONTENTS_SIZE = 10
CONTENTS_ASCENT = 0.905 * CONTENTS_SIZE / 0.75  # CSS px from the top of a line to its baseline

Anchors = dict[str, tuple[float, float]]  # id: x, y of its top left on the page, CSS px


@dataclass(frozen=True)
class Run:
    template: str
    chapter: labels.Heading | None = None  # the chapter this run opens
    dimensions: list[Any] = field(default_factory=list)  # (dimension, heading) pairs

    @property
    def programs(self) -> int:
        return sum(len(dimension.programs) for dimension, _heading in self.dimensions)


@dataclass(frozen=True)
class LaidOut:
    """A part laid out and written in the child: the PDF, and each page's anchors."""

    data: bytes
    anchors: list[Anchors]


class Layout:
    """WeasyPrint layout in one process, with one font configuration for all its
    documents (each new one costs tens of milliseconds)."""

    def __init__(self, images: dict[str, bytes]) -> None:
        self.images = images
        self.fonts = FontConfiguration()

    def __call__(self, html: str) -> Document:
        return HTML(string=html, url_fetcher=fetcher(self.images)).render(font_config=self.fonts)


def _anchors(documents: list[Document]) -> list[Anchors]:
    # WeasyPrint 70 gives an anchor's box as x1, y1, x2, y2.
    return [
        {name: (box[0], box[1]) for name, box in page.anchors.items()}
        for document in documents
        for page in document.pages
    ]


def _write(documents: list[Document]) -> bytes:
    pages = [page for document in documents for page in document.pages]
    return documents[0].copy(pages).write_pdf()


def lay_out_part(html: str) -> LaidOut:
    """Runs in the child: a part without charts, laid out and written."""
    document = Layout({})(html)
    return LaidOut(_write([document]), _anchors([document]))


def _context(content: MasterplanContent) -> dict[str, Any]:
    by_anchor = {item.anchor: item for item in labels.chapters(content)}
    potentials = [(g.opd, f) for g in content.findings for f in g.potentials]
    problems = [(g.opd, f) for g in content.findings for f in g.problems]
    return {
        "content": content,
        "title": labels.title(),
        "document_title": f"{labels.title()} {content.region} {content.period}",
        "properties": labels.document_properties(content),
        "cover_lines": labels.cover_lines(content),
        "annex_lines": labels.annex_lines(content),
        "years": labels.years(content),
        "h": {anchor.replace("-", "_"): item for anchor, item in by_anchor.items()},
        "outline": labels.outline(content),
        "finding_sections": [
            (by_anchor["potentials"], potentials),
            (by_anchor["problems"], problems),
        ],
        "dimensions": [(d, by_anchor[f"dimension-{d.code}"]) for d in content.dimensions],
        "strategies": [(d, by_anchor[f"strategy-{d.code}"]) for d in content.dimensions],
        "charts": chart_urls(len(roadmap_pages(content.dimensions)) or 1),
        "empty": labels.empty(),
        "total_in_words": rupiah_in_words(content.budget.total, content.language),
        "closing": labels.closing(content),
        "signature": labels.signature(content),
        "head_title": labels.head_title(content),
        "head_name": labels.head_name(content),
    }


# The programs chapter's sections after its dimensions; each starts a page.
AFTER_PROGRAMS = ("budget", "roadmap")


def _runs(context: dict[str, Any], chapters: list[labels.Heading]) -> list[Run]:
    """The chapters in order, but the foreword (in the front matter); the programs
    chapter one run per dimension, then its budget summary and roadmap."""
    runs = []
    book = "masterplan/document/book"
    for chapter in chapters:
        if chapter.anchor == "foreword":
            continue
        template = f"{book}/{chapter.anchor}.html"
        if chapter.anchor != "programs":
            runs.append(Run(template, chapter))
            continue
        if not context["dimensions"]:
            runs.append(Run(template, chapter))
        for index, pair in enumerate(context["dimensions"]):
            runs.append(Run(template, chapter if index == 0 else None, [pair]))
        runs += [Run(f"{book}/{anchor}.html") for anchor in AFTER_PROGRAMS]
    return runs


def _split(runs: list[Run]) -> tuple[list[Run], list[Run], list[Run]]:
    """Runs before the child's, the child's (the last dimensions, as near to CHILD_SHARE
    of the programs as they come) and after."""
    program_runs = [index for index, run in enumerate(runs) if run.dimensions]
    if not program_runs:
        return runs, [], []
    target = CHILD_SHARE * sum(run.programs for run in runs)
    first, last = program_runs[0], program_runs[-1]
    best, best_gap, count = last, None, 0
    for start in range(last, first - 1, -1):
        count += runs[start].programs
        if best_gap is None or abs(count - target) < best_gap:
            best, best_gap = start, abs(count - target)
    return runs[:best], runs[best : last + 1], runs[last + 1 :]


def _part_html(context: dict[str, Any], runs: list[Run]) -> str:
    return render_to_string("masterplan/document/book/part.html", context | {"runs": runs})


def _spots(pages: list[Anchors], front_pages: int) -> dict[str, pdf_join.Spot]:
    """Where each anchor lands in the joined document, after `front_pages` pages."""
    spots: dict[str, pdf_join.Spot] = {}
    for index, anchors in enumerate(pages):
        for name, (x, y) in anchors.items():
            spots.setdefault(name, pdf_join.Spot(front_pages + index, x, y))
    return spots


def _contents(
    front: Document, spots: dict[str, pdf_join.Spot]
) -> tuple[list[pdf_join.Link], list[pdf_join.PageNumber]]:
    """The entries of the contents, laid out before the chapters' pages were known: a
    link and a page number for each, for pdf_join to add. WeasyPrint cannot resolve links
    into other documents, so they are taken out of the front matter; it lists one per box
    of an entry, and the link covers them all."""
    links, numbers = [], []
    for index, page in enumerate(front.pages):
        boxes: dict[str, list[tuple[float, float, float, float]]] = {}
        for link_type, anchor, rect, _box in page.links:
            if link_type == "internal" and anchor in spots:
                boxes.setdefault(anchor, []).append(tuple(rect))
        for anchor, rects in boxes.items():
            left, top = min(r[0] for r in rects), min(r[1] for r in rects)
            right, bottom = max(r[2] for r in rects), max(r[3] for r in rects)
            target = spots[anchor]
            links.append(pdf_join.Link(index, (left, top, right, bottom), target))
            numbers.append(
                pdf_join.PageNumber(
                    index, right, top + CONTENTS_ASCENT, str(target.page + 1), CONTENTS_SIZE
                )
            )
        page.links[:] = [link for link in page.links if link[0] != "internal"]
    return links, numbers


def render_book(content: MasterplanContent, charts: Pending[Charts]) -> Pdf:
    context = _context(content)
    headings = labels.chapters(content)
    before, in_child, after = _split(_runs(context, [h for h in headings if h.level == 1]))
    child = beside(lay_out_part, _part_html(context, in_child)) if in_child else None
    layout = Layout(chart_images(charts.result()))
    own = [layout(_part_html(context, runs)) for runs in (before, after) if runs]
    front_html = render_to_string(
        "masterplan/document/book/front.html", context | {"headings": headings}
    )
    front = layout(front_html)
    own_pdf = _write(own)
    laid_out = child.result() if child else LaidOut(b"", [])

    own_pages = _anchors(own)
    before_pages = len(own[0].pages) if before else 0
    pages = own_pages[:before_pages] + laid_out.anchors + own_pages[before_pages:]
    # The front matter's headings (the foreword) are in the contents too.
    spots = _spots(_anchors([front]), 0) | _spots(pages, len(front.pages))
    links, numbers = _contents(front, spots)
    order = [(FRONT, index) for index in range(len(front.pages))]
    order += [(OWN, index) for index in range(before_pages)]
    order += [(CHILD, index) for index in range(len(laid_out.anchors))]
    order += [(OWN, index) for index in range(before_pages, len(own_pages))]
    data = pdf_join.join(
        [_write([front]), own_pdf, laid_out.data],
        order,
        footer=context["document_title"],
        numbers=numbers,
        bookmarks=[
            pdf_join.Bookmark(h.text, h.level, spots[h.anchor])
            for h in headings
            if h.anchor in spots
        ],
        links=links,
        watermark=labels.watermark(content),
    )
    return Pdf(data, len(order))
