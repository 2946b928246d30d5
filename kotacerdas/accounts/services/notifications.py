"""Notifications and outgoing email.

``notify`` is how every app tells people that something landed in their inbox: it
writes one in-app notification per recipient in the recipient's language, never to the
person who caused it, and queues an email at once or leaves it for the daily digest, as
the recipient chose for that kind. ``queue_email`` queues any email; a background task
delivers it and a failure is retried later, so a bounce or a mail server that is down
never blocks the work that caused it.
"""

import logging
from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.functional import Promise

from kotacerdas.accounts.models import (
    EmailState,
    EmailStatus,
    Notification,
    NotificationMode,
    OutgoingEmail,
)

logger = logging.getLogger(__name__)

# After a failed delivery, wait this long times the number of attempts so far.
RETRY_STEP = timedelta(minutes=5)


def absolute_url(path: str) -> str:
    """A link for an email: the site's address and the path."""
    if path.startswith(("http://", "https://")):
        return path
    return settings.SITE_URL + (path if path.startswith("/") else "/" + path)


def mode_for(user: Any, kind: str) -> str:
    modes = user.notification_modes or {}
    mode = modes.get(kind, NotificationMode.IMMEDIATE)
    return mode if mode in NotificationMode.values else NotificationMode.IMMEDIATE


def in_language_of(user: Any, text: str | Promise, params: Mapping[str, Any] | None) -> str:
    """The text (a lazy translation, with %(name)s parameters) in the user's language."""
    with translation.override(user.language or settings.LANGUAGE_CODE):
        rendered = str(text)
        if params:
            rendered = rendered % {
                key: str(value) if isinstance(value, Promise) else value
                for key, value in params.items()
            }
    return rendered[:500]


def notify(
    recipients: Iterable[Any],
    kind: str,
    message: str | Promise,
    *,
    url: str = "",
    params: Mapping[str, Any] | None = None,
    actor: Any = None,
    key: str = "",
) -> list[Notification]:
    """Tell each recipient (active accounts, not the actor) that something waits for
    them. ``message`` is a lazy translation; ``params`` fill its %(name)s places (lazy
    values are translated too). With a ``key``, a recipient is told once only."""
    actor_id = getattr(actor, "pk", None)
    made = []
    seen: set[int] = set()
    for user in recipients:
        if user is None or not user.is_active or user.pk == actor_id or user.pk in seen:
            continue
        seen.add(user.pk)
        if not user.email:
            state = EmailState.NONE
        elif mode_for(user, kind) == NotificationMode.DIGEST:
            state = EmailState.DIGEST
        else:
            state = EmailState.QUEUED
        notification = Notification(
            recipient=user,
            kind=kind,
            message=in_language_of(user, message, params),
            url=url,
            actor=actor if actor_id else None,
            key=key,
            email_state=state,
        )
        try:
            with transaction.atomic():
                notification.save()
        except IntegrityError:  # already told (same key)
            continue
        if state == EmailState.QUEUED:
            queue_notification_email(notification)
        made.append(notification)
    return made


def queue_notification_email(notification: Notification) -> OutgoingEmail:
    user = notification.recipient
    with translation.override(user.language or settings.LANGUAGE_CODE):
        body = render_to_string(
            "accounts/email/notification.txt",
            {
                "user": user,
                "notification": notification,
                "link": absolute_url(notification.url) if notification.url else "",
                "preferences": absolute_url("/accounts/profile/"),
            },
        )
    email = queue_email(user.email, notification.message, body)
    notification.email_state = EmailState.SENT
    Notification.objects.filter(pk=notification.pk).update(email_state=EmailState.SENT)
    return email


def queue_email(to: str, subject: str, body: str, *, secret: bool = False) -> OutgoingEmail:
    """Record the email and deliver it in the background once the transaction commits."""
    email = OutgoingEmail.objects.create(
        to=to, subject=" ".join(subject.split())[:300], body=body, secret=secret
    )
    from kotacerdas.accounts.tasks import deliver_email_task

    transaction.on_commit(lambda: deliver_email_task.enqueue(email.pk))
    return email


def deliver_email(email_id: int) -> bool:
    """Send one queued email; on failure count the attempt and plan the next one (or
    give up after EMAIL_ATTEMPTS). Returns whether it was sent."""
    with transaction.atomic():
        email = (
            OutgoingEmail.objects.select_for_update()
            .filter(pk=email_id, status__in=[EmailStatus.QUEUED, EmailStatus.RETRYING])
            .first()
        )
        if email is None:
            return False
        email.attempts += 1
        try:
            EmailMessage(email.subject, email.body, to=[email.to]).send()
        except Exception as error:  # SMTP refusals, timeouts: logged, retried later
            logger.warning("email %s to %s failed: %s", email.pk, email.to, error)
            email.last_error = str(error)[:500]
            if email.attempts >= settings.EMAIL_ATTEMPTS:
                email.status = EmailStatus.FAILED
                email.next_attempt_at = None
                if email.secret:
                    email.body = ""
            else:
                email.status = EmailStatus.RETRYING
                email.next_attempt_at = timezone.now() + RETRY_STEP * email.attempts
            email.save()
            return False
        email.status = EmailStatus.SENT
        email.sent_at = timezone.now()
        email.next_attempt_at = None
        email.last_error = ""
        if email.secret:
            email.body = ""
        email.save()
        return True


def retry_due_emails() -> int:
    """Deliver the emails whose next attempt is due (the worker's daily and periodic
    housekeeping calls this); returns how many were sent."""
    due = OutgoingEmail.objects.filter(
        status=EmailStatus.RETRYING, next_attempt_at__lte=timezone.now()
    ).values_list("pk", flat=True)
    return sum(deliver_email(pk) for pk in list(due[:200]))


__all__ = [
    "absolute_url",
    "deliver_email",
    "in_language_of",
    "mode_for",
    "notify",
    "queue_email",
    "queue_notification_email",
    "retry_due_emails",
]
