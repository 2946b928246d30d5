"""The masterplan as PDF: HTML from the templates under masterplan/document/, laid out by
WeasyPrint with a print stylesheet (A4, page numbers, contents with page numbers).
Call inside `translation.override`."""

import logging
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from weasyprint import HTML

from kotacerdas.masterplan.documents import labels
from kotacerdas.masterplan.documents.charts import Charts
from kotacerdas.masterplan.documents.content import MasterplanContent
from kotacerdas.masterplan.documents.rupiah import rupiah_in_words

# WeasyPrint logs each step and page at INFO; a hundred-page document would flood the
# worker's log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


@dataclass(frozen=True)
class Pdf:
    data: bytes
    pages: int


def chart_urls(charts: Charts) -> dict[str, str]:
    return {name: f"chart:{name}" for name in ("roadmap", "readiness", "budget")}


def _fetcher(images: dict[str, bytes]) -> Any:
    """Charts come from memory by their `chart:` URL; nothing else is fetched, so a
    document never reaches out. (Inline data: URIs would cost the pure-Python HTML
    parser a second for three charts.)"""
    try:
        from weasyprint.urls import URLFetcher, URLFetcherResponse  # WeasyPrint 70+
    except ImportError:  # pragma: no cover - older WeasyPrint takes a function

        def fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
            if url not in images:
                raise ValueError(f"documents load nothing from outside: {url}")
            return {"string": images[url], "mime_type": "image/png"}

        return fetch

    class ChartFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url not in images:
                raise ValueError(f"documents load nothing from outside: {url}")
            return URLFetcherResponse(url, images[url], {"Content-Type": "image/png"})

    return ChartFetcher()


def write_pdf(html: str, charts: Charts) -> Pdf:
    images = {
        "chart:roadmap": charts.roadmap,
        "chart:readiness": charts.readiness,
        "chart:budget": charts.budget,
    }
    document = HTML(string=html, url_fetcher=_fetcher(images)).render()
    return Pdf(document.write_pdf(), len(document.pages))


def full_html(content: MasterplanContent, charts: Charts) -> str:
    chapters = labels.chapters(content)
    by_anchor = {item.anchor: item for item in chapters}
    potentials = [(g.opd, f) for g in content.findings for f in g.potentials]
    problems = [(g.opd, f) for g in content.findings for f in g.problems]
    context = {
        "content": content,
        "title": labels.title(),
        "document_title": f"{labels.title()} {content.region} {content.period}",
        "cover_lines": labels.cover_lines(content),
        "chapters": chapters,
        "h": {anchor.replace("-", "_"): item for anchor, item in by_anchor.items()},
        "finding_sections": [
            (by_anchor["potentials"], potentials),
            (by_anchor["problems"], problems),
        ],
        "dimensions": [(d, by_anchor[f"dimension-{d.code}"]) for d in content.dimensions],
        "charts": chart_urls(charts),
        "empty": labels.empty(),
        "total_in_words": rupiah_in_words(content.budget.total, content.language),
        "legalisation": labels.legalisation(content),
    }
    return render_to_string("masterplan/document/full.html", context)


def render_pdf(content: MasterplanContent, charts: Charts) -> Pdf:
    return write_pdf(full_html(content, charts), charts)
