"""What every masterplan router shares: the error responses and the plan lookup."""

from django.shortcuts import get_object_or_404

from kotacerdas.core.api_support import AuthedRequest, ErrorResponse
from kotacerdas.masterplan import access
from kotacerdas.masterplan.models import Masterplan

ERRORS = {401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 422: ErrorResponse}


def visible_plan(request: AuthedRequest, masterplan_id: int) -> Masterplan:
    """The masterplan if the caller may see it; 404 otherwise, so outsiders learn nothing."""
    return get_object_or_404(
        access.masterplans_visible_to(request.auth).select_related("region"), pk=masterplan_id
    )
