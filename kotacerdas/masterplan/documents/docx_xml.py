"""Word tables and fields written as OOXML directly.

python-docx adds tables cell by cell, which costs seconds for a masterplan's thousands of
cells; a table here is one XML string parsed once, still a real Word table (a grid style,
a header row that repeats on each page), so officials edit it as usual.
"""

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

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
    cm: float | None = None  # a fixed width, taken before the weights share the rest


def number_col(cm: float = 1.5) -> Col:
    """A column of numbers such as "6.3.2.12": wide enough for them at table size and
    kept on one line, so a number never wraps."""
    return Col(0, "left", cm)


@dataclass(frozen=True)
class Span:
    """A row of one cell over every column, shaded: a group title inside a table."""

    text: str


@dataclass(frozen=True)
class Shade:
    """A cell filled with a colour (a Gantt bar), with optional text."""

    fill: str
    text: str = ""


T = TypeVar("T")
Cell = str | Shade | Sequence[str]
Row = Sequence[Cell] | Span


# The characters XML 1.0 cannot carry: C0 controls but tab, line feed and carriage
# return; lone surrogates; U+FFFE and U+FFFF.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
# Paragraph styles of table text (see `add_table_styles`): fewer bytes per cell than
# spacing and size on each run, and officials restyle all tables at once.
TABLE_STYLES = {18: "TableText", 16: "TableSmall"}
FONT = "Liberation Sans"  # the PDF's (base.html)
TWIPS_PER_CM = 567


def xml_text(text: str) -> str:
    """The text without the characters XML cannot carry (a control character pasted into
    a vision would otherwise make Word's XML, and so the whole document, fail)."""
    return _NOT_XML.sub("", text)


def xml_safe(value: T) -> T:
    """The value with `xml_text` applied to every string in it: in dataclasses, lists,
    tuples and dicts, as the masterplan's content is gathered for the documents."""
    if isinstance(value, str):
        return type(value)(xml_text(value)) if _NOT_XML.search(value) else value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: xml_safe(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init
        }
        return dataclasses.replace(value, **changes)
    if isinstance(value, list):
        return [xml_safe(item) for item in value]  # type: ignore[return-value]
    if isinstance(value, tuple) and not hasattr(value, "_fields"):
        return tuple(xml_safe(item) for item in value)  # type: ignore[return-value]
    if isinstance(value, dict):
        return {key: xml_safe(item) for key, item in value.items()}  # type: ignore[return-value]
    return value


def clean(text: object) -> str:
    return xml_text(str(text)).translate(_ESCAPES)


def add_table_styles(document: Document) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    for size, name in ((9, "Table Text"), (8, "Table Small")):
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


def _cell(
    cell: Cell, style: str, align: str, header: bool, span: int = 1, nowrap: bool = False
) -> str:
    props = []
    if span > 1:
        props.append(f'<w:gridSpan w:val="{span}"/>')
    fill = HEADER_FILL if header else SPAN_FILL if span > 1 else None
    if isinstance(cell, Shade):
        fill, cell = cell.fill, cell.text
    if fill:
        props.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>')
    if nowrap:
        props.append("<w:noWrap/>")
    items: Sequence[str] = [cell] if isinstance(cell, str) else cell
    paragraphs = "".join(
        _paragraph(item, style, align, header or isinstance(item, Bold)) for item in items
    ) or _paragraph("", style, align)
    # Widths come from the table grid (fixed layout), so plain cells need no properties.
    tc_pr = f"<w:tcPr>{''.join(props)}</w:tcPr>" if props else ""
    return f"<w:tc>{tc_pr}{paragraphs}</w:tc>"


def table_xml(
    columns: Sequence[Col], header: Sequence[str], rows: Sequence[Row], size: int = 18
) -> str:
    """A full-width grid table; `size` is in half-points (18 = 9 pt)."""
    fixed = sum(int(c.cm * TWIPS_PER_CM) for c in columns if c.cm)
    total = sum(c.weight for c in columns if not c.cm) or 1
    widths = [
        int(c.cm * TWIPS_PER_CM) if c.cm else int((TEXT_WIDTH - fixed) * c.weight / total)
        for c in columns
    ]
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
            _cell(cell, style, c.align, False, nowrap=c.cm is not None)
            for cell, c in zip(row, columns, strict=True)
        )
        parts.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{cells}</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


def add_table(
    document: Document,
    columns: Sequence[Col],
    header: Sequence[str],
    rows: Sequence[Row],
    size: int = 18,
) -> None:
    body = document.element.body
    table = parse_xml(table_xml(columns, header, rows, size))
    body.sectPr.addprevious(table) if body.sectPr is not None else body.append(table)
    # A table followed directly by another one would merge in Word: keep a small gap.
    document.add_paragraph().paragraph_format.space_after = 0


