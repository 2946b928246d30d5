"""Every write to masterplans, and the checker's view of one."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kotacerdas.core.audit import service
from kotacerdas.core.errors import EditConflict
from kotacerdas.masterplan import access, checker, limits
from kotacerdas.masterplan.facts import plan_facts
from kotacerdas.masterplan.models import (
    HORIZON_YEARS,
    MAX_BUDGET_AMOUNT,
    BudgetLine,
    IndicatorTarget,
    Masterplan,
    Program,
    ProgramIndicator,
)
from kotacerdas.masterplan.services.analysis import prefill_readiness
from kotacerdas.masterplan.services.editing import EDITABLE, require_editable
from kotacerdas.regions.models import OPD, DimensionElement, Region


@dataclass(frozen=True)
class IndicatorInput:
    kind: str
    name: str
    unit: str
    baseline_year: int | None
    baseline_value: Decimal | None
    targets: dict[int, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class ProgramInput:
    name: str
    element: str  # DimensionElement.code
    lead_opd: int
    horizon: str
    start_year: int
    end_year: int
    description: str = ""
    supporting_opds: Sequence[int] = ()
    quick_win_reason: str = ""
    budget: Sequence[tuple[int, str, int]] = ()  # (year, source, Rupiah)
    indicators: Sequence[IndicatorInput] = ()
    problems: Sequence[int] = ()
    goals: Sequence[int] = ()


def can_edit_program(user: Any, masterplan: Masterplan, lead_opd_id: int | None) -> bool:
    return access.can_edit_opd_content(user, masterplan, lead_opd_id)


@service
def start_masterplan(actor: Any, region: Region, first_year: int) -> Masterplan:
    access.require_manage_region(actor, region)
    if Masterplan.objects.filter(region=region, first_year=first_year).exists():
        raise ValidationError(
            {
                "first_year": _("%(region)s already has a masterplan from %(year)d.")
                % {"region": region.name, "year": first_year}
            }
        )
    masterplan = Masterplan(region=region, first_year=first_year)
    masterplan.full_clean()
    masterplan.save()
    prefill_readiness(actor, masterplan)
    return masterplan


def validate_program(masterplan: Masterplan, data: ProgramInput) -> dict[str, list[str]]:
    """save_program's rules on a program's data, as field -> messages (empty when valid).
    The element is checked by save_program itself."""
    errors: dict[str, list[str]] = {}

    def fail(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    # Counted first: the rows' own checks would take long on a flood of rows.
    for name, rows, most in (
        ("budget", data.budget, limits.MAX_BUDGET_LINES),
        ("indicators", data.indicators, limits.MAX_INDICATORS),
    ):
        if len(rows) > most:
            fail(
                name,
                ngettext(
                    "At most %(most)d row; this has %(count)d.",
                    "At most %(most)d rows; this has %(count)d.",
                    most,
                )
                % {"most": most, "count": len(rows)},
            )
    if errors:
        return errors

    region_opds = set(
        OPD.objects.filter(region_id=masterplan.region_id).values_list("pk", flat=True)
    )
    if data.lead_opd not in region_opds:
        fail(
            "lead_opd",
            _("The lead OPD must be one of %(region)s's OPDs.")
            % {"region": masterplan.region.name},
        )
    if set(data.supporting_opds) - region_opds:
        fail("supporting_opds", _("Supporting OPDs must be OPDs of this region."))
    years_in_order = data.start_year <= data.end_year
    if not years_in_order:
        fail("end_year", _("The end year comes before the start year."))
    if data.start_year < masterplan.first_year or data.end_year > masterplan.last_year:
        fail(
            "start_year",
            _("Years must lie within the masterplan, %(first)d–%(last)d.")
            % {"first": masterplan.first_year, "last": masterplan.last_year},
        )
    span = data.end_year - data.start_year + 1
    limit = HORIZON_YEARS.get(data.horizon)  # type: ignore[call-overload]
    if limit is None:
        fail("horizon", _("Unknown horizon."))
    elif span > limit:
        fail(
            "end_year",
            ngettext(
                "A program of this horizon lasts at most %(limit)d year; this one spans %(span)d.",
                "A program of this horizon lasts at most %(limit)d years; this one spans %(span)d.",
                limit,
            )
            % {"limit": limit, "span": span},
        )
    # Reversed years are told once, on the end year: not again on every row.
    years = range(data.start_year, data.end_year + 1) if years_in_order else None
    budget_rows: set[tuple[int, str]] = set()
    for index, (year, source, amount) in enumerate(data.budget):
        if amount < 0:
            fail(f"budget.{index}.amount", _("A budget cannot be negative."))
        elif amount > MAX_BUDGET_AMOUNT:
            fail(
                f"budget.{index}.amount",
                _("The amount is implausibly large; write it in whole Rupiah."),
            )
        if (year, source) in budget_rows:
            fail(
                f"budget.{index}.source",
                _("This year and source already have a row: add the amounts together."),
            )
        budget_rows.add((year, source))
        if years is not None and year not in years:
            fail(
                f"budget.{index}.year",
                _("%(year)d is outside the program's years.") % {"year": year},
            )
    for index, indicator in enumerate(data.indicators):
        for year in indicator.targets:
            if years is not None and year not in years:
                fail(
                    f"indicators.{index}.targets",
                    _("A target for %(year)d is outside the program's years.") % {"year": year},
                )
    for name, messages in program_value_errors(data).items():
        for message in messages:
            fail(name, message)
    return errors


def _number_problem(value: Decimal | None, model: Any, field: str) -> str | None:
    column = model._meta.get_field(field)
    if value is None:
        return None
    return limits.number_problem(value, column.max_digits, column.decimal_places)


def program_value_errors(data: ProgramInput) -> dict[str, list[str]]:
    """The values of a program that cannot be stored as they are: names with line breaks,
    texts over their limit, targets and baselines that do not fit their column (too large,
    too many decimals, not a finite number). The one rule for the page, the API and the
    XLSX import; field names as validate_program's ("indicators.0.targets.2026")."""
    errors = limits.text_errors(
        lines={"name": (data.name.strip(), limits.SHORT_TEXT)},
        texts={
            "description": (data.description.strip(), limits.LONG_TEXT),
            "quick_win_reason": (data.quick_win_reason.strip(), limits.LONG_TEXT),
        },
    )
    for index, indicator in enumerate(data.indicators):
        prefix = f"indicators.{index}"
        found = limits.text_errors(
            lines={
                "name": (indicator.name.strip(), limits.SHORT_TEXT),
                "unit": (indicator.unit.strip(), limits.UNIT_TEXT),
            }
        )
        errors.update({f"{prefix}.{name}": messages for name, messages in found.items()})
        problem = _number_problem(indicator.baseline_value, ProgramIndicator, "baseline_value")
        if problem:
            errors[f"{prefix}.baseline_value"] = [problem]
        for year, value in sorted(indicator.targets.items()):
            problem = _number_problem(value, IndicatorTarget, "value")
            if problem:
                errors[f"{prefix}.targets.{year}"] = [problem]
    return errors


