"""Every write to masterplans, and the checker's view of one."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kotacerdas.core import access
from kotacerdas.core.audit import service
from kotacerdas.masterplan import checker
from kotacerdas.masterplan.facts import plan_facts
from kotacerdas.masterplan.models import (
    HORIZON_YEARS,
    MAX_BUDGET_AMOUNT,
    BudgetLine,
    IndicatorTarget,
    Masterplan,
    MasterplanStatus,
    Program,
    ProgramIndicator,
)
from kotacerdas.regions.models import OPD, DimensionElement, Region

EDITABLE = (MasterplanStatus.DRAFT, MasterplanStatus.CHANGES_REQUESTED)


class EditConflict(Exception):
    """Someone saved the same program since this edit began: nothing was overwritten."""


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


def require_editable(masterplan: Masterplan) -> None:
    """Content changes only while the region writes: a draft, or changes requested."""
    if masterplan.status not in EDITABLE:
        raise ValidationError(
            _("The masterplan is %(status)s and cannot be edited.")
            % {"status": masterplan.get_status_display()}
        )


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
    # Imported here: the content services import this module.
    from kotacerdas.masterplan.services.content import prefill_readiness

    prefill_readiness(actor, masterplan)
    return masterplan


def validate_program(masterplan: Masterplan, data: ProgramInput) -> dict[str, list[str]]:
    """save_program's rules on a program's data, as field -> messages (empty when valid).
    The element is checked by save_program itself."""
    errors: dict[str, list[str]] = {}

    def fail(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

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
    program.budget.all().delete()
    BudgetLine.objects.bulk_create(
        BudgetLine(program=program, year=year, source=source, amount=amount)
        for year, source, amount in data.budget
    )
    program.indicators.all().delete()
    for item in data.indicators:
        indicator = ProgramIndicator(
            program=program,
            kind=item.kind,
            name=item.name.strip(),
            unit=item.unit.strip(),
            baseline_year=item.baseline_year,
            baseline_value=item.baseline_value,
        )
        indicator.full_clean(exclude=["program"])
        indicator.save()
        IndicatorTarget.objects.bulk_create(
            IndicatorTarget(indicator=indicator, year=year, value=value)
            for year, value in sorted(item.targets.items())
        )
    return program


@service
def delete_program(actor: Any, program: Program) -> None:
    """Delete a program with its budget and indicators (an OPD officer: their own OPD's)."""
    masterplan = program.masterplan
    access.require(can_edit_program(actor, masterplan, program.lead_opd_id))
    require_editable(masterplan)
    program.delete()


def check_masterplan(masterplan: Masterplan) -> checker.CheckReport:
    return checker.check(plan_facts(masterplan))
