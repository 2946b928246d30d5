"""Frozen versions of a masterplan: the snapshot kept at each submission, and comparing
stored versions (the comparison itself is diff.py, which is pure).

`snapshot` turns the stored masterplan into plain JSON (kept in MasterplanVersion)."""

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.masterplan.diff import VersionDiff, diff
from kotacerdas.masterplan.models import Masterplan, MasterplanVersion, ProgramIndicator, ReviewMark

# Bump when the snapshot's shape changes, so old versions can be read knowingly.
SNAPSHOT_FORMAT = 1

# What the pages call the sections and program fields that diff.py compares (its SECTIONS
# and PROGRAM_FIELDS, in the same order).
SECTION_LABELS = {
    "foreword": gettext_lazy("Foreword"),
    "background": gettext_lazy("Background"),
    "legal_basis": gettext_lazy("Legal basis"),
    "purpose": gettext_lazy("Purpose and objectives"),
    "scope": gettext_lazy("Scope"),
    "vision": gettext_lazy("Smart-city vision"),
    "missions": gettext_lazy("Missions"),
    "targets": gettext_lazy("Targets"),
    "leading_sectors": gettext_lazy("Leading sectors"),
    "rpjmd": gettext_lazy("Alignment with the RPJMD"),
    "gap_analysis": gettext_lazy("Gap analysis"),
    "roadmap": gettext_lazy("10-year roadmap"),
    "implementation_steps": gettext_lazy("Implementation steps"),
    "profile": gettext_lazy("Region profile"),
    "findings": gettext_lazy("Potentials and problems"),
    "goals": gettext_lazy("RPJMD goals"),
    "analyses": gettext_lazy("Readiness and SWOT analyses"),
    "strategies": gettext_lazy("Strategies"),
}
FIELD_LABELS = {
    "name": gettext_lazy("Name"),
    "description": gettext_lazy("Description"),
    "dimension": gettext_lazy("Dimension"),
    "element": gettext_lazy("Element"),
    "lead_opd": gettext_lazy("Lead OPD"),
    "supporting_opds": gettext_lazy("Supporting OPDs"),
    "horizon": gettext_lazy("Horizon"),
    "start_year": gettext_lazy("Start year"),
    "end_year": gettext_lazy("End year"),
    "quick_win_reason": gettext_lazy("Why it is a quick win"),
    "problems": gettext_lazy("Problems addressed"),
    "goals": gettext_lazy("RPJMD goals served"),
}
# The masterplan's own text fields, kept as they are.
TEXT_FIELDS = (
    "vision missions targets leading_sectors rpjmd_vision rpjmd_missions "
    "gap_analysis roadmap implementation_steps foreword background legal_basis purpose scope"
)


def _number(value: Decimal | None) -> str | None:
    """A decimal as plain text without trailing zeros: 40.000 -> "40", 2.50 -> "2.5"."""
    if value is None:
        return None
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _attrs(obj: Any, names: str) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in names.split()}


def _program(program: Any) -> dict[str, Any]:
    return {
        "id": program.pk,
        **_attrs(program, "name description horizon start_year end_year quick_win_reason"),
        "dimension": program.element.dimension.code,
        "element": program.element.code,
        "lead_opd": program.lead_opd.name,
        "supporting_opds": sorted(opd.name for opd in program.supporting_opds.all()),
        "budget": [
            {"year": line.year, "source": line.source, "amount": line.amount}
            for line in sorted(program.budget.all(), key=lambda b: (b.year, b.source))
        ],
        "indicators": [
            {
                **_attrs(indicator, "kind name unit baseline_year"),
                "baseline_value": _number(indicator.baseline_value),
                "targets": [
                    {"year": t.year, "value": _number(t.value)} for t in indicator.targets.all()
                ],
            }
            for indicator in program.indicators.all()
        ],
        "problems": sorted(finding.title for finding in program.problems.all()),
        "goals": sorted(goal.code for goal in program.goals.all()),
    }


