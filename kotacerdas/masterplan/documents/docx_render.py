"""The masterplan as a Word document (DOCX) that officials go on editing.

Real heading styles (Word and LibreOffice build the contents from them), real tables, the
charts as pictures, page numbers in the footer. Call inside `translation.override`.
"""

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
from kotacerdas.masterplan.documents import labels
from kotacerdas.masterplan.documents.charts import HORIZON_COLOURS, Charts, roadmap_pages
from kotacerdas.masterplan.documents.content import (
    BudgetTable,
    DimensionSection,
    MasterplanContent,
    ProgramRow,
)
from kotacerdas.masterplan.documents.docx_xml import (
    NS,
    Bold,
    Col,
    Row,
    Shade,
    Span,
    add_table,
    add_table_styles,
    add_toc,
    number_col,
    page_number_field,
    use_font,
    watermark_xml,
    xml_safe,
)
from kotacerdas.masterplan.documents.rupiah import format_million, format_rupiah, rupiah_in_words

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


def _cover(document: Document, content: MasterplanContent) -> None:
    """What the document is and where it belongs, no workflow status: the annex header of
    the decree, the title, the region, the years and the province."""
    for line in labels.annex_lines(content):
        paragraph = document.add_paragraph(line)
        paragraph.paragraph_format.left_indent = Cm(8.5)
        paragraph.paragraph_format.space_after = Pt(0)
    for _n in range(8):
        document.add_paragraph()
    centred(document, labels.title().upper(), 26, bold=True)
    centred(document, content.region.upper(), 28, bold=True)
    centred(document, labels.years(content), 18)
    for line in labels.cover_lines(content):
        centred(document, line, 14)


def _foreword(document: Document, c: MasterplanContent) -> None:
    heading(document, labels.section(c, "foreword"))
    paragraphs(document, c.foreword)
    signature(document, [f"{labels.head_title(c).upper()},"], labels.head_name(c))
    page_break(document)


def _contents(document: Document, content: MasterplanContent) -> None:
    styled(document, _("Table of contents"), "TOCHeading")
    add_toc(document, [(h.level, h.text) for h in labels.chapters(content)])


def _introduction(document: Document, c: MasterplanContent) -> None:
    heading(document, labels.section(c, "introduction"))
    heading(document, labels.section(c, "background"))
    paragraphs(document, c.background)
    heading(document, labels.section(c, "legal-basis"))
    last = len(c.legal_basis)
    for index, item in enumerate(c.legal_basis, start=1):
        end = "." if index == last else ";"
        paragraph = document.add_paragraph(f"{index}.\t{item}{end}")
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.left_indent = Cm(0.9)
        paragraph.paragraph_format.first_line_indent = Cm(-0.9)
        paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(0.9))
    if not c.legal_basis:
        document.add_paragraph(labels.empty())
    heading(document, labels.section(c, "purpose"))
    paragraphs(document, c.purpose)
    heading(document, labels.section(c, "scope"))
    paragraphs(document, c.scope)
    heading(document, labels.section(c, "outline"))
    add_table(
        document,
        [Col(3.6), Col(6.4)],
        [],
        [[Bold(chapter), said] for chapter, said in labels.outline(c)],
    )


def _profile(document: Document, c: MasterplanContent) -> None:
    heading(document, labels.section(c, "profile"))
    heading(document, labels.section(c, "profile-figures"))
    if c.profile:
        add_table(
            document,
            [Col(3), Col(2, "right"), Col(1.5), Col(1, "center"), Col(3)],
            [_("Figure"), _("Value"), _("Unit"), _("Year"), _("Source")],
            [[f.label, f.value, f.unit, str(f.year), f.source] for f in c.profile],
        )
    else:
        document.add_paragraph(labels.empty())
    heading(document, labels.section(c, "leading-sectors"))
    bullets(document, c.leading_sectors)


def _findings(document: Document, c: MasterplanContent) -> None:
    columns = [Col(2.2), Col(2.6), Col(4.2), Col(1.8)]
    for anchor, kind in (("potentials", "potentials"), ("problems", "problems")):
        heading(document, labels.section(c, anchor))
        rows: list[Row] = []
        for group in c.findings:
            for f in getattr(group, kind):
                detail = [f.description] if f.description else []
                if f.evidence:
                    detail.append(_("Evidence: %(text)s") % {"text": f.evidence})
                if f.set_aside_reason:
                    detail.append(_("Set aside: %(reason)s") % {"reason": f.set_aside_reason})
                rows.append([group.opd, Bold(f.title), detail, f.element])
        if rows:
            header = [_("OPD"), _("Title"), _("Description"), _("Dimension element")]
            add_table(document, columns, header, rows)
        else:
            document.add_paragraph(labels.empty())


