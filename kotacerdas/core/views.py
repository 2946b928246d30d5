"""Pages of the background jobs: what each person asked for, its progress and file."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.core import jobs
from kotacerdas.core.downloads import serve_job_file
from kotacerdas.core.models import Job
from kotacerdas.core.pagination import paginate


def _mark_retry(request: HttpRequest, shown: list[Job]) -> None:
    for job in shown:
        job.can_retry = jobs.may_retry(request.user, job)  # type: ignore[attr-defined]


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    visible = jobs.jobs_visible_to(request.user).select_related("requested_by")
    page = paginate(request, visible)
    _mark_retry(request, list(page.object_list))
    return render(request, "core/job_list.html", {"page": page})


def _job(request: HttpRequest, job_id: str) -> Job:
    return get_object_or_404(jobs.jobs_visible_to(request.user), pk=job_id)


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
    return serve_job_file(job)


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
