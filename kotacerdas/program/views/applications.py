"""A region's application: the self-assessment, evidence, submission and reopening."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.core.downloads import serve_file
from kotacerdas.core.feedback import report_errors
from kotacerdas.program import access, services
from kotacerdas.program.forms import (
    AnswerForm,
    AssignForm,
    IndicatorForm,
    ReasonForm,
)
from kotacerdas.program.models import (
    Application,
    Indicator,
)
from kotacerdas.program.queries import disagreements, with_outcome
from kotacerdas.program.views.cohorts import cohort_or_404


@login_required
@require_POST
def apply(request: HttpRequest, year: int) -> HttpResponse:
    cohort = cohort_or_404(year)
    user: Any = request.user
    access.require(user.region_id is not None)  # the page applies for one's own region
    try:
        application = services.start_application(user, cohort, user.region)
    except ValidationError as error:
        report_errors(request, error)
        return redirect("program:cohort", year=year)
    messages.success(request, _("Your application was started. Save as you go; submit when ready."))
    return redirect("program:application", application_id=application.pk)


def _application_forms(
    application: Application, data: Any = None, files: Any = None
) -> tuple[list, list]:
    answers = {a.criterion_id: a for a in application.answers.prefetch_related("evidence")}
    answer_forms = []
    for criterion in application.cohort.criteria.select_related("pillar"):
        answer = answers.get(criterion.pk)
        initial: dict[str, Any] = (
            {"self_score": answer.self_score, "answer": answer.answer} if answer else {}
        )
        form = AnswerForm(data, files, prefix=criterion.code, initial=initial)
        answer_forms.append((criterion, form, answer))
    values = {v.indicator: v for v in application.indicators.all()}
    indicator_forms = []
    for value, label in Indicator.choices:
        row = values.get(value)
        values_initial: dict[str, Any] = (
            {"value": row.value, "source_year": row.source_year} if row else {}
        )
        indicator_forms.append(
            (label, IndicatorForm(data, prefix=f"ind-{value}", initial=values_initial), value)
        )
    return answer_forms, indicator_forms


@login_required
def application_detail(request: HttpRequest, application_id: int) -> HttpResponse:
    application = get_object_or_404(
        with_outcome(access.applications_visible_to(request.user)).select_related(
            "cohort", "region__province"
        ),
        pk=application_id,
    )
    can_edit = access.can_apply_for(
        request.user, application.region
    ) and services.can_edit_application(application)
    answer_forms, indicator_forms = _application_forms(
        application,
        request.POST or None if can_edit else None,
        request.FILES or None if can_edit else None,
    )
    if request.method == "POST" and can_edit:
        valid = all(f.is_valid() for _c, f, _a in answer_forms) and all(
            f.is_valid() for _l, f, _v in indicator_forms
        )
        if valid:
            try:
                services.save_content(
                    request.user,
                    application,
                    [
                        services.AnswerInput(
                            c.code, f.cleaned_data["self_score"], f.cleaned_data["answer"]
                        )
                        for c, f, _a in answer_forms
                    ],
                    [
                        (v, f.cleaned_data["value"], f.cleaned_data["source_year"])
                        for _l, f, v in indicator_forms
                        if f.cleaned_data.get("value") is not None
                    ],
                )
                for criterion, form, _a in answer_forms:
                    if form.cleaned_data.get("evidence"):
                        services.add_evidence(
                            request.user, application, criterion.code, form.cleaned_data["evidence"]
                        )
                if "submit" in request.POST:
                    services.submit_application(request.user, application)
                    messages.success(request, _("The application was submitted."))
                else:
                    messages.success(request, _("The draft was saved."))
                return redirect("program:application", application_id=application.pk)
            except ValidationError as error:
                report_errors(request, error)
        else:
            messages.error(request, _("Please correct the fields marked below."))
    is_office = access.is_program_office(request.user)
    assessors = access.assessors(request.user).order_by("username")
    summary = services.application_score(application) if is_office else None
    context = {
        "application": application,
        "closed_message": services.closed_message(application.cohort)
        if application.status == "draft"
        else None,
        "disagreements": disagreements(application, summary.disagreements) if summary else [],
        "answer_forms": answer_forms,
        "indicator_forms": indicator_forms,
        "can_edit": can_edit,
        "is_office": is_office,
        "assign_form": AssignForm(assessors=assessors) if is_office else None,
        "reopen_form": ReasonForm() if is_office else None,
        "assignments": application.assignments.select_related("assessor") if is_office else [],
        "summary": summary,
        "deadline": application.cohort.application_deadline,
    }
    return render(request, "program/application_detail.html", context)


@login_required
@require_POST
def application_reopen(request: HttpRequest, application_id: int) -> HttpResponse:
    application = get_object_or_404(access.applications_visible_to(request.user), pk=application_id)
    form = ReasonForm(request.POST)
    try:
        services.reopen_application(request.user, application, form.data.get("reason", ""))
        messages.success(request, _("The application is open for changes again."))
    except ValidationError as error:
        report_errors(request, error)
    return redirect("program:application", application_id=application.pk)


@login_required
def evidence_download(request: HttpRequest, application_id: int, evidence_id: int) -> FileResponse:
    """A file of an application's evidence, for those who see the application: the
    region, the assessors assigned to it and the program office."""
    application = get_object_or_404(access.applications_visible_to(request.user), pk=application_id)
    evidence = get_object_or_404(
        access.evidence_visible_to(request.user).filter(answer__application=application),
        pk=evidence_id,
    )
    return serve_file(evidence.file, evidence.original_name, content_type=evidence.content_type)
