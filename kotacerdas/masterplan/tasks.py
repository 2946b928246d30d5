"""Background jobs of the masterplan app: its documents."""

from typing import Any

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.core.jobs import JobFailed, Progress, job_kind
from kotacerdas.core.models import Job
from kotacerdas.masterplan import documents
from kotacerdas.masterplan.models import Masterplan

MASTERPLAN_DOCUMENT = "masterplan_document"


def describe(params: dict[str, Any]) -> str:
    """ "Kabupaten Batang 2024–2033 · executive summary · PDF · English"."""
    kind = _("executive summary") if params.get("summary") else _("whole masterplan")
    language = {"id": _("Indonesian"), "en": _("English")}.get(params.get("language", "id"), "")
    parts = [params.get("title", ""), kind, str(params.get("fmt", "")).upper(), language]
    return " · ".join(part for part in parts if part)


@job_kind(MASTERPLAN_DOCUMENT, gettext_lazy("Masterplan document"), describe)
def render_masterplan_document(job: Job, progress: Progress) -> None:
    """params: masterplan_id, fmt ("docx" | "pdf"), summary (bool), language ("id" | "en").
    The file is stored under the job's id with a name people recognise, e.g.
    jobs/<id>/masterplan-batang-2024-2033.docx."""
    params = job.params
    masterplan = (
        Masterplan.objects.select_related("region").filter(pk=params["masterplan_id"]).first()
    )
    if masterplan is None:
        raise JobFailed(_("The masterplan was deleted before its document was made."))
    language = params.get("language", "id")
    rendered = documents.render(
        masterplan,
        fmt=params["fmt"],
        summary=bool(params.get("summary", False)),
        language=language,
        progress=progress,
    )
    progress(90, gettext_lazy("Saving the document"))
    job.result_file.save(f"{job.pk}/{rendered.filename}", ContentFile(rendered.data), save=False)