def _unknown_links(masterplan: Masterplan, data: ProgramInput) -> dict[str, list[str]]:
    """Problems and goals a program names that are not this masterplan's (an open problem
    of its own, one of its RPJMD goals): refused, not silently left out."""
    known = {
        "problems": set(
            masterplan.findings.filter(
                pk__in=data.problems, kind="problem", merged_into=None
            ).values_list("pk", flat=True)
        ),
        "goals": set(masterplan.goals.filter(pk__in=data.goals).values_list("pk", flat=True)),
    }
    errors: dict[str, list[str]] = {}
    for name, ids in (("problems", data.problems), ("goals", data.goals)):
        unknown = sorted(set(ids) - known[name])
        if unknown:
            errors[name] = [
                _("Not a problem or goal of this masterplan: %(ids)s.")
                % {"ids": ", ".join(str(pk) for pk in unknown)}
            ]
    return errors


@service
def save_program(
    actor: Any,
    masterplan: Masterplan,
    data: ProgramInput,
    *,
    program: Program | None = None,
    expected_version: int | None = None,
) -> Program:
    """Create or replace a program with its budget and indicators, all or nothing.

    Editing an existing program needs the version the editor started from; if someone
    saved in between, EditConflict is raised and nothing changes."""
    access.require(
        can_edit_program(actor, masterplan, data.lead_opd)
        and (program is None or can_edit_program(actor, masterplan, program.lead_opd_id))
    )
    if masterplan.status not in EDITABLE:
        raise ValidationError(
            _("The masterplan is %(status)s and cannot be edited.")
            % {"status": masterplan.get_status_display()}
        )
    errors = validate_program(masterplan, data)
    element = DimensionElement.objects.filter(code=data.element).first()
    if element is None:
        errors.setdefault("element", []).append(_("Unknown dimension element."))
    errors.update(_unknown_links(masterplan, data))
    if errors:
        raise ValidationError(errors)
    if program is None:
        program = Program(masterplan=masterplan)
    else:
        if expected_version is None:
            raise ValidationError({"version": _("Send the version of the program you edited.")})
        updated = Program.objects.filter(pk=program.pk, version=expected_version).update(
            version=F("version") + 1
        )
        if not updated:
            raise EditConflict
        program.refresh_from_db(fields=["version"])
    program.name, program.description = data.name.strip(), data.description.strip()
    program.element, program.lead_opd_id = element, data.lead_opd  # type: ignore[assignment]
    program.horizon, program.start_year, program.end_year = (
        data.horizon,
        data.start_year,
        data.end_year,
    )
    program.quick_win_reason = data.quick_win_reason.strip()
    program.full_clean(exclude=["element", "lead_opd"])
    program.save()
    program.supporting_opds.set(data.supporting_opds)
    program.problems.set(
        masterplan.findings.filter(pk__in=data.problems, kind="problem", merged_into=None)
    )
    program.goals.set(masterplan.goals.filter(pk__in=data.goals))
    _write_budget(program, data.budget)
    _write_indicators(program, data.indicators)
    return program


