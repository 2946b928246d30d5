"""The in-app notification list."""

from django.http import Http404, HttpRequest, HttpResponse


def notification_list(request: HttpRequest) -> HttpResponse:
    raise Http404  # being built


def mark_all_read(request: HttpRequest) -> HttpResponse:
    raise Http404


def open_notification(request: HttpRequest, notification_id: int) -> HttpResponse:
    raise Http404
