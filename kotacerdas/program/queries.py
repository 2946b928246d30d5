"""Reads of the national program: the funnel of a cohort, by province and island group."""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.http import HttpResponse
from django.utils.translation import gettext as _

from kotacerdas.formats import cells
from kotacerdas.program.models import (
    Agreement,
    AgreementStatus,
    Application,
    ApplicationStatus,
    BodyKind,
    Cohort,
    CriterionScore,
    RegionalBody,
    RubricCriterion,
    SelectionDecision,
)
from kotacerdas.regions.models import OPD, IslandGroup


def with_outcome(applications: QuerySet) -> QuerySet:
    """Applications annotated with `published_selected`: True or False once the results
    are published, None before (read by Application.outcome without a query each)."""
    return applications.annotate(
        published_selected=Subquery(
            SelectionDecision.objects.filter(
                application=OuterRef("pk"), run__published=True
            ).values("selected")[:1]
        )
    )


@dataclass(frozen=True)
class AssessorScore:
    name: str
    score: int
    level: str  # what the level means, from the rubric


@dataclass(frozen=True)
class Disagreement:
    criterion: str  # title
    scores: list[AssessorScore]


def disagreements(application: Application, codes: Iterable[str]) -> list[Disagreement]:
    """For the criteria where assessors differ by more than a point: who gave what, with
    what the level means, in two queries."""
    codes = list(codes)
    if not codes:
        return []
    criteria = {
        c.pk: c
        for c in RubricCriterion.objects.filter(cohort_id=application.cohort_id, code__in=codes)
    }
    by_criterion: dict[int, list[AssessorScore]] = {pk: [] for pk in criteria}
    rows = (
        CriterionScore.objects.filter(
            assignment__application=application, criterion_id__in=criteria
        )
        .select_related("assignment__assessor")
        .order_by("assignment__assessor__last_name", "assignment__assessor__username")
    )
    for row in rows:
        levels = criteria[row.criterion_id].levels or []
        assessor = row.assignment.assessor
        by_criterion[row.criterion_id].append(
            AssessorScore(
                name=assessor.get_full_name() or assessor.get_username(),
                score=row.score,
                level=str(levels[row.score - 1]) if 0 < row.score <= len(levels) else "",
            )
        )
    ordered = sorted(criteria.values(), key=lambda c: (c.position, c.code))
    return [Disagreement(c.title, by_criterion[c.pk]) for c in ordered]


STAGES = ["applied", "assessed", "selected", "agreement_signed", "council_formed", "all_committed"]
SIGNED = [
    AgreementStatus.SIGNED,
    AgreementStatus.SENT,
    AgreementStatus.RECEIVED,
    AgreementStatus.ARCHIVED,
]


def stage_labels() -> dict[str, str]:
    return {
        "applied": _("Applied"),
        "assessed": _("Assessed"),
        "selected": _("Selected"),
        "agreement_signed": _("Agreement signed"),
        "council_formed": _("Council formed"),
        "all_committed": _("All OPDs committed"),
    }


@dataclass
class FunnelRow:
    key: str
    label: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STAGES, 0))


@dataclass
class Funnel:
    total: FunnelRow
    by_island_group: list[FunnelRow]
    by_province: list[FunnelRow]


def funnel(cohort: Cohort) -> Funnel:
    """Six stages for each submitted application, in a fixed number of queries."""
    applications = list(
        Application.objects.filter(
            cohort=cohort, status=ApplicationStatus.SUBMITTED
        ).select_related("region__province")
    )
    region_ids = [a.region_id for a in applications]
    selected = set(
        SelectionDecision.objects.filter(
            run__cohort=cohort, run__published=True, selected=True
        ).values_list("application_id", flat=True)
    )
    signed = set(
        Agreement.objects.filter(application__cohort=cohort, status__in=SIGNED).values_list(
            "application_id", flat=True
        )
    )
    councils = set(
        RegionalBody.objects.filter(region_id__in=region_ids, kind=BodyKind.COUNCIL)
        .exclude(decree_number="")
        .values_list("region_id", flat=True)
    )
    committed = {
        row["region_id"]
        for row in OPD.objects.filter(region_id__in=region_ids)
        .values("region_id")
        .annotate(total=Count("pk"), done=Count("pk", filter=Q(commitment__isnull=False)))
        if row["total"] and row["total"] == row["done"]
    }
    total = FunnelRow("all", _("All regions"))
    groups = {value: FunnelRow(value, str(label)) for value, label in IslandGroup.choices}
    provinces: dict[str, FunnelRow] = {}
    for application in applications:
        province = application.region.province
        row = provinces.setdefault(province.code, FunnelRow(province.code, province.name))
        reached = {
            "applied": True,
            "assessed": application.score is not None,
            "selected": application.pk in selected,
            "agreement_signed": application.pk in signed,
            "council_formed": application.region_id in councils,
            "all_committed": application.region_id in committed,
        }
        for target in (total, groups[application.region.island_group], row):
            for stage, done in reached.items():
                target.counts[stage] += int(done)
    return Funnel(
        total=total,
        by_island_group=[row for row in groups.values() if row.counts["applied"]],
        by_province=sorted(provinces.values(), key=lambda row: row.key),
    )


def funnel_table(result: Funnel) -> list[list[object]]:
    """Header and rows, for CSV and XLSX."""
    labels = stage_labels()
    rows: list[list[object]] = [[_("Level"), _("Code"), _("Name"), *[labels[s] for s in STAGES]]]
    rows.append([_("National"), "", result.total.label, *result.total.counts.values()])
    for level, group in (
        (_("Island group"), result.by_island_group),
        (_("Province"), result.by_province),
    ):
        rows.extend([level, row.key, row.label, *row.counts.values()] for row in group)
    return rows


def funnel_csv(result: Funnel) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(cells.csv_rows(funnel_table(result)))
    return buffer.getvalue().encode("utf-8-sig")  # Excel opens UTF-8 with a BOM correctly


def funnel_xlsx(result: Funnel, title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title[:31]
    for row in funnel_table(result):
        cells.append_row(sheet, row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "D2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def funnel_download(result: Funnel, year: int, fmt: str) -> HttpResponse | None:
    """The funnel as a CSV or XLSX download, or None for any other format."""
    if fmt == "csv":
        response = HttpResponse(funnel_csv(result), content_type="text/csv")
    elif fmt == "xlsx":
        response = HttpResponse(funnel_xlsx(result, str(year)), content_type=XLSX_TYPE)
    else:
        return None
    response["Content-Disposition"] = f'attachment; filename="funnel-{year}.{fmt}"'
    return response
