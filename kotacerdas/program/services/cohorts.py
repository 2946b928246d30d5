"""Cohorts: opening, dates, rules, the schedule and closing registration."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from itertools import pairwise
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kotacerdas.core.audit import service
from kotacerdas.program import access
from kotacerdas.program.models import (
    ApplicationStatus,
    Cohort,
    CohortPhase,
    CohortStatus,
    PhaseKind,
    RubricCriterion,
)
from kotacerdas.regions.models import IslandGroup, Pillar

# Cohorts ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PhaseInput:
    kind: str
    starts_on: date
    ends_on: date


@dataclass(frozen=True)
class CriterionInput:
    code: str
    pillar: str  # Pillar.code
    title: str
    weight: Decimal
    levels: Sequence[str]
    guidance: str = ""


# The dates a cohort can carry: the program began in 2017; a cohort is planned at most
# two calendar years ahead, an interview at most one. Anything else (1900, 9999) is a
# typing slip, refused with the range in the message.
EARLIEST_DATE = date(2015, 1, 1)
YEARS_AHEAD = 2
INTERVIEW_YEARS_AHEAD = 1


def _shift_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a common year
        return day.replace(year=day.year + years, day=28)


def _local_day(value: date | datetime) -> date:
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def latest_date(years_ahead: int = YEARS_AHEAD) -> date:
    """The last day a program date may fall on: the end of the year `years_ahead` years
    from now (a cohort is planned at most two calendar years ahead)."""
    return date(timezone.localdate().year + years_ahead, 12, 31)


def date_range_error(value: date | datetime, *, years_ahead: int = YEARS_AHEAD) -> str | None:
    """Why a date is implausible for the program, or None when it is within range:
    from 1 January 2015 to the end of the year `years_ahead` years from now."""
    latest = latest_date(years_ahead)
    if EARLIEST_DATE <= _local_day(value) <= latest:
        return None
    return _(
        "Enter a date between %(earliest)s and %(latest)s; %(value)s is outside the "
        "dates the program can carry."
    ) % {
        "earliest": formats.date_format(EARLIEST_DATE, "DATE_FORMAT"),
        "latest": formats.date_format(latest, "DATE_FORMAT"),
        "value": formats.date_format(_local_day(value), "DATE_FORMAT"),
    }


def check_date(field: str, value: date | datetime, *, years_ahead: int = YEARS_AHEAD) -> None:
    message = date_range_error(value, years_ahead=years_ahead)
    if message:
        raise ValidationError({field: message})


def when_text(moment: datetime) -> str:
    return f"{formats.date_format(timezone.localtime(moment), 'DATETIME_FORMAT')} WIB"


def _check_deadline(deadline: datetime, *, past_allowed: bool = False) -> None:
    check_date("application_deadline", deadline)
    if not past_allowed and deadline <= timezone.now():
        raise ValidationError(
            {
                "application_deadline": _(
                    "The application deadline %(deadline)s has already passed: choose a "
                    "later one, so regions have time to apply."
                )
                % {"deadline": when_text(deadline)}
            }
        )


def check_phases(phases: Sequence[PhaseInput]) -> None:
    """Each phase once, dated within range, ending on or after its start, and starting
    no earlier than the phase before it in the program's order."""
    errors: dict[str, list[str]] = {}
    order = {kind: position for position, kind in enumerate(PhaseKind.values)}
    labels = dict(PhaseKind.choices)
    seen: set[str] = set()
    for phase in phases:
        label = str(labels.get(phase.kind, phase.kind))
        field = f"phases.{phase.kind}"
        if phase.kind not in order:
            errors.setdefault("phases", []).append(
                _("Unknown phase %(phase)s.") % {"phase": phase.kind}
            )
            continue
        if phase.kind in seen:
            errors.setdefault(field, []).append(
                _("%(phase)s is given twice; each phase is dated once.") % {"phase": label}
            )
        seen.add(phase.kind)
        for day in (phase.starts_on, phase.ends_on):
            message = date_range_error(day)
            if message:
                errors.setdefault(field, []).append(f"{label}: {message}")
        if phase.ends_on < phase.starts_on:
            errors.setdefault(field, []).append(
                _("%(phase)s ends before it starts.") % {"phase": label}
            )
    dated = sorted(
        (p for p in phases if p.kind in order), key=lambda p: (order[p.kind], p.starts_on)
    )
    for previous, phase in pairwise(dated):
        if phase.kind != previous.kind and phase.starts_on < previous.starts_on:
            errors.setdefault(f"phases.{phase.kind}", []).append(
                _(
                    "%(phase)s starts on %(start)s, before %(previous)s (%(previous_start)s); "
                    "phases follow the program's order."
                )
                % {
                    "phase": labels[phase.kind],
                    "start": formats.date_format(phase.starts_on, "DATE_FORMAT"),
                    "previous": labels[previous.kind],
                    "previous_start": formats.date_format(previous.starts_on, "DATE_FORMAT"),
                }
            )
    if errors:
        raise ValidationError(errors)


