"""Notifications and outgoing email.

``notify`` is how every app tells people that something landed in their inbox: it
writes one in-app notification per recipient in the recipient's language, never to the
person who caused it, and queues an email at once or leaves it for the daily digest, as
the recipient chose for that kind. ``queue_email`` queues any email; a background task
delivers it and a failure is retried later, so a bounce or a mail server that is down
never blocks the work that caused it.
"""

import datetime
import logging
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.functional import Promise, lazy
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext
from django_tasks import task

from kotacerdas.accounts.models import (
    EmailState,
    EmailStatus,
    Notification,
    NotificationMode,
    OutgoingEmail,
)
from kotacerdas.core.roles import Role

logger = logging.getLogger(__name__)

# After a failed delivery, wait this long times the number of attempts so far.
RETRY_STEP = timedelta(minutes=5)
# A queued email whose task was lost (the queue emptied, a worker died before taking it)
# is queued again after this long (retry_due_emails).
REQUEUE_AFTER = timedelta(hours=1)
# A notification's email subject: its message, cut to this many characters.
SUBJECT_LENGTH = 120


def absolute_url(path: str) -> str:
    """A link for an email: the site's address and the path."""
    if path.startswith(("http://", "https://")):
        return path
    return settings.SITE_URL + (path if path.startswith("/") else "/" + path)


def mode_for(user: Any, kind: str) -> str:
    modes = user.notification_modes or {}
    mode = modes.get(kind, NotificationMode.IMMEDIATE)
    return mode if mode in NotificationMode.values else NotificationMode.IMMEDIATE


def _param_in_language(value: Any) -> Any:
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "DATE_FORMAT")
    return value


def in_language_of(user: Any, text: str | Promise, params: Mapping[str, Any] | None) -> str:
    """The text (a lazy translation, with %(name)s parameters) in the user's language:
    lazy parameters are translated too, dates written as the language writes them, and
    a lazy plural (``ngettext_lazy(..., "count")``) picks its form from the parameters."""
    with translation.override(user.language or settings.LANGUAGE_CODE):
        if params:
            rendered = str(text % {key: _param_in_language(v) for key, v in params.items()})
        else:
            rendered = str(text)
    return rendered[:500]


def _days_left(days: int) -> str:
    if days <= 0:
        return gettext("today")
    if days == 1:
        return gettext("tomorrow")
    return ngettext("in %(days)d day", "in %(days)d days", days) % {"days": days}


# "today", "tomorrow", "in 7 days": a lazy text, for a reminder's parameters.
days_left = lazy(_days_left, str)


def region_coordinators(regions: Iterable[Any]) -> QuerySet:
    """The active coordinators (deputies too) of these regions (objects or ids)."""
    ids = [getattr(region, "pk", region) for region in regions]
    return get_user_model().objects.filter(
        role=Role.REGION_COORDINATOR, region_id__in=ids, is_active=True
    )


def assigned_staff(region: Any, role: str) -> QuerySet:
    """The active assessors or mentors (``role``) assigned to the region."""
    return get_user_model().objects.filter(
        role=role, assigned_regions=getattr(region, "pk", region), is_active=True
    )


def display_name(user: Any) -> str:
    """How a notification names a person: the full name, else the username."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


# Seeding demo data writes through the services: people are told in the app, but no
# email goes out for work nobody did (seed.commands wrap their writes in no_emails()).
_emails_off: ContextVar[bool] = ContextVar("notification_emails_off", default=False)


@contextmanager
def no_emails() -> Iterator[None]:
    token = _emails_off.set(True)
    try:
        yield
    finally:
        _emails_off.reset(token)


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
        if not user.email or _emails_off.get():
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
                "preferences": absolute_url(reverse("accounts:profile")),
            },
        )
    subject = Truncator(" ".join(notification.message.split())).chars(SUBJECT_LENGTH)
    email = queue_email(user.email, subject, body)
    notification.email_state = EmailState.SENT
    Notification.objects.filter(pk=notification.pk).update(email_state=EmailState.SENT)
    return email


def queue_email(to: str, subject: str, body: str, *, secret: bool = False) -> OutgoingEmail:
    """Record the email and deliver it in the background once the transaction commits.
    A task that never runs (lost with its worker) is made up for by retry_due_emails."""
    email = OutgoingEmail.objects.create(
        to=to,
        subject=" ".join(subject.split())[:300],
        body=body,
        secret=secret,
        next_attempt_at=timezone.now() + REQUEUE_AFTER,
    )
    transaction.on_commit(lambda: _enqueue(email.pk), robust=True)
    return email


def _enqueue(email_id: int) -> None:
    deliver_email_task.enqueue(email_id)


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


# The background task that delivers one email (accounts.tasks names it for the house).
@task()
def deliver_email_task(email_id: int) -> bool:
    return deliver_email(email_id)


def retry_due_emails(now: datetime.datetime | None = None) -> int:
    """Queue again the emails whose next attempt is due: those that failed and wait for
    another try, and those queued long ago whose task was lost. Quick (it only enqueues):
    every worker's housekeeping calls it (core.periodic). Returns how many."""
    now = now or timezone.now()
    due = list(
        OutgoingEmail.objects.filter(
            status__in=[EmailStatus.QUEUED, EmailStatus.RETRYING], next_attempt_at__lte=now
        )
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:200]
    )
    queued = 0
    for pk in due:
        # Pushed forward first, so another worker's round does not queue it twice.
        if OutgoingEmail.objects.filter(pk=pk, next_attempt_at__lte=now).update(
            next_attempt_at=now + REQUEUE_AFTER
        ):
            transaction.on_commit(partial(_enqueue, pk), robust=True)
            queued += 1
    return queued


__all__ = [
    "absolute_url",
    "assigned_staff",
    "days_left",
    "deliver_email",
    "deliver_email_task",
    "display_name",
    "in_language_of",
    "mode_for",
    "no_emails",
    "notify",
    "queue_email",
    "queue_notification_email",
    "region_coordinators",
    "retry_due_emails",
]
