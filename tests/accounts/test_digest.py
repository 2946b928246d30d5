"""The daily digest: one email per person with everything that waited, in their language."""

from typing import Any

from django.core import mail
from django.utils.translation import gettext_lazy

from kotacerdas.accounts.models import EmailState, Notification, NotificationKind
from kotacerdas.accounts.services.digests import send_digests
from kotacerdas.accounts.services.notifications import notify

SELECTED = gettext_lazy("The result of %(cohort)s is published: %(region)s is selected.")
LEGALISED = gettext_lazy("The masterplan of %(region)s is legalised (%(number)s).")


def test_one_email_per_person_lists_everything_then_it_is_sent(
    users: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    coordinator, mentor = users["coordinator"], users["mentor"]
    mentor.language = "en"
    for person in (coordinator, mentor):
        person.notification_modes = {kind: "digest" for kind in NotificationKind.values}
        person.save()
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            [coordinator, mentor],
            NotificationKind.RESULT,
            SELECTED,
            params={"cohort": "GMSC 2023", "region": "Batang"},
            url="/program/2023/result/",
        )
        notify(
            [coordinator, mentor],
            NotificationKind.APPROVAL,
            LEGALISED,
            params={"region": "Batang", "number": "12/2024"},
        )
    assert mail.outbox == []
    assert set(Notification.objects.values_list("email_state", flat=True)) == {EmailState.DIGEST}

    with django_capture_on_commit_callbacks(execute=True):
        assert send_digests() == 2
    by_address = {m.to[0]: m for m in mail.outbox}
    indonesian = by_address["coord@example.org"]
    assert indonesian.subject == "Kota Cerdas: 2 pemberitahuan"
    assert "Hasil GMSC 2023 telah diumumkan: Batang terpilih." in indonesian.body
    assert "Masterplan Batang telah disahkan (12/2024)." in indonesian.body
    assert "/program/2023/result/" in indonesian.body and "/my-work/" in indonesian.body
    english = by_address["mentor@example.org"]
    assert english.subject == "Kota Cerdas: 2 notifications"
    assert "These 2 things landed in your work inbox" in english.body
    assert "The masterplan of Batang is legalised (12/2024)." in english.body
    assert set(Notification.objects.values_list("email_state", flat=True)) == {EmailState.SENT}

    # Nothing waits any more: no second digest.
    with django_capture_on_commit_callbacks(execute=True):
        assert send_digests() == 0
    assert len(mail.outbox) == 2


def test_no_address_or_a_deactivated_account_gets_none(users: dict[str, Any]) -> None:
    coordinator, mentor = users["coordinator"], users["mentor"]
    for person in (coordinator, mentor):
        person.notification_modes = {NotificationKind.RESULT: "digest"}
        person.save()
    notify(
        [coordinator, mentor],
        NotificationKind.RESULT,
        SELECTED,
        params={"cohort": "GMSC 2023", "region": "Batang"},
    )
    coordinator.email = ""
    coordinator.save()
    mentor.is_active = False
    mentor.save()
    assert send_digests() == 0
    assert set(Notification.objects.values_list("email_state", flat=True)) == {EmailState.NONE}
