"""The masterplan PDF as a reader meets it: contents whose page numbers are right and
whose entries are links, an outline of the chapters, a footer with the title and the page
number on every page but the cover; the same document whether laid out in one process or
two (most programs in a forked child, see pdf_book.py)."""

import io
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pikepdf
import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import translation
from weasyprint import HTML

from kotacerdas.core.money import numbers_in
from kotacerdas.masterplan import documents
from kotacerdas.masterplan.documents import content, labels, pdf_join
from kotacerdas.regions.models import Region
from kotacerdas.seed.synthetic import build_synthetic_masterplan

TITLE = "Masterplan Smart City Kabupaten Batang 2024–2033"
CONTENTS_LINE = re.compile(r"^\s*(\S.*?)\s{2,}(\d+)\s*$")
DRAFT = "DRAFT"  # the watermark's word in the middle of a draft's footer
# The module's fixture reads the database: the mark has pytest-django set it up.
pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # renders PDF books


@dataclass(frozen=True)
class Books:
    headings: list[labels.Heading]
    dimensions: list[tuple[str, int, str]]  # name, programs, total budget
    two_processes: bytes
    one_process: bytes
    pages: int


@pytest.fixture(scope="module")
def books(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Books]:
    with django_db_blocker.unblock(), transaction.atomic():
        plan = build_synthetic_masterplan(Region.objects.get(pk="33.25"), programs=24, seed=2)
        with translation.override("en"), numbers_in("en"):
            gathered = content.gather(plan)
            headings = labels.chapters(gathered)
            dimensions = [(d.name, len(d.programs), d.budget.total_rp) for d in gathered.dimensions]
        with override_settings(DOCUMENT_PROCESSES=2):
            forked = documents.render(plan, fmt="pdf", language="en")
        with override_settings(DOCUMENT_PROCESSES=1):
            single = documents.render(plan, fmt="pdf", language="en")
        assert forked.pages is not None
        yield Books(headings, dimensions, forked.data, single.data, forked.pages)
        transaction.set_rollback(True)


def _pages_text(data: bytes) -> list[str]:
    """The text of each page (pdftotext, poppler-utils), in reading layout."""
    text = subprocess.run(
        ["/usr/bin/pdftotext", "-layout", "-", "-"],
        input=data,
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout.decode()
    return text.split("\f")[:-1]


def _flat(text: str) -> str:
    return " ".join(text.split())


def _contents_page(pages: list[str]) -> int:
    """The index of the contents' page: after the cover and the foreword."""
    return next(i for i, page in enumerate(pages) if _flat(page).startswith("Table of contents"))


def test_the_contents_give_the_page_each_heading_is_on(books: Books) -> None:
    pages = _pages_text(books.two_processes)
    assert len(pages) == books.pages
    contents = _contents_page(pages)
    assert contents == 2  # the cover, the foreword, then the contents
    listed = dict(
        (_flat(match.group(1)), int(match.group(2)))
        for line in pages[contents].splitlines()
        if (match := CONTENTS_LINE.match(line)) and not line.strip().startswith(TITLE)
    )
    assert list(listed) == [h.text for h in books.headings]
    for text, number in listed.items():
        assert text in _flat(pages[number - 1]), (text, number)
    # Chapters, and the dimensions of the programs chapter after the first, start pages.
    dimensions = [h for h in books.headings if h.anchor.startswith("dimension-")]
    starts = [h for h in books.headings if h.level == 1] + dimensions[1:]
    for heading in starts:
        assert _flat(pages[listed[heading.text] - 1]).startswith(heading.text), heading.text


def test_the_budget_chapter_sums_up_each_dimension(books: Books) -> None:
    pages = _pages_text(books.two_processes)
    budget = next(h.text for h in books.headings if h.anchor == "budget")
    chapter = next(page for page in pages if _flat(page).startswith(budget))
    rows = [_flat(line) for line in chapter.splitlines()]
    assert len(books.dimensions) == 6
    for name, programs, total in books.dimensions:
        assert any(
            row.startswith(name) and row.endswith(total) and f" {programs} " in row for row in rows
        ), (name, programs, total)


def test_a_programs_number_begins_with_its_elements(books: Books) -> None:
    """Under the heading "6.1.2 Element", the programs are "6.1.2.1", "6.1.2.2"..."""
    element, programs = None, 0
    pages = _pages_text(books.two_processes)
    text = "\n".join(pages[_contents_page(pages) + 1 :])
    budget = next(h.text for h in books.headings if h.anchor == "budget")
    chapter = text[: text.index(f"\n{budget}")]  # the quick wins (chapter VII) list them too
    for line in chapter.splitlines():
        if match := re.match(r"\s*(6\.\d+\.\d+)(\.\d+)?\s", line):
            if match.group(2) is None:
                element = match.group(1)
            else:
                assert match.group(1) == element, line
                programs += 1
    assert programs == 24


def test_every_page_but_the_cover_has_the_title_and_its_number(books: Books) -> None:
    pages = _pages_text(books.two_processes)
    assert TITLE not in pages[0].splitlines()[-1]
    for number, text in enumerate(pages[1:], start=2):
        footer = text.rstrip().splitlines()[-1].split()
        assert footer[-2] == DRAFT, (number, footer)  # a draft says so in its footer
        assert " ".join(footer[:-2]) == TITLE and footer[-1] == str(number), (number, footer)


def test_the_outline_and_the_contents_links_lead_to_the_headings(books: Books) -> None:
    pages = _pages_text(books.two_processes)
    with pikepdf.open(io.BytesIO(books.two_processes)) as pdf:
        page_numbers = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}

        def target(destination: Any) -> int:
            return page_numbers[destination[0].objgen]

        with pdf.open_outline() as outline:
            chapters = [item.title for item in outline.root]
            sections = [child.title for item in outline.root for child in item.children]
            for item in outline.root:
                assert item.title in _flat(pages[target(item.destination)])
        links = [
            annotation
            for annotation in pdf.pages[_contents_page(pages)].obj.get("/Annots", [])
            if annotation.Subtype == "/Link"
        ]
        linked = sorted(_flat(pages[target(link.Dest)]) for link in links)
    assert chapters == [h.text for h in books.headings if h.level == 1]
    assert sections == [h.text for h in books.headings if h.level == 2]
    assert len(links) == len(books.headings)
    assert all(any(h.text in page for page in linked) for h in books.headings)


def test_one_process_or_two_make_the_same_document(books: Books) -> None:
    assert _pages_text(books.one_process) == _pages_text(books.two_processes)


def test_joining_keeps_the_first_parts_pages_first() -> None:
    page = HTML(string="<p>A page</p>").write_pdf()
    nothing: dict[str, list[Any]] = {"numbers": [], "bookmarks": [], "links": []}
    with pytest.raises(ValueError, match="first part"):
        pdf_join.join([page, page], [(1, 0), (0, 0)], footer="", **nothing)
    joined = pdf_join.join([page, page], [(0, 0), (1, 0)], footer=TITLE, **nothing)
    assert [_flat(text) for text in _pages_text(joined)] == ["A page", f"A page {TITLE} 2"]
