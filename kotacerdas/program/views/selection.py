"""The selection page, overrides, publication and a region's result."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.core.feedback import report_errors
from kotacerdas.program import access, services
from kotacerdas.program import messages as explain
from kotacerdas.program.forms import (
    OverrideForm,
    RulesForm,
)
from kotacerdas.program.views.cohorts import cohort_or_404
from kotacerdas.regions.models import IslandGroup, Pillar


@login_required
def selection(request: HttpRequest, year: int) -> HttpResponse:
    access.require_program_office(request.user)
    cohort = cohort_or_404(year)
    initial = {
        "quota": cohort.quota,
        "max_per_province": cohort.max_per_province,
        "min_score": cohort.min_score,
        **{f"min_{k}": v for k, v in (cohort.min_per_island_group or {}).items()},
    }
    form = RulesForm(request.POST or None, initial=initial)
    refusal = services.selection_refusal(cohort)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():  # the rules change only with a run that uses them
                services.update_rules(
                    request.user,
                    cohort,
                    quota=form.cleaned_data["quota"],
                    max_per_province=form.cleaned_data["max_per_province"],
                    min_per_island_group=form.island_minimums(),
                    min_score=form.cleaned_data["min_score"],
                )
                new_run = services.run_selection(request.user, cohort)
            if new_run.status == "infeasible":
                messages.warning(
                    request,
                    _(
                        "The selection was run, but these rules cannot all be met: nothing "
                        "is selected. See below what to change."
                    ),
                )
            elif new_run.status == "unknown":
                messages.warning(
                    request,
                    _(
                        "The selection was run, but the optimiser found no selection within "
                        "its time limit. Run it again, or relax the rules."
                    ),
                )
            else:
                messages.success(request, _("The selection was run with these rules."))
            return redirect("program:selection", year=year)
        except ValidationError as error:
            cohort.refresh_from_db()
            report_errors(request, error)
    run = cohort.selection_runs.first()
    decisions = (
        run.decisions.select_related("application__region__province").order_by(
            "-selected", "rank", "-score"
        )
        if run
        else access.decisions_visible_to(request.user).none()
    )
    context = {
        "cohort": cohort,
        "form": form,
        "run": run,
        "decisions": decisions,
        "override_form": OverrideForm(),
        "island_groups": dict(IslandGroup.choices),
        "differences": [d for d in decisions if d.selected != d.in_top_n],
        "refusal": refusal,
        "unscored_warning": services.unscored_warning(cohort)
        if cohort.status != "published"
        else None,
        "status_label": explain.status_label(run.status) if run else "",
        "status_text": explain.status_text(run.status) if run else "",
        "conflicts": explain.conflict_messages(run) if run else [],
        "warnings": [explain.warning_text(code) for code in run.warnings] if run else [],
    }
    return render(request, "program/selection.html", context)


@login_required
@require_POST
def decision_override(request: HttpRequest, decision_id: int) -> HttpResponse:
    access.require_program_office(request.user)
    decision = get_object_or_404(
        access.decisions_visible_to(request.user).select_related("run__cohort"), pk=decision_id
    )
    form = OverrideForm(request.POST)
    if form.is_valid():
        try:
            services.override_decision(
                request.user,
                decision,
                selected=form.cleaned_data["selected"],
                reason=form.cleaned_data["reason"],
            )
            messages.success(request, _("The decision was overridden."))
        except ValidationError as error:
            report_errors(request, error)
    else:
        messages.error(request, _("Give a reason for the override."))
    return redirect("program:selection", year=decision.run.cohort.year)


@login_required
@require_POST
def selection_publish(request: HttpRequest, year: int) -> HttpResponse:
    access.require_program_office(request.user)
    cohort = cohort_or_404(year)
    run = cohort.selection_runs.first()
    try:
        if run is None:
            raise ValidationError(_("Run the selection first."))
        services.publish_selection(request.user, run)
        messages.success(request, _("The results are published; regions can see their own."))
    except ValidationError as error:
        report_errors(request, error)
    return redirect("program:selection", year=year)


@login_required
def result(request: HttpRequest, year: int) -> HttpResponse:
    """A region's own result: never another region's details."""
    user: Any = request.user
    cohort = cohort_or_404(year)
    application = get_object_or_404(
        access.applications_visible_to(user).select_related("region"),
        cohort=cohort,
        region_id=user.region_id,
    )
    decision = services.published_decision(application)
    context = {
        "cohort": cohort,
        "application": application,
        "decision": decision,
        "summary": services.application_score(application) if decision else None,
        "comments": services.assessor_comments(application) if decision else [],
        "pillar_names": {pillar.code: pillar.name for pillar in Pillar.objects.all()},
    }
    return render(request, "program/result.html", context)
