"""The masterplan as a Word document (DOCX) that officials go on editing.

Real heading styles (Word and LibreOffice build the contents from them), real tables, the
charts as pictures, page numbers in the footer. Call inside `translation.override`."""

from django.utils.translation import gettext as _
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from kotacerdas.core.forked import Pending
from kotacerdas.core.money import format_million, format_rupiah
from kotacerdas.masterplan.documents import labels
from kotacerdas.masterplan.documents.charts import HORIZON_COLOURS, Charts, roadmap_pages
from kotacerdas.masterplan.documents.content import (
    DimensionSection,
    MasterplanContent,
)
from kotacerdas.masterplan.documents.docx_blocks import (
    SMALL,
    Pictures,
    add_heading,
    budget_table,
    bullets,
    centred,
    heading,
    new,
    page_break,
    paragraphs,
    program_cells,
    save,
    signature,
    styled,
    text_lines,
    total_in_words,
)
from kotacerdas.masterplan.documents.docx_xml import (
    Bold,
    Col,
    Row,
    Shade,
    Span,
    add_table,
    add_toc,
    number_col,
    xml_safe,
)


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
