"""The in-app notification list: one's own notifications, and marking them read.

A person sees their own notifications only, the program office too (a notification
speaks to its recipient); someone else's is "not found".
"""

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from kotacerdas.accounts.models import Notification
from kotacerdas.core.access import authenticated
from kotacerdas.core.audit import service

# At most this many ids in one "mark read" call.
MAX_IDS = 500


def notifications_of(user: Any, *, unread: bool = False) -> QuerySet[Notification]:
    """The user's own notifications, newest first (unread ones only, if asked)."""
    if not authenticated(user):
        return Notification.objects.none()
    found = Notification.objects.filter(recipient=user)
    if unread:
        found = found.filter(read_at=None)
    return found.order_by("-created_at", "-pk")


def unread_count(user: Any) -> int:
    """One query (the recipient and read_at index)."""
    if not authenticated(user):
        return 0
    return Notification.objects.filter(recipient=user, read_at=None).count()


def safe_target(url: str) -> str:
    """The notification's link if it is a path of this site ("/masterplans/3/"), else
    "": never an address elsewhere ("https://…", "//host", "/\\host"), so a
    notification cannot send a person off the platform."""
    url = (url or "").strip()
    if not url.startswith("/") or url.startswith(("//", "/\\")):
        return ""
    if any(char.isspace() or ord(char) < 32 or ord(char) == 127 for char in url):
        return ""  # a browser drops tabs and line breaks: "/\t/host" would be "//host"
    if not url_has_allowed_host_and_scheme(url, allowed_hosts=set(), require_https=False):
        return ""
    return url


@service
def mark_read(actor: Any, ids: Iterable[int] | None = None) -> int:
    """Mark the actor's own notifications read: all of them, or those with these ids.
    An id that is not one of the actor's raises Notification.DoesNotExist (and nothing
    is marked). Returns how many were unread and are read now."""
    mine = Notification.objects.filter(recipient=actor)
    if ids is not None:
        wanted = set(ids)
        if len(wanted) > MAX_IDS:
            raise ValueError(f"at most {MAX_IDS} ids")
        if mine.filter(pk__in=wanted).count() != len(wanted):
            raise Notification.DoesNotExist
        mine = mine.filter(pk__in=wanted)
    return mine.filter(read_at=None).update(read_at=timezone.now())


@service
def open_notification(actor: Any, notification_id: int) -> Notification:
    """Mark one of the actor's notifications read (someone else's: DoesNotExist)."""
    notification = Notification.objects.filter(recipient=actor, pk=notification_id).first()
    if notification is None:
        raise Notification.DoesNotExist
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk).update(read_at=notification.read_at)
    return notification


__all__ = [
    "MAX_IDS",
    "mark_read",
    "notifications_of",
    "open_notification",
    "safe_target",
    "unread_count",
]
