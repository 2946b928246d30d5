"""The documents' charts as PNG bytes (matplotlib, Agg backend, no display needed).

One PNG serves both formats: python-docx embeds it and WeasyPrint draws it. Each chart is
one figure with one call per series, so 150 programs draw in a fraction of a second.
"""

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from django.utils.translation import gettext as _
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.projections.polar import PolarAxes

from kotacerdas.core.money import group_thousands
from kotacerdas.masterplan.documents.content import (
    BudgetTable,
    DimensionSection,
    MasterplanContent,
    PillarRow,
    ProgramRow,
    horizon_labels,
    source_short,
)

DPI = 150
FONT = "DejaVu Sans"
HORIZON_COLOURS = {
    "quick_win": "#d9480f",
    "short": "#f59f00",
    "medium": "#1c7ed6",
    "long": "#2b8a3e",
}
SOURCE_COLOURS = {
    "apbd": "#1c7ed6",
    "apbn": "#2b8a3e",
    "dak": "#f59f00",
    "kpbu": "#7048e8",
    "csr": "#e64980",
    "other": "#868e96",
}
plt.rcParams.update({"font.family": FONT, "font.size": 8, "svg.fonttype": "none"})


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    # Light compression: the files are a little larger and written several times faster.
    figure.savefig(buffer, format="png", dpi=DPI, pil_kwargs={"compress_level": 1})
    plt.close(figure)
    return buffer.getvalue()


def _rectangles(
    boxes: Sequence[tuple[float, float, float, float]], colours: Sequence[str]
) -> PolyCollection:
    """Bars as one collection of (x0, y0, x1, y1) rectangles: a patch per bar (barh, bar)
    costs matplotlib about a millisecond each in bookkeeping."""
    return PolyCollection(
        [[(x0, y0), (x1, y0), (x1, y1), (x0, y1)] for x0, y0, x1, y1 in boxes],
        facecolors=colours,
        edgecolors="none",
    )


def _shorten(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def roadmap_gantt(
    dimensions: Sequence[DimensionSection], first_year: int, last_year: int, max_height: float = 8.5
) -> bytes:
    """The compact roadmap of the executive summary: one bar per program over its years,
    grouped by dimension and coloured by horizon, the dimensions named. The masterplan's
    own roadmap names every program (roadmap_pages)."""
    bars: list[tuple[float, ProgramRow]] = []
    groups: list[tuple[float, str]] = []
    position = 0.0
    for dimension in dimensions:
        programs = dimension.programs
        if not programs:
            continue
        groups.append((position + (len(programs) - 1) / 2, dimension.name))
        for program in programs:
            bars.append((position, program))
            position += 1
        position += 1.5  # a gap between dimensions
    rows = max(1.0, position)
    height = min(max_height, 1.4 + 0.045 * rows)
    figure = plt.figure(figsize=(6.7, height))
    figure.subplots_adjust(left=0.2, right=0.98, top=1 - 0.55 / height, bottom=0.5 / height)
    ax = figure.add_subplot()
    _bars(ax, bars)
    ax.set_yticks([y for y, _name in groups])
    ax.set_yticklabels([name for _y, name in groups], fontsize=7)
    ax.set_ylim(rows - 0.5, -1)
    _years_axis(ax, first_year, last_year)
    _legend(figure, [p for _y, p in bars])
    return _png(figure)


def _bars(ax: Any, bars: Sequence[tuple[float, ProgramRow]]) -> None:
    ax.add_collection(
        _rectangles(
            [(p.start_year - 0.5, y - 0.4, p.end_year + 0.5, y + 0.4) for y, p in bars],
            [HORIZON_COLOURS.get(p.horizon, "#495057") for _y, p in bars],
        )
    )


def _years_axis(ax: Any, first_year: int, last_year: int) -> None:
    ax.set_xlim(first_year - 0.5, last_year + 0.5)
    ax.set_xticks(range(first_year, last_year + 1))
    ax.tick_params(axis="x", labelsize=7, top=True, labeltop=True, bottom=False, labelbottom=False)
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="x", color="#dee2e6", linewidth=0.6)
    ax.set_axisbelow(True)


def _legend(figure: Figure, programs: Sequence[ProgramRow]) -> None:
    labels = horizon_labels()
    present = [h for h in HORIZON_COLOURS if any(p.horizon == h for p in programs)]
    if present:
        figure.legend(
            handles=[Patch(color=HORIZON_COLOURS[h], label=labels[h]) for h in present],
            loc="lower center",
            ncols=len(present),
            fontsize=7,
            frameon=False,
        )


# The masterplan's roadmap names each program beside its bar, in type that reads in print
# (7.5 pt), so a long list takes several charts, each at most a page high.
ROADMAP_ROWS = 42  # rows (a dimension's title or a program) per chart
ROADMAP_ROW_INCHES = 0.19
ROADMAP_LABEL = 60  # characters of a program's number and name beside its bar

RoadmapRow = tuple[str, ProgramRow | None]  # a program's label, or a dimension's title


def roadmap_pages(dimensions: Sequence[DimensionSection]) -> list[list[RoadmapRow]]:
    """The rows of each roadmap chart: each dimension's title, then its programs; a
    dimension that goes on in the next chart has its title again there."""
    pages: list[list[RoadmapRow]] = []
    page: list[RoadmapRow] = []
    for dimension in dimensions:
        for index, program in enumerate(dimension.programs):
            if len(page) >= ROADMAP_ROWS - (1 if index == 0 else 0):
                pages.append(page)
                page = []
            if index == 0 or not page:
                page.append((dimension.name, None))
            page.append((_shorten(f"{program.number} {program.name}", ROADMAP_LABEL), program))
    if page:
        pages.append(page)
    return pages


