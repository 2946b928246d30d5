"""The rubric and schedule editor of a cohort (the program office)."""

from datetime import datetime
from types import SimpleNamespace
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kotacerdas.core import localtime
from kotacerdas.program import access, services
from kotacerdas.program.forms import (
    RubricReasonForm,
    ScheduleForm,
    criterion_formset,
)
from kotacerdas.program.models import (
    Cohort,
    CohortStatus,
)
from kotacerdas.program.views.cohorts import cohort_or_404
from kotacerdas.regions.models import Pillar


def _schedule_initial(cohort: Cohort) -> dict[str, Any]:
    initial: dict[str, Any] = {
        "application_deadline": localtime.shown(cohort.application_deadline).replace(tzinfo=None)
    }
    for phase in cohort.phases.all():
        initial[f"{phase.kind}-starts_on"] = phase.starts_on
        initial[f"{phase.kind}-ends_on"] = phase.ends_on
    return initial


def _rubric_initial(cohort: Cohort) -> list[dict[str, Any]]:
    return [
        {
            "code": c.code,
            "title": c.title,
            "pillar": c.pillar.code,
            "weight": c.weight,
            "guidance": c.guidance,
            **{f"level_{n}": level for n, level in enumerate(c.levels or [], start=1)},
        }
        for c in cohort.criteria.all()
    ]


def _place_errors(error: ValidationError, form: Any, formset: Any = None) -> None:
    """A service's errors beside the fields they concern: `criteria.N.field` on the Nth
    criterion form, `phases.kind` on that phase's start, the rest on the form itself."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for key, messages_ in error.message_dict.items():
        parts = key.split(".")
        if parts[0] == "criteria" and formset is not None and len(parts) == 3:
            index, field = int(parts[1]), parts[2]
            target = formset.forms[index] if index < len(formset.forms) else None
            if target is not None:
                name = "level_1" if field == "levels" else field
                for message in messages_:
                    target.add_error(name if name in target.fields else None, message)
                continue
        if parts[0] == "phases" and len(parts) == 2 and f"{parts[1]}-starts_on" in form.fields:
            for message in messages_:
                form.add_error(f"{parts[1]}-starts_on", message)
            continue
        target_field: str | None = key if key in form.fields else None
        for message in messages_:
            form.add_error(target_field, message)


@login_required
def rubric_edit(request: HttpRequest, year: int) -> HttpResponse:
    access.require_program_office(request.user)
    cohort = cohort_or_404(year)
    in_use = services.rubric_in_use(cohort)
    published = cohort.status == CohortStatus.PUBLISHED
    deadline_editable = cohort.status in (CohortStatus.DRAFT, CohortStatus.OPEN)
    pillars = [(pillar.code, pillar.name) for pillar in Pillar.objects.all()]
    formset_class = criterion_formset(extra=0 if in_use else 1, can_delete=not in_use)
    which = request.POST.get("form") if request.method == "POST" else None

    schedule = ScheduleForm(
        request.POST if which == "schedule" else None,
        initial=_schedule_initial(cohort),
        deadline_editable=deadline_editable,
    )
    rubric = formset_class(
        request.POST if which == "rubric" else None,
        initial=_rubric_initial(cohort),
        prefix="criteria",
        form_kwargs={"pillars": pillars},
    )
    reason = RubricReasonForm(request.POST if which == "rubric" else None)

    if which == "schedule" and schedule.is_valid():
        deadline: datetime | None = None
        if deadline_editable:
            deadline = schedule.cleaned_data["application_deadline"]
            if deadline is not None:
                deadline = localtime.read_typed(deadline)
        try:
            services.save_schedule(
                request.user,
                cohort,
                phases=[services.PhaseInput(*row) for row in schedule.phases()],
                application_deadline=deadline,
            )
            messages.success(request, _("The deadline and phases were saved."))
            return redirect("program:rubric", year=year)
        except ValidationError as error:
            _place_errors(error, schedule)
    elif which == "rubric" and not published and rubric.is_valid() and reason.is_valid():
        used = [f for f in rubric.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        criteria = [
            services.CriterionInput(
                code=form.cleaned_data["code"],
                pillar=form.cleaned_data["pillar"],
                title=form.cleaned_data["title"],
                weight=form.cleaned_data["weight"],
                levels=form.levels(),
                guidance=form.cleaned_data["guidance"],
            )
            for form in used
        ]
        try:
            revision = services.save_rubric(
                request.user, cohort, criteria, reason=reason.cleaned_data["reason"]
            )
            if revision is None:
                messages.info(request, _("Nothing changed in the rubric."))
            else:
                messages.success(request, _("The rubric was saved."))
            return redirect("program:rubric", year=year)
        except ValidationError as error:
            # The reason and "criteria" errors belong to the reason form and the formset.
            _place_errors(error, reason, SimpleNamespace(forms=used))
    elif which == "rubric" and published:
        messages.error(
            request,
            _("The results of this cohort are published; the rubric that produced them is final."),
        )
    elif which in ("schedule", "rubric"):
        messages.error(request, _("Please correct the fields marked below."))

    total = sum((c.weight for c in cohort.criteria.all()), start=0)
    context = {
        "cohort": cohort,
        "schedule": schedule,
        "rubric": rubric,
        "reason": reason,
        "in_use": in_use,
        "published": published,
        "deadline_editable": deadline_editable,
        "total_weight": total,
        "revisions": cohort.rubric_revisions.select_related("changed_by")[:20],
    }
    return render(request, "program/rubric_edit.html", context)
