"""Background jobs of the masterplan app: its documents."""

from django.core.files.base import ContentFile
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.core.jobs import Progress, job_kind
from kotacerdas.core.models import Job
from kotacerdas.masterplan import documents
from kotacerdas.masterplan.models import Masterplan

MASTERPLAN_DOCUMENT = "masterplan_document"


@job_kind(MASTERPLAN_DOCUMENT, gettext_lazy("Masterplan document"))
def render_masterplan_document(job: Job, progress: Progress) -> None:
    """params: masterplan_id, fmt ("docx" | "pdf"), summary (bool), language ("id" | "en").
    The file is stored under the job's id with a name people recognise, e.g.
    jobs/<id>/masterplan-batang-2024-2033.docx."""
    params = job.params
    masterplan = Masterplan.objects.select_related("region").get(pk=params["masterplan_id"])
    language = params.get("language", "id")
    rendered = documents.render(
        masterplan,
        fmt=params["fmt"],
        summary=bool(params.get("summary", False)),
        language=language,
        progress=progress,
    )
    with translation.override(language):
        progress(90, _("Saving the document"))
    job.result_file.save(f"{job.pk}/{rendered.filename}", ContentFile(rendered.data), save=False)
