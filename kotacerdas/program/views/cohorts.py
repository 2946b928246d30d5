"""Pages of cohorts: the list, opening one, its page for each role, closing registration."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.core import localtime
from kotacerdas.core.feedback import report_errors
from kotacerdas.core.roles import Role
from kotacerdas.program import access, services
from kotacerdas.program.forms import (
    BulkAssignForm,
    CohortForm,
)
from kotacerdas.program.models import (
    Cohort,
)
from kotacerdas.program.queries import with_outcome


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
            deadline = localtime.read_typed(data["application_deadline"])
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
    cohort = cohort_or_404(year)
    try:
        services.set_cohort_status(request.user, cohort, "open")
        messages.success(request, _("Applications are open."))
    except ValidationError as error:
        report_errors(request, error)
    return redirect("program:cohort", year=year)


@login_required
def cohort_detail(request: HttpRequest, year: int) -> HttpResponse:
    cohort = cohort_or_404(year)
    is_office = access.is_program_office(request.user)
    applications = (
        with_outcome(cohort.applications.all())
        .select_related("region__province")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=access.assignments_of(request.user).select_related("assessor"),
            )
        )
        .order_by("-score", "region_id")
        if is_office
        else cohort.applications.none()
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
    assessors = access.assessors(user).order_by("username")
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


def cohort_or_404(year: int) -> Cohort:
    return get_object_or_404(
        Cohort.objects.prefetch_related("phases", "criteria__pillar"), year=year
    )


@login_required
@require_POST
def cohort_close(request: HttpRequest, year: int) -> HttpResponse:
    access.require_program_office(request.user)
    cohort = cohort_or_404(year)
    try:
        services.close_applications(request.user, cohort)
        messages.success(request, _("Applications are closed; the cohort is in assessment."))
    except ValidationError as error:
        report_errors(request, error)
    return redirect("program:cohort", year=year)
