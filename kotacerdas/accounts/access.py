"""Who sees which accounts' own records, and who manages whom.

A person sees their own API tokens only (the program office too: a token is a secret
of its owner).

People: the program office manages every account but the office's own (superusers make
and manage those in the admin); a region's coordinator manages the region's OPD officers
and deputy coordinators, a deputy the region's OPD officers. Nobody grants a role above
their own or reaches outside their region; people outside one's scope do not exist for
one (404), an action one may not take on someone one sees is refused (403).
"""

from typing import Any

from django.db.models import BooleanField, DateTimeField, F, Q, QuerySet, TextChoices, Value
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kotacerdas.accounts.models import ApiToken, Invitation, InvitationState, User, hash_token
from kotacerdas.core.access import authenticated, has_role, is_program_office, require
from kotacerdas.core.roles import ASSIGNED_ROLES, REGIONAL_ROLES, Role
from kotacerdas.regions.access import opds_visible_to, regions_with_private_access
from kotacerdas.regions.models import OPD

__all__ = [
    "DEPUTY",
    "ROLE_CHOICES",
    "PersonStatus",
    "authenticated",
    "can_change_assignments",
    "can_manage_invitation",
    "can_manage_people",
    "can_manage_person",
    "can_move_officer",
    "can_view_person_audit",
    "grantable_roles",
    "invitation_for_secret",
    "invitations_listed",
    "invitations_matching",
    "invitations_visible_to",
    "is_main_coordinator",
    "is_program_office",
    "opds_visible_to",
    "people_matching",
    "people_rows",
    "people_visible_to",
    "regional_opds",
    "regions_with_private_access",
    "require",
    "role_key",
    "tokens_of",
]

# The roles as an inviter chooses them: a deputy coordinator is a region coordinator
# with `deputy` set, named apart because who may grant it differs.
DEPUTY = "deputy"
ROLE_CHOICES = (
    Role.ASSESSOR,
    Role.MENTOR,
    Role.REGION_COORDINATOR,
    DEPUTY,
    Role.OPD_OFFICER,
)


def role_key(role: str, deputy: bool) -> str:
    """The role as chosen in an invitation: "deputy" for a deputy coordinator."""
    return DEPUTY if deputy and role == Role.REGION_COORDINATOR else role


def tokens_of(user: Any) -> QuerySet[ApiToken]:
    if not authenticated(user):
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user=user)


def is_main_coordinator(user: Any) -> bool:
    """A region's coordinator, not a deputy."""
    return has_role(user, Role.REGION_COORDINATOR) and not user.deputy and bool(user.region_id)


def is_coordinator(user: Any) -> bool:
    """A region's coordinator or deputy."""
    return has_role(user, Role.REGION_COORDINATOR) and bool(user.region_id)


def can_manage_people(user: Any) -> bool:
    """Opens the people pages: the office, a region's coordinators (deputies too)."""
    return is_program_office(user) or is_coordinator(user)


def grantable_roles(user: Any) -> tuple[str, ...]:
    """The roles (ROLE_CHOICES keys) the user may invite people to. Nobody invites the
    program office here: superusers make its accounts in the admin."""
    if is_program_office(user):
        return (Role.ASSESSOR, Role.MENTOR, Role.REGION_COORDINATOR, DEPUTY, Role.OPD_OFFICER)
    if is_main_coordinator(user):
        return (DEPUTY, Role.OPD_OFFICER)
    if is_coordinator(user):
        return (Role.OPD_OFFICER,)
    return ()


def people_visible_to(user: Any) -> QuerySet[User]:
    """The accounts the user manages or sees on the people pages: every account for the
    office, the region's coordinators and officers for a coordinator (deputies too)."""
    if is_program_office(user):
        return User.objects.all()
    if is_coordinator(user):
        return User.objects.filter(region_id=user.region_id, role__in=REGIONAL_ROLES)
    return User.objects.none()


def invitations_visible_to(user: Any) -> QuerySet[Invitation]:
    if is_program_office(user):
        return Invitation.objects.all()
    if is_coordinator(user):
        return Invitation.objects.filter(region_id=user.region_id, role__in=REGIONAL_ROLES)
    return Invitation.objects.none()


def _manages_role(user: Any, role: str, deputy: bool, region_id: str | None) -> bool:
    """May the user manage (invite, deactivate) someone with this role and region?"""
    key = role_key(role, deputy)
    if is_program_office(user):
        return key in grantable_roles(user)
    return bool(
        is_coordinator(user) and region_id == user.region_id and key in grantable_roles(user)
    )


