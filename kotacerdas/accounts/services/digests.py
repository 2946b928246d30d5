"""The daily digest: one email per person listing every notification that waits for it
(those of the kinds they chose to receive in a digest), in their language. Run once a
day by core.periodic (registered in accounts' AppConfig.ready())."""

import datetime
import logging
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from kotacerdas.accounts.models import EmailState, Notification
from kotacerdas.accounts.services.notifications import absolute_url, queue_email

logger = logging.getLogger(__name__)


def send_digests(today: datetime.date | None = None) -> int:
    """Email each person their waiting notifications in one message and mark them
    emailed; returns how many emails were queued. A person with no email address or a
    deactivated account gets none (their notifications are marked as not emailed). Each
    person's digest is its own transaction: one failure leaves the others sent, and the
    failed one waits for the next day."""
    waiting = (
        Notification.objects.filter(email_state=EmailState.DIGEST)
        .select_related("recipient")
        .order_by("recipient_id", "created_at", "pk")
    )
    by_person: dict[int, list[Notification]] = defaultdict(list)
    people: dict[int, Any] = {}
    for notification in waiting:
        by_person[notification.recipient_id].append(notification)
        people[notification.recipient_id] = notification.recipient
    sent = 0
    for person_id, notifications in by_person.items():
        person = people[person_id]
        try:
            with transaction.atomic():
                if send_digest(person, notifications):
                    sent += 1
        except Exception:
            logger.exception("the digest of user %s failed; it waits for tomorrow", person_id)
    return sent


def send_digest(person: Any, notifications: list[Notification]) -> bool:
    """One person's digest (the notifications given, oldest first); False when the
    person cannot receive email."""
    pks = [n.pk for n in notifications]
    if not person.is_active or not person.email:
        Notification.objects.filter(pk__in=pks).update(email_state=EmailState.NONE)
        return False
    with translation.override(person.language or settings.LANGUAGE_CODE):
        subject = ngettext(
            "Kota Cerdas: %(count)d notification",
            "Kota Cerdas: %(count)d notifications",
            len(notifications),
        ) % {"count": len(notifications)}
        body = render_to_string(
            "accounts/email/digest.txt",
            {
                "user": person,
                "items": [
                    {
                        "notification": n,
                        "link": absolute_url(n.url) if n.url else "",
                    }
                    for n in notifications
                ],
                "count": len(notifications),
                "inbox": absolute_url(reverse("inbox")),
                "all_notifications": absolute_url(reverse("accounts:notifications")),
                "preferences": absolute_url(reverse("accounts:profile")),
            },
        )
    queue_email(person.email, subject, body)
    Notification.objects.filter(pk__in=pks, email_state=EmailState.DIGEST).update(
        email_state=EmailState.SENT
    )
    return True


__all__ = ["send_digest", "send_digests"]
