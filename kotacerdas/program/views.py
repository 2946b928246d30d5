"""Pages of the national program: cohorts, applications, assessment and selection."""

from typing import Any
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.accounts.models import User
from kotacerdas.core import access
from kotacerdas.core.downloads import serve_file
from kotacerdas.core.feedback import report_errors
from kotacerdas.core.roles import Role
from kotacerdas.program import messages as explain
from kotacerdas.program import services
from kotacerdas.program.forms import (
    AnswerForm,
    AssignForm,
    BulkAssignForm,
    CohortForm,
    IndicatorForm,
    InterviewForm,
    OverrideForm,
    ReasonForm,
    RulesForm,
    ScoreForm,
)
from kotacerdas.program.models import (
    Application,
    AssessorAssignment,
    Cohort,
    Evidence,
    Indicator,
    SelectionDecision,
)
from kotacerdas.program.queries import disagreements, with_outcome
from kotacerdas.regions.models import IslandGroup, Pillar


def _cohort(year: int) -> Cohort:
    return get_object_or_404(
        Cohort.objects.prefetch_related("phases", "criteria__pillar"), year=year
    )


@login_required
def cohort_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    is_region = user.role in (Role.REGION_COORDINATOR, Role.OPD_OFFICER)
    applications = (
        {
            a.cohort_id: a
            for a in with_outcome(access.applications_visible_to(user)).select_related("region")
        }
        if is_region
        else {}
    )
    context = {
        "cohorts": Cohort.objects.annotate(
            submitted=Count("applications", filter=Q(applications__status="submitted"))
        ),
        "applications": applications,
        "assignments": access.assignments_of(user).select_related(
            "application__region", "application__cohort"
        )
        if user.role == Role.ASSESSOR
        else [],
        "can_apply": user.role == Role.REGION_COORDINATOR,
        "is_region": is_region,
    }
    return render(request, "program/cohort_list.html", context)


@login_required
def cohort_create(request: HttpRequest) -> HttpResponse:
    access.require_program_office(request.user)
    form = CohortForm(request.POST or None, initial={"template": Cohort.objects.first()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            deadline = data["application_deadline"]
            if timezone.is_naive(deadline):
                deadline = timezone.make_aware(deadline, ZoneInfo("Asia/Jakarta"))
            cohort = services.open_cohort_like(
                request.user,
                data["template"],
                year=data["year"],
                name=data["name"],
                quota=data["quota"],
                application_deadline=deadline,
            )
            messages.success(request, _("The cohort was created. Check its rubric, then open it."))
            return redirect("program:cohort", year=cohort.year)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
    return render(request, "program/cohort_form.html", {"form": form})


@login_required
@require_POST
def cohort_open(request: HttpRequest, year: int) -> HttpResponse:
    cohort = _cohort(year)
    try:
        services.set_cohort_status(request.user, cohort, "open")
        messages.success(request, _("Applications are open."))
    except ValidationError as error:
        report_errors(request, error)
    return redirect("program:cohort", year=year)


@login_required
def cohort_detail(request: HttpRequest, year: int) -> HttpResponse:
    cohort = _cohort(year)
    is_office = access.is_program_office(request.user)
    applications = (
        with_outcome(cohort.applications.all())
        .select_related("region__province")
        .prefetch_related(
            Prefetch("assignments", queryset=AssessorAssignment.objects.select_related("assessor"))
        )
        .order_by("-score", "region_id")
        if is_office
        else Application.objects.none()
    )
    user: Any = request.user
    # Each role sees its own actions: a region its application and result, an assessor
    # the applications assigned to them, the office the whole cohort.
    is_region = user.role in (Role.REGION_COORDINATOR, Role.OPD_OFFICER) and user.region_id
    own = (
        access.applications_visible_to(user).filter(cohort=cohort, region_id=user.region_id).first()
        if is_region
        else None
    )
    assessors = (
        User.objects.filter(role=Role.ASSESSOR, is_active=True).order_by("username")
        if is_office
        else User.objects.none()
    )
    context = {
        "cohort": cohort,
        "is_office": is_office,
        "is_region": is_region,
        "applications": applications,
        "bulk_form": BulkAssignForm(assessors=assessors) if is_office else None,
        "own": own,
        "can_apply": user.role == Role.REGION_COORDINATOR and own is None,
        "closed_message": services.closed_message(cohort),
        "close_confirmation": services.close_confirmation(cohort)
        if is_office and cohort.status == "open"
        else "",
        "my_assignments": access.assignments_of(user)
        .filter(application__cohort=cohort)
        .select_related("application__region")
        .order_by("application__region__name")
        if user.role == Role.ASSESSOR
        else [],
    }
    return render(request, "program/cohort_detail.html", context)


@login_required
@require_POST
def apply(request: HttpRequest, year: int) -> HttpResponse:
    cohort = _cohort(year)
    user: Any = request.user
    try:
        application = services.start_application(user, cohort, user.region)
    except ValidationError as error:
        report_errors(request, error)
        return redirect("program:cohort", year=year)
    messages.success(request, _("Your application was started. Save as you go; submit when ready."))
    return redirect("program:application", application_id=application.pk)


@login_required
@require_POST
def bulk_assign(request: HttpRequest, year: int) -> HttpResponse:
    access.require_program_office(request.user)
    cohort = _cohort(year)
    assessors = User.objects.filter(role=Role.ASSESSOR, is_active=True)
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
    assessors = User.objects.filter(role=Role.ASSESSOR, is_active=True).order_by("username")
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
@require_POST
def application_assign(request: HttpRequest, application_id: int) -> HttpResponse:
    access.require_program_office(request.user)
    application = get_object_or_404(
        access.applications_visible_to(request.user).select_related("region__province"),
        pk=application_id,
    )
    form = AssignForm(request.POST, assessors=User.objects.filter(role=Role.ASSESSOR))
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
def selection(request: HttpRequest, year: int) -> HttpResponse:
    access.require_program_office(request.user)
    cohort = _cohort(year)
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
        else SelectionDecision.objects.none()
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
        SelectionDecision.objects.select_related("run__cohort"), pk=decision_id
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
    cohort = _cohort(year)
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
    cohort = _cohort(year)
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


@login_required
def evidence_download(request: HttpRequest, application_id: int, evidence_id: int) -> FileResponse:
    """A file of an application's evidence, for those who see the application: the
    region, the assessors assigned to it and the program office."""
    application = get_object_or_404(access.applications_visible_to(request.user), pk=application_id)
    evidence = get_object_or_404(
        Evidence.objects.filter(answer__application=application), pk=evidence_id
    )
    return serve_file(evidence.file, evidence.original_name, content_type=evidence.content_type)