def add_toc(document: Document, entries: Sequence[tuple[int, str]]) -> None:
    """A table of contents as Word writes one: a TOC field (headings 1-2, as links) in a
    "Table of Contents" block, whose stored result is the chapter list, so the text is
    there before Word or LibreOffice recomputes it with page numbers (Word on opening,
    LibreOffice with Tools > Update)."""
    body = document.element.body
    instr = 'TOC \\o "1-2" \\h \\z \\u'
    paragraphs = []
    for index, (level, text) in enumerate(entries):
        runs = ""
        if index == 0:
            runs += (
                '<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
                f'<w:r><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>'
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            )
        runs += f'<w:r><w:t xml:space="preserve">{clean(text)}</w:t></w:r>'
        if index == len(entries) - 1:
            runs += '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        paragraphs.append(f"<w:p>{_toc_props(level)}{runs}</w:p>")
    xml = (
        f"<w:sdt {NS}><w:sdtPr><w:docPartObj>"
        '<w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/>'
        f"</w:docPartObj></w:sdtPr><w:sdtContent>{''.join(paragraphs)}</w:sdtContent></w:sdt>"
    )
    element = parse_xml(xml)
    body.sectPr.addprevious(element) if body.sectPr is not None else body.append(element)
    # Ask Word to recompute fields (the page numbers of the contents) on opening.
    settings = document.settings.element
    update = parse_xml(f'<w:updateFields {NS} w:val="true"/>')
    later = ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids")
    anchor = next((c for c in settings if c.tag.split("}")[1] in later), None)
    anchor.addprevious(update) if anchor is not None else settings.append(update)


def _toc_props(level: int) -> str:
    """An entry's paragraph properties: indented by level, chapters in bold, and a right
    tab with dots for the page number Word and LibreOffice write when they update."""
    bold = "<w:rPr><w:b/></w:rPr>" if level == 1 else ""
    return (
        f'<w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH}"/></w:tabs>'
        f'<w:spacing w:after="40"/><w:ind w:left="{(level - 1) * 360}"/>{bold}</w:pPr>'
    )


def use_font(document: Document, family: str = FONT) -> None:
    """`family` for every style and the document's defaults, instead of the template's
    theme fonts (Calibri, Cambria): the DOCX in the PDF's type."""
    styles = document.styles.element
    for fonts in styles.iter(f"{{{W_NS}}}rFonts"):
        for key in list(fonts.attrib):
            if key.endswith("Theme"):
                del fonts.attrib[key]
        for side in ("ascii", "hAnsi", "cs", "eastAsia"):
            fonts.set(f"{{{W_NS}}}{side}", family)
    defaults = styles.find(f"{{{W_NS}}}docDefaults")
    if defaults is not None and not list(defaults.iter(f"{{{W_NS}}}rFonts")):
        run = defaults.find(f"{{{W_NS}}}rPrDefault")
        if run is None:
            run = parse_xml(f"<w:rPrDefault {NS}><w:rPr/></w:rPrDefault>")
            defaults.insert(0, run)
        run[0].insert(
            0,
            parse_xml(
                f'<w:rFonts {NS} w:ascii="{family}" w:hAnsi="{family}" w:cs="{family}" '
                f'w:eastAsia="{family}"/>'
            ),
        )


VML = 'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"'
# Word's own definition of a WordArt text shape, which its watermarks use.
_TEXT_SHAPE = (
    '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
    'path="m@7,l@8,m@5,21600l@6,21600e"><v:formulas>'
    + "".join(
        f'<v:f eqn="{eqn}"/>'
        for eqn in (
            "sum #0 0 10800",
            "prod #0 2 1",
            "sum 21600 0 @1",
            "sum 0 0 @2",
            "sum 21600 0 @3",
            "if @0 @3 0",
            "if @0 21600 @1",
            "if @0 0 @2",
            "if @0 @4 21600",
            "mid @5 @6",
            "mid @8 @5",
            "mid @7 @8",
            "mid @6 @7",
            "sum @6 0 @5",
        )
    )
    + '</v:formulas><v:path textpathok="t" o:connecttype="custom" '
    'o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/>'
    '<v:textpath on="t" fitshape="t"/><v:handles><v:h position="#0,bottomRight" '
    'xrange="6629,14971"/></v:handles><o:lock v:ext="edit" text="t" shapetype="t"/>'
    "</v:shapetype>"
)


def watermark_xml(text: str, index: int = 1) -> str:
    """A header paragraph holding a watermark as Word makes one (Design > Watermark):
    grey, see-through text across the middle of every page, behind the text."""
    style = (
        "position:absolute;margin-left:0;margin-top:0;width:440pt;height:147pt;"
        "rotation:315;z-index:-251654144;mso-position-horizontal:center;"
        "mso-position-horizontal-relative:margin;mso-position-vertical:center;"
        "mso-position-vertical-relative:margin"
    )
    return (
        f'<w:p {NS} {VML}><w:pPr><w:pStyle w:val="Header"/></w:pPr><w:r><w:pict>'
        f"{_TEXT_SHAPE if index == 1 else ''}"
        f'<v:shape id="PowerPlusWaterMarkObject{index}" o:spid="_x0000_s{2048 + index}" '
        f'type="#_x0000_t136" style="{style}" o:allowincell="f" fillcolor="silver" '
        'stroked="f"><v:fill opacity=".5"/>'
        f'<v:textpath style="font-family:&quot;{FONT}&quot;;font-size:1pt" '
        f'string="{clean(text)}"/></v:shape></w:pict></w:r></w:p>'
    )


def page_number_field(size: int = 16) -> str:
    """A PAGE field run, for a footer paragraph."""
    return (
        f'<w:fldSimple {NS} w:instr=" PAGE "><w:r><w:rPr><w:sz w:val="{size}"/></w:rPr>'
        "<w:t>1</w:t></w:r></w:fldSimple>"
    )
