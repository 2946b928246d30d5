"""Frozen versions of a masterplan and what changed between two of them.

`snapshot` turns the stored masterplan into plain JSON (kept in MasterplanVersion);
`diff` compares two snapshots and is pure, so it works on any pair of versions,
including ones frozen long before a model changed. Programs are matched by id, which
stays the same across saves; indicators, which are rewritten on every save, are matched
by kind and name.
"""

import difflib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.masterplan.models import (
    Masterplan,
    MasterplanVersion,
    ProgramIndicator,
    ReviewMark,
)

# Bump when the snapshot's shape changes, so old versions can be read knowingly.
SNAPSHOT_FORMAT = 1

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
PROGRAM_FIELDS = tuple(FIELD_LABELS)
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


# Snapshot -------------------------------------------------------------------------------


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


# Diff -----------------------------------------------------------------------------------

Value = str | int | None


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Value
    new: Value


@dataclass(frozen=True)
class AmountChange:
    """A budget cell (year, source) or a total; 0 where there was none."""

    year: int | None
    source: str | None
    old: int
    new: int


@dataclass(frozen=True)
class TargetChange:
    year: int
    old: str | None
    new: str | None


@dataclass(frozen=True)
class IndicatorChange:
    kind: str
    name: str
    unit: str
    change: str  # "added" | "removed" | "changed"
    baseline_old: str | None  # "20 (2023)"
    baseline_new: str | None
    targets: tuple[TargetChange, ...]

    @property
    def baseline_changed(self) -> bool:
        return self.baseline_old != self.baseline_new


@dataclass(frozen=True)
class ProgramSummary:
    id: int
    name: str
    element: str
    lead_opd: str
    horizon: str
    start_year: int
    end_year: int
    total_budget: int


@dataclass(frozen=True)
class ProgramChange:
    id: int
    name: str
    fields: tuple[FieldChange, ...]
    budget: tuple[AmountChange, ...]
    indicators: tuple[IndicatorChange, ...]
    budget_before: int
    budget_after: int


@dataclass(frozen=True)
class SectionChange:
    section: str
    old: str
    new: str
    added_lines: tuple[str, ...]
    removed_lines: tuple[str, ...]

    @property
    def label(self) -> str:
        return str(SECTION_LABELS.get(self.section, self.section))


@dataclass(frozen=True)
class Totals:
    programs_before: int
    programs_after: int
    budget_before: int
    budget_after: int
    by_year: tuple[AmountChange, ...]  # only the years that changed
    by_source: tuple[AmountChange, ...]  # only the sources that changed


@dataclass(frozen=True)
class VersionDiff:
    programs_added: tuple[ProgramSummary, ...]
    programs_removed: tuple[ProgramSummary, ...]
    programs_changed: tuple[ProgramChange, ...]
    sections_changed: tuple[SectionChange, ...]
    totals: Totals

    @property
    def is_empty(self) -> bool:
        return not (
            self.programs_added
            or self.programs_removed
            or self.programs_changed
            or self.sections_changed
        )


def _budget_total(program: Mapping[str, Any]) -> int:
    return sum(line["amount"] for line in program.get("budget", []))


def _summary(program: Mapping[str, Any]) -> ProgramSummary:
    return ProgramSummary(
        id=program["id"],
        name=program["name"],
        element=program["element"],
        lead_opd=program["lead_opd"],
        horizon=program["horizon"],
        start_year=program["start_year"],
        end_year=program["end_year"],
        total_budget=_budget_total(program),
    )


def _field_value(value: Any) -> Value:
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return value


def _amount_changes(
    old: Mapping[Any, int], new: Mapping[Any, int], make: Any
) -> tuple[AmountChange, ...]:
    return tuple(
        make(key, old.get(key, 0), new.get(key, 0))
        for key in sorted(set(old) | set(new), key=str)
        if old.get(key, 0) != new.get(key, 0)
    )


def _cells(program: Mapping[str, Any]) -> dict[tuple[int, str], int]:
    return {(line["year"], line["source"]): line["amount"] for line in program.get("budget", [])}


