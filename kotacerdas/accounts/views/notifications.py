"""The in-app notification list: one's own notifications, newest first, unread ones
marked; opening one marks it read and follows its link (paths of this site only)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from kotacerdas.accounts.models import Notification
from kotacerdas.accounts.services import notification_list as services
from kotacerdas.core.access import authenticated
from kotacerdas.core.pagination import paginate

PER_PAGE = 25
FILTERS = ("unread", "all")


@never_cache
def notification_list(request: HttpRequest) -> HttpResponse:
    if request.GET.get("count"):
        return unread_badge(request)
    if not authenticated(request.user):
        return redirect_to_login(request.get_full_path())
    show = request.GET.get("show", "all")
    show = show if show in FILTERS else "all"
    notifications = services.notifications_of(request.user, unread=show == "unread")
    page = paginate(request, notifications.select_related("actor"), per_page=PER_PAGE)
    unread = services.unread_count(request.user)
    context = {
        "page": page,
        "notifications": page.object_list,
        "show": show,
        "unread": unread,
        "query": f"show={show}" if show != "all" else "",
    }
    return render(request, "accounts/notifications/list.html", context)


def unread_badge(request: HttpRequest) -> HttpResponse:
    """The navigation bar's badge (htmx): the number of unread notifications, with words
    for screen readers, or nothing. One query besides the session's; a visitor whose
    session ended gets nothing rather than the log-in page inside the badge."""
    count = services.unread_count(request.user) if authenticated(request.user) else 0
    # Without the request's context processors (the navigation bar's region): no query.
    html = render_to_string("accounts/notifications/_count.html", {"count": count})
    return HttpResponse(html.strip())  # empty when none: the badge hides (.badge:empty)


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    marked = services.mark_read(request.user)
    if marked:
        messages.success(request, _("All your notifications are marked as read."))
    show = request.POST.get("show", "")
    target = reverse("accounts:notifications")
    return redirect(f"{target}?show={show}" if show in FILTERS else target)


@login_required
def open_notification(request: HttpRequest, notification_id: int) -> HttpResponse:
    """Mark it read, then go where it points: a path of this site; anything else (an
    address elsewhere) is not followed, and the list opens instead."""
    try:
        notification = services.open_notification(request.user, notification_id)
    except Notification.DoesNotExist:
        raise Http404(_("Not found: it does not exist, or you may not see it.")) from None
    target = services.safe_target(notification.url)
    if not target:
        if notification.url:
            messages.warning(
                request, _("This notification's link leads outside the platform: not followed.")
            )
        return redirect("accounts:notifications")
    return redirect(target)
