from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.core import access, jobs
from kotacerdas.core.downloads import serve_file
from kotacerdas.core.models import Job
from kotacerdas.core.pagination import paginate
from kotacerdas.core.roles import REGIONAL_ROLES, Role
from kotacerdas.regions.models import Dimension, IslandGroup, Pillar, Province, Region


def home(request: HttpRequest) -> HttpResponse:
    by_group = dict(Region.objects.values_list("island_group").annotate(n=Count("pk")).order_by())
    context = {
        "province_count": Province.objects.count(),
        "region_count": sum(by_group.values()),
        "island_groups": [
            (value, label, by_group.get(value, 0)) for value, label in IslandGroup.choices
        ],
        "dimensions": Dimension.objects.prefetch_related("elements"),
        "pillars": Pillar.objects.prefetch_related("elements"),
    }
    return render(request, "core/home.html", context)


@login_required
def start(request: HttpRequest) -> HttpResponse:
    """Where one lands after logging in: where one's work is. A region's people at their
    region's workspace, mentors at the masterplans they guide, the program office and
    assessors at the program's cohorts."""
    user: Any = request.user
    if user.role in REGIONAL_ROLES and user.region_id:
        return redirect("regions:workspace", code=user.region_id)
    if user.role == Role.MENTOR:
        return redirect("masterplan:list")
    if user.role in (Role.PROGRAM_OFFICE, Role.ASSESSOR):
        return redirect("program:cohorts")
    return redirect("home")


def _mark_retry(request: HttpRequest, shown: list[Job]) -> None:
    for job in shown:
        job.can_retry = jobs.may_retry(request.user, job)  # type: ignore[attr-defined]


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    visible = access.jobs_visible_to(request.user).select_related("requested_by")
    page = paginate(request, visible)
    _mark_retry(request, list(page.object_list))
    return render(request, "core/job_list.html", {"page": page})


def _job(request: HttpRequest, job_id: str) -> Job:
    return get_object_or_404(access.jobs_visible_to(request.user), pk=job_id)


@login_required
def job_detail(request: HttpRequest, job_id: str) -> HttpResponse:
    job = _job(request, job_id)
    _mark_retry(request, [job])
    template = (
        "core/_job_status.html" if request.headers.get("HX-Request") else "core/job_detail.html"
    )
    return render(request, template, {"job": job})


@login_required
def job_download(request: HttpRequest, job_id: str) -> FileResponse:
    job = _job(request, job_id)
    name = (job.result_file.name or "").rsplit("/", 1)[-1]
    return serve_file(job.result_file, name, inline=False)


@login_required
@require_POST
def job_retry(request: HttpRequest, job_id: str) -> HttpResponse:
    """Try a failed job again: to its page, where its progress shows; a refusal is said
    on the page the button was on (the list or the job)."""
    job = _job(request, job_id)
    try:
        again = jobs.retry_job(request.user, job)
    except ValidationError as error:  # not failed, or too many jobs under way
        messages.error(request, " ".join(error.messages))
        if request.POST.get("from") == "list":
            return redirect("job-list")
        return redirect("job-detail", job_id=job.pk)
    if again.reused:
        messages.info(
            request, _("The same job is already under way. This page shows its progress.")
        )
    else:
        messages.info(request, _("The job is queued again. This page shows its progress."))
    return redirect("job-detail", job_id=again.pk)