def snapshot(masterplan: Masterplan) -> dict[str, Any]:
    """The whole masterplan as JSON-ready data, in a fixed number of queries."""
    programs = (
        masterplan.programs.select_related("element__dimension", "lead_opd")
        .prefetch_related(
            "supporting_opds",
            "budget",
            Prefetch(
                "indicators",
                ProgramIndicator.objects.prefetch_related("targets").order_by("kind", "name"),
            ),
            "problems",
            "goals",
        )
        .order_by("pk")
    )
    program_rows = [_program(p) for p in programs]
    by_year: dict[int, int] = defaultdict(int)
    by_source: dict[str, int] = defaultdict(int)
    for row in program_rows:
        for line in row["budget"]:
            by_year[line["year"]] += line["amount"]
            by_source[line["source"]] += line["amount"]
    m = masterplan
    rpjmd_period = (
        f"{m.rpjmd_first_year}–{m.rpjmd_last_year}"
        if m.rpjmd_first_year and m.rpjmd_last_year
        else ""
    )
    return {
        "format": SNAPSHOT_FORMAT,
        "masterplan": {"id": m.pk, "first_year": m.first_year, "last_year": m.last_year},
        "texts": {**_attrs(m, TEXT_FIELDS), "rpjmd_period": rpjmd_period},
        "profile": [
            {**_attrs(f, "key label unit year source"), "value": _number(f.value)}
            for f in m.profile.order_by("key", "label", "year", "pk")
        ],
        "findings": [
            {
                "id": f.pk,
                **_attrs(f, "kind title description evidence set_aside_reason"),
                "opd": f.opd.name,
                "element": f.element.code if f.element else None,
                "merged_into": f.merged_into_id,
            }
            for f in m.findings.select_related("opd", "element").order_by("kind", "title", "pk")
        ],
        "goals": [{"code": g.code, "text": g.text} for g in m.goals.order_by("code")],
        "analyses": [
            {
                "pillar": a.pillar.code,
                "readiness": _number(a.readiness),
                **_attrs(a, "readiness_notes strengths weaknesses opportunities threats"),
            }
            for a in m.pillar_analyses.select_related("pillar").order_by("pillar__position")
        ],
        "strategies": [
            {"element": s.element.code, "text": s.text}
            for s in m.strategies.select_related("element").order_by(
                "element__dimension__position", "element__position"
            )
        ],
        "programs": program_rows,
        "totals": {
            "programs": len(program_rows),
            "budget": sum(by_year.values()),
            # JSON keys are strings; years are written as such from the start.
            "by_year": {str(year): amount for year, amount in sorted(by_year.items())},
            "by_source": dict(sorted(by_source.items())),
        },
    }


# Versions of a stored masterplan -------------------------------------------------------


def latest_version(masterplan: Masterplan) -> MasterplanVersion | None:
    return masterplan.versions.order_by("-number").first()


def compare(masterplan: Masterplan, a: int, b: int) -> VersionDiff:
    """What changed from version `a` to version `b` (any two, either order)."""
    found = {
        v.number: v.snapshot
        for v in masterplan.versions.filter(number__in={a, b}).only("number", "snapshot")
    }
    errors = {
        name: _("There is no version %(number)d of this masterplan.") % {"number": number}
        for name, number in (("a", a), ("b", b))
        if number not in found
    }
    if errors:
        raise ValidationError(errors)
    return diff(found[a], found[b])


def reviewed_version(reviewer: Any, masterplan: Masterplan) -> MasterplanVersion | None:
    """The version this reviewer last reviewed, if any."""
    mark = (
        ReviewMark.objects.filter(masterplan=masterplan, reviewer_id=getattr(reviewer, "pk", None))
        .select_related("version")
        .first()
    )
    return mark.version if mark else None


def changes_since_last_review(reviewer: Any, masterplan: Masterplan) -> VersionDiff | None:
    """What changed between the version this reviewer last reviewed and the latest one;
    None when they never reviewed it or nothing newer was submitted."""
    reviewed = reviewed_version(reviewer, masterplan)
    if reviewed is None:
        return None
    latest = latest_version(masterplan)
    if latest is None or latest.number <= reviewed.number:
        return None
    return diff(reviewed.snapshot, latest.snapshot)