def can_manage_person(user: Any, person: Any) -> bool:
    """Deactivate or reactivate: never oneself, never the office's own accounts
    (superusers), a coordinator only the region's officers and deputies (a deputy only
    its officers)."""
    if not authenticated(user) or person.pk == user.pk:
        return False
    if person.is_superuser or person.role == Role.PROGRAM_OFFICE:
        return False
    if is_program_office(user):
        return True
    if not person.role:
        return False
    return _manages_role(user, person.role, person.deputy, person.region_id)


def can_manage_invitation(user: Any, invitation: Any) -> bool:
    """Re-send or revoke: who could send it now (the office any; a coordinator those of
    the region it may grant)."""
    return authenticated(user) and _manages_role(
        user, invitation.role, invitation.deputy, invitation.region_id
    )


def can_change_assignments(user: Any, person: Any) -> bool:
    """The regions an assessor or mentor works with: the program office."""
    return (
        is_program_office(user)
        and person.role in ASSIGNED_ROLES
        and not person.is_superuser
        and person.pk != user.pk
    )


def can_move_officer(user: Any, person: Any) -> bool:
    """Move an OPD officer to another OPD of the same region: the office, the region's
    coordinators (deputies too)."""
    return person.role == Role.OPD_OFFICER and can_manage_person(user, person)


def can_view_person_audit(user: Any, person: Any) -> bool:
    """The trail of an account: the office, and the coordinators who manage it."""
    return is_program_office(user) or (can_manage_person(user, person) and is_coordinator(user))


def regional_opds(user: Any, region_id: str | None) -> QuerySet[OPD]:
    """The OPDs of a region the user may choose from."""
    if not region_id:
        return OPD.objects.none()
    return opds_visible_to(user).filter(region_id=region_id)


def matching_email(email: str) -> Q:
    return Q(email__iexact=email) | Q(username__iexact=email)


# The people list ----------------------------------------------------------------------


class PersonStatus(TextChoices):
    ACTIVE = "active", _("Active")
    NEVER_LOGGED_IN = "never_logged_in", _("Never logged in")
    INVITATION_PENDING = "invitation_pending", _("Invitation pending")
    INVITATION_EXPIRED = "invitation_expired", _("Invitation expired")
    INVITATION_REVOKED = "invitation_revoked", _("Invitation revoked")
    DEACTIVATED = "deactivated", _("Deactivated")


ACCOUNT_STATUSES = (PersonStatus.ACTIVE, PersonStatus.NEVER_LOGGED_IN, PersonStatus.DEACTIVATED)
INVITATION_STATUSES = (
    PersonStatus.INVITATION_PENDING,
    PersonStatus.INVITATION_EXPIRED,
    PersonStatus.INVITATION_REVOKED,
)


def _role_filter(role: str) -> Q:
    if role == DEPUTY:
        return Q(role=Role.REGION_COORDINATOR, deputy=True)
    if role == Role.REGION_COORDINATOR:
        return Q(role=role, deputy=False)
    return Q(role=role)


def _text_filter(q: str) -> Q:
    condition = Q()
    for word in q.split()[:5]:
        condition &= (
            Q(email__icontains=word) | Q(first_name__icontains=word) | Q(last_name__icontains=word)
        )
    return condition


def people_matching(
    user: Any, *, q: str = "", role: str = "", status: str = "", region: str = ""
) -> QuerySet[User]:
    """Accounts the user sees, filtered (an invitation status matches no account)."""
    people = people_visible_to(user)
    if role:
        people = people.filter(_role_filter(role))
    if region:
        people = people.filter(Q(region_id=region) | Q(assigned_regions=region)).distinct()
    if q:
        people = people.filter(_text_filter(q) | Q(username__icontains=q.strip()))
    if status == PersonStatus.ACTIVE:
        people = people.filter(is_active=True, last_login__isnull=False)
    elif status == PersonStatus.NEVER_LOGGED_IN:
        people = people.filter(is_active=True, last_login__isnull=True)
    elif status == PersonStatus.DEACTIVATED:
        people = people.filter(is_active=False)
    elif status in INVITATION_STATUSES:
        people = people.none()
    return people


