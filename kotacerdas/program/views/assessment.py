"""Assessors assigned to applications, their scoring pages and interviews."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.core.feedback import report_errors
from kotacerdas.program import access, services
from kotacerdas.program.forms import (
    AssignForm,
    BulkAssignForm,
    InterviewForm,
    ScoreForm,
)
from kotacerdas.program.views.cohorts import cohort_or_404


@login_required
@require_POST
def bulk_assign(request: HttpRequest, year: int) -> HttpResponse:
    access.require_program_office(request.user)
    cohort = cohort_or_404(year)
    assessors = access.assessors(request.user)
    form = BulkAssignForm(request.POST, assessors=assessors)
    if form.is_valid():
        try:
            created = services.bulk_assign(
                request.user,
                cohort,
                list(form.cleaned_data["assessors"]),
                form.cleaned_data["per_application"],
            )
            messages.success(request, _("%(count)d assignments made.") % {"count": len(created)})
        except ValidationError as error:
            report_errors(request, error)
    else:
        messages.error(request, _("Choose at least two assessors."))
    return redirect("program:cohort", year=year)


@login_required
@require_POST
def application_assign(request: HttpRequest, application_id: int) -> HttpResponse:
    access.require_program_office(request.user)
    application = get_object_or_404(
        access.applications_visible_to(request.user).select_related("region__province"),
        pk=application_id,
    )
    form = AssignForm(request.POST, assessors=access.assessors(request.user, active_only=False))
    if form.is_valid():
        try:
            services.assign_assessor(
                request.user,
                application,
                form.cleaned_data["assessor"],
                form.cleaned_data["override_reason"],
            )
            messages.success(request, _("The assessor was assigned."))
        except ValidationError as error:
            report_errors(request, error)
    return redirect("program:application", application_id=application.pk)


@login_required
def assignment_detail(request: HttpRequest, assignment_id: int) -> HttpResponse:
    assignment = get_object_or_404(
        access.assignments_of(request.user).select_related(
            "application__region", "application__cohort"
        ),
        pk=assignment_id,
    )
    access.require_own_assignment(request.user, assignment)
    application = assignment.application
    scores = {s.criterion_id: s for s in assignment.scores.all()}
    answers = {a.criterion_id: a for a in application.answers.prefetch_related("evidence")}
    data = request.POST or None
    rows = []
    for criterion in application.cohort.criteria.select_related("pillar"):
        score = scores.get(criterion.pk)
        initial = {"score": score.score, "comment": score.comment} if score else {}
        rows.append(
            (
                criterion,
                answers.get(criterion.pk),
                ScoreForm(data, prefix=criterion.code, initial=initial),
            )
        )
    is_valid = all(form.is_valid() for _c, _a, form in rows) if data else False
    if request.method == "POST" and not assignment.submitted_at and is_valid:
        try:
            services.save_scores(
                request.user,
                assignment,
                [
                    services.ScoreInput(c.code, f.cleaned_data["score"], f.cleaned_data["comment"])
                    for c, _a, f in rows
                    if f.cleaned_data.get("score")
                ],
            )
            if "submit" in request.POST:
                # The page itself says so once submitted: no second message.
                services.submit_scores(request.user, assignment)
            else:
                messages.success(request, _("Your scores were saved."))
            return redirect("program:assignment", assignment_id=assignment.pk)
        except ValidationError as error:
            for field, field_errors in getattr(
                error, "message_dict", {"__all__": error.messages}
            ).items():
                target = next((f for c, _a, f in rows if c.code == field), None)
                for message in field_errors:
                    if target is not None:
                        target.add_error("comment", message)
                    else:
                        messages.error(request, message)
    context = {
        "assignment": assignment,
        "application": application,
        "rows": rows,
        "indicators": application.indicators.all(),
        "interviews": application.interviews.all(),
        "interview_form": InterviewForm(),
    }
    return render(request, "program/assignment_detail.html", context)


@login_required
@require_POST
def interview_create(request: HttpRequest, assignment_id: int) -> HttpResponse:
    assignment = get_object_or_404(
        access.assignments_of(request.user).select_related("application"), pk=assignment_id
    )
    form = InterviewForm(request.POST)
    if form.is_valid():
        try:
            services.record_interview(request.user, assignment.application, **form.cleaned_data)
            messages.success(request, _("The interview was recorded."))
        except ValidationError as error:
            report_errors(request, error)
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
    return redirect("program:assignment", assignment_id=assignment.pk)