def _check_rules(max_per_province: int | None, min_per_island_group: dict[str, int]) -> None:
    unknown = set(min_per_island_group) - set(IslandGroup.values)
    if unknown:
        raise ValidationError(
            {
                "min_per_island_group": _("Unknown island groups: %(groups)s.")
                % {"groups": ", ".join(sorted(unknown))}
            }
        )
    if any(not isinstance(n, int) or n < 0 for n in min_per_island_group.values()):
        raise ValidationError(
            {"min_per_island_group": _("Each minimum is a whole number, 0 or more.")}
        )
    if max_per_province is not None and max_per_province < 1:
        raise ValidationError({"max_per_province": _("At most per province must be 1 or more.")})


@service
def create_cohort(
    actor: Any,
    *,
    year: int,
    name: str,
    quota: int,
    application_deadline: Any,
    phases: Iterable[PhaseInput] = (),
    criteria: Iterable[CriterionInput] = (),
    max_per_province: int | None = None,
    min_per_island_group: dict[str, int] | None = None,
    min_score: Decimal | None = None,
    as_record: bool = False,
) -> Cohort:
    """A new cohort, as a draft. `as_record` loads a past cohort (an import of history,
    as the demo does): its deadline may have passed. Pages and the API never pass it."""
    access.require_program_office(actor)
    if Cohort.objects.filter(year=year).exists():
        raise ValidationError(
            {"year": _("There is already a cohort for %(year)s.") % {"year": year}}
        )
    _check_deadline(application_deadline, past_allowed=as_record)
    phases = list(phases)
    check_phases(phases)
    rules = min_per_island_group or {}
    _check_rules(max_per_province, rules)
    cohort = Cohort(
        year=year,
        name=name.strip(),
        quota=quota,
        application_deadline=application_deadline,
        max_per_province=max_per_province,
        min_per_island_group=rules,
        min_score=min_score,
    )
    cohort.full_clean()
    cohort.save()
    for phase in phases:
        row = CohortPhase(
            cohort=cohort, kind=phase.kind, starts_on=phase.starts_on, ends_on=phase.ends_on
        )
        row.full_clean(exclude=["cohort"])
        row.save()
    pillars = {pillar.code: pillar for pillar in Pillar.objects.all()}
    for position, criterion in enumerate(criteria, start=1):
        add_criterion(actor, cohort, criterion, position=position, pillars=pillars)
    return cohort


def _phases_like(template: Cohort, year: int, deadline: Any) -> list[PhaseInput]:
    """The template's phases moved so that registration ends on the new deadline; every
    phase keeps its length and its distance from the others. Without a registration
    phase (or a deadline) they move by whole years."""
    phases = list(template.phases.all())
    registration = next((p for p in phases if p.kind == PhaseKind.APPLICATIONS), None)
    if registration is None or not isinstance(deadline, (date, datetime)):
        shift = year - template.year
        return [
            PhaseInput(p.kind, _shift_years(p.starts_on, shift), _shift_years(p.ends_on, shift))
            for p in phases
        ]
    delta = _local_day(deadline) - registration.ends_on
    return [PhaseInput(p.kind, p.starts_on + delta, p.ends_on + delta) for p in phases]


@service
def open_cohort_like(
    actor: Any,
    template: Cohort | None,
    *,
    year: int,
    name: str,
    quota: int,
    application_deadline: Any,
) -> Cohort:
    """A new cohort that reuses a previous one's rubric, rules and phases (moved so that
    registration ends on the new deadline), so the office only changes what changed."""
    if template is None:
        return create_cohort(
            actor, year=year, name=name, quota=quota, application_deadline=application_deadline
        )
    return create_cohort(
        actor,
        year=year,
        name=name,
        quota=quota,
        application_deadline=application_deadline,
        phases=_phases_like(template, year, application_deadline),
        criteria=[
            CriterionInput(c.code, c.pillar.code, c.title, c.weight, list(c.levels), c.guidance)
            for c in template.criteria.select_related("pillar")
        ],
        max_per_province=template.max_per_province,
        min_per_island_group=dict(template.min_per_island_group or {}),
        min_score=template.min_score,
    )


@service
def add_criterion(
    actor: Any,
    cohort: Cohort,
    data: CriterionInput,
    *,
    position: int = 0,
    pillars: dict[str, Pillar] | None = None,
) -> RubricCriterion:
    access.require_program_office(actor)
    if cohort.applications.filter(status=ApplicationStatus.SUBMITTED).exists():
        raise ValidationError(_("Applications were submitted against this rubric; it is fixed."))
    pillars = pillars or {pillar.code: pillar for pillar in Pillar.objects.all()}
    if data.pillar not in pillars:
        raise ValidationError({"pillar": _("Unknown pillar %(code)s.") % {"code": data.pillar}})
    levels = [str(level).strip() for level in data.levels]
    if len(levels) != 5 or not all(levels):
        raise ValidationError({"levels": _("Describe each of the five levels, 1 to 5.")})
    criterion = RubricCriterion(
        cohort=cohort,
        pillar=pillars[data.pillar],
        code=data.code,
        title=data.title.strip(),
        guidance=data.guidance,
        weight=data.weight,
        levels=levels,
        position=position,
    )
    criterion.full_clean()
    criterion.save()
    return criterion


