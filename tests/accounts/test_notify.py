"""notify(): who is told, in which language, by email at once or in the digest, once."""

import datetime
from typing import Any

from django.core import mail
from django.utils.translation import gettext_lazy, ngettext_lazy

from kotacerdas.accounts.models import EmailState, Notification, NotificationKind, OutgoingEmail
from kotacerdas.accounts.services.notifications import days_left, notify

# A message the Indonesian catalogue translates (program/notifications.py).
MESSAGE = gettext_lazy("The result of %(cohort)s is published: %(region)s is selected.")
PARAMS = {"cohort": "GMSC 2023", "region": "Kabupaten Batang"}


def test_the_actor_and_inactive_people_are_not_told(users: dict[str, Any]) -> None:
    office, coordinator, mentor = users["program_office"], users["coordinator"], users["mentor"]
    mentor.is_active = False
    mentor.save()
    made = notify(
        [office, coordinator, mentor, coordinator, None],
        NotificationKind.RESULT,
        MESSAGE,
        params=PARAMS,
        actor=office,
    )
    assert [n.recipient for n in made] == [coordinator]
    assert Notification.objects.get().actor == office


def test_each_recipient_reads_it_in_their_language(
    users: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    coordinator, other = users["coordinator"], users["other_coordinator"]
    other.language = "en"
    other.save()
    with django_capture_on_commit_callbacks(execute=True):
        notify([coordinator, other], NotificationKind.RESULT, MESSAGE, params=PARAMS, url="/x/")
    messages = dict(Notification.objects.values_list("recipient__username", "message"))
    assert messages["coord"] == "Hasil GMSC 2023 telah diumumkan: Kabupaten Batang terpilih."
    assert (
        messages["coord-bh"]
        == "The result of GMSC 2023 is published: Kabupaten Batang is selected."
    )
    by_address = {message.to[0]: message for message in mail.outbox}
    indonesian = by_address["coord@example.org"]
    assert indonesian.subject.startswith("Hasil GMSC 2023")
    assert "Halo coord," in indonesian.body and "http://" in indonesian.body
    assert "/x/" in indonesian.body
    english = by_address["coord-bh@example.org"]
    assert "Hello coord-bh," in english.body and "Open it here:" in english.body


def test_plurals_dates_and_days_left_follow_the_language(users: dict[str, Any]) -> None:
    coordinator, other = users["coordinator"], users["other_coordinator"]
    other.language = "en"
    other.save()
    made = notify(
        [coordinator, other],
        NotificationKind.DEADLINE,
        ngettext_lazy("in %(days)d day", "in %(days)d days", "days"),
        params={"days": 3},
    )
    assert [n.message for n in made] == ["3 hari lagi", "in 3 days"]
    made = notify(
        [coordinator, other],
        NotificationKind.DEADLINE,
        "%(date)s, %(left)s",
        params={"date": datetime.date(2026, 5, 1), "left": days_left(1)},
    )
    assert made[0].message.endswith(", besok") and "Mei" in made[0].message
    assert made[1].message.endswith(", tomorrow") and "May" in made[1].message


def test_immediate_or_digest_as_each_person_chose(
    users: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    coordinator, other = users["coordinator"], users["other_coordinator"]
    other.notification_modes = {NotificationKind.RESULT: "digest"}
    other.save()
    users["mentor"].email = ""
    users["mentor"].save()
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            [coordinator, other, users["mentor"]], NotificationKind.RESULT, MESSAGE, params=PARAMS
        )
    states = dict(Notification.objects.values_list("recipient__username", "email_state"))
    assert states == {"coord": EmailState.SENT, "coord-bh": EmailState.DIGEST, "mentor": "none"}
    assert [m.to for m in mail.outbox] == [["coord@example.org"]]
    # Another kind is still immediate for the person who chose the digest for results.
    with django_capture_on_commit_callbacks(execute=True):
        notify([other], NotificationKind.COMMENT, MESSAGE, params=PARAMS)
    assert [m.to for m in mail.outbox][-1] == ["coord-bh@example.org"]


def test_a_key_tells_each_person_once(
    users: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    coordinator, other = users["coordinator"], users["other_coordinator"]
    with django_capture_on_commit_callbacks(execute=True):
        first = notify([coordinator], NotificationKind.DEADLINE, MESSAGE, params=PARAMS, key="k:1")
        again = notify(
            [coordinator, other], NotificationKind.DEADLINE, MESSAGE, params=PARAMS, key="k:1"
        )
    assert len(first) == 1 and [n.recipient for n in again] == [other]
    assert Notification.objects.filter(key="k:1").count() == 2
    assert len(mail.outbox) == 2 and OutgoingEmail.objects.count() == 2


def test_nothing_is_sent_when_the_write_is_rolled_back(
    users: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                notify([users["coordinator"]], NotificationKind.RESULT, MESSAGE, params=PARAMS)
                raise RuntimeError("the service failed after telling")
        except RuntimeError:
            pass
    assert not Notification.objects.exists() and not OutgoingEmail.objects.exists()
    assert mail.outbox == []
