"""Self-service: a person's own profile (names, phone, language, how each kind of
notification is emailed) and password (changed knowing the old one, or reset through a
link sent by email).

The user model is registered with django-auditlog, which leaves the password out of its
entries; a new password is recorded here as an entry of its own (``_record_password``),
so the person's trail says when and how it changed, never what it is.
"""

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from kotacerdas.accounts.models import NotificationKind, NotificationMode, OutgoingEmail, User
from kotacerdas.accounts.services.notifications import absolute_url, mode_for, queue_email
from kotacerdas.core.audit import service

# What a person may change of their own account (the email is the log-in name: the
# office changes it).
PROFILE_FIELDS = ("first_name", "last_name", "phone", "language")
LANGUAGES = dict(settings.LANGUAGES)
# A link email (reset, invitation) to one address at most this often: the reset form is
# open to anyone, and must not become a way to flood someone's mailbox.
RESET_EMAIL_INTERVAL = timedelta(minutes=1)
# How the audit entry shows a password: it changed, and that is all it says.
HIDDEN = "******"


def notification_modes(user: Any) -> dict[str, str]:
    """Every notification kind with the mode in force for it (immediate by default)."""
    return {kind: mode_for(user, kind) for kind in NotificationKind.values}


def _clean_modes(modes: Mapping[str, str]) -> dict[str, str]:
    unknown = sorted(set(modes) - set(NotificationKind.values))
    if unknown:
        raise ValidationError(
            {
                "notification_modes": _("Unknown kind of notification: %(kinds)s.")
                % {"kinds": ", ".join(unknown)}
            }
        )
    wrong = sorted(kind for kind, mode in modes.items() if mode not in NotificationMode.values)
    if wrong:
        raise ValidationError(
            {
                "notification_modes": _("Choose %(modes)s for: %(kinds)s.")
                % {
                    "modes": " or ".join(NotificationMode.values),
                    "kinds": ", ".join(wrong),
                }
            }
        )
    return dict(modes)


@service
def update_profile(
    actor: Any, user: User, changes: Mapping[str, Any], modes: Mapping[str, str] | None = None
) -> User:
    """Change the person's own names, phone and language, and (``modes``, some or all
    kinds) whether a kind of notification is emailed at once or in the daily digest.
    Only the given fields change; each is validated as the model says (one line, the
    phone's characters, a known language)."""
    if actor.pk != user.pk:
        raise ValidationError(_("A profile is changed by its owner only."))
    unknown = sorted(set(changes) - set(PROFILE_FIELDS))
    if unknown:
        raise ValidationError(_("These fields cannot be changed here: %s.") % ", ".join(unknown))
    user = User.objects.select_for_update().get(pk=user.pk)
    changed = []
    for name, value in changes.items():
        value = (value or "").strip() if isinstance(value, str) or value is None else value
        if getattr(user, name) != value:
            setattr(user, name, value)
            changed.append(name)
    if modes is not None:
        merged = {**notification_modes(user), **_clean_modes(modes)}
        if merged != (user.notification_modes or {}):
            user.notification_modes = merged
            changed.append("notification_modes")
    if not changed:
        return user
    every = {field.name for field in User._meta.concrete_fields}
    user.clean_fields(exclude=list(every - set(changed)))
    user.save(update_fields=changed)
    return user


@service
def set_language(actor: Any, user: User, language: str) -> User:
    """The language switch of a signed-in person: their pages and emails follow it."""
    if language not in LANGUAGES:
        raise ValidationError({"language": _("Choose one of: %s.") % ", ".join(LANGUAGES)})
    return update_profile(actor, user, {"language": language})


def _record_password(actor: Any, user: User, how: str) -> None:
    """An audit entry for the new password (auditlog leaves the field out), naming how
    it was set: "change" (knowing the old one) or "reset" (through an emailed link)."""
    LogEntry.objects.log_create(
        user,
        action=LogEntry.Action.UPDATE,
        changes={"password": [HIDDEN, HIDDEN]},
        changes_text=f"password: {how}",
        additional_data={"password": how, "user": user.pk, "region": user.region_id},
    )


def _validated(user: User, password: str, field: str) -> str:
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from None
    return password


@service
def set_password(actor: Any, user: User, password: str, *, how: str = "change") -> User:
    """Set a new password (validated as the settings say) and record it in the audit.
    The page's password-change form checks the old password itself; callers without a
    form use ``change_password``. Other sessions of the person end (Django compares the
    password's hash on every request); the API tokens stay."""
    _validated(user, password, "new_password")
    user.set_password(password)
    user.save(update_fields=["password"])
    _record_password(actor, user, how)
    return user


@service
def change_password(actor: Any, user: User, old_password: str, new_password: str) -> User:
    """The person's own password, knowing the old one."""
    if actor.pk != user.pk:
        raise ValidationError(_("A password is changed by its owner only."))
    if not user.check_password(old_password or ""):
        raise ValidationError(
            {"old_password": _("Your old password was entered incorrectly. Enter it again.")}
        )
    if old_password == new_password:
        raise ValidationError(
            {"new_password": _("Choose a new password, different from the old one.")}
        )
    return set_password(actor, user, new_password, how="change")


@service
def reset_password(actor: Any, user: User, password: str) -> User:
    """A new password through the link of a reset email (its holder is the actor)."""
    return set_password(actor, user, password, how="reset")


def reset_link(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return absolute_url(reverse("accounts:password-reset-confirm", args=[uid, token]))


@service
def send_password_reset(actor: Any, user: User) -> OutgoingEmail | None:
    """Queue the reset email to the person, in their language, with a link that works
    for PASSWORD_RESET_TIMEOUT and once only (a new password changes the token). Its
    body is emptied once sent (a secret). Nothing when a link email went to the address
    moments ago; the caller answers the same either way."""
    recent = timezone.now() - RESET_EMAIL_INTERVAL
    if OutgoingEmail.objects.filter(to=user.email, secret=True, created_at__gte=recent).exists():
        return None
    hours = max(1, settings.PASSWORD_RESET_TIMEOUT // 3600)
    context = {"user": user, "link": reset_link(user), "hours": hours, "site": settings.SITE_URL}
    with translation.override(user.language or settings.LANGUAGE_CODE):
        subject = render_to_string("accounts/email/password_reset_subject.txt", context)
        body = render_to_string("accounts/email/password_reset.txt", context)
    return queue_email(user.email, subject, body, secret=True)


__all__ = [
    "PROFILE_FIELDS",
    "change_password",
    "notification_modes",
    "reset_link",
    "reset_password",
    "send_password_reset",
    "set_language",
    "set_password",
    "update_profile",
]
