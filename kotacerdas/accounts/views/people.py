"""The people a person manages: the office's assessors, mentors and coordinators, a
region's team. Who sees and changes whom is accounts.access."""

from types import SimpleNamespace
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.accounts import access
from kotacerdas.accounts.forms.people import ROLE_LABELS, PeopleFilterForm, PersonForm, ResendForm
from kotacerdas.accounts.models import Invitation, User
from kotacerdas.accounts.services import people as services
from kotacerdas.core import audit
from kotacerdas.core.feedback import report_errors
from kotacerdas.core.pagination import paginate
from kotacerdas.regions.models import Region


def row_status(row: dict[str, Any], now: Any) -> str:
    if row["row_kind"] == "invitation":
        if row["row_revoked"]:
            return access.PersonStatus.INVITATION_REVOKED
        if row["row_expires"] and row["row_expires"] > now:
            return access.PersonStatus.INVITATION_PENDING
        return access.PersonStatus.INVITATION_EXPIRED
    if not row["row_active"]:
        return access.PersonStatus.DEACTIVATED
    if row["row_last_login"] is None:
        return access.PersonStatus.NEVER_LOGGED_IN
    return access.PersonStatus.ACTIVE


def _few(names: list[str], shown: int = 3) -> str:
    """A few region names, and how many more."""
    if len(names) <= shown:
        return ", ".join(names)
    rest = len(names) - shown
    return _("%(names)s and %(count)d more") % {"names": ", ".join(names[:shown]), "count": rest}


def _rows(request: HttpRequest, rows: list[dict[str, Any]]) -> list[SimpleNamespace]:
    """The page's rows with their region and OPD names (two queries for the page) and
    what the viewer may do with each."""
    user = request.user
    region_names = dict(
        Region.objects.filter(
            pk__in={r["row_region"] for r in rows if r["row_region"]}
        ).values_list("pk", "name")
    )
    opd_names = dict(
        access.opds_visible_to(user)
        .filter(pk__in={r["row_opd"] for r in rows if r["row_opd"]})
        .values_list("pk", "name")
    )
    # Assessors' and mentors' assigned regions: one query for the page.
    staff = [r["row_id"] for r in rows if r["row_kind"] == "account"]
    assigned = access.assigned_region_names(user, staff)
    now = timezone.now()
    out = []
    for row in rows:
        status = row_status(row, now)
        key = access.role_key(row["row_role"], row["row_deputy"])
        subject = SimpleNamespace(
            pk=row["row_id"] if row["row_kind"] == "account" else None,
            role=row["row_role"],
            deputy=row["row_deputy"],
            region_id=row["row_region"],
            is_superuser=False,
        )
        out.append(
            SimpleNamespace(
                kind=row["row_kind"],
                id=row["row_id"],
                email=row["row_email"],
                name=" ".join(p for p in (row["row_first"], row["row_last"]) if p),
                role=ROLE_LABELS.get(key, key),
                region=region_names.get(row["row_region"], "")
                or _few(assigned.get(row["row_id"], []) if row["row_kind"] == "account" else []),
                opd=opd_names.get(row["row_opd"], ""),
                last_login=row["row_last_login"],
                expires=row["row_expires"],
                status=status,
                status_label=access.PersonStatus(status).label,
                can_manage=row["row_kind"] == "invitation"
                and status != access.PersonStatus.INVITATION_REVOKED
                and access.can_manage_invitation(user, subject),
            )
        )
    return out


@login_required
def people_list(request: HttpRequest) -> HttpResponse:
    access.require(access.can_manage_people(request.user))
    form = PeopleFilterForm(request.user, request.GET or None)
    filters = form.filters()
    page = paginate(request, access.people_rows(request.user, **filters))
    context = {
        "form": form,
        "page": page,
        "rows": _rows(request, list(page.object_list)),
        "query": urlencode(filters),
        "can_invite": bool(access.grantable_roles(request.user)),
        "resend_form": ResendForm(),
    }
    return render(request, "accounts/people/list.html", context)


def _person(request: HttpRequest, user_id: int) -> User:
    return get_object_or_404(
        access.people_visible_to(request.user).select_related("region", "opd", "home_province"),
        pk=user_id,
    )


@login_required
def person_detail(request: HttpRequest, user_id: int) -> HttpResponse:
    person = _person(request, user_id)
    form = PersonForm(request.user, person, request.POST or None)
    if request.method == "POST":
        access.require(bool(form.fields))
        if form.is_valid():
            try:
                services.update_person(request.user, person, **form.changes())
            except ValidationError as error:
                report_errors(request, error)
            else:
                messages.success(request, _("The changes were saved."))
                return redirect("accounts:person", user_id=person.pk)
    invitations = (
        access.invitations_visible_to(request.user)
        .filter(Q(user=person) | Q(email__iexact=person.email or "-"))
        .select_related("invited_by")
        .order_by("-created_at", "-pk")
    )
    invitation_ids = [invitation.pk for invitation in invitations]
    audit_page = None
    if access.can_view_person_audit(request.user, person):
        entries = audit.entries_for([(User, [person.pk]), (Invitation, invitation_ids)])
        audit_page = paginate(request, entries, per_page=20)
    context = {
        "person": person,
        "role": ROLE_LABELS.get(access.role_key(person.role, person.deputy), person.role_label),
        "assigned_regions": list(person.assigned_regions.order_by("name")),
        "form": form,
        "can_manage": access.can_manage_person(request.user, person),
        "invitations": [
            (invitation, access.can_manage_invitation(request.user, invitation))
            for invitation in invitations
        ],
        "resend_form": ResendForm(),
        "audit_page": audit_page,
    }
    return render(request, "accounts/people/detail.html", context)


def _switch(request: HttpRequest, user_id: int, *, active: bool) -> HttpResponse:
    person = _person(request, user_id)
    if not access.can_manage_person(request.user, person):
        raise PermissionDenied
    if active:
        services.reactivate(request.user, person)
        messages.success(request, _("%(name)s can log in again.") % {"name": _name(person)})
    else:
        services.deactivate(request.user, person)
        messages.success(
            request,
            _("%(name)s can no longer log in; nothing of theirs was deleted.")
            % {"name": _name(person)},
        )
    return redirect("accounts:person", user_id=person.pk)


def _name(person: User) -> str:
    return person.get_full_name() or person.email or person.get_username()


@login_required
@require_POST
def deactivate(request: HttpRequest, user_id: int) -> HttpResponse:
    return _switch(request, user_id, active=False)


@login_required
@require_POST
def reactivate(request: HttpRequest, user_id: int) -> HttpResponse:
    return _switch(request, user_id, active=True)
