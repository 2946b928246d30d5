"""The executive summary, 2-4 pages in either format: key figures, the vision, programs
and budget by dimension, source and year, the quick wins, and the charts.
Call inside `translation.override`."""

from dataclasses import dataclass
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from docx.enum.text import WD_BREAK
from docx.shared import Pt

from kotacerdas.core.forked import Pending
from kotacerdas.core.money import (
    format_decimal,
    format_rupiah,
    rupiah_in_words,
)
from kotacerdas.masterplan.documents import docx_blocks, labels, pdf_join, pdf_render
from kotacerdas.masterplan.documents.charts import Charts
from kotacerdas.masterplan.documents.content import MasterplanContent, ProgramRow, source_short
from kotacerdas.masterplan.documents.docx_xml import Bold, Col, Row, add_table, xml_safe

# More quick wins than this are counted, not listed: the summary stays within 4 pages.
QUICK_WINS_LISTED = 10


@dataclass(frozen=True)
class Summary:
    content: MasterplanContent
    key_figures: list[tuple[str, str]]
    by_dimension: list[tuple[str, int, int, str]]
    by_source: list[tuple[str, str, str]]
    quick_wins: list[ProgramRow]
    more_quick_wins: int
    total_in_words: str

    @property
    def title(self) -> str:
        return _("Executive summary")


def summarise(content: MasterplanContent) -> Summary:
    budget = content.budget
    readiness = [p.readiness for p in content.pillars if p.readiness is not None]
    average = sum(readiness, Decimal(0)) / len(readiness) if readiness else None
    covered = sum(1 for d in content.dimensions if d.programs)
    key_figures = [
        (_("Period"), content.period),
        (_("Programs"), str(len(content.programs))),
        (_("Quick wins"), str(len(content.quick_wins))),
        (_("Dimensions with programs"), f"{covered} / {len(content.dimensions)}"),
        (_("Total budget"), format_rupiah(budget.total)),
        (
            _("Average readiness (1–5)"),
            format_decimal(average.quantize(Decimal("0.01"))) if average is not None else "–",
        ),
        (
            _("RPJMD goals served"),
            f"{sum(1 for g in content.goals if g.programs)} / {len(content.goals)}",
        ),
    ]
    by_source = [
        (
            source_short(code),
            format_rupiah(amount),
            f"{format_decimal((Decimal(amount * 100) / budget.total).quantize(Decimal('0.1')))}%"
            if budget.total
            else "–",
        )
        for code, amount in budget.by_source.items()
    ]
    return Summary(
        content=content,
        key_figures=key_figures,
        by_dimension=[
            (d.name, len(d.programs), d.quick_wins, d.budget.total_rp) for d in content.dimensions
        ],
        by_source=by_source,
        quick_wins=content.quick_wins[:QUICK_WINS_LISTED],
        more_quick_wins=max(0, len(content.quick_wins) - QUICK_WINS_LISTED),
        total_in_words=rupiah_in_words(budget.total, content.language),
    )


def more_text(count: int) -> str:
    return _("… and %(count)d more quick wins, listed in the masterplan.") % {"count": count}


def render_summary_pdf(content: MasterplanContent, charts: Pending[Charts]) -> pdf_render.Pdf:
    summary = summarise(content)
    html = render_to_string(
        "masterplan/document/summary.html",
        {
            "summary": summary,
            "content": content,
            "title": labels.title(),
            "document_title": f"{summary.title}: {labels.title()} {content.region} {content.period}",
            "charts": pdf_render.chart_urls(),
            "more": more_text(summary.more_quick_wins) if summary.more_quick_wins else "",
            "empty": labels.empty(),
            "properties": labels.document_properties(content),
        },
    )
    pdf = pdf_render.write_pdf(html, charts.result())
    if mark := labels.watermark(content):
        pdf = pdf_render.Pdf(pdf_join.stamp(pdf.data, mark), pdf.pages)
    return pdf


def render_summary_docx(content: MasterplanContent, charts: Pending[Charts]) -> bytes:
    content = xml_safe(content)
    summary = summarise(content)
    document, pictures = docx_blocks.new(content), docx_blocks.Pictures(charts)
    document.sections[0].different_first_page_header_footer = False
    document.core_properties.title = f"{summary.title}: {document.core_properties.title}"
    docx_blocks.styled(document, f"{summary.title}: {labels.title()}", "Title")
    heading = document.add_paragraph()
    run = heading.add_run(f"{content.region} · {content.period}")
    run.bold, run.font.size = True, Pt(13)
    add_table(document, [Col(2), Col(3)], [], [[Bold(k), v] for k, v in summary.key_figures])
    document.add_paragraph().add_run(_("In words: ") + summary.total_in_words).italic = True
    docx_blocks.add_heading(document, _("Vision and missions"), 2)
    document.add_paragraph(content.vision or labels.empty())
    docx_blocks.bullets(document, content.missions, numbered=True)
    docx_blocks.add_heading(document, _("Programs and budget by dimension"), 2)
    add_table(
        document,
        [Col(3), Col(1, "center"), Col(1, "center"), Col(2.2, "right")],
        [_("Dimension"), _("Programs"), _("Quick wins"), _("Budget (Rp)")],
        [[name, str(n), str(q), total] for name, n, q, total in summary.by_dimension],
    )
    docx_blocks.add_heading(document, _("Budget by funding source"), 2)
    add_table(
        document,
        [Col(2), Col(2.5, "right"), Col(1, "right")],
        [_("Source"), _("Budget (Rp)"), _("Share")],
        [list(row) for row in summary.by_source],
    )
    docx_blocks.add_heading(document, _("Budget per year and funding source"), 2)
    docx_blocks.budget_table(document, content.budget)
    pictures.add(document, "budget", 15)
    docx_blocks.add_heading(document, _("Quick wins"), 2)
    if summary.quick_wins:
        rows: list[Row] = [
            [p.number, Bold(p.name), p.lead_opd, p.years, p.budget_total_rp]
            for p in summary.quick_wins
        ]
        add_table(
            document,
            [Col(0.7), Col(3.4), Col(2.6), Col(0.8, "center"), Col(1.9, "right")],
            [_("No."), _("Program"), _("Lead OPD"), _("Year"), _("Budget (Rp)")],
            rows,
        )
        if summary.more_quick_wins:
            document.add_paragraph(more_text(summary.more_quick_wins))
    else:
        document.add_paragraph(labels.empty())
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    docx_blocks.add_heading(document, _("Readiness and 10-year roadmap"), 2)
    pictures.add(document, "readiness", 6.5)
    pictures.add(document, "roadmap", 13)
    return docx_blocks.save(document, pictures)
