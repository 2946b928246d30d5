"""Parts of a PDF laid out apart, joined into one with pikepdf (qpdf): the pages in
order, their footers, an outline of the headings and the links of the contents.

Positions come from WeasyPrint in CSS pixels from the top left of the page; PDF measures
in points (0.75 px) from the bottom left.
"""

import functools
import io
import math
from contextlib import ExitStack
from dataclasses import dataclass
from typing import Any

import pikepdf
from fontTools.pens.basePen import BasePen
from pikepdf import Array, Dictionary, Name, Operator, OutlineItem, String

POINTS_PER_PX = 0.75
MM = 72 / 25.4
FOOTER_SIZE = 7
FOOTER_GREY = 0.333  # #555
FOOTER_SIDE = 14 * MM
FOOTER_BASELINE = 9 * MM - 0.36 * FOOTER_SIZE  # text centred in the bottom margin
HELVETICA_DIGIT = 0.556  # em
TEXT_GREY = 0.067  # #111, base.html's text


@dataclass(frozen=True)
class Spot:
    """A place in the joined document: page index, and x, y in CSS px."""

    page: int
    x: float
    y: float


@dataclass(frozen=True)
class Bookmark:
    title: str
    level: int  # 1: chapter, 2: section
    spot: Spot


@dataclass(frozen=True)
class PageNumber:
    """A page number written once the pages are joined (the contents'), ending at
    `right` on the line whose baseline is at `baseline` (CSS px), in `size` pt."""

    page: int
    right: float
    baseline: float
    text: str
    size: float


@dataclass(frozen=True)
class Link:
    page: int
    rect: tuple[float, float, float, float]  # x1, y1, x2, y2 in CSS px
    target: Spot


def join(
    parts: list[bytes],
    order: list[tuple[int, int]],
    *,
    footer: str,
    numbers: list[PageNumber],
    bookmarks: list[Bookmark],
    links: list[Link],
    watermark: str = "",
) -> bytes:
    """One PDF whose page i is page `order[i][1]` of part `order[i][0]`, each page but the
    first with a footer (`footer` on the left, the page number on the right), and the
    `numbers` written where they belong. The first part keeps its metadata, and its pages
    stay first; an empty part has no pages. A `watermark` ("DRAF") is laid across every
    page."""
    with ExitStack() as stack:
        pdfs = [stack.enter_context(pikepdf.open(io.BytesIO(p))) if p else None for p in parts]
        pdf = pdfs[0]
        assert pdf is not None
        if order[: len(pdf.pages)] != [(0, index) for index in range(len(pdf.pages))]:
            raise ValueError("the first part's pages must come first, in order")
        for part, index in order[len(pdf.pages) :]:
            pdf.pages.append(pdfs[part].pages[index])  # type: ignore[union-attr]
        _write_text(pdf, footer, numbers)
        if watermark:
            _add_watermark(pdf, watermark)
        _add_outline(pdf, bookmarks)
        for link in links:
            _add_link(pdf, link)
        out = io.BytesIO()
        pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()


def _write_text(pdf: pikepdf.Pdf, footer: str, numbers: list[PageNumber]) -> None:
    """The footers where base.html's @page rule puts them (7 pt grey, in the middle of the
    18 mm bottom margin, 14 mm from the sides), and the other numbers. In Helvetica,
    which PDF readers always have and Liberation Sans matches in width. Written here
    rather than laid out by WeasyPrint: page numbers are known only once the parts are
    joined, and a WeasyPrint page of footers costs about 8 ms."""
    font = pdf.make_indirect(
        Dictionary(
            Type=Name.Font,
            Subtype=Name.Type1,
            BaseFont=Name.Helvetica,
            Encoding=Name.WinAnsiEncoding,
        )
    )
    title = String(footer.encode("cp1252", "replace"))
    by_page: dict[int, list[PageNumber]] = {}
    for page_number in numbers:
        by_page.setdefault(page_number.page, []).append(page_number)
    for index, page in enumerate(pdf.pages):
        name = page.add_resource(font, Name.Font, prefix="Joined")
        height = float(page.mediabox[3])
        text = [
            _show(
                name,
                n.size,
                TEXT_GREY,
                _right_aligned(n.right * POINTS_PER_PX, n.text, n.size),
                height - n.baseline * POINTS_PER_PX,
                n.text,
            )
            for n in by_page.get(index, [])
        ]
        if index > 0:
            number = str(index + 1)
            right = _right_aligned(float(page.mediabox[2]) - FOOTER_SIDE, number, FOOTER_SIZE)
            text.append(_show(name, FOOTER_SIZE, FOOTER_GREY, FOOTER_SIDE, FOOTER_BASELINE, title))
            text.append(_show(name, FOOTER_SIZE, FOOTER_GREY, right, FOOTER_BASELINE, number))
        # The page's own drawing is wrapped in q/Q so the text starts from the default
        # coordinates, whatever transformation the page leaves behind.
        page.contents_add(b"q\n", prepend=True)
        page.contents_add(b"Q\n" + b"".join(text))


