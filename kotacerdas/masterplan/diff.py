"""What changed between two frozen versions of a masterplan: pure, with no Django.

`diff` takes two snapshots (plain JSON data, see versions.snapshot) and returns plain
dataclasses, so it works on any pair of versions, including ones frozen long before a
model changed. Programs are matched by id, which stays the same across saves; indicators,
which are rewritten on every save, are matched by kind and name. Codes stay codes: the
pages name them (versions.SECTION_LABELS, versions.FIELD_LABELS)."""

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

# The text sections compared, in the order of the document (versions.SECTION_LABELS names them).
SECTIONS = (
    "foreword",
    "background",
    "legal_basis",
    "purpose",
    "scope",
    "vision",
    "missions",
    "targets",
    "leading_sectors",
    "rpjmd",
    "gap_analysis",
    "roadmap",
    "implementation_steps",
    "profile",
    "findings",
    "goals",
    "analyses",
    "strategies",
)
# A program's fields compared (versions.FIELD_LABELS names them).
PROGRAM_FIELDS = (
    "name",
    "description",
    "dimension",
    "element",
    "lead_opd",
    "supporting_opds",
    "horizon",
    "start_year",
    "end_year",
    "quick_win_reason",
    "problems",
    "goals",
)

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
        for section in SECTIONS
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