def roadmap_figure(rows: Sequence[RoadmapRow], first_year: int, last_year: int) -> Figure:
    """One chart of the roadmap: a bar per program over its years, coloured by horizon,
    labelled with the program's number and name; the dimensions' titles in bold."""
    height = 1.0 + ROADMAP_ROW_INCHES * max(len(rows), 3)
    figure = plt.figure(figsize=(6.7, height))
    figure.subplots_adjust(left=0.5, right=0.98, top=1 - 0.45 / height, bottom=0.45 / height)
    ax = figure.add_subplot()
    bars = [(float(y), program) for y, (_label, program) in enumerate(rows) if program]
    _bars(ax, bars)
    ax.set_yticks(range(len(rows)))
    ticks = ax.set_yticklabels([label for label, _program in rows], fontsize=7.5)
    for tick, (_label, program) in zip(ticks, rows, strict=True):
        if program is None:
            tick.set_fontweight("bold")
    ax.set_ylim(len(rows) - 0.5, -0.5)
    _years_axis(ax, first_year, last_year)
    _legend(figure, [p for _y, p in bars])
    return figure


def roadmap_charts(content: MasterplanContent) -> tuple[bytes, ...]:
    pages = roadmap_pages(content.dimensions) or [[]]
    return tuple(
        _png(roadmap_figure(rows, content.first_year, content.last_year)) for rows in pages
    )


def readiness_radar(pillars: Sequence[PillarRow]) -> bytes:
    """Readiness (1-5) on the three pillars."""
    figure = plt.figure(figsize=(3.4, 3.0))
    figure.subplots_adjust(left=0.15, right=0.85, top=0.82, bottom=0.1)
    ax = cast(PolarAxes, figure.add_subplot(projection="polar"))
    ax.set_theta_offset(math.pi / 2)
    ax.set_theta_direction(-1)
    count = max(3, len(pillars))
    angles = [2 * math.pi * n / count for n in range(count)]
    values = [float(p.readiness) if p.readiness is not None else 0.0 for p in pillars]
    values += [0.0] * (count - len(values))
    ax.plot([*angles, angles[0]], [*values, values[0]], color="#1c7ed6", linewidth=1.5)
    ax.fill([*angles, angles[0]], [*values, values[0]], color="#1c7ed6", alpha=0.25)
    ax.set_xticks(angles)
    ax.set_xticklabels([p.name for p in pillars] + [""] * (count - len(pillars)), fontsize=8)
    ax.tick_params(axis="x", pad=6)
    ax.set_ylim(0, 5)
    ax.set_yticks([1, 2, 3, 4, 5])
    ax.set_yticklabels(["1", "2", "3", "4", "5"], fontsize=6, color="#868e96")
    ax.set_title(_("Readiness per pillar (1–5)"), fontsize=9)
    return _png(figure)


def budget_by_year(budget: BudgetTable) -> bytes:
    """Budget per year, stacked by funding source, in billions of Rupiah."""
    figure = plt.figure(figsize=(6.7, 3.0))
    figure.subplots_adjust(left=0.08, right=0.99, top=0.9, bottom=0.1)
    ax = figure.add_subplot()
    bottoms = [0.0] * len(budget.years)
    boxes: list[tuple[float, float, float, float]] = []
    colours: list[str] = []
    for source in budget.sources:
        heights = [budget.cells.get((year, source), 0) / 1e9 for year in budget.years]
        for year, bottom, height in zip(budget.years, bottoms, heights, strict=True):
            if height:
                boxes.append((year - 0.35, bottom, year + 0.35, bottom + height))
                colours.append(SOURCE_COLOURS.get(source, "#495057"))
        bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
    ax.add_collection(_rectangles(boxes, colours))
    if budget.years:
        ax.set_xlim(budget.years[0] - 0.6, budget.years[-1] + 0.6)
    ax.set_xticks(budget.years)
    ax.tick_params(labelsize=7)
    ax.set_ylabel(_("billion Rupiah"), fontsize=7)
    ax.yaxis.set_major_formatter(lambda value, _pos: group_thousands(round(value)))
    ax.grid(axis="y", color="#dee2e6", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.set_title(_("Budget per year and funding source"), fontsize=9, loc="left")
    top = max(bottoms, default=0.0)
    ax.set_ylim(0, top * 1.2 if top else 1)  # room for the legend above the bars
    if budget.sources:
        ax.legend(
            handles=[
                Patch(color=SOURCE_COLOURS.get(s, "#495057"), label=source_short(s))
                for s in budget.sources
            ],
            fontsize=7,
            frameon=False,
            ncols=min(6, len(budget.sources)),
            loc="upper left",
        )
    return _png(figure)


@dataclass(frozen=True)
class Charts:
    roadmaps: tuple[bytes, ...]  # the roadmap, in as many charts as it takes
    readiness: bytes
    budget: bytes

    @property
    def roadmap(self) -> bytes:
        return self.roadmaps[0]


def draw_all(content: MasterplanContent, *, compact: bool = False) -> Charts:
    """The charts; `compact`: the executive summary's, with a short roadmap."""
    roadmaps: tuple[bytes, ...]
    if compact:
        roadmaps = (roadmap_gantt(content.dimensions, content.first_year, content.last_year, 4.8),)
    else:
        roadmaps = roadmap_charts(content)
    return Charts(
        roadmaps=roadmaps,
        readiness=readiness_radar(content.pillars),
        budget=budget_by_year(content.budget),
    )