def _write_budget(program: Program, budget: Sequence[tuple[int, str, int]]) -> None:
    """The program's budget lines become `budget`, line by line, so the audit trail holds
    each changed amount with its old and new value (a bulk write would leave none)."""
    existing = {(line.year, line.source): line for line in program.budget.all()}
    wanted = {(year, source): amount for year, source, amount in budget}
    for key, stale in existing.items():
        if key not in wanted:
            stale.delete()
    for (year, source), amount in wanted.items():
        line = existing.get((year, source))
        if line is None:
            BudgetLine.objects.create(program=program, year=year, source=source, amount=amount)
        elif line.amount != amount:
            line.amount = amount
            line.save(update_fields=["amount"])


def _pair_indicators(
    existing: list[ProgramIndicator], wanted: Sequence[IndicatorInput]
) -> list[tuple[ProgramIndicator | None, IndicatorInput]]:
    """Each wanted indicator with the stored one it changes: the one of the same kind and
    name, else (a renamed one) the next unmatched stored one in order; None for a new one."""
    left = list(existing)
    pairs: list[tuple[ProgramIndicator | None, IndicatorInput]] = []
    for item in wanted:
        same = next((i for i in left if (i.kind, i.name) == (item.kind, item.name.strip())), None)
        if same is not None:
            left.remove(same)
        pairs.append((same, item))
    unmatched = iter(left)
    paired = []
    for stored, item in pairs:
        if stored is None:
            stored = next(unmatched, None)
        paired.append((stored, item))
    for stale in unmatched:
        stale.delete()
    return paired


_INDICATOR_FIELDS = ("kind", "name", "unit", "baseline_year", "baseline_value")


def _write_indicators(program: Program, indicators: Sequence[IndicatorInput]) -> None:
    """The program's indicators and their yearly targets become `indicators`, each saved on
    its own so the audit trail holds old and new names, baselines and targets."""
    existing = list(program.indicators.prefetch_related("targets"))
    for stored, item in _pair_indicators(existing, indicators):
        indicator = stored or ProgramIndicator(program=program)
        before = [getattr(indicator, name) for name in _INDICATOR_FIELDS]
        indicator.kind, indicator.name = item.kind, item.name.strip()
        indicator.unit = item.unit.strip()
        indicator.baseline_year, indicator.baseline_value = item.baseline_year, item.baseline_value
        indicator.full_clean(exclude=["program"])
        if stored is None or before != [getattr(indicator, n) for n in _INDICATOR_FIELDS]:
            indicator.save()
        targets = {t.year: t for t in stored.targets.all()} if stored else {}
        for year, dropped in targets.items():
            if year not in item.targets:
                dropped.delete()
        for year, value in sorted(item.targets.items()):
            target = targets.get(year)
            if target is None:
                IndicatorTarget.objects.create(indicator=indicator, year=year, value=value)
            elif target.value != value:
                target.value = value
                target.save(update_fields=["value"])


@service
def delete_program(actor: Any, program: Program) -> None:
    """Delete a program with its budget and indicators (an OPD officer: their own OPD's)."""
    masterplan = program.masterplan
    access.require(can_edit_program(actor, masterplan, program.lead_opd_id))
    require_editable(masterplan)
    program.delete()


def check_masterplan(masterplan: Masterplan) -> checker.CheckReport:
    return checker.check(plan_facts(masterplan))
