"""Assessment: assessors assigned, their scores, interviews and the application's score."""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.core.audit import service
from kotacerdas.core.roles import Role
from kotacerdas.program import access, notifications, scoring
from kotacerdas.program.balancing import balance
from kotacerdas.program.models import (
    Application,
    ApplicationStatus,
    AssessorAssignment,
    Cohort,
    CriterionScore,
    Interview,
)
from kotacerdas.program.services.cohorts import INTERVIEW_YEARS_AHEAD, check_date

MIN_ASSESSORS = 2


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
    notifications.assessor_assigned(actor, assignment)
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
    notifications.assessors_assigned(actor, cohort, created)
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
    check_date("held_at", held_at, years_ahead=INTERVIEW_YEARS_AHEAD)
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


__all__ = [
    "MIN_ASSESSORS",
    "ScoreInput",
    "application_score",
    "assign_assessor",
    "bulk_assign",
    "recompute_score",
    "record_interview",
    "save_scores",
    "submit_scores",
]
