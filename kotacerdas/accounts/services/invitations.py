"""Invitations: the office invites assessors, mentors and coordinators, a region's
coordinator its OPD officers and deputies, a deputy OPD officers. The email carries a
single-use link that works INVITATION_DAYS days; following it, the person sets a
password and has an account (or their deactivated account back).

Refusals: a role the inviter may not grant, a region outside theirs (PermissionDenied);
an address that already has an active account (AccountExists, naming the account when
the inviter may see it) or an invitation waiting (InvitationPending); bad fields
(ValidationError on the field)."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.accounts import access
from kotacerdas.accounts.models import Invitation, InvitationState, NotificationKind, User
from kotacerdas.accounts.services.notifications import absolute_url, notify, queue_email
from kotacerdas.core.audit import acting_as, service
from kotacerdas.core.roles import ASSIGNED_ROLES, REGIONAL_ROLES, Role
from kotacerdas.core.validators import line_problem
from kotacerdas.regions.models import OPD, Province, Region

NAME_LENGTH = 150
RESEND_INTERVAL = timedelta(minutes=2)
MAX_SENDS = 5
EMAIL_LENGTH = 150  # the email becomes the username, which holds 150 characters
LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)


class AccountExists(ValidationError):
    """The address already has an active account (or one the inviter may not bring
    back). `user_id` names it when the inviter may see it."""

    def __init__(self, message: str, user_id: int | None) -> None:
        super().__init__({"email": [message]})
        self.user_id = user_id


class InvitationPending(ValidationError):
    """An invitation to the address is still waiting; re-send it instead.
    `invitation_id` names it when the inviter may see it."""

    def __init__(self, message: str, invitation_id: int | None) -> None:
        super().__init__({"email": [message]})
        self.invitation_id = invitation_id


class InvitationUnusable(ValidationError):
    """The link was used, revoked or has expired; `state` says which."""

    def __init__(self, state: str) -> None:
        super().__init__(str(InvitationState(state).label))
        self.state = state


@dataclass
class InviteInput:
    """What an inviter fills in. `role` is one of access.ROLE_CHOICES ("deputy" for a
    deputy coordinator; `deputy=True` with region_coordinator means the same)."""

    email: str
    role: str
    first_name: str = ""
    last_name: str = ""
    deputy: bool = False
    region: Region | None = None
    opd: OPD | None = None
    assigned_regions: Sequence[Region] = field(default_factory=list)
    home_province: Province | None = None
    language: str = ""


@dataclass
class Checked:
    """An invitation that passed every rule, ready to be saved."""

    email: str
    role: str
    deputy: bool
    first_name: str
    last_name: str
    region: Region | None
    opd: OPD | None
    assigned_regions: list[Region]
    home_province: Province | None
    language: str
    reactivate: User | None  # a deactivated account the invitation brings back


def _role(data: InviteInput) -> tuple[str, bool]:
    key = access.role_key(data.role, data.deputy)
    if key == access.DEPUTY:
        return Role.REGION_COORDINATOR, True
    return data.role, False


def check(actor: Any, data: InviteInput) -> Checked:
    """Every rule of an invitation, without saving; raises PermissionDenied for a role
    or region out of the inviter's reach, ValidationError (by field) otherwise."""
    role, deputy = _role(data)
    key = access.role_key(role, deputy)
    if role == Role.PROGRAM_OFFICE or key not in access.grantable_roles(actor):
        raise PermissionDenied(_("You cannot invite people to this role."))
    region = data.region
    if access.is_program_office(actor):
        pass
    elif region is not None and region.pk != actor.region_id:
        raise PermissionDenied(_("You can invite people to your own region only."))
    else:
        region = actor.region
    errors: dict[str, list[str]] = {}

    def refuse(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    email = (data.email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        refuse("email", _("Enter a valid email address."))
    else:
        if not email.isascii():
            # Invisible and look-alike letters (a zero-width space, a full-width "d") are
            # dropped or folded when the mail is sent: two such addresses would reach one
            # mailbox and make two accounts.
            refuse(
                "email",
                _(
                    "Write the email address in plain letters, digits and . _ - + @ only "
                    "(no accented, full-width or invisible characters)."
                ),
            )
    if len(email) > EMAIL_LENGTH:
        refuse(
            "email", _("An email address has at most %(max)d characters.") % {"max": EMAIL_LENGTH}
        )
    first_name, last_name = (data.first_name or "").strip(), (data.last_name or "").strip()
    for name, value in (("first_name", first_name), ("last_name", last_name)):
        problem = line_problem(value)
        if problem:
            refuse(name, problem)
        if len(value) > NAME_LENGTH:
            refuse(name, _("At most %(max)d characters.") % {"max": NAME_LENGTH})
    if role in REGIONAL_ROLES and region is None:
        refuse("region", _("This role belongs to one region: choose it."))
    if role not in REGIONAL_ROLES and region is not None:
        refuse("region", _("Only regional roles belong to a region."))
        region = None
    if role == Role.REGION_COORDINATOR and not deputy and region is not None:
        sitting = User.objects.filter(
            role=Role.REGION_COORDINATOR, deputy=False, region=region, is_active=True
        ).first()
        if sitting is not None:
            refuse(
                "role",
                _(
                    "%(region)s has a coordinator, %(name)s. Invite a deputy, or deactivate "
                    "the coordinator first."
                )
                % {"region": region.name, "name": sitting.get_full_name() or sitting.username},
            )
    opd = data.opd
    if role == Role.OPD_OFFICER:
        if opd is None:
            refuse("opd", _("An OPD officer works for one OPD: choose it."))
        elif region is not None and opd.region_id != region.pk:
            refuse("opd", _("The OPD must belong to the person's region."))
    elif opd is not None:
        refuse("opd", _("Only OPD officers work for an OPD."))
    assigned = list(data.assigned_regions or [])
    province = data.home_province
    if role not in ASSIGNED_ROLES:
        if assigned:
            refuse("assigned_regions", _("Only assessors and mentors are assigned regions."))
        if province is not None:
            refuse("home_province", _("Only assessors and mentors have a home province."))
    elif role == Role.ASSESSOR:
        if province is None:
            refuse(
                "home_province",
                _("Give the assessor's home province: they never assess applicants of it."),
            )
        else:
            refuse_home_regions(assigned, province, refuse)
    language = data.language if data.language in LANGUAGES else settings.LANGUAGE_CODE
    reactivate = None
    if "email" not in errors:
        # Said first: whatever else is wrong, this address needs no new account.
        reactivate = _existing_account(actor, email)
        _no_invitation_waiting(actor, email)
    if errors:
        raise ValidationError(errors)
    return Checked(
        email=email,
        role=role,
        deputy=deputy,
        first_name=first_name,
        last_name=last_name,
        region=region if role in REGIONAL_ROLES else None,
        opd=opd if role == Role.OPD_OFFICER else None,
        assigned_regions=assigned,
        home_province=province if role in ASSIGNED_ROLES else None,
        language=language,
        reactivate=reactivate,
    )


def refuse_home_regions(regions: Sequence[Region], province: Province, refuse: Any) -> None:
    """An assessor works with no region of their home province (the program's rule:
    they never assess applicants of it)."""
    home = [region.name for region in regions if region.province_id == province.pk]
    if home:
        refuse(
            "assigned_regions",
            _(
                "An assessor is not assigned regions of their home province (%(province)s): %(regions)s."
            )
            % {"province": province.name, "regions": ", ".join(sorted(home))},
        )


def _existing_account(actor: Any, email: str) -> User | None:
    """The deactivated account the invitation will bring back, if the inviter manages
    it; an active account (or one out of reach) refuses the invitation."""
    existing = User.objects.filter(access.matching_email(email)).order_by("pk").first()
    if existing is None:
        return None
    if not existing.is_active and access.can_manage_person(actor, existing):
        return existing
    visible = access.people_visible_to(actor).filter(pk=existing.pk).exists()
    raise AccountExists(
        _("%(email)s already has an account; no second account is made.") % {"email": email},
        existing.pk if visible else None,
    )


def waiting(email: str) -> Any:
    return Invitation.objects.filter(
        email__iexact=email, accepted_at=None, revoked_at=None, expires_at__gt=timezone.now()
    )


def _no_invitation_waiting(actor: Any, email: str) -> None:
    pending = waiting(email).order_by("-pk").first()
    if pending is None:
        return
    visible = access.invitations_visible_to(actor).filter(pk=pending.pk).exists()
    raise InvitationPending(
        _("An invitation to %(email)s is already waiting; re-send it instead.") % {"email": email},
        pending.pk if visible else None,
    )


def _send(invitation: Invitation, language: str) -> None:
    """A new secret (the previous link stops working), a later expiry, and the email in
    the invitee's language."""
    raw, token_hash = Invitation.new_secret()
    now = timezone.now()
    invitation.token_hash = token_hash
    invitation.expires_at = now + timedelta(days=settings.INVITATION_DAYS)
    invitation.sent_at = now
    invitation.send_count += 1
    invitation.save()
    link = absolute_url(reverse("accounts:invitation-accept", args=[raw]))
    link += f"?language={language}"
    inviter = invitation.invited_by
    with translation.override(language):
        context = {
            "invitation": invitation,
            "inviter": inviter.get_full_name() or inviter.get_username(),
            "role": role_label(invitation),
            "region": invitation.region.name if invitation.region else "",
            "opd": invitation.opd.name if invitation.opd else "",
            "link": link,
            "days": settings.INVITATION_DAYS,
        }
        subject = render_to_string("accounts/email/invitation_subject.txt", context)
        body = render_to_string("accounts/email/invitation.txt", context)
    queue_email(invitation.email, subject, body, secret=True)


def role_label(invitation: Any) -> str:
    if invitation.deputy:
        return str(gettext_lazy("Deputy coordinator"))
    return str(Role(invitation.role).label) if invitation.role else ""


def _save(actor: Any, checked: Checked) -> Invitation:
    invitation = Invitation(
        email=checked.email,
        first_name=checked.first_name,
        last_name=checked.last_name,
        role=checked.role,
        deputy=checked.deputy,
        region=checked.region,
        opd=checked.opd,
        home_province=checked.home_province,
        invited_by=actor,
        user=checked.reactivate,
        expires_at=timezone.now(),
        token_hash=Invitation.new_secret()[1],
    )
    invitation.full_clean(exclude=["token_hash", "expires_at", "invited_by"])
    invitation.save()
    if checked.assigned_regions:
        invitation.assigned_regions.set(checked.assigned_regions)
    _send(invitation, checked.language)
    return invitation


@service
def invite(actor: Any, data: InviteInput) -> Invitation:
    """Invite one person: checks every rule, saves the invitation and queues the email."""
    return _save(actor, check(actor, data))


def invite_checked(actor: Any, checked: Checked) -> Invitation:
    """Save an invitation `check` passed (the bulk import checks every row first).
    Call inside a service."""
    return _save(actor, checked)


def _require_manage(actor: Any, invitation: Invitation) -> None:
    if not access.can_manage_invitation(actor, invitation):
        raise PermissionDenied


@service
def resend(actor: Any, invitation: Invitation, language: str = "") -> Invitation:
    """A new link (the old one stops working), INVITATION_DAYS days from now."""
    _require_manage(actor, invitation)
    state = invitation.state
    if state == InvitationState.ACCEPTED:
        raise ValidationError(_("This invitation was accepted; the person has an account."))
    if state == InvitationState.REVOKED:
        raise ValidationError(_("This invitation was revoked; invite the person again."))
    # One email a few minutes at most, and a handful in all: a link is not a way to
    # flood someone's mailbox.
    if invitation.sent_at and timezone.now() - invitation.sent_at < RESEND_INTERVAL:
        raise ValidationError(
            _("The invitation was sent less than %(minutes)d minutes ago; wait a little.")
            % {"minutes": int(RESEND_INTERVAL.total_seconds() // 60)}
        )
    if invitation.send_count >= MAX_SENDS:
        raise ValidationError(
            _(
                "This invitation was sent %(count)d times. Check the address with the "
                "person, then revoke it and invite them again."
            )
            % {"count": invitation.send_count}
        )
    existing = (
        User.objects.filter(access.matching_email(invitation.email), is_active=True)
        .exclude(pk=invitation.user_id or 0)
        .first()
    )
    if existing is not None:
        visible = access.people_visible_to(actor).filter(pk=existing.pk).exists()
        raise AccountExists(
            _("%(email)s already has an account; no second account is made.")
            % {"email": invitation.email},
            existing.pk if visible else None,
        )
    if language not in LANGUAGES:
        linked = invitation.user
        language = linked.language if linked is not None else settings.LANGUAGE_CODE
    _send(invitation, language)
    return invitation


@service
def revoke(actor: Any, invitation: Invitation) -> Invitation:
    """The link stops working; the invitation stays, for the record."""
    _require_manage(actor, invitation)
    if invitation.state == InvitationState.ACCEPTED:
        raise ValidationError(_("This invitation was accepted; deactivate the account instead."))
    if invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation


@service
def accept(
    actor: Any,
    invitation: Invitation,
    *,
    first_name: str,
    last_name: str,
    password: str,
    language: str,
) -> User:
    """Make the account (username: the email) or bring the deactivated one back, with
    the role, region and OPD of the invitation. `actor` is whoever follows the link
    (anonymous); the entries after the account exists name the new account."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.state != InvitationState.PENDING:
        raise InvitationUnusable(invitation.state)
    if not invitation.invited_by.is_active:  # sent by someone who has since lost access
        raise InvitationUnusable(InvitationState.REVOKED)
    email = invitation.email.lower()
    user = invitation.user
    if user is None:
        other = User.objects.filter(access.matching_email(email)).first()
        if other is not None:
            raise ValidationError(
                _(
                    "An account with this address exists already. Log in, or ask the "
                    "person who invited you."
                )
            )
        user = User(username=email, email=email)
    user.first_name, user.last_name = first_name.strip(), last_name.strip()
    user.role, user.deputy = invitation.role, invitation.deputy
    user.region, user.opd = invitation.region, invitation.opd
    user.home_province = invitation.home_province
    user.language = language if language in LANGUAGES else settings.LANGUAGE_CODE
    user.is_active = True
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from None
    user.set_password(password)
    user.full_clean(exclude=["password", "username"])
    user.save()
    with acting_as(user):
        if invitation.role in ASSIGNED_ROLES:
            user.assigned_regions.set(invitation.assigned_regions.all())
        elif user.assigned_regions.exists():  # a returning assessor or mentor
            user.assigned_regions.clear()
        invitation.user = user
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["user", "accepted_at"])
    return user


@service
def ask_again(actor: Any, invitation: Invitation | None) -> None:
    """The invitee asks for a new link: their inviter is told (once per link sent).
    The caller answers the same whether the invitation exists or in which state."""
    if invitation is None or invitation.state == InvitationState.ACCEPTED:
        return
    recipients = [invitation.invited_by]
    if not invitation.invited_by.is_active:
        recipients = list(_managers_of(invitation))
    notify(
        recipients,
        NotificationKind.ACCOUNT,
        gettext_lazy("%(email)s asks for a new invitation: their link no longer works."),
        url=reverse("accounts:people") + "?" + urlencode({"q": invitation.email}),
        params={"email": invitation.email},
        key=f"invitation-ask-again:{invitation.pk}:{invitation.send_count}",
    )


def _managers_of(invitation: Invitation) -> Any:
    if invitation.region_id:
        return User.objects.filter(
            region_id=invitation.region_id,
            role=Role.REGION_COORDINATOR,
            deputy=False,
            is_active=True,
        )
    return User.objects.filter(role=Role.PROGRAM_OFFICE, is_active=True)


__all__ = [
    "AccountExists",
    "Checked",
    "InvitationPending",
    "InvitationUnusable",
    "InviteInput",
    "accept",
    "ask_again",
    "check",
    "invite",
    "invite_checked",
    "resend",
    "revoke",
    "role_label",
]