def invitations_matching(
    user: Any, *, q: str = "", role: str = "", status: str = "", region: str = ""
) -> QuerySet[Invitation]:
    """Invitations not accepted that the user sees, filtered (as pending or expired;
    revoked ones only when asked for; an account status matches none)."""
    now = timezone.now()
    revoked = status == PersonStatus.INVITATION_REVOKED
    found = invitations_visible_to(user).filter(accepted_at=None, revoked_at__isnull=not revoked)
    if role:
        found = found.filter(_role_filter(role))
    if region:
        found = found.filter(Q(region_id=region) | Q(assigned_regions=region)).distinct()
    if q:
        found = found.filter(_text_filter(q))
    if status == PersonStatus.INVITATION_PENDING:
        found = found.filter(expires_at__gt=now)
    elif status == PersonStatus.INVITATION_EXPIRED:
        found = found.filter(expires_at__lte=now)
    elif status and not revoked:
        found = found.none()
    return found


_ROW_COLUMNS = (
    "row_kind",
    "row_id",
    "row_email",
    "row_first",
    "row_last",
    "row_role",
    "row_deputy",
    "row_revoked",
    "row_region",
    "row_opd",
    "row_last_login",
    "row_active",
    "row_expires",
)


def people_rows(user: Any, **filters: str) -> QuerySet:
    """The people list as one sortable, paginable query: accounts and the invitations
    still waiting (for accounts not made yet, or deactivated ones they bring back), as
    dicts with the `row_*` columns, by last name, first name and email."""
    status = filters.get("status", "")
    accounts = (
        people_matching(user, **filters)
        .order_by()
        .annotate(
            row_kind=Value("account"),
            row_id=F("pk"),
            row_email=F("email"),
            row_first=F("first_name"),
            row_last=F("last_name"),
            row_role=F("role"),
            row_deputy=F("deputy"),
            row_region=F("region_id"),
            row_opd=F("opd_id"),
            row_last_login=F("last_login"),
            row_active=F("is_active"),
            row_expires=Cast(Value(None), DateTimeField()),
            row_revoked=Cast(Value(None), DateTimeField()),  # typed: PostgreSQL unions by type
        )
        .values(*_ROW_COLUMNS)
    )
    waiting = (
        invitations_matching(user, **filters)
        .order_by()
        .annotate(
            row_kind=Value("invitation"),
            row_id=F("pk"),
            row_email=F("email"),
            row_first=F("first_name"),
            row_last=F("last_name"),
            row_role=F("role"),
            row_deputy=F("deputy"),
            row_region=F("region_id"),
            row_opd=F("opd_id"),
            row_last_login=Cast(Value(None), DateTimeField()),
            row_active=Value(False, output_field=BooleanField()),
            row_expires=F("expires_at"),
            row_revoked=F("revoked_at"),
        )
        .values(*_ROW_COLUMNS)
    )
    if status in ACCOUNT_STATUSES:
        rows = accounts
    elif status in INVITATION_STATUSES:
        rows = waiting
    else:
        rows = accounts.union(waiting, all=True)
    return rows.order_by("row_last", "row_first", "row_email", "row_kind", "row_id")


def assigned_region_names(user: Any, user_ids: list[int]) -> dict[int, list[str]]:
    """The names of the regions assigned to those of `user_ids` the user may see (the
    assessors and mentors among them), by name: one query."""
    visible = people_visible_to(user).filter(pk__in=user_ids, role__in=list(ASSIGNED_ROLES))
    names: dict[int, list[str]] = {}
    for user_id, name in (
        User.assigned_regions.through.objects.filter(user__in=visible)
        .order_by("region__name")
        .values_list("user_id", "region__name")
    ):
        names.setdefault(user_id, []).append(name)
    return names


def invitation_for_secret(secret: str) -> Invitation | None:
    """The invitation a link's secret opens (anyone holding the link), or None."""
    if not secret or len(secret) > 200:
        return None
    return (
        Invitation.objects.select_related("invited_by", "region", "opd", "user")
        .filter(token_hash=hash_token(secret))
        .first()
    )


def invitations_listed(
    user: Any, *, q: str = "", role: str = "", state: str = "", region: str = ""
) -> QuerySet[Invitation]:
    """Every invitation the user sees (the API's list), filtered by state."""
    now = timezone.now()
    found = invitations_visible_to(user)
    if role:
        found = found.filter(_role_filter(role))
    if region:
        found = found.filter(Q(region_id=region) | Q(assigned_regions=region)).distinct()
    if q:
        found = found.filter(_text_filter(q))
    if state == InvitationState.ACCEPTED:
        found = found.filter(accepted_at__isnull=False)
    elif state == InvitationState.REVOKED:
        found = found.filter(accepted_at=None, revoked_at__isnull=False)
    elif state == InvitationState.PENDING:
        found = found.filter(accepted_at=None, revoked_at=None, expires_at__gt=now)
    elif state == InvitationState.EXPIRED:
        found = found.filter(accepted_at=None, revoked_at=None, expires_at__lte=now)
    return found
