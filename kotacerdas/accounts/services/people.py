"""People: deactivating and reactivating accounts, the regions an assessor or mentor
works with, the OPD an officer works for. Who may do which is accounts.access."""

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.accounts import access
from kotacerdas.accounts.models import Invitation, NotificationKind, User
from kotacerdas.accounts.services.invitations import refuse_home_regions
from kotacerdas.accounts.services.notifications import notify
from kotacerdas.core.audit import service
from kotacerdas.core.roles import Role
from kotacerdas.regions.models import OPD, Province, Region

UNCHANGED: Any = object()


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


@service
def deactivate(actor: Any, person: User) -> User:
    """The person can no longer log in (nor use their API tokens); nothing of theirs is
    deleted."""
    _require(access.can_manage_person(actor, person))
    if person.is_active:
        person.is_active = False
        person.save(update_fields=["is_active"])
    # Their waiting invitations die with their access: no way back in by a link they sent.
    for invitation in Invitation.objects.filter(
        invited_by=person, accepted_at__isnull=True, revoked_at__isnull=True
    ):
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return person


@service
def reactivate(actor: Any, person: User) -> User:
    _require(access.can_manage_person(actor, person))
    if not person.is_active:
        person.is_active = True
        person.save(update_fields=["is_active"])
    return person


@service
def update_person(
    actor: Any,
    person: User,
    *,
    assigned_regions: Sequence[Region] | None = None,
    home_province: Province | None = UNCHANGED,
    opd: OPD | None = UNCHANGED,
) -> User:
    """Change what the office assigns an assessor or mentor (regions, home province) or
    move an OPD officer to another OPD of the same region. Only the parts given change."""
    if assigned_regions is not None or home_province is not UNCHANGED:
        _require(access.can_change_assignments(actor, person))
        province = person.home_province if home_province is UNCHANGED else home_province
        regions = (
            list(person.assigned_regions.all())
            if assigned_regions is None
            else list(assigned_regions)
        )
        errors: dict[str, list[str]] = {}

        def refuse(name: str, message: str) -> None:
            errors.setdefault(name, []).append(message)

        if person.role == Role.ASSESSOR:
            if province is None:
                refuse(
                    "home_province",
                    _("Give the assessor's home province: they never assess applicants of it."),
                )
            else:
                refuse_home_regions(regions, province, refuse)
        if errors:
            raise ValidationError(errors)
        if home_province is not UNCHANGED and person.home_province_id != getattr(
            province, "pk", None
        ):
            person.home_province = province
            person.save(update_fields=["home_province"])
        if assigned_regions is not None:
            before = set(person.assigned_regions.values_list("pk", flat=True))
            person.assigned_regions.set(regions)
            added = sorted(region.name for region in regions if region.pk not in before)
            if added:
                notify(
                    [person],
                    NotificationKind.ASSIGNMENT,
                    gettext_lazy("You now work with %(regions)s."),
                    params={"regions": ", ".join(added)},
                    url=reverse("inbox"),
                    actor=actor,
                )
    if opd is not UNCHANGED:
        _require(access.can_move_officer(actor, person))
        if opd is None:
            raise ValidationError({"opd": _("An OPD officer works for one OPD: choose it.")})
        if opd.region_id != person.region_id:
            raise ValidationError(
                {"opd": _("An officer moves to another OPD of the same region only.")}
            )
        if opd.pk != person.opd_id:
            person.opd = opd
            person.full_clean(exclude=["password", "username"])
            person.save(update_fields=["opd"])
    return person


__all__ = ["UNCHANGED", "deactivate", "reactivate", "update_person"]