@service
def update_rules(
    actor: Any,
    cohort: Cohort,
    *,
    quota: int,
    max_per_province: int | None,
    min_per_island_group: dict[str, int],
    min_score: Decimal | None,
) -> Cohort:
    access.require_program_office(actor)
    _check_rules(max_per_province, min_per_island_group)
    cohort.quota = quota
    cohort.max_per_province = max_per_province
    cohort.min_per_island_group = min_per_island_group
    cohort.min_score = min_score
    cohort.full_clean()
    cohort.save()
    return cohort


@service
def set_cohort_status(actor: Any, cohort: Cohort, status: str) -> Cohort:
    access.require_program_office(actor)
    if status == CohortStatus.OPEN:
        if not cohort.criteria.exists():
            raise ValidationError(_("Add the rubric's criteria before opening applications."))
        if cohort.deadline_passed:
            raise ValidationError(
                {
                    "application_deadline": _(
                        "The application deadline %(deadline)s has already passed. Set a "
                        "later deadline under Rubric and phases, then open applications."
                    )
                    % {"deadline": when_text(cohort.application_deadline)}
                }
            )
    cohort.status = status
    cohort.full_clean()
    cohort.save(update_fields=["status", "updated_at"])
    return cohort


def close_confirmation(cohort: Cohort) -> str:
    """What closing registration now means, for the office to confirm: how long before
    the deadline it would close."""
    ask = _("Regions that have not submitted can no longer do so. Close applications?")
    remaining = cohort.application_deadline - timezone.now()
    if remaining.total_seconds() <= 0:
        return ask
    deadline = when_text(cohort.application_deadline)
    days = (_local_day(cohort.application_deadline) - timezone.localdate()).days  # calendar
    if days >= 1:
        early = ngettext(
            "Registration would close %(days)d day before the deadline of %(deadline)s.",
            "Registration would close %(days)d days before the deadline of %(deadline)s.",
            days,
        ) % {"days": days, "deadline": deadline}
    else:
        early = _(
            "Registration would close less than a day before the deadline of %(deadline)s."
        ) % {"deadline": deadline}
    return f"{early} {ask}"


@service
def close_applications(actor: Any, cohort: Cohort) -> Cohort:
    """End registration before the deadline: regions that have not submitted can no
    longer do so, and the cohort moves to assessment."""
    access.require_program_office(actor)
    if cohort.status != CohortStatus.OPEN:
        raise ValidationError(_("Only a cohort open for applications can be closed."))
    cohort.status = CohortStatus.ASSESSMENT
    cohort.save(update_fields=["status", "updated_at"])
    return cohort


@service
def save_schedule(
    actor: Any,
    cohort: Cohort,
    *,
    phases: Iterable[PhaseInput],
    application_deadline: datetime | None = None,
) -> Cohort:
    """The cohort's phases (all of them: a phase left out is removed) and, while
    applications are not yet closed, its deadline."""
    access.require_program_office(actor)
    phases = list(phases)
    errors: dict[str, list[str]] = {}
    changed_deadline = (
        application_deadline is not None and application_deadline != cohort.application_deadline
    )
    if changed_deadline:
        assert application_deadline is not None
        if cohort.status not in (CohortStatus.DRAFT, CohortStatus.OPEN):
            errors["application_deadline"] = [
                _("Applications are closed; the deadline can no longer change.")
            ]
        else:
            try:
                _check_deadline(application_deadline)
            except ValidationError as error:
                errors.update(error.message_dict)
    try:
        check_phases(phases)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    if changed_deadline and application_deadline is not None:
        cohort.application_deadline = application_deadline
        cohort.save(update_fields=["application_deadline", "updated_at"])
    existing = {phase.kind: phase for phase in cohort.phases.all()}
    for phase in phases:
        row = existing.pop(phase.kind, None) or CohortPhase(cohort=cohort, kind=phase.kind)
        if row.pk and (row.starts_on, row.ends_on) == (phase.starts_on, phase.ends_on):
            continue
        row.starts_on, row.ends_on = phase.starts_on, phase.ends_on
        row.full_clean()
        row.save()
    for row in existing.values():
        row.delete()
    return cohort


__all__ = [
    "EARLIEST_DATE",
    "CriterionInput",
    "PhaseInput",
    "add_criterion",
    "check_phases",
    "close_applications",
    "close_confirmation",
    "create_cohort",
    "date_range_error",
    "open_cohort_like",
    "save_schedule",
    "set_cohort_status",
    "update_rules",
]