def _analyses(document: Document, c: MasterplanContent, pictures: Pictures) -> None:
    heading(document, labels.section(c, "analyses"))
    _findings(document, c)
    heading(document, labels.section(c, "readiness"))
    add_table(
        document,
        [Col(2), Col(1.2, "center"), Col(6)],
        [_("Pillar"), _("Readiness (1–5)"), _("Notes")],
        [[p.name, p.readiness_display, p.readiness_notes] for p in c.pillars],
    )
    pictures.add(document, "readiness", 8)
    heading(document, labels.section(c, "gap"))
    text_lines(document, c.gap_analysis)
    heading(document, labels.section(c, "swot"))
    for p in c.pillars:
        add_heading(document, p.name, 3)
        quadrant = lambda title, items: [Bold(title), *(f"• {i}" for i in items)]  # noqa: E731
        add_table(
            document,
            [Col(1), Col(1)],
            [],
            [
                [quadrant(_("Strengths"), p.strengths), quadrant(_("Weaknesses"), p.weaknesses)],
                [
                    quadrant(_("Opportunities"), p.opportunities),
                    quadrant(_("Threats"), p.threats),
                ],
            ],
        )
    heading(document, labels.section(c, "rpjmd"))
    for label, value in ((_("RPJMD period"), c.rpjmd_period), (_("RPJMD vision"), c.rpjmd_vision)):
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value or "–")
    document.add_paragraph().add_run(_("RPJMD missions")).bold = True
    bullets(document, c.rpjmd_missions, numbered=True)
    if c.goals:
        add_table(
            document,
            [Col(0.8), Col(6), Col(1.4, "center")],
            [_("Code"), _("RPJMD goal"), _("Programs serving it")],
            [[g.code, g.text, str(g.programs)] for g in c.goals],
        )


def _vision(document: Document, c: MasterplanContent) -> None:
    heading(document, labels.section(c, "vision"))
    heading(document, labels.section(c, "vision-text"))
    document.add_paragraph(c.vision or labels.empty())
    heading(document, labels.section(c, "missions"))
    bullets(document, c.missions, numbered=True)
    heading(document, labels.section(c, "targets"))
    bullets(document, c.targets)


def _strategies(document: Document, c: MasterplanContent) -> None:
    heading(document, labels.section(c, "strategies"))
    for d in c.dimensions:
        heading(document, labels.section(c, f"strategy-{d.code}"))
        for e in d.elements:
            add_heading(document, f"{e.strategy_number}\u00a0{e.name}", 3)
            document.add_paragraph(e.strategy or labels.empty())


def _dimension(document: Document, c: MasterplanContent, d: DimensionSection) -> None:
    heading(document, labels.section(c, f"dimension-{d.code}"))
    document.add_paragraph(d.intro)
    for e in d.elements:
        add_heading(document, f"{e.number}\u00a0{e.name}", 3)
        if e.programs:
            columns = [number_col(1.5), Col(4.4), Col(2.2), Col(1.4), Col(1.9, "right")]
            add_table(
                document, columns, labels.program_columns(), [program_cells(p) for p in e.programs]
            )
        else:
            document.add_paragraph(labels.empty())
    if not d.programs:
        return
    years = c.years
    add_heading(document, d.indicators_title, 3)
    rows: list[Row] = []
    for p in d.programs:
        rows.append(Span(f"{p.number}\u00a0{p.name}"))
        for i in p.indicators:
            rows.append([f"{i.kind_label}: {i.name}", i.unit, i.baseline, *i.cells])
    columns = [Col(3.4), Col(1.1), Col(1.3, "right"), *[Col(0.85, "right") for _y in years]]
    add_table(
        document, columns, [_("Indicator"), _("Unit"), _("Baseline"), *map(str, years)], rows, SMALL
    )
    add_heading(document, d.matrix_title, 3)
    matrix: list[Row] = []
    for p in d.programs:
        matrix.append(
            [
                p.number,
                p.name,
                ", ".join(p.sources),
                *p.budget_cells,
                Bold(format_million(p.budget_total)),
            ]
        )
    columns = [
        number_col(1.4),
        Col(2.4),
        Col(1.0),
        *[Col(0.8, "right") for _y in years],
        Col(1.0, "right"),
    ]
    header = [_("No."), _("Program"), _("Source"), *map(str, years), _("Total")]
    add_table(document, columns, header, matrix, SMALL)
    add_heading(document, d.budget_title, 3)
    budget_table(document, d.budget)


