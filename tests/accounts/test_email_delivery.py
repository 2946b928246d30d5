"""Delivering email: a failure is retried later, never blocks the write that caused it,
gives up after EMAIL_ATTEMPTS, and a secret body is not kept."""

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from kotacerdas.accounts.models import EmailStatus, Notification, OutgoingEmail
from kotacerdas.accounts.services.notifications import (
    REQUEUE_AFTER,
    deliver_email,
    queue_email,
    retry_due_emails,
)
from kotacerdas.program import services
from kotacerdas.program.models import AssessorAssignment
from tests.program import conftest as program_conftest
from tests.program.conftest import submitted

# The program's fixtures (pytest finds fixtures by module attribute).
cohort = program_conftest.cohort
assessors = program_conftest.assessors


class RefusingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages: Any) -> int:
        raise ConnectionRefusedError("mail server unreachable")


REFUSING = "tests.accounts.test_email_delivery.RefusingBackend"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


def later(minutes: int) -> Any:
    return timezone.now() + timedelta(minutes=minutes)


@pytest.mark.django_db
def test_a_failure_is_retried_later_then_sent(
    settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.EMAIL_BACKEND = REFUSING
    with django_capture_on_commit_callbacks(execute=True):
        email = queue_email("someone@example.org", "Subject", "Body")
    email.refresh_from_db()
    assert email.status == EmailStatus.RETRYING and email.attempts == 1
    assert "unreachable" in email.last_error
    assert email.next_attempt_at is not None and email.next_attempt_at > timezone.now()
    # Not due yet: nothing is queued again.
    assert retry_due_emails() == 0
    settings.EMAIL_BACKEND = LOCMEM
    with django_capture_on_commit_callbacks(execute=True):
        assert retry_due_emails(now=later(6)) == 1
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT and email.attempts == 2 and email.last_error == ""
    assert [m.subject for m in mail.outbox] == ["Subject"]
    # Sent: never queued again.
    assert retry_due_emails(now=later(600)) == 0


@pytest.mark.django_db
def test_it_gives_up_after_the_attempts_and_forgets_a_secret(
    settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.EMAIL_BACKEND = REFUSING
    settings.EMAIL_ATTEMPTS = 3
    with django_capture_on_commit_callbacks(execute=True):
        email = queue_email("someone@example.org", "Your invitation", "secret link", secret=True)
    minutes = 0
    for _ in range(5):
        minutes += 60
        with django_capture_on_commit_callbacks(execute=True):
            retry_due_emails(now=later(minutes))
    email.refresh_from_db()
    assert email.status == EmailStatus.FAILED and email.attempts == 3
    assert email.body == "" and email.next_attempt_at is None


@pytest.mark.django_db
def test_a_secret_body_is_emptied_once_sent(django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        email = queue_email("someone@example.org", "Reset", "the link", secret=True)
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT and email.body == ""
    assert mail.outbox[0].body == "the link"


@pytest.mark.django_db
def test_an_email_whose_task_was_lost_is_queued_again() -> None:
    # No on-commit callbacks run here: as if the worker died before taking the task.
    email = queue_email("someone@example.org", "Subject", "Body")
    assert email.status == EmailStatus.QUEUED and mail.outbox == []
    assert retry_due_emails() == 0
    OutgoingEmail.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())
    assert retry_due_emails() == 1
    # Pushed forward: a second housekeeping round does not queue it twice.
    assert retry_due_emails() == 0
    assert OutgoingEmail.objects.get().next_attempt_at > timezone.now() + REQUEUE_AFTER / 2
    assert deliver_email(email.pk) is True and deliver_email(email.pk) is False
    assert len(mail.outbox) == 1


def test_a_mail_server_down_does_not_undo_or_block_the_work(
    settings: Any,
    users: dict[str, Any],
    cohort: Any,
    batang: Any,
    assessors: dict[str, Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.EMAIL_BACKEND = REFUSING
    application = submitted(users["coordinator"], cohort, batang)
    with django_capture_on_commit_callbacks(execute=True):
        services.assign_assessor(users["program_office"], application, assessors["31"])
    assert AssessorAssignment.objects.filter(application=application).exists()
    notification = Notification.objects.get(recipient=assessors["31"])
    assert notification.url.startswith("/program/assignments/")
    email = OutgoingEmail.objects.get(to=assessors["31"].email)
    assert email.status == EmailStatus.RETRYING and mail.outbox == []