def stamp(data: bytes, watermark: str) -> bytes:
    """A PDF with `watermark` laid across every page (the executive summary's)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        _add_watermark(pdf, watermark)
        out = io.BytesIO()
        pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()


# The watermark is drawn as the outlines of its letters, not as text: text set along the
# diagonal would come out of text extraction (search, copy, pdftotext) letter by letter
# among the page's lines. A small "DRAF" in the middle of the footer says it in text.
WATERMARK_FONT = "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf"
WATERMARK_SIZE = 150  # pt at most; a long word is made smaller to fit the diagonal
WATERMARK_OPACITY = 0.12
WATERMARK_GREY = 0.5


class _PathPen(BasePen):
    """PDF path operators of glyph outlines (fontTools), quadratic curves made cubic."""

    def __init__(self, glyphs: Any) -> None:
        super().__init__(glyphs)
        self.ops: list[str] = []
        self.x_offset = 0.0

    def _point(self, point: tuple[float, float]) -> str:
        return f"{point[0] + self.x_offset:.1f} {point[1]:.1f}"

    def _moveTo(self, pt: tuple[float, float]) -> None:  # fontTools names the methods
        self.ops.append(f"{self._point(pt)} m")

    def _lineTo(self, pt: tuple[float, float]) -> None:
        self.ops.append(f"{self._point(pt)} l")

    def _curveToOne(self, a: Any, b: Any, c: Any) -> None:
        self.ops.append(f"{self._point(a)} {self._point(b)} {self._point(c)} c")

    def _closePath(self) -> None:
        self.ops.append("h")


@functools.cache
def _outline(text: str) -> tuple[bytes, float, float]:
    """The path of `text` in font units of an em of 1000, its advance width and the cap
    height in ems."""
    from fontTools.ttLib import TTFont

    font = TTFont(WATERMARK_FONT, lazy=True)
    glyphs, cmap = font.getGlyphSet(), font.getBestCmap()
    pen = _PathPen(glyphs)
    for char in text:
        name = cmap.get(ord(char), ".notdef")
        glyphs[name].draw(pen)
        pen.x_offset += glyphs[name].width
    em = float(font["head"].unitsPerEm)
    cap_height = (getattr(font["OS/2"], "sCapHeight", 0) or 0.7 * em) / em
    path = f"{1000 / em:.6f} 0 0 {1000 / em:.6f} 0 0 cm " + " ".join([*pen.ops, "f"])
    return path.encode(), pen.x_offset / em, cap_height


def _add_watermark(pdf: pikepdf.Pdf, text: str) -> None:
    """`text` in large grey letters along the diagonal of each page, see-through, over
    the content (so tables' shading does not hide it), and small in the middle of the
    footer as text."""
    path, advance, cap_height = _outline(text)
    state = pdf.make_indirect(
        Dictionary(Type=Name.ExtGState, ca=WATERMARK_OPACITY, CA=WATERMARK_OPACITY)
    )
    font = pdf.make_indirect(
        Dictionary(
            Type=Name.Font,
            Subtype=Name.Type1,
            BaseFont=Name("/Helvetica-Bold"),
            Encoding=Name.WinAnsiEncoding,
        )
    )
    shown = String(text.encode("cp1252", "replace"))
    for page in pdf.pages:
        width, height = float(page.mediabox[2]), float(page.mediabox[3])
        diagonal = math.hypot(width, height)
        size = min(WATERMARK_SIZE, 0.7 * diagonal / max(advance, 0.1))
        cos, sin = width / diagonal, height / diagonal
        half_width, half_cap = advance * size / 2, cap_height * size / 2
        # The word's middle on the page's middle, its baseline rising to the top right.
        left = width / 2 - cos * half_width + sin * half_cap
        bottom = height / 2 - sin * half_width - cos * half_cap
        k = size / 1000
        state_name = page.add_resource(state, Name.ExtGState, prefix="Mark")
        font_name = page.add_resource(font, Name.Font, prefix="Mark")
        drawing = (
            (
                f"q {state_name} gs {WATERMARK_GREY} g "
                f"{cos * k:.5f} {sin * k:.5f} {-sin * k:.5f} {cos * k:.5f} {left:.2f} {bottom:.2f} cm "
            ).encode()
            + path
            + b" Q\n"
        )
        label_width = 0.72 * FOOTER_SIZE * len(text)  # about a capital's width each
        label = _show(
            font_name, FOOTER_SIZE, FOOTER_GREY, (width - label_width) / 2, FOOTER_BASELINE, shown
        )
        page.contents_add(b"q\n", prepend=True)
        page.contents_add(b"Q\n" + drawing + label)


def _right_aligned(right: float, digits: str, size: float) -> float:
    """Where to start digits so they end at `right`: every Helvetica digit is 0.556 em."""
    assert digits.isdigit(), digits
    return right - HELVETICA_DIGIT * size * len(digits)


def _show(font: Name, size: float, grey: float, left: float, baseline: float, text: Any) -> bytes:
    """One line of text (a str of digits, or a String) from `left` on `baseline`, in pt."""
    shown = String(text) if isinstance(text, str) else text
    instructions = [
        _op("q"),
        _op("g", grey),
        _op("BT"),
        _op("Tf", font, size),
        _op("Td", left, baseline),
        _op("Tj", shown),
        _op("ET"),
        _op("Q"),
    ]
    return pikepdf.unparse_content_stream(instructions) + b"\n"


def _op(operator: str, *operands: Any) -> tuple[list[Any], Operator]:
    """A content-stream instruction; pikepdf takes Python numbers as PDF numbers."""
    return list(operands), Operator(operator)


def _point(pdf: pikepdf.Pdf, spot: Spot) -> tuple[float, float]:
    height = float(pdf.pages[spot.page].mediabox[3])
    return spot.x * POINTS_PER_PX, height - spot.y * POINTS_PER_PX


def _add_outline(pdf: pikepdf.Pdf, bookmarks: list[Bookmark]) -> None:
    with pdf.open_outline() as outline:
        outline.root.clear()
        chapter: OutlineItem | None = None
        for mark in bookmarks:
            left, top = _point(pdf, mark.spot)
            item = OutlineItem(mark.title, mark.spot.page, "XYZ", left=left, top=top)
            if mark.level == 1 or chapter is None:
                outline.root.append(item)
                chapter = item
            else:
                chapter.children.append(item)


def _add_link(pdf: pikepdf.Pdf, link: Link) -> None:
    page = pdf.pages[link.page]
    height = float(page.mediabox[3])
    x1, y1, x2, y2 = (value * POINTS_PER_PX for value in link.rect)
    left, top = _point(pdf, link.target)
    annotation = pdf.make_indirect(
        Dictionary(
            Type=Name.Annot,
            Subtype=Name.Link,
            Rect=Array([x1, height - y2, x2, height - y1]),
            Border=Array([0, 0, 0]),
            Dest=Array([pdf.pages[link.target.page].obj, Name.XYZ, left, top, 0]),
        )
    )
    if Name.Annots not in page.obj:
        page.obj.Annots = Array()
    page.obj.Annots.append(annotation)