def _budget(document: Document, c: MasterplanContent, pictures: Pictures) -> None:
    heading(document, labels.section(c, "budget"))
    document.add_paragraph(_("Budget estimates per year and funding source, in Rupiah."))
    budget_table(document, c.budget)
    total_in_words(document, c.budget.total, c.language)
    add_table(
        document,
        [Col(3), Col(1, "center"), Col(1, "center"), Col(2.2, "right")],
        [_("Dimension"), _("Programs"), _("Quick wins"), _("Budget (Rp)")],
        [
            [d.name, str(len(d.programs)), str(d.quick_wins), format_rupiah(d.budget.total)]
            for d in c.dimensions
        ],
    )
    pictures.add(document, "budget")


def gantt_rows(c: MasterplanContent) -> list[Row]:
    rows: list[Row] = []
    for d in c.dimensions:
        if d.programs:
            rows.append(Span(d.name))
        for p in d.programs:
            colour = HORIZON_COLOURS.get(p.horizon, "#495057").lstrip("#")
            rows.append(
                [
                    p.number,
                    p.name,
                    *(Shade(colour) if active else "" for active in p.active_years),
                ]
            )
    return rows


def _roadmap(document: Document, c: MasterplanContent, pictures: Pictures) -> None:
    heading(document, labels.section(c, "roadmap"))
    text_lines(document, c.roadmap)
    for index in range(len(roadmap_pages(c.dimensions)) or 1):
        pictures.add(document, f"roadmaps.{index}")
    if c.programs:
        columns = [number_col(1.4), Col(4.2), *[Col(0.5, "center") for _y in c.years]]
        header = [_("No."), _("Program"), *(str(y) for y in c.years)]
        add_table(document, columns, header, gantt_rows(c), SMALL)


def _implementation(document: Document, c: MasterplanContent) -> None:
    heading(document, labels.section(c, "implementation-plan"))
    heading(document, labels.section(c, "quick-wins"))
    if c.quick_wins:
        add_table(
            document,
            [number_col(1.5), Col(3), Col(2.2), Col(0.8, "center"), Col(3), Col(1.9, "right")],
            [
                _("No."),
                _("Program"),
                _("Lead OPD"),
                _("Year"),
                _("Why it is a quick win"),
                _("Budget (Rp)"),
            ],
            [
                [
                    p.number,
                    Bold(p.name),
                    p.lead_opd,
                    p.years,
                    p.quick_win_reason,
                    format_rupiah(p.budget_total),
                ]
                for p in c.quick_wins
            ],
        )
    else:
        document.add_paragraph(labels.empty())
    heading(document, labels.section(c, "implementation"))
    bullets(document, c.implementation_steps, numbered=True)


def _closing(document: Document, c: MasterplanContent) -> None:
    heading(document, labels.section(c, "closing"))
    paragraphs(document, labels.closing(c))
    signature(document, labels.signature(c), labels.head_name(c))


def render_docx(content: MasterplanContent, charts: Pending[Charts]) -> bytes:
    content = xml_safe(content)
    document, pictures = new(content), Pictures(charts)
    # Each chapter starts a page, as in the PDF.
    document.styles["Heading 1"].paragraph_format.page_break_before = True
    _cover(document, content)
    _foreword(document, content)
    _contents(document, content)
    _introduction(document, content)
    _profile(document, content)
    _analyses(document, content, pictures)
    _vision(document, content)
    _strategies(document, content)
    heading(document, labels.section(content, "programs"))
    for dimension in content.dimensions:
        _dimension(document, content, dimension)
    _budget(document, content, pictures)
    _roadmap(document, content, pictures)
    _implementation(document, content)
    _closing(document, content)
    return save(document, pictures)
