"""What the program's API modules share: the errors they answer, and lookups through
access."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from kotacerdas.accounts.models import User
from kotacerdas.core.api_support import AuthedRequest, ErrorResponse
from kotacerdas.program import access
from kotacerdas.program.models import Application, Cohort

ERRORS = {401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 422: ErrorResponse}


def cohort_or_404(year: int) -> Cohort:
    return get_object_or_404(
        Cohort.objects.prefetch_related("phases", "criteria__pillar"), year=year
    )


def application_or_404(request: AuthedRequest, application_id: int) -> Application:
    return get_object_or_404(
        access.applications_visible_to(request.auth).select_related("cohort", "region"),
        pk=application_id,
    )


def active_assessor(request: AuthedRequest, username: str) -> User:
    """The active assessor named `username`. Only the program office may look: anyone
    else is refused before any lookup, so the answer never tells which accounts exist."""
    access.require_program_office(request.auth)
    user = access.assessors(request.auth).filter(username=username).first()
    if user is None:
        raise ValidationError(
            {"assessor": _("No active assessor is named %(name)s.") % {"name": username}}
        )
    return user
