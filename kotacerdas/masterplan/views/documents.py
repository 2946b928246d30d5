"""A masterplan's documents: asking for one, downloading it, and the signed Perbup/Perwali."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kotacerdas.core.downloads import serve_file, serve_job_file
from kotacerdas.core.pagination import paginate
from kotacerdas.masterplan import services
from kotacerdas.masterplan.forms.common import apply_errors
from kotacerdas.masterplan.forms.documents import DocumentForm
from kotacerdas.masterplan.views.common import plan_for


@login_required
def documents(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_for(request, pk)
    form = DocumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            job = services.request_document(
                request.user,
                plan,
                fmt=data["fmt"],
                summary=data["kind"] == "summary",
                language=data["language"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if job.reused:
                messages.info(
                    request,
                    _("The same document is already being made. This page shows its progress."),
                )
            else:
                messages.info(
                    request, _("The document is being made. This page shows its progress.")
                )
            return redirect("job-detail", job_id=job.pk)
    earlier = services.documents_of(plan).select_related("requested_by")
    context = {"plan": plan, "form": form, "page": paginate(request, earlier, per_page=20)}
    return render(request, "masterplan/documents.html", context)


@login_required
def document_download(request: HttpRequest, pk: int, job_id: str) -> FileResponse:
    """A document of the masterplan, for anyone who sees the plan (the job page's own
    download is only for the person who asked for it)."""
    plan = plan_for(request, pk)
    job = get_object_or_404(services.documents_of(plan), pk=job_id)
    return serve_job_file(job)


@login_required
def legal_document(request: HttpRequest, pk: int) -> FileResponse:
    """The signed Perbup/Perwali of a legalised masterplan, for anyone who sees the plan."""
    plan = plan_for(request, pk)
    kind = "Perwali" if plan.region.kind == "kota" else "Perbup"
    name = f"{kind} {plan.legal_number} - {plan.region.name}".replace("  ", " ")
    return serve_file(plan.legal_file, name, content_type="application/pdf")
