"""The DOCX's building blocks: the document with its styles, headings, lists, tables,
pictures and the signature. The whole masterplan (docx_render.py) and the summary
(summary.py) are made of them."""

import datetime
import io
from collections.abc import Sequence

from django.utils.translation import gettext as _
from docx import Document as new_document
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

from kotacerdas.core.forked import Pending
from kotacerdas.core.money import format_rupiah, rupiah_in_words
from kotacerdas.masterplan.documents import labels
from kotacerdas.masterplan.documents.charts import Charts
from kotacerdas.masterplan.documents.content import (
    BudgetTable,
    MasterplanContent,
    ProgramRow,
)
from kotacerdas.masterplan.documents.docx_xml import (
    NS,
    Bold,
    Col,
    Row,
    add_table,
    add_table_styles,
    page_number_field,
    use_font,
    watermark_xml,
)

SMALL = 16  # 8 pt, for the wide tables with a column per year


def new(content: MasterplanContent) -> Document:
    """An A4 document with 2 cm margins, 10 pt Liberation Sans (the PDF's type) in the
    document's language; the status and the date it was made in its properties, and a
    draft watermark on every page until the masterplan is approved."""
    document = new_document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    add_table_styles(document)
    use_font(document)
    normal = document.styles["Normal"]
    normal.font.size = Pt(10)
    lang = "en-GB" if content.language == "en" else "id-ID"
    normal.element.get_or_add_rPr().append(
        parse_xml(f'<w:lang {NS} w:val="{lang}" w:eastAsia="{lang}" w:bidi="{lang}"/>')
    )
    properties = document.core_properties
    properties.title = f"{labels.title()} {content.region} {content.period}"
    properties.author = properties.last_modified_by = str(content.region)
    properties.comments = labels.document_properties(content)  # not python-docx's words
    properties.content_status = content.status_label
    properties.created = properties.modified = datetime.datetime.now(datetime.UTC).replace(
        tzinfo=None
    )
    properties.language = lang
    footer = section.footer.paragraphs[0]
    footer.text = f"{labels.title()} {content.region} {content.period} · "
    footer.runs[0].font.size = Pt(8)
    footer._p.append(parse_xml(page_number_field()))
    section.different_first_page_header_footer = True  # no footer on the cover
    if mark := labels.watermark(content):
        for index, header in enumerate((section.header, section.first_page_header), start=1):
            header.paragraphs[0]._p.addnext(parse_xml(watermark_xml(mark, index)))
    return document


def styled(document: Document, text: str, style_id: str) -> Paragraph:
    """A paragraph in a style named by its id. Setting `paragraph.style` the python-docx
    way scans every style twice per paragraph."""
    paragraph = document.add_paragraph(text)
    paragraph._p.style = style_id
    return paragraph


def add_heading(document: Document, text: str, level: int) -> None:
    styled(document, text, f"Heading{level}")


def heading(document: Document, item: labels.Heading) -> None:
    add_heading(document, item.text, item.level)


def text_lines(document: Document, items: Sequence[str]) -> None:
    if not items:
        document.add_paragraph(labels.empty())
    for item in items:
        document.add_paragraph(item)


def bullets(document: Document, items: Sequence[str], numbered: bool = False) -> None:
    if not items:
        document.add_paragraph(labels.empty())
    for index, item in enumerate(items, start=1):
        if numbered:
            document.add_paragraph(f"{index}. {item}")
        else:
            styled(document, item, "ListBullet")


class Pictures:
    """Places for the charts, filled once they are drawn: the charts are drawn in a child
    process (core.forked) while this one writes the text."""

    def __init__(self, charts: Pending[Charts]) -> None:
        self._charts = charts
        self._places: list[tuple[Paragraph, str, float]] = []

    def add(self, document: Document, chart: str, width_cm: float = 17) -> None:
        """A place for a chart: "readiness", "budget", "roadmap" (the summary's), or
        "roadmaps.N", the Nth chart of the masterplan's roadmap."""
        self._places.append((document.add_paragraph(), chart, width_cm))

    def fill(self) -> None:
        drawn = self._charts.result()
        for paragraph, chart, width_cm in self._places:
            name, _dot, index = chart.partition(".")
            png = drawn.roadmaps[int(index)] if index else getattr(drawn, name)
            paragraph.add_run().add_picture(io.BytesIO(png), width=Cm(width_cm))


def save(document: Document, pictures: Pictures) -> bytes:
    pictures.fill()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def budget_rows(budget: BudgetTable) -> list[Row]:
    rows: list[Row] = [[str(year), *cells, Bold(total)] for year, cells, total in budget.rows()]
    rows.append(
        [Bold(_("Total")), *map(Bold, budget.source_totals()), Bold(format_rupiah(budget.total))]
    )
    return rows


def budget_table(document: Document, budget: BudgetTable) -> None:
    columns = [Col(1.0, "center"), *[Col(1.8, "right") for _s in budget.sources], Col(2.0, "right")]
    header = [_("Year"), *budget.source_labels, _("Total")]
    add_table(document, columns, header, budget_rows(budget), SMALL)


def total_in_words(document: Document, amount: int, language: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.add_run(_("Grand total: ")).bold = True
    paragraph.add_run(format_rupiah(amount)).bold = True
    words = document.add_paragraph()
    words.add_run(_("In words: ") + rupiah_in_words(amount, language)).italic = True


def program_cells(p: ProgramRow) -> Row:
    described: list[str] = [Bold(p.name)]
    if p.description:
        described.append(p.description)
    described += p.notes
    opds: list[str] = [Bold(p.lead_opd)] + [f"+ {name}" for name in p.supporting_opds]
    return [
        p.number,
        described,
        opds,
        [p.horizon_label, p.years],
        [Bold(format_rupiah(p.budget_total)), ", ".join(p.sources)],
    ]


def page_break(document: Document) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def paragraphs(document: Document, items: Sequence[str]) -> None:
    """Paragraphs of a text kept one a line, justified as in a decree's annex."""
    if not items:
        document.add_paragraph(labels.empty())
    for item in items:
        document.add_paragraph(item).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def centred(document: Document, text: str, size: float, bold: bool = False) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold, run.font.size = bold, Pt(size)


def signature(document: Document, above: Sequence[str], name: str) -> None:
    """A signature block in the right half of the page: the lines above, room to sign,
    the name in bold and underlined."""
    indent = Cm(8.5)
    for line in above:
        document.add_paragraph(line).paragraph_format.left_indent = indent
    for _n in range(3):
        document.add_paragraph().paragraph_format.left_indent = indent
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.left_indent = indent
    run = paragraph.add_run(name)
    run.bold = run.underline = True
