"""The work inbox, "Pekerjaan saya": what waits for the person, from every app
(core.inbox), and its count for the navigation bar."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.timesince import timesince, timeuntil
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from kotacerdas.core import inbox as registry
from kotacerdas.core.pagination import paginate
from kotacerdas.core.roles import Role

# What the page says first, for each role.
INTROS = {
    Role.ASSESSOR: gettext_lazy(
        "The applications assigned to you that still wait for your scores or an interview."
    ),
    Role.MENTOR: gettext_lazy(
        "The masterplans of your regions that wait for your review, the comments their "
        "regions answered, and your guidance: sessions to hold, attendance to record and "
        "stages to sign off."
    ),
    Role.REGION_COORDINATOR: gettext_lazy(
        "What your region's masterplan, program and guidance wait for: the checker's "
        "errors, the mentor's requests, commitments missing from OPDs, agreement steps, "
        "deadlines within the next 14 days, guidance sessions to confirm and OPD groups "
        "to form."
    ),
    Role.OPD_OFFICER: gettext_lazy(
        "Your OPD's programs and problems in the masterplan that the checker or a reviewer flagged."
    ),
    Role.PROGRAM_OFFICE: gettext_lazy(
        "Applications without enough assessors, assessors who disagree, overdue "
        "agreements and masterplans past their deadline."
    ),
}


@dataclass(frozen=True)
class Row:
    """An item as the page shows it."""

    item: registry.InboxItem
    kind_label: str
    waited: str  # "3 days", in the reader's language
    due_text: str  # "in 5 days" or "2 days ago"; empty without a due date
    overdue: bool


def rows(items: list[registry.InboxItem], now: datetime.datetime) -> list[Row]:
    labels = registry.kind_labels()
    shown = []
    for item in items:
        due_text, overdue = "", False
        if item.due is not None:
            overdue = item.due < now
            due_text = (
                _("%(time)s ago") % {"time": timesince(item.due, now, depth=1)}
                if overdue
                else _("in %(time)s") % {"time": timeuntil(item.due, now, depth=1)}
            )
        shown.append(
            Row(
                item=item,
                kind_label=str(labels.get(item.kind, item.kind)),
                waited=timesince(item.since, now, depth=1),
                due_text=due_text,
                overdue=overdue,
            )
        )
    return shown


def _intro(user: Any) -> str:
    role = registry.role_of(user)
    if role in INTROS:
        return str(INTROS[role])  # type: ignore[index]
    return _("Your account has no role yet, so no work is assigned to you.")


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    found = registry.inbox(request.user)
    labels = registry.kind_labels()
    page = paginate(request, rows(found.items, timezone.now()))
    context = {
        "page": page,
        "rows": page.object_list,
        "more": [(str(labels.get(m.kind, m.kind)), m) for m in found.more],
        "count": found.count,
        "intro": _intro(request.user),
    }
    return render(request, "site/inbox.html", context)


@never_cache
@login_required
def inbox_count(request: HttpRequest) -> HttpResponse:
    """The number for the navigation bar's badge: empty when nothing waits."""
    count = registry.inbox(request.user).count
    return HttpResponse(str(count) if count else "", content_type="text/html; charset=utf-8")
