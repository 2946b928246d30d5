"""Selection: the optimiser run with the cohort's rules, overrides and publication."""

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kotacerdas.core.audit import service
from kotacerdas.program import access, notifications
from kotacerdas.program.models import (
    Application,
    ApplicationStatus,
    Cohort,
    CohortStatus,
    CriterionScore,
    SelectionDecision,
    SelectionRun,
)
from kotacerdas.program.services.cohorts import when_text

if TYPE_CHECKING:
    from kotacerdas.program import selection


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
        ) % {"deadline": when_text(cohort.application_deadline)}
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
    notifications.selection_published(actor, run)
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
    "assessor_comments",
    "override_decision",
    "publish_refusal",
    "publish_selection",
    "published_decision",
    "run_selection",
    "selection_refusal",
    "unscored_applications",
    "unscored_warning",
]
