"""Cohorts, applications, assessment and selection."""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _

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
    RubricCriterion,
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
) -> Cohort:
    access.require_program_office(actor)
    if Cohort.objects.filter(year=year).exists():
        raise ValidationError(
            {"year": _("There is already a cohort for %(year)s.") % {"year": year}}
        )
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
        if phase.ends_on < phase.starts_on:
            raise ValidationError(
                {
                    "phases": _("A phase ends before it starts: %(phase)s.")
                    % {"phase": row.get_kind_display()}
                }
            )
        row.full_clean(exclude=["cohort"])
        row.save()
    pillars = {pillar.code: pillar for pillar in Pillar.objects.all()}
    for position, criterion in enumerate(criteria, start=1):
        add_criterion(actor, cohort, criterion, position=position, pillars=pillars)
    return cohort


def _shift_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a common year
        return day.replace(year=day.year + years, day=28)


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
    """A new cohort that reuses a previous one's rubric, rules and phases (moved to the
    new year), so the office only changes what changed."""
    if template is None:
        return create_cohort(
            actor, year=year, name=name, quota=quota, application_deadline=application_deadline
        )
    shift = year - template.year
    return create_cohort(
        actor,
        year=year,
        name=name,
        quota=quota,
        application_deadline=application_deadline,
        phases=[
            PhaseInput(p.kind, _shift_years(p.starts_on, shift), _shift_years(p.ends_on, shift))
            for p in template.phases.all()
        ],
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
    cohort.status = status
    cohort.full_clean()
    cohort.save(update_fields=["status", "updated_at"])
    return cohort


# Applications ----------------------------------------------------------------------------


def _require_editable(actor: Any, application: Application) -> None:
    access.require(access.can_apply_for(actor, application.region))
    if not application.is_editable:
        raise ValidationError(
            _(
                "The application was submitted and is read-only. Ask the program office to "
                "reopen it if something must change."
            )
        )


@service
def start_application(actor: Any, cohort: Cohort, region: Region) -> Application:
    access.require(access.can_apply_for(actor, region))
    if cohort.status != CohortStatus.OPEN:
        raise ValidationError(_("This cohort is not open for applications."))
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


@service
def save_indicators(
    actor: Any, application: Application, values: Iterable[tuple[str, Decimal, int]]
) -> None:
    _require_editable(actor, application)
    for indicator, value, source_year in values:
        row = IndicatorValue.objects.filter(application=application, indicator=indicator).first()
        row = row or IndicatorValue(application=application, indicator=indicator)
        row.value, row.source_year = value, source_year
        row.full_clean()
        row.save()


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
    if timezone.now() > application.cohort.application_deadline:
        raise ValidationError(
            _("The deadline has passed; applications can no longer be submitted.")
        )
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
    "create_cohort",
    "open_cohort_like",
    "override_decision",
    "publish_selection",
    "published_decision",
    "recompute_score",
    "record_interview",
    "reopen_application",
    "run_selection",
    "save_answers",
    "save_indicators",
    "save_scores",
    "set_cohort_status",
    "start_application",
    "submit_application",
    "submit_scores",
    "update_rules",
]
