"""PDF from the templates under masterplan/document/, laid out by WeasyPrint with a print
stylesheet (A4, page numbers); the whole masterplan is pdf_book.py, the summary summary.py.
Call inside `translation.override`."""

import logging
from dataclasses import dataclass
from typing import Any

from weasyprint import HTML

from kotacerdas.masterplan.documents.charts import Charts

# WeasyPrint logs each step and page at INFO; a hundred-page document would flood the
# worker's log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


@dataclass(frozen=True)
class Pdf:
    data: bytes
    pages: int


def chart_urls(roadmaps: int = 1) -> dict[str, Any]:
    """The charts' URLs for the templates; "roadmaps" lists the roadmap's charts (one
    for the summary, as many as charts.roadmap_pages makes for the masterplan)."""
    return {
        "roadmap": "chart:roadmap-0",
        "roadmaps": [f"chart:roadmap-{index}" for index in range(roadmaps)],
        "readiness": "chart:readiness",
        "budget": "chart:budget",
    }


def chart_images(charts: Charts) -> dict[str, bytes]:
    return {
        **{f"chart:roadmap-{index}": png for index, png in enumerate(charts.roadmaps)},
        "chart:readiness": charts.readiness,
        "chart:budget": charts.budget,
    }


def fetcher(images: dict[str, bytes]) -> Any:
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
    document = HTML(string=html, url_fetcher=fetcher(chart_images(charts))).render()
    return Pdf(document.write_pdf(), len(document.pages))
