"""Word tables and fields written as OOXML directly.

python-docx adds tables cell by cell, which costs seconds for a masterplan's thousands of
cells; a table here is one XML string parsed once, still a real Word table (a grid style,
a header row that repeats on each page), so officials edit it as usual.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from docx.document import Document
from docx.oxml import parse_xml

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = f'xmlns:w="{W_NS}"'
TEXT_WIDTH = 9638  # twips: A4 (11906) less 2 cm (1134) margins each side
HEADER_FILL = "D9E2F3"
SPAN_FILL = "F2F2F2"


class Bold(str):
    """A paragraph of a cell written in bold."""


@dataclass(frozen=True)
class Col:
    weight: float
    align: str = "left"  # "left" | "right" | "center"


@dataclass(frozen=True)
class Span:
    """A row of one cell over every column, shaded: a group title inside a table."""

    text: str


@dataclass(frozen=True)
class Shade:
    """A cell filled with a colour (a Gantt bar), with optional text."""

    fill: str
    text: str = ""


Cell = str | Shade | Sequence[str]
Row = Sequence[Cell] | Span


# One pass over the text: XML-escape it and drop the characters XML cannot carry.
_ESCAPES = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        **{chr(c): None for c in range(32) if c not in (9, 10, 13)},
    }
)
# Paragraph styles of table text (see `add_table_styles`): fewer bytes per cell than
# spacing and size on each run, and officials restyle all tables at once.
TABLE_STYLES = {16: "TableText", 14: "TableSmall"}


def clean(text: object) -> str:
    return str(text).translate(_ESCAPES)


def add_table_styles(document: Document) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    for size, name in ((8, "Table Text"), (7, "Table Small")):
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        style.font.size = Pt(size)
        style.paragraph_format.space_before = style.paragraph_format.space_after = 0
        style.paragraph_format.line_spacing = 1.0


def _paragraph(text: str, style: str, align: str, bold: bool = False) -> str:
    jc = "" if align == "left" else f'<w:jc w:val="{align}"/>'
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    run = f'<w:r>{props}<w:t xml:space="preserve">{clean(text)}</w:t></w:r>' if text else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{jc}</w:pPr>{run}</w:p>'


def _cell(cell: Cell, style: str, align: str, header: bool, span: int = 1) -> str:
    props = []
    if span > 1:
        props.append(f'<w:gridSpan w:val="{span}"/>')
    fill = HEADER_FILL if header else SPAN_FILL if span > 1 else None
    if isinstance(cell, Shade):
        fill, cell = cell.fill, cell.text
    if fill:
        props.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>')
    items: Sequence[str] = [cell] if isinstance(cell, str) else cell
    paragraphs = "".join(
        _paragraph(item, style, align, header or isinstance(item, Bold)) for item in items
    ) or _paragraph("", style, align)
    # Widths come from the table grid (fixed layout), so plain cells need no properties.
    tc_pr = f"<w:tcPr>{''.join(props)}</w:tcPr>" if props else ""
    return f"<w:tc>{tc_pr}{paragraphs}</w:tc>"


def table_xml(
    columns: Sequence[Col], header: Sequence[str], rows: Sequence[Row], size: int = 16
) -> str:
    """A full-width grid table; `size` is in half-points (16 = 8 pt)."""
    total = sum(c.weight for c in columns)
    widths = [int(TEXT_WIDTH * c.weight / total) for c in columns]
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    props = (
        '<w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/>'
        '<w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr>"
    )
    style = TABLE_STYLES[size]
    parts = [f"<w:tbl {NS}>{props}<w:tblGrid>{grid}</w:tblGrid>"]
    if header:
        cells = "".join(
            _cell(text, style, "center" if c.align != "left" else "left", True)
            for text, c in zip(header, columns, strict=True)
        )
        parts.append(f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{cells}</w:tr>")
    for row in rows:
        if isinstance(row, Span):
            cell = _cell(Bold(row.text), style, "left", False, len(widths))
            parts.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{cell}</w:tr>")
            continue
        cells = "".join(
            _cell(cell, style, c.align, False) for cell, c in zip(row, columns, strict=True)
        )
        parts.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{cells}</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


def add_table(
    document: Document,
    columns: Sequence[Col],
    header: Sequence[str],
    rows: Sequence[Row],
    size: int = 16,
) -> None:
    body = document.element.body
    table = parse_xml(table_xml(columns, header, rows, size))
    body.sectPr.addprevious(table) if body.sectPr is not None else body.append(table)
    # A table followed directly by another one would merge in Word: keep a small gap.
    document.add_paragraph().paragraph_format.space_after = 0


def add_toc(document: Document, entries: Sequence[tuple[int, str]]) -> None:
    """A Word table-of-contents field whose stored result is the chapter list, so the
    text is there before Word or LibreOffice recomputes the field with page numbers."""
    body = document.element.body
    instr = 'TOC \\o "1-2" \\h \\z \\u'
    xml = []
    for index, (level, text) in enumerate(entries):
        indent = f'<w:ind w:left="{(level - 1) * 360}"/>'
        runs = ""
        if index == 0:
            runs += (
                '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                f'<w:r><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>'
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            )
        runs += f'<w:r><w:t xml:space="preserve">{clean(text)}</w:t></w:r>'
        if index == len(entries) - 1:
            runs += '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        xml.append(f"<w:p {NS}><w:pPr>{indent}</w:pPr>{runs}</w:p>")
    for paragraph in xml:
        element = parse_xml(paragraph)
        body.sectPr.addprevious(element) if body.sectPr is not None else body.append(element)
    # Ask Word to recompute fields (the page numbers of the contents) on opening.
    settings = document.settings.element
    update = parse_xml(f'<w:updateFields {NS} w:val="true"/>')
    later = ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids")
    anchor = next((c for c in settings if c.tag.split("}")[1] in later), None)
    anchor.addprevious(update) if anchor is not None else settings.append(update)


def page_number_field(size: int = 16) -> str:
    """A PAGE field run, for a footer paragraph."""
    return (
        f'<w:fldSimple {NS} w:instr=" PAGE "><w:r><w:rPr><w:sz w:val="{size}"/></w:rPr>'
        "<w:t>1</w:t></w:r></w:fldSimple>"
    )
