"""Password change (page and API) and reset by email: the email in the person's
language through the outgoing queue, the same answer for an unknown address, links that
expire and work once, every new password in the audit trail."""

import re
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

import pytest
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.test import Client
from django.utils import timezone

from kotacerdas.accounts.models import OutgoingEmail, User
from kotacerdas.core.audit import readable
from tests.conftest import PASSWORD
from tests.openapi import assert_matches_schema

NEW = "Lumpia-Semarang-2031"


def client_for(user: Any, language: str = "en") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def password_entries(user: Any) -> list[LogEntry]:
    return list(
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(User),
            object_pk=str(user.pk),
            additional_data__password__isnull=False,
        ).order_by("pk")
    )


def test_change_on_the_page_keeps_this_session_and_is_audited(users: dict[str, Any]) -> None:
    coordinator = users["coordinator"]
    client = client_for(coordinator)
    other_session = client_for(coordinator)
    page = client.get("/accounts/password/")
    assert page.status_code == 200
    body = page.content.decode()
    assert 'for="id_old_password"' in body and "form-control" in body
    changed = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW},
    )
    assert changed.status_code == 302 and changed["Location"] == "/accounts/profile/"
    coordinator.refresh_from_db()
    assert coordinator.check_password(NEW)
    assert "Your password was changed." in client.get("/accounts/profile/").content.decode()
    # The other session ends (Django compares the password's hash).
    assert other_session.get("/accounts/profile/").status_code == 302
    [entry] = password_entries(coordinator)
    assert entry.actor == coordinator and entry.additional_data["password"] == "change"
    assert NEW not in str(entry.changes) and coordinator.password not in str(entry.changes)
    [shown] = readable([entry])
    assert [c.field for c in shown.changes] == ["Password"]


def test_change_refuses_a_wrong_old_password_and_a_weak_new_one(users: dict[str, Any]) -> None:
    officer = users["opd_officer"]
    client = client_for(officer)
    wrong = client.post(
        "/accounts/password/",
        {"old_password": "not-it", "new_password1": NEW, "new_password2": NEW},
    )
    assert wrong.status_code == 200 and wrong.context["form"].errors["old_password"]
    weak = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": "123", "new_password2": "123"},
    )
    assert weak.status_code == 200 and weak.context["form"].errors["new_password2"]
    officer.refresh_from_db()
    assert officer.check_password(PASSWORD) and password_entries(officer) == []


def test_change_through_the_api(users: dict[str, Any]) -> None:
    mentor = users["mentor"]
    client = client_for(mentor)

    def post(old: str, new: str) -> Any:
        response = client.post(
            "/api/v1/password",
            {"old_password": old, "new_password": new},
            content_type="application/json",
        )
        assert_matches_schema(response)
        return response

    def fields(response: Any) -> dict[str, str]:
        assert response.status_code == 422
        return {f["field"]: f["message"] for f in response.json()["error"]["fields"]}

    assert "old_password" in fields(post("wrong", NEW))
    assert "new_password" in fields(post(PASSWORD, "123"))
    assert "new_password" in fields(post(PASSWORD, PASSWORD))
    assert post(PASSWORD, NEW).status_code == 204
    mentor.refresh_from_db()
    assert mentor.check_password(NEW)
    # The session that changed it stays signed in.
    assert client.get("/api/v1/profile").status_code == 200
    assert [e.additional_data["password"] for e in password_entries(mentor)] == ["change"]
    # Missing fields: 422 naming them.
    missing = client.post("/api/v1/password", {}, content_type="application/json")
    assert missing.status_code == 422
    assert {f["field"] for f in missing.json()["error"]["fields"]} == {
        "old_password",
        "new_password",
    }


def test_a_token_changes_the_password_without_making_a_session(users: dict[str, Any]) -> None:
    from kotacerdas.accounts.services import create_token

    _token, raw = create_token(users["mentor"], "script")
    machine = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    response = machine.post(
        "/api/v1/password",
        {"old_password": PASSWORD, "new_password": NEW},
        content_type="application/json",
    )
    assert response.status_code == 204
    assert settings.SESSION_COOKIE_NAME not in response.cookies


def _reset_link(message: Any) -> str:
    match = re.search(r"http://\S+/accounts/password/reset/\S+/\S+/", message.body)
    assert match, message.body
    return urlsplit(match.group(0)).path