def _keyed_indicators(program: Mapping[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    keyed: dict[tuple[str, str], dict[str, Any]] = {}
    for indicator in program.get("indicators", []):
        key, n = (indicator["kind"], indicator["name"]), 1
        while key in keyed:  # two indicators of one name: tell them apart by order
            n += 1
            key = (indicator["kind"], f"{indicator['name']} #{n}")
        keyed[key] = indicator
    return keyed


def _baseline(indicator: Mapping[str, Any] | None) -> str | None:
    if indicator is None or indicator.get("baseline_value") is None:
        return None
    year = indicator.get("baseline_year")
    return f"{indicator['baseline_value']} ({year})" if year else str(indicator["baseline_value"])


def _targets(indicator: Mapping[str, Any] | None) -> dict[int, str]:
    if indicator is None:
        return {}
    return {int(t["year"]): t["value"] for t in indicator.get("targets", [])}


def _indicator_changes(
    old: Mapping[str, Any], new: Mapping[str, Any]
) -> tuple[IndicatorChange, ...]:
    before, after = _keyed_indicators(old), _keyed_indicators(new)
    changes = []
    for key in sorted(set(before) | set(after)):
        was, now = before.get(key), after.get(key)
        old_targets, new_targets = _targets(was), _targets(now)
        targets = tuple(
            TargetChange(year, old_targets.get(year), new_targets.get(year))
            for year in sorted(set(old_targets) | set(new_targets))
            if old_targets.get(year) != new_targets.get(year)
        )
        unit_changed = was is not None and now is not None and was["unit"] != now["unit"]
        if was is not None and now is not None:
            if not targets and _baseline(was) == _baseline(now) and not unit_changed:
                continue
            change = "changed"
        else:
            change = "added" if was is None else "removed"
        shown = now if now is not None else (was or {})
        changes.append(
            IndicatorChange(
                kind=key[0],
                name=key[1],
                unit=shown.get("unit", ""),
                change=change,
                baseline_old=_baseline(was),
                baseline_new=_baseline(now),
                targets=targets,
            )
        )
    return tuple(changes)


def _program_change(old: Mapping[str, Any], new: Mapping[str, Any]) -> ProgramChange | None:
    fields = tuple(
        FieldChange(name, _field_value(old.get(name)), _field_value(new.get(name)))
        for name in PROGRAM_FIELDS
        if old.get(name) != new.get(name)
    )
    budget = _amount_changes(
        _cells(old), _cells(new), lambda key, a, b: AmountChange(key[0], key[1], a, b)
    )
    indicators = _indicator_changes(old, new)
    if not (fields or budget or indicators):
        return None
    return ProgramChange(
        id=new["id"],
        name=new["name"],
        fields=fields,
        budget=budget,
        indicators=indicators,
        budget_before=_budget_total(old),
        budget_after=_budget_total(new),
    )


def _lines(rows: Iterable[Mapping[str, Any]], keys: Iterable[str]) -> str:
    keys = list(keys)
    return "\n".join(
        " · ".join(str(row.get(key)) for key in keys if row.get(key) not in (None, ""))
        for row in rows
    )


# Which keys of each listed section's rows make up its lines of text.
_LINE_KEYS = {
    "profile": "key label value unit year source",
    "findings": "kind title opd element description evidence set_aside_reason",
    "goals": "code text",
    "analyses": "pillar readiness readiness_notes strengths weaknesses opportunities threats",
    "strategies": "element text",
}


def _section_texts(snap: Mapping[str, Any]) -> dict[str, str]:
    texts = dict(snap.get("texts", {}))
    rpjmd = [texts.pop(key, "") for key in ("rpjmd_period", "rpjmd_vision", "rpjmd_missions")]
    texts["rpjmd"] = "\n".join(part for part in rpjmd if part)
    for section, keys in _LINE_KEYS.items():
        texts[section] = _lines(snap.get(section, []), keys.split())
    return texts


def _section_change(section: str, old: str, new: str) -> SectionChange:
    added, removed = [], []
    for line in difflib.ndiff(old.splitlines(), new.splitlines()):
        if line.startswith("+ "):
            added.append(line[2:])
        elif line.startswith("- "):
            removed.append(line[2:])
    return SectionChange(section, old, new, tuple(added), tuple(removed))


def diff(old: Mapping[str, Any], new: Mapping[str, Any]) -> VersionDiff:
    """What changed from snapshot `old` to snapshot `new`. Pure."""
    before = {p["id"]: p for p in old.get("programs", [])}
    after = {p["id"]: p for p in new.get("programs", [])}
    changed = [
        change
        for pid in sorted(set(before) & set(after))
        if (change := _program_change(before[pid], after[pid])) is not None
    ]
    old_texts, new_texts = _section_texts(old), _section_texts(new)
    sections = tuple(
        _section_change(section, old_texts.get(section, ""), new_texts.get(section, ""))
        for section in SECTION_LABELS
        if old_texts.get(section, "") != new_texts.get(section, "")
    )
    old_totals, new_totals = old.get("totals", {}), new.get("totals", {})
    totals = Totals(
        programs_before=len(before),
        programs_after=len(after),
        budget_before=sum(_budget_total(p) for p in before.values()),
        budget_after=sum(_budget_total(p) for p in after.values()),
        by_year=_amount_changes(
            {int(y): a for y, a in old_totals.get("by_year", {}).items()},
            {int(y): a for y, a in new_totals.get("by_year", {}).items()},
            lambda key, a, b: AmountChange(key, None, a, b),
        ),
        by_source=_amount_changes(
            old_totals.get("by_source", {}),
            new_totals.get("by_source", {}),
            lambda key, a, b: AmountChange(None, key, a, b),
        ),
    )
    return VersionDiff(
        programs_added=tuple(_summary(after[pid]) for pid in sorted(set(after) - set(before))),
        programs_removed=tuple(_summary(before[pid]) for pid in sorted(set(before) - set(after))),
        programs_changed=tuple(changed),
        sections_changed=sections,
        totals=totals,
    )


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
