"""Cohorts, applications, assessment and selection."""

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kotacerdas.core import access
from kotacerdas.core.audit import service
from kotacerdas.core.roles import Role
from kotacerdas.program import scoring
from kotacerdas.program.balancing import balance
from kotacerdas.program.models import (
    Application,
    ApplicationAnswer,
    ApplicationStatus,
    AssessorAssignment,
    Cohort,
    CohortPhase,
    CohortStatus,
    CriterionScore,
    Evidence,
    IndicatorValue,
    Interview,
    PhaseKind,
    RubricCriterion,
    RubricRevision,
    SelectionDecision,
    SelectionRun,
)
from kotacerdas.program.uploads import check_evidence
from kotacerdas.regions.models import IslandGroup, Pillar, Region

MIN_ASSESSORS = 2

if TYPE_CHECKING:
    from kotacerdas.program import selection


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


def _check_date(field: str, value: date | datetime, *, years_ahead: int = YEARS_AHEAD) -> None:
    message = date_range_error(value, years_ahead=years_ahead)
    if message:
        raise ValidationError({field: message})


def _when(moment: datetime) -> str:
    return f"{formats.date_format(timezone.localtime(moment), 'DATETIME_FORMAT')} WIB"


def _check_deadline(deadline: datetime, *, past_allowed: bool = False) -> None:
    _check_date("application_deadline", deadline)
    if not past_allowed and deadline <= timezone.now():
        raise ValidationError(
            {
                "application_deadline": _(
                    "The application deadline %(deadline)s has already passed: choose a "
                    "later one, so regions have time to apply."
                )
                % {"deadline": _when(deadline)}
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
                    % {"deadline": _when(cohort.application_deadline)}
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
    deadline = _when(cohort.application_deadline)
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


# The rubric ------------------------------------------------------------------------------

CODE_PATTERN = r"^[a-z0-9-]{1,40}$"
WEIGHT_MIN, WEIGHT_MAX = Decimal("0.01"), Decimal("999.99")
TITLE_MAX, GUIDANCE_MAX, LEVEL_MAX = 200, 5000, 500
EDITABLE_FIELDS = ("title", "pillar", "weight", "guidance", "levels")


def rubric_in_use(cohort: Cohort) -> bool:
    """Applications were submitted against the rubric or assessors have scored it."""
    return (
        cohort.applications.exclude(status=ApplicationStatus.DRAFT).exists()
        or CriterionScore.objects.filter(criterion__cohort=cohort).exists()
    )


def _criterion_errors(item: CriterionInput, pillars: dict[str, Pillar]) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not re.match(CODE_PATTERN, item.code or ""):
        errors["code"] = _(
            "A code has 1 to 40 small letters, digits or hyphens, e.g. regulasi-spbe."
        )
    if item.pillar not in pillars:
        errors["pillar"] = _("Choose one of the pillars: %(pillars)s.") % {
            "pillars": ", ".join(sorted(pillars))
        }
    title = (item.title or "").strip()
    if not 3 <= len(title) <= TITLE_MAX or "\n" in title or "\r" in title:
        errors["title"] = _("A title is one line of 3 to %(max)d characters.") % {"max": TITLE_MAX}
    try:
        weight = Decimal(item.weight)
        valid = weight.is_finite() and WEIGHT_MIN <= weight <= WEIGHT_MAX
        valid = valid and weight == weight.quantize(Decimal("0.01"))
    except (InvalidOperation, TypeError, ValueError):
        valid = False
    if not valid:
        errors["weight"] = _(
            "A weight is a number from %(min)s to %(max)s with at most two decimals; "
            "weights are relative, so they need not add up to 100."
        ) % {
            "min": formats.number_format(WEIGHT_MIN, 2),
            "max": formats.number_format(WEIGHT_MAX, 2),
        }
    if len(item.guidance or "") > GUIDANCE_MAX:
        errors["guidance"] = _("The guidance is at most %(max)d characters.") % {
            "max": GUIDANCE_MAX
        }
    levels = [str(level).strip() for level in item.levels]
    if len(levels) != 5 or not all(levels):
        errors["levels"] = _("Describe each of the five levels, 1 to 5.")
    elif any(len(level) > LEVEL_MAX for level in levels):
        errors["levels"] = _("Each level description is at most %(max)d characters.") % {
            "max": LEVEL_MAX
        }
    return errors


def _criterion_values(item: CriterionInput) -> dict[str, Any]:
    return {
        "title": item.title.strip(),
        "pillar": item.pillar,
        "weight": Decimal(item.weight).quantize(Decimal("0.01")),
        "guidance": (item.guidance or "").strip(),
        "levels": [str(level).strip() for level in item.levels],
    }


@service
def save_rubric(
    actor: Any, cohort: Cohort, criteria: Sequence[CriterionInput], *, reason: str = ""
) -> RubricRevision | None:
    """Replace the cohort's rubric with `criteria`, in that order. Before any application
    is submitted the rubric changes freely. After that a change needs a reason (kept in a
    RubricRevision, in the audit trail too), criteria can no longer be added or removed
    (answers and scores are per criterion), and a change of weights recomputes the
    scores. Once the results are published the rubric is final. Returns the revision,
    or None when nothing changed."""
    access.require_program_office(actor)
    if cohort.status == CohortStatus.PUBLISHED:
        raise ValidationError(
            _("The results of this cohort are published; the rubric that produced them is final.")
        )
    pillars = {pillar.code: pillar for pillar in Pillar.objects.all()}
    errors: dict[str, list[str]] = {}
    if not criteria:
        errors["criteria"] = [_("A rubric needs at least one criterion.")]
    seen: set[str] = set()
    for index, item in enumerate(criteria):
        for field, message in _criterion_errors(item, pillars).items():
            errors.setdefault(f"criteria.{index}.{field}", []).append(message)
        if item.code in seen:
            errors.setdefault(f"criteria.{index}.code", []).append(
                _("The code %(code)s is used twice.") % {"code": item.code}
            )
        seen.add(item.code)
    if errors:
        raise ValidationError(errors)

    existing = {c.code: c for c in cohort.criteria.select_related("pillar")}
    wanted = {item.code: item for item in criteria}
    added = [code for code in wanted if code not in existing]
    removed = [code for code in existing if code not in wanted]
    changed: dict[str, list[str]] = {}
    for position, item in enumerate(criteria, start=1):
        current = existing.get(item.code)
        if current is None:
            continue
        values = _criterion_values(item)
        fields = [
            field
            for field in EDITABLE_FIELDS
            if (current.pillar.code if field == "pillar" else getattr(current, field))
            != values[field]
        ]
        if current.position != position:
            fields.append("position")
        if fields:
            changed[item.code] = fields
    if not (added or removed or changed):
        return None

    if rubric_in_use(cohort):
        if added or removed:
            raise ValidationError(
                {
                    "criteria": _(
                        "Applications were submitted against this rubric, so criteria can no "
                        "longer be added or removed: the answers and scores are per criterion. "
                        "Titles, guidance, level descriptions and weights can still change, "
                        "with a reason."
                    )
                }
            )
        if not reason.strip():
            raise ValidationError(
                {
                    "reason": _(
                        "Applications were submitted against this rubric: record why it "
                        "changes. The reason is kept with the change."
                    )
                }
            )
    if len(reason) > 2000:
        raise ValidationError({"reason": _("The reason is at most 2000 characters.")})

    for code in removed:
        existing[code].delete()
    for position, item in enumerate(criteria, start=1):
        values = _criterion_values(item)
        row = existing.get(item.code) or RubricCriterion(cohort=cohort, code=item.code)
        if row.pk and item.code not in changed:
            continue
        row.title, row.guidance = values["title"], values["guidance"]
        row.weight, row.levels = values["weight"], values["levels"]
        row.pillar = pillars[values["pillar"]]
        row.position = position
        row.full_clean()
        row.save()
    if any("weight" in fields for fields in changed.values()):
        for application in cohort.applications.exclude(score=None):
            recompute_score(application)
    return RubricRevision.objects.create(
        cohort=cohort,
        changed_by=actor,
        reason=reason.strip(),
        changes={"added": added, "removed": removed, "changed": changed},
    )


# Applications ----------------------------------------------------------------------------


def closed_message(cohort: Cohort) -> str | None:
    """Why regions can no longer apply to or change a draft in `cohort`, or None."""
    if cohort.status == CohortStatus.OPEN and cohort.deadline_passed:
        return _(
            "The deadline, %(deadline)s, has passed: applications can no longer be started, "
            "changed or submitted."
        ) % {"deadline": _when(cohort.application_deadline)}
    if cohort.status != CohortStatus.OPEN:
        return _("This cohort is not open for applications.")
    return None


def can_edit_application(application: Application) -> bool:
    """The application itself allows changes: a draft while registration is open, or an
    application the program office reopened (whatever the date)."""
    if application.status == ApplicationStatus.REOPENED:
        return True
    return (
        application.status == ApplicationStatus.DRAFT and closed_message(application.cohort) is None
    )


def _require_editable(actor: Any, application: Application) -> None:
    access.require(access.can_apply_for(actor, application.region))
    if not application.is_editable:
        raise ValidationError(
            _(
                "The application was submitted and is read-only. Ask the program office to "
                "reopen it if something must change."
            )
        )
    message = closed_message(application.cohort)
    if application.status == ApplicationStatus.DRAFT and message:
        raise ValidationError(message)


@service
def start_application(actor: Any, cohort: Cohort, region: Region) -> Application:
    access.require(access.can_apply_for(actor, region))
    message = closed_message(cohort)
    if message:
        raise ValidationError(message)
    if Application.objects.filter(cohort=cohort, region=region).exists():
        raise ValidationError(
            _("%(region)s has already applied to %(cohort)s; open that application instead.")
            % {"region": region.name, "cohort": cohort.name}
        )
    return Application.objects.create(cohort=cohort, region=region)


@dataclass(frozen=True)
class AnswerInput:
    criterion: str  # RubricCriterion.code
    self_score: int | None
    answer: str


@service
def save_answers(actor: Any, application: Application, answers: Iterable[AnswerInput]) -> None:
    _require_editable(actor, application)
    criteria = {c.code: c for c in application.cohort.criteria.all()}
    for item in answers:
        criterion = criteria.get(item.criterion)
        if criterion is None:
            raise ValidationError(
                {"criterion": _("Unknown criterion %(code)s.") % {"code": item.criterion}}
            )
        answer, _created = ApplicationAnswer.objects.get_or_create(
            application=application, criterion=criterion
        )
        answer.self_score = item.self_score
        answer.answer = item.answer.strip()
        answer.full_clean()
        answer.save()


def _indicator_problem(indicator: str, value: Decimal) -> str | None:
    """The published indices are not negative; the IPM is on a scale of 0 to 100."""
    if value < 0:
        return _("An index is not negative: write 0 or more.")
    if indicator == "ipm" and value > 100:
        return _("The IPM is on a scale of 0 to 100.")
    return None


@service
def save_indicators(
    actor: Any, application: Application, values: Iterable[tuple[str, Decimal, int]]
) -> None:
    _require_editable(actor, application)
    values = list(values)
    errors = {
        f"indicators.{index}.value": problem
        for index, (indicator, value, _year) in enumerate(values)
        if (problem := _indicator_problem(indicator, value))
    }
    if errors:
        raise ValidationError(errors)
    for indicator, value, source_year in values:
        row = IndicatorValue.objects.filter(application=application, indicator=indicator).first()
        row = row or IndicatorValue(application=application, indicator=indicator)
        row.value, row.source_year = value, source_year
        row.full_clean()
        row.save()


@service
def save_content(
    actor: Any,
    application: Application,
    answers: Iterable[AnswerInput],
    indicators: Iterable[tuple[str, Decimal, int]],
) -> None:
    """The self-assessment and the indicators as one draft: both are saved or neither."""
    save_answers(actor, application, answers)
    save_indicators(actor, application, indicators)


@service
def add_evidence(
    actor: Any, application: Application, criterion_code: str, upload: UploadedFile
) -> Evidence:
    _require_editable(actor, application)
    content_type = check_evidence(upload)
    criterion = application.cohort.criteria.filter(code=criterion_code).first()
    if criterion is None:
        raise ValidationError(
            {"criterion": _("Unknown criterion %(code)s.") % {"code": criterion_code}}
        )
    answer, _created = ApplicationAnswer.objects.get_or_create(
        application=application, criterion=criterion
    )
    evidence = Evidence(
        answer=answer,
        original_name=(upload.name or "evidence")[:255],
        content_type=content_type,
        size=upload.size or 0,
        uploaded_by=actor,
    )
    evidence.file.save(upload.name or "evidence", upload, save=False)
    evidence.save()
    return evidence


@service
def submit_application(actor: Any, application: Application) -> Application:
    _require_editable(actor, application)
    answered = set(
        application.answers.exclude(answer="")
        .exclude(self_score=None)
        .values_list("criterion_id", flat=True)
    )
    missing = application.cohort.criteria.exclude(pk__in=answered)
    if missing.exists():
        raise ValidationError(
            _("Answer every criterion before submitting; missing: %(criteria)s.")
            % {"criteria": ", ".join(c.title for c in missing)}
        )
    application.status = ApplicationStatus.SUBMITTED
    application.submitted_at = timezone.now()
    application.submitted_by = actor
    application.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
    return application


@service
def reopen_application(actor: Any, application: Application, reason: str) -> Application:
    access.require_program_office(actor)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the application is reopened.")})
    application.status = ApplicationStatus.REOPENED
    application.reopen_reason = reason.strip()
    application.save(update_fields=["status", "reopen_reason", "updated_at"])
    return application


# Assessment ------------------------------------------------------------------------------


def _check_assessor(assessor: Any) -> None:
    if assessor.role != Role.ASSESSOR or not assessor.is_active:
        raise ValidationError(
            {
                "assessor": _("%(name)s is not an active assessor.")
                % {"name": assessor.get_username()}
            }
        )


@service
def assign_assessor(
    actor: Any, application: Application, assessor: Any, override_reason: str = ""
) -> AssessorAssignment:
    access.require_program_office(actor)
    _check_assessor(assessor)
    if application.status != ApplicationStatus.SUBMITTED:
        raise ValidationError(_("Only submitted applications are assessed."))
    same_province = assessor.home_province_id == application.region.province_id
    if same_province and not override_reason.strip():
        raise ValidationError(
            {
                "assessor": _(
                    "%(name)s comes from %(province)s, the applicant's own province. "
                    "Choose another assessor, or record why the rule is relaxed."
                )
                % {"name": assessor.get_username(), "province": application.region.province.name}
            }
        )
    assignment, created = AssessorAssignment.objects.get_or_create(
        application=application,
        assessor=assessor,
        defaults={"conflict_override_reason": override_reason.strip() if same_province else ""},
    )
    if not created:
        raise ValidationError(
            {
                "assessor": _("%(name)s is already assigned to this application.")
                % {"name": assessor.get_username()}
            }
        )
    return assignment


@service
def bulk_assign(
    actor: Any, cohort: Cohort, assessors: Sequence[Any], per_application: int = MIN_ASSESSORS
) -> list[AssessorAssignment]:
    """Give every submitted application `per_application` assessors, never from its own
    province, spreading the work as evenly as that rule allows (see balancing.py)."""
    access.require_program_office(actor)
    for assessor in assessors:
        _check_assessor(assessor)
    load = Counter(
        AssessorAssignment.objects.filter(
            application__cohort=cohort, assessor__in=assessors
        ).values_list("assessor_id", flat=True)
    )
    applications = (
        cohort.applications.filter(status=ApplicationStatus.SUBMITTED)
        .select_related("region")
        .prefetch_related("assignments")
        .order_by("region_id")
    )
    needs, eligible = {}, {}
    for application in applications:
        taken = {a.assessor_id for a in application.assignments.all()}
        needs[application.pk] = max(per_application - len(taken), 0)
        eligible[application.pk] = [
            a.pk
            for a in assessors
            if a.pk not in taken and a.home_province_id != application.region.province_id
        ]
        if needs[application.pk] > len(eligible[application.pk]):
            raise ValidationError(
                _(
                    "%(region)s needs %(needed)d more assessors but only %(available)d are "
                    "eligible (not from its province). Add assessors and try again."
                )
                % {
                    "region": application.region.name,
                    "needed": needs[application.pk],
                    "available": len(eligible[application.pk]),
                }
            )
    plan = balance(needs, eligible, load)
    if plan is None:
        raise ValidationError(_("The assessors cannot cover every application; add assessors."))
    by_pk = {a.pk: a for a in assessors}
    created = [
        AssessorAssignment.objects.create(application_id=application_id, assessor=by_pk[pk])
        for application_id, chosen in sorted(plan.items())
        for pk in chosen
    ]
    return created


@dataclass(frozen=True)
class ScoreInput:
    criterion: str  # RubricCriterion.code
    score: int
    comment: str = ""


@service
def save_scores(actor: Any, assignment: AssessorAssignment, scores: Iterable[ScoreInput]) -> None:
    access.require_own_assignment(actor, assignment)
    if assignment.submitted_at:
        raise ValidationError(_("These scores were submitted and can no longer change."))
    criteria = {c.code: c for c in assignment.application.cohort.criteria.all()}
    errors: dict[str, list[str]] = {}
    rows = []
    for item in scores:
        criterion = criteria.get(item.criterion)
        if criterion is None:
            errors.setdefault(item.criterion, []).append(_("Unknown criterion."))
            continue
        if not 1 <= item.score <= 5:
            errors.setdefault(item.criterion, []).append(
                _("A score is a whole number from 1 to 5.")
            )
        elif item.score in (1, 5) and not item.comment.strip():
            errors.setdefault(item.criterion, []).append(
                _("A score of %(score)d needs a comment that explains it.") % {"score": item.score}
            )
        rows.append((criterion, item))
    if errors:
        raise ValidationError(errors)
    for criterion, item in rows:
        CriterionScore.objects.update_or_create(
            assignment=assignment,
            criterion=criterion,
            defaults={"score": item.score, "comment": item.comment.strip()},
        )
    recompute_score(assignment.application)


@service
def submit_scores(actor: Any, assignment: AssessorAssignment) -> AssessorAssignment:
    access.require_own_assignment(actor, assignment)
    scored = set(assignment.scores.values_list("criterion_id", flat=True))
    missing = assignment.application.cohort.criteria.exclude(pk__in=scored)
    if missing.exists():
        raise ValidationError(
            _("Score every criterion first; missing: %(criteria)s.")
            % {"criteria": ", ".join(c.title for c in missing)}
        )
    assignment.submitted_at = timezone.now()
    assignment.save(update_fields=["submitted_at", "updated_at"])
    return assignment


@service
def record_interview(
    actor: Any, application: Application, *, held_at: Any, attendees: str, notes: str = ""
) -> Interview:
    is_assessor = access.assignments_of(actor).filter(application=application).exists()
    access.require(access.is_program_office(actor) or is_assessor)
    _check_date("held_at", held_at, years_ahead=INTERVIEW_YEARS_AHEAD)
    interview = Interview(
        application=application, held_at=held_at, attendees=attendees.strip(), notes=notes.strip()
    )
    interview.full_clean()
    interview.save()
    return interview


def application_score(application: Application) -> scoring.ApplicationScore:
    criteria = [
        scoring.CriterionWeight(c.code, c.pillar.code, c.weight)
        for c in application.cohort.criteria.select_related("pillar")
    ]
    by_assessor: dict[str, dict[str, int]] = {}
    for row in CriterionScore.objects.filter(assignment__application=application).values(
        "assignment__assessor_id", "criterion__code", "score"
    ):
        by_assessor.setdefault(str(row["assignment__assessor_id"]), {})[row["criterion__code"]] = (
            row["score"]
        )
    return scoring.score_application(criteria, by_assessor)


def recompute_score(application: Application) -> None:
    application.score = application_score(application).score
    application.save(update_fields=["score", "updated_at"])


# Selection -------------------------------------------------------------------------------


def _rules_of(cohort: Cohort) -> "selection.Rules":
    from kotacerdas.program import selection

    return selection.Rules(
        quota=cohort.quota,
        max_per_province=cohort.max_per_province,
        min_per_island_group=dict(cohort.min_per_island_group or {}),
        min_score=float(cohort.min_score) if cohort.min_score is not None else None,
    )


def selection_refusal(cohort: Cohort) -> str | None:
    """Why the selection cannot run yet, or None: not while regions can still apply, and
    not before any application is scored."""
    if cohort.registration_open:
        return _(
            "Registration is open until %(deadline)s: regions can still apply. Run the "
            "selection once it has closed and the applications are scored."
        ) % {"deadline": _when(cohort.application_deadline)}
    scored = cohort.applications.filter(status=ApplicationStatus.SUBMITTED).exclude(score=None)
    if not scored.exists():
        return _(
            "No application is scored yet: the selection ranks applications by their "
            "assessors' scores. Run it once assessors have scored the submitted applications."
        )
    return None


UNSCORED_NAMED = 10  # regions named in a message about unscored applications


def unscored_applications(cohort: Cohort) -> list[Application]:
    """Submitted applications without a complete assessment: no assessor has scored
    every criterion, so they have no score (nobody assigned, or scoring unfinished)."""
    return list(
        cohort.applications.filter(status=ApplicationStatus.SUBMITTED, score=None)
        .select_related("region")
        .order_by("region__name")
    )


def _region_names(applications: Sequence[Application]) -> str:
    names = [a.region.name for a in applications[:UNSCORED_NAMED]]
    more = len(applications) - len(names)
    if more:
        names.append(_("and %(count)d more") % {"count": more})
    return ", ".join(names)


def unscored_warning(cohort: Cohort) -> str | None:
    """A warning for the selection page before a run, or None when all are scored."""
    unscored = unscored_applications(cohort)
    if not unscored:
        return None
    return ngettext(
        "%(count)d submitted application has no complete assessment yet (%(regions)s). A "
        "selection run now counts it as not scored, and the results cannot be published "
        "until it is scored.",
        "%(count)d submitted applications have no complete assessment yet (%(regions)s). "
        "A selection run now counts them as not scored, and the results cannot be "
        "published until they are scored.",
        len(unscored),
    ) % {"count": len(unscored), "regions": _region_names(unscored)}


def publish_refusal(cohort: Cohort) -> str | None:
    """Why the results cannot be published yet, or None: not while a submitted
    application has no complete assessment (it would be published as not selected)."""
    unscored = unscored_applications(cohort)
    if not unscored:
        return None
    return ngettext(
        "%(count)d submitted application has no complete assessment yet (%(regions)s). "
        "Have its assessors score every criterion, run the selection again, then publish.",
        "%(count)d submitted applications have no complete assessment yet (%(regions)s). "
        "Have their assessors score every criterion, run the selection again, then publish.",
        len(unscored),
    ) % {"count": len(unscored), "regions": _region_names(unscored)}


@service
def run_selection(
    actor: Any,
    cohort: Cohort,
    *,
    must_include: Iterable[int] = (),
    must_exclude: Iterable[int] = (),
) -> SelectionRun:
    """Run the optimiser over the cohort's submitted applications and keep its answer."""
    # OR-Tools is heavy to import; only selection needs it.
    from kotacerdas.program import selection

    access.require_program_office(actor)
    if cohort.selection_runs.filter(published=True).exists():
        raise ValidationError(_("A selection of this cohort is already published."))
    refusal = selection_refusal(cohort)
    if refusal:
        raise ValidationError(refusal)
    applications = list(
        cohort.applications.filter(status=ApplicationStatus.SUBMITTED).select_related("region")
    )
    candidates = [
        selection.Candidate(
            id=str(a.pk),
            province=a.region.province_id,
            island_group=a.region.island_group,
            score=float(a.score) if a.score is not None else None,
        )
        for a in applications
    ]
    base = _rules_of(cohort)
    rules = selection.Rules(
        quota=base.quota,
        max_per_province=base.max_per_province,
        min_per_island_group=base.min_per_island_group,
        min_score=base.min_score,
        must_include=frozenset(str(pk) for pk in must_include),
        must_exclude=frozenset(str(pk) for pk in must_exclude),
    )
    result = selection.select(candidates, rules)
    run = SelectionRun.objects.create(
        cohort=cohort,
        run_by=actor,
        rules={
            "quota": rules.quota,
            "max_per_province": rules.max_per_province,
            "min_per_island_group": dict(rules.min_per_island_group),
            "min_score": rules.min_score,
            "must_include": sorted(rules.must_include),
            "must_exclude": sorted(rules.must_exclude),
        },
        status=result.status,
        objective=Decimal(str(result.objective)),
        greedy_objective=Decimal(str(result.greedy_objective)),
        solve_seconds=result.solve_seconds,
        conflicts=[
            {"rule": c.rule, "detail": dict(c.detail), "related": list(c.related)}
            for c in result.conflicts
        ],
        warnings=list(result.warnings),
    )
    greedy = set(result.greedy_ids)
    by_id = {str(a.pk): a for a in applications}
    SelectionDecision.objects.bulk_create(
        SelectionDecision(
            run=run,
            application=by_id[d.id],
            optimiser_selected=d.selected,
            in_top_n=d.id in greedy,
            selected=d.selected,
            rank=d.rank,
            score=Decimal(str(d.score)) if d.score is not None else None,
            reason=d.reason,
            gap=Decimal(str(d.gap)) if d.gap is not None else None,
            detail=dict(d.detail),
        )
        for d in result.decisions
    )
    if cohort.status in (CohortStatus.OPEN, CohortStatus.ASSESSMENT):
        cohort.status = CohortStatus.SELECTION
        cohort.save(update_fields=["status", "updated_at"])
    return run


@service
def override_decision(
    actor: Any, decision: SelectionDecision, *, selected: bool, reason: str
) -> SelectionDecision:
    access.require_program_office(actor)
    if decision.run.published:
        raise ValidationError(_("This selection is published; run a new selection to change it."))
    if not reason.strip():
        raise ValidationError({"reason": _("Record why the optimiser's decision is overridden.")})
    decision.selected = selected
    decision.override_reason = reason.strip()
    decision.overridden_by = actor
    decision.save(update_fields=["selected", "override_reason", "overridden_by"])
    return decision


@service
def publish_selection(actor: Any, run: SelectionRun) -> SelectionRun:
    access.require_program_office(actor)
    if run.status == "infeasible":
        raise ValidationError(_("An infeasible selection cannot be published; relax the rules."))
    if run.cohort.selection_runs.filter(published=True).exists():
        raise ValidationError(_("A selection of this cohort is already published."))
    refusal = publish_refusal(run.cohort)
    if refusal:
        raise ValidationError(refusal)
    run.published = True
    run.save(update_fields=["published", "updated_at"])
    cohort = run.cohort
    cohort.status = CohortStatus.PUBLISHED
    cohort.published_at = timezone.now()
    cohort.save(update_fields=["status", "published_at", "updated_at"])
    return run


def published_decision(application: Application) -> SelectionDecision | None:
    return (
        SelectionDecision.objects.filter(application=application, run__published=True)
        .select_related("run")
        .first()
    )


def assessor_comments(application: Application) -> list[CriterionScore]:
    """Comments for the region: what assessors wrote, without who wrote it."""
    return list(
        CriterionScore.objects.filter(assignment__application=application)
        .exclude(comment="")
        .select_related("criterion")
        .order_by("criterion__position", "criterion__code")
    )


__all__ = [
    "EARLIEST_DATE",
    "MIN_ASSESSORS",
    "AnswerInput",
    "CriterionInput",
    "PhaseInput",
    "ScoreInput",
    "add_criterion",
    "add_evidence",
    "application_score",
    "assessor_comments",
    "assign_assessor",
    "bulk_assign",
    "can_edit_application",
    "check_phases",
    "close_applications",
    "close_confirmation",
    "closed_message",
    "create_cohort",
    "date_range_error",
    "open_cohort_like",
    "override_decision",
    "publish_refusal",
    "publish_selection",
    "published_decision",
    "recompute_score",
    "record_interview",
    "reopen_application",
    "rubric_in_use",
    "run_selection",
    "save_answers",
    "save_content",
    "save_indicators",
    "save_rubric",
    "save_schedule",
    "save_scores",
    "selection_refusal",
    "set_cohort_status",
    "start_application",
    "submit_application",
    "submit_scores",
    "unscored_applications",
    "unscored_warning",
    "update_rules",
]