def test_reset_by_email_in_the_persons_language(
    users: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    coordinator, other = users["coordinator"], users["other_coordinator"]
    other.language = "en"
    other.save()
    client = Client()
    assert 'href="/accounts/password/reset/"' in client.get("/accounts/login/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post("/accounts/password/reset/", {"email": "COORD@example.org"})
        client.post("/accounts/password/reset/", {"email": "coord-bh@example.org"})
    assert sent.status_code == 302 and sent["Location"] == "/accounts/password/reset/sent/"
    by_address = {message.to[0]: message for message in mail.outbox}
    indonesian, english = by_address["coord@example.org"], by_address["coord-bh@example.org"]
    assert "Choose a new password" in english.subject and "24 hours" in english.body
    assert "Choose a new password" not in indonesian.subject and "24 jam" in indonesian.body
    assert settings.SITE_URL in indonesian.body
    # Queued as a secret: the body is gone from the database once sent.
    stored = OutgoingEmail.objects.get(to="coord@example.org")
    assert stored.secret and stored.status == "sent" and stored.body == ""

    link = _reset_link(indonesian)
    form = client.get(link, follow=True)
    assert form.status_code == 200 and form.context["validlink"]
    set_url = form.redirect_chain[-1][0]
    done = client.post(set_url, {"new_password1": NEW, "new_password2": NEW})
    assert done.status_code == 302 and done["Location"] == "/accounts/password/reset/complete/"
    coordinator.refresh_from_db()
    assert coordinator.check_password(NEW)
    [entry] = password_entries(coordinator)
    assert entry.additional_data["password"] == "reset" and entry.actor == coordinator
    # The link works once.
    again = Client().get(link, follow=True)
    assert not again.context["validlink"]
    assert 'data-testid="password-reset-invalid"' in again.content.decode()
    assert Client().get("/accounts/password/reset/complete/").status_code == 200


def test_an_unknown_address_gets_the_same_answer_and_no_email(
    users: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post("/accounts/password/reset/", {"email": "coord@example.org"})
        unknown = client.post("/accounts/password/reset/", {"email": "nobody@example.net"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert [m.to for m in mail.outbox] == [["coord@example.org"]]
    page = client.get(unknown["Location"]).content.decode()
    assert 'data-testid="password-reset-sent"' in page
    # A deactivated account, or one without a password yet (an invitation), gets none.
    users["mentor"].is_active = False
    users["mentor"].save()
    users["assessor"].set_unusable_password()
    users["assessor"].save()
    with django_capture_on_commit_callbacks(execute=True):
        for email in ("mentor@example.org", "assessor@example.org"):
            answer = client.post("/accounts/password/reset/", {"email": email})
            assert answer["Location"] == known["Location"]
    assert len(mail.outbox) == 1


def test_reset_emails_to_one_address_are_not_a_flood(
    users: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):
            answer = client.post("/accounts/password/reset/", {"email": "coord@example.org"})
            assert answer.status_code == 302
    assert len(mail.outbox) == 1
    OutgoingEmail.objects.update(created_at=timezone.now() - timedelta(minutes=2))
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password/reset/", {"email": "coord@example.org"})
    assert len(mail.outbox) == 2


def test_reset_links_expire_with_the_setting(
    users: dict[str, Any], settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from unittest import mock

    from django.contrib.auth.tokens import default_token_generator

    settings.PASSWORD_RESET_TIMEOUT = 2 * 3600
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password/reset/", {"email": "coord@example.org"})
    [message] = mail.outbox
    assert "2 jam" in message.body
    link = _reset_link(message)
    later = default_token_generator._now() + timedelta(hours=2, minutes=1)  # type: ignore[attr-defined]
    with mock.patch.object(default_token_generator, "_now", return_value=later):
        expired = client.get(link, follow=True)
    assert not expired.context["validlink"]
    assert 'href="/accounts/password/reset/"' in expired.content.decode()


def test_a_garbled_link_says_it_no_longer_works(db: Any) -> None:
    page = Client().get("/accounts/password/reset/MTIz/abc-def/", follow=True)
    assert page.status_code == 200 and not page.context["validlink"]


@pytest.mark.parametrize("email", ["", "not-an-address", "x" * 300 + "@example.org"])
def test_a_bad_address_is_a_form_error(db: Any, email: str) -> None:
    page = Client().post("/accounts/password/reset/", {"email": email})
    assert page.status_code == 200 and page.context["form"].errors["email"]
    assert mail.outbox == []


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/password/reset/",
        "/accounts/password/reset/sent/",
        "/accounts/password/reset/MTIz/set-password/",
        "/accounts/password/reset/complete/",
    ],
)
def test_the_reset_pages_are_open_to_anonymous_visitors(db: Any, path: str) -> None:
    response = Client().get(path, follow=True)
    assert response.status_code == 200
    assert (
        "/accounts/login/" not in response.redirect_chain[-1][0]
        if response.redirect_chain
        else True
    )


def test_the_reset_pages_are_translated(db: Any) -> None:
    client = Client()
    page = client.get("/accounts/password/reset/").content.decode()
    assert "Lupa sandi?" in page and "Kirimi saya tautan" in page
    login = client.get("/accounts/login/").content.decode()
    assert "Lupa sandi?" in login
