"""What every masterplan page shares: the plan lookup, ids from forms, why a plan is locked."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from kotacerdas.masterplan import access
from kotacerdas.masterplan.forms.common import apply_errors
from kotacerdas.masterplan.models import Masterplan, MasterplanStatus
from kotacerdas.masterplan.services.editing import EDITABLE


def plan_for(request: HttpRequest, pk: int) -> Masterplan:
    """The masterplan if the user may see it; 404 otherwise, so nobody learns it exists."""
    return get_object_or_404(
        access.masterplans_visible_to(request.user).select_related("region__province"), pk=pk
    )


def lock_message(plan: Masterplan) -> str:
    """Why the plan cannot be edited now (empty when it can)."""
    if plan.status in EDITABLE:
        return ""
    if plan.status == MasterplanStatus.SUBMITTED:
        return _(
            "The masterplan is submitted for review and cannot be edited now. "
            "It opens again if the mentor requests changes."
        )
    return _("The masterplan is %(status)s and can no longer be edited.") % {
        "status": plan.get_status_display().lower()
    }


def refuse_locked(request: HttpRequest, plan: Masterplan, route: str) -> HttpResponse | None:
    """A write to a locked plan: say why and show the page again, read-only."""
    message = lock_message(plan)
    if not message:
        return None
    messages.error(request, message)
    return redirect(route, pk=plan.pk)


def to_id(value: Any) -> int:
    """A primary key from a form or the address; 0 (no row has it) when it is not one."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def report(request: HttpRequest, form: Any, error: ValidationError) -> None:
    """A service's refusal next to the fields of `form`, or as a message without one."""
    if form is not None:
        apply_errors(form, error)
    else:
        messages.error(request, " ".join(error.messages))
