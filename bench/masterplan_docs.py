"""Masterplan documents at full size: 150 programs with 10-year indicators, to DOCX and PDF.

Migrates its own SQLite database (var/bench), writes a synthetic masterplan for Kabupaten
Batang, then renders each document end to end as the background job does (gather, charts,
layout) several times in one warm process, like a job worker. Prints one JSON object per
line; the last line is the summary: median wall seconds, and CPU seconds of the process
and its forked children (the PDF uses both cores, so its CPU exceeds its wall time).
"""

import argparse
import json
import os
import platform
import resource
import statistics
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kotacerdas.settings")
django.setup()

from django.core.management import call_command  # noqa: E402

from kotacerdas.masterplan import documents  # noqa: E402
from kotacerdas.masterplan.models import Masterplan  # noqa: E402
from kotacerdas.regions.models import Region  # noqa: E402
from kotacerdas.seed.synthetic import build_synthetic_masterplan  # noqa: E402

REGION = "33.25"
FIRST_YEAR = 2024


def cpu_seconds() -> float:
    """CPU time of this process and of its children that have ended (the documents lay
    some of their work out in a forked child)."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(plan: Masterplan, fmt: str, summary: bool) -> tuple[float, float, documents.Rendered]:
    wall, cpu = time.perf_counter(), cpu_seconds()
    result = documents.render(plan, fmt=fmt, summary=summary)
    return time.perf_counter() - wall, cpu_seconds() - cpu, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--programs", type=int, default=150)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    Masterplan.objects.filter(region_id=REGION, first_year=FIRST_YEAR).delete()
    start = time.perf_counter()
    plan = build_synthetic_masterplan(
        Region.objects.get(pk=REGION), programs=args.programs, first_year=FIRST_YEAR
    )
    build_s = time.perf_counter() - start
    indicators = sum(p.indicators.count() for p in plan.programs.all())
    print(
        json.dumps(
            {
                "bench": "masterplan-docs-build",
                "programs": args.programs,
                "build_s": round(build_s, 2),
            }
        )
    )
    # One small render first: fonts, templates and matplotlib load once per worker process.
    documents.render(plan, fmt="pdf", summary=True)
    samples: dict[str, list[tuple[float, float]]] = {}
    pages: dict[str, int | None] = {}
    sizes: dict[str, int] = {}
    for run in range(args.repeats):
        for name, fmt, summary in (
            ("docx", "docx", False),
            ("pdf", "pdf", False),
            ("summary_docx", "docx", True),
            ("summary_pdf", "pdf", True),
        ):
            wall, cpu, result = timed(plan, fmt, summary)
            samples.setdefault(name, []).append((wall, cpu))
            pages[name], sizes[name] = result.pages, len(result.data)
            print(
                json.dumps(
                    {
                        "bench": "masterplan-docs-run",
                        "run": run + 1,
                        "document": name,
                        "wall_s": round(wall, 2),
                        "cpu_s": round(cpu, 2),
                        "pages": result.pages,
                        "bytes": len(result.data),
                    }
                )
            )

    def median(name: str, index: int) -> float:
        return round(statistics.median(s[index] for s in samples[name]), 2)

    machine = f"{platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}"
    print(
        json.dumps(
            {
                "bench": "masterplan-docs",
                "programs": args.programs,
                "indicators": indicators,
                "docx_s": median("docx", 0),
                "pdf_s": median("pdf", 0),
                "total_s": round(median("docx", 0) + median("pdf", 0), 2),
                "docx_cpu_s": median("docx", 1),
                "pdf_cpu_s": median("pdf", 1),
                "pdf_pages": pages["pdf"],
                "summary_docx_s": median("summary_docx", 0),
                "summary_pdf_s": median("summary_pdf", 0),
                "summary_pdf_pages": pages["summary_pdf"],
                "docx_bytes": sizes["docx"],
                "pdf_bytes": sizes["pdf"],
                "repeats": args.repeats,
                "load_average": round(os.getloadavg()[0], 2),
                "machine": machine,
            }
        )
    )


if __name__ == "__main__":
    main()
