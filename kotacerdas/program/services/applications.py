"""Applications: the self-assessment, indicators, evidence, submission and reopening."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.core.audit import service
from kotacerdas.program import access, notifications
from kotacerdas.program.models import (
    Application,
    ApplicationAnswer,
    ApplicationStatus,
    Cohort,
    CohortStatus,
    Evidence,
    IndicatorValue,
)
from kotacerdas.program.services.cohorts import when_text
from kotacerdas.program.uploads import check_evidence
from kotacerdas.regions.models import Region

# Applications ----------------------------------------------------------------------------


def closed_message(cohort: Cohort) -> str | None:
    """Why regions can no longer apply to or change a draft in `cohort`, or None."""
    if cohort.status == CohortStatus.OPEN and cohort.deadline_passed:
        return _(
            "The deadline, %(deadline)s, has passed: applications can no longer be started, "
            "changed or submitted."
        ) % {"deadline": when_text(cohort.application_deadline)}
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
    notifications.application_reopened(actor, application)
    return application


__all__ = [
    "AnswerInput",
    "add_evidence",
    "can_edit_application",
    "closed_message",
    "reopen_application",
    "save_answers",
    "save_content",
    "save_indicators",
    "start_application",
    "submit_application",
]
