"""Asking for a masterplan's documents (rendered in the background, see tasks.py)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from kotacerdas.core.audit import service
from kotacerdas.core.jobs import start_job
from kotacerdas.core.models import Job
from kotacerdas.masterplan import (
    access,
    tasks,  # registers the job kind
)
from kotacerdas.masterplan.documents import FORMATS, LANGUAGES
from kotacerdas.masterplan.models import Masterplan

__all__ = ["documents_of", "request_document"]


@service
def request_document(
    actor: Any,
    masterplan: Masterplan,
    *,
    fmt: str,
    summary: bool = False,
    language: str = "id",
) -> Job:
    """Anyone who may see the masterplan may have its documents made."""
    access.require(access.masterplans_visible_to(actor).filter(pk=masterplan.pk).exists())
    errors: dict[str, str] = {}
    if fmt not in FORMATS:
        errors["fmt"] = _("Choose the format: DOCX or PDF.")
    if language not in LANGUAGES:
        errors["language"] = _("Choose the language: Indonesian (id) or English (en).")
    if errors:
        raise ValidationError(errors)
    params = {
        "masterplan_id": masterplan.pk,
        "fmt": fmt,
        "summary": bool(summary),
        "language": language,
        "title": str(masterplan),  # for job lists; the masterplan's name when asked for
    }
    return start_job(tasks.MASTERPLAN_DOCUMENT, actor, params)


def documents_of(masterplan: Masterplan) -> QuerySet[Job]:
    """The documents made or being made of this masterplan, newest first."""
    return Job.objects.filter(
        kind=tasks.MASTERPLAN_DOCUMENT, params__masterplan_id=masterplan.pk
    ).order_by("-created_at")
