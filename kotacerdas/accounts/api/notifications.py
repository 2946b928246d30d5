"""One's own in-app notifications over the API: the list, marking read, the count."""

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.pagination import paginate

from kotacerdas.accounts.models import Notification
from kotacerdas.accounts.schemas.profile import (
    MarkedOut,
    MarkReadIn,
    NotificationFilters,
    NotificationOut,
    UnreadCountOut,
)
from kotacerdas.accounts.services import notification_list as services
from kotacerdas.core.api_support import AUTH, AuthedRequest, ErrorResponse, PageNumberWithTotal

router = Router(tags=["notifications"], auth=AUTH)


@router.get(
    "/notifications",
    response={200: list[NotificationOut], 401: ErrorResponse, 422: ErrorResponse},
    summary="My notifications, newest first",
)
@paginate(PageNumberWithTotal)
def list_notifications(request: AuthedRequest, filters: Query[NotificationFilters]) -> Any:
    return services.notifications_of(request.auth, unread=filters.unread).select_related("actor")


@router.post(
    "/notifications/read",
    response={200: MarkedOut, 401: ErrorResponse, 404: ErrorResponse, 422: ErrorResponse},
    summary="Mark my notifications read (all, or those listed)",
)
def mark_notifications_read(request: AuthedRequest, payload: MarkReadIn) -> dict[str, int]:
    try:
        marked = services.mark_read(request.auth, payload.ids)
    except Notification.DoesNotExist:
        raise Http404(_("Not found: it does not exist, or you may not see it.")) from None
    return {"marked": marked, "unread": services.unread_count(request.auth)}


@router.get(
    "/notifications/unread-count",
    response={200: UnreadCountOut, 401: ErrorResponse},
    summary="How many of my notifications are unread",
)
def unread_notifications_count(request: AuthedRequest) -> dict[str, int]:
    return {"unread": services.unread_count(request.auth)}
