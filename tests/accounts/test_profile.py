"""The profile: names, phone, language and notification emails, on the page and in the
API; only one's own; every change audited."""

from typing import Any

import pytest
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils.translation import gettext

from kotacerdas.accounts.models import NotificationKind, NotificationMode, User
from kotacerdas.accounts.schemas.profile import Kind, Mode
from kotacerdas.accounts.services import profile as services
from tests.openapi import assert_matches_schema


def client_for(user: Any, language: str = "en") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _form(**overrides: str) -> dict[str, str]:
    data = {
        "first_name": "Siti",
        "last_name": "Rahayu",
        "phone": "+62 285 391234",
        "language": "en",
        **{f"mode_{kind}": "immediate" for kind in NotificationKind.values},
    }
    data.update(overrides)
    return data


def test_the_page_shows_the_email_as_not_editable_and_saves(users: dict[str, Any]) -> None:
    coordinator = users["coordinator"]
    client = client_for(coordinator, "id")
    page = client.get("/accounts/profile/").content.decode()
    assert "coord@example.org" in page
    assert 'name="email"' not in page  # shown, not a field
    assert 'name="language"' in page and 'name="phone"' in page
    assert page.count('type="radio"') == 2 * len(NotificationKind.values)

    saved = client.post(
        "/accounts/profile/", _form(mode_deadline="digest", mode_comment="digest", language="en")
    )
    assert saved.status_code == 302 and saved["Location"] == "/accounts/profile/"
    # The browser keeps the new language at once.
    assert saved.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    coordinator.refresh_from_db()
    assert (coordinator.first_name, coordinator.last_name) == ("Siti", "Rahayu")
    assert coordinator.phone == "+62 285 391234" and coordinator.language == "en"
    assert coordinator.notification_modes["deadline"] == NotificationMode.DIGEST
    assert coordinator.notification_modes["assignment"] == NotificationMode.IMMEDIATE
    after = client.get("/accounts/profile/").content.decode()
    assert "it is your log-in name" in after and "The program office changes it" in after
    assert '<html lang="en">' in after and "Siti Rahayu" in after
    assert "Your profile was saved." in after
    # Audited (the user model is registered with auditlog), the actor is the person.
    entry = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_pk=str(coordinator.pk)
    ).latest("timestamp")
    assert entry.actor == coordinator
    assert {"first_name", "phone", "language", "notification_modes"} <= set(entry.changes_dict)


def test_bad_input_is_refused_and_nothing_changes(users: dict[str, Any]) -> None:
    officer = users["opd_officer"]
    client = client_for(officer)
    cases = {
        "phone": _form(phone="call me 0812"),
        "first_name": _form(first_name="Siti\nRahayu"),
        "last_name": _form(last_name="x" * 151),
        "language": _form(language="xx"),
        "mode_deadline": _form(mode_deadline="weekly"),
    }
    for field, data in cases.items():
        page = client.post("/accounts/profile/", data)
        assert page.status_code == 200, field
        assert page.context["form"].errors.get(field), field
        assert 'aria-invalid="true"' in page.content.decode() or field.startswith("mode_")
    phone_page = client.post("/accounts/profile/", cases["phone"]).content.decode()
    assert "Write a phone number with digits" in phone_page
    # The navigation bar still shows the saved name, not the refused one.
    refused = client.post("/accounts/profile/", cases["first_name"])
    assert refused.context["user"].first_name == ""
    officer.refresh_from_db()
    assert (officer.first_name, officer.phone, officer.language) == ("", "", "id")
    assert officer.notification_modes == {}


def test_anonymous_visitors_log_in_first() -> None:
    response = Client().get("/accounts/profile/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_service_refuses_unknown_fields_kinds_modes_and_someone_else(
    users: dict[str, Any],
) -> None:
    coordinator, office = users["coordinator"], users["program_office"]
    with pytest.raises(ValidationError):
        services.update_profile(coordinator, coordinator, {"email": "new@example.org"})
    with pytest.raises(ValidationError):
        services.update_profile(coordinator, coordinator, {"role": "program_office"})
    with pytest.raises(ValidationError, match="Unknown kind"):
        services.update_profile(coordinator, coordinator, {}, {"weather": "digest"})
    with pytest.raises(ValidationError, match="immediate or digest"):
        services.update_profile(coordinator, coordinator, {}, {"deadline": "weekly"})
    with pytest.raises(ValidationError):
        services.update_profile(office, coordinator, {"first_name": "Budi"})
    with pytest.raises(ValidationError):
        services.set_language(coordinator, coordinator, "xx")
    coordinator.refresh_from_db()
    assert coordinator.email == "coord@example.org" and coordinator.first_name == ""


def test_the_api_reads_and_patches_only_what_is_sent(users: dict[str, Any]) -> None:
    mentor = users["mentor"]
    client = client_for(mentor)
    read = client.get("/api/v1/profile")
    assert read.status_code == 200
    assert_matches_schema(read)
    body = read.json()
    assert body["email"] == "mentor@example.org" and body["language"] == "id"
    assert body["notification_modes"] == {kind: "immediate" for kind in NotificationKind.values}

    patched = client.patch(
        "/api/v1/profile",
        {"first_name": " Dewi ", "notification_modes": {"result": "digest"}},
        content_type="application/json",
    )
    assert patched.status_code == 200
    assert_matches_schema(patched)
    assert patched.json()["first_name"] == "Dewi"
    assert patched.json()["notification_modes"]["result"] == "digest"
    assert patched.json()["notification_modes"]["deadline"] == "immediate"
    mentor.refresh_from_db()
    assert mentor.first_name == "Dewi" and mentor.language == "id" and mentor.phone == ""

    # Another patch keeps the earlier choices.
    client.patch(
        "/api/v1/profile",
        {"notification_modes": {"deadline": "digest"}},
        content_type="application/json",
    )
    mentor.refresh_from_db()
    assert mentor.notification_modes["result"] == "digest"
    assert mentor.notification_modes["deadline"] == "digest"


def test_the_api_names_each_bad_field(users: dict[str, Any]) -> None:
    client = client_for(users["mentor"])

    def error(body: dict[str, Any]) -> dict[str, str]:
        response = client.patch("/api/v1/profile", body, content_type="application/json")
        assert response.status_code == 422, body
        assert_matches_schema(response)
        return {f["field"]: f["message"] for f in response.json()["error"]["fields"]}

    assert "phone" in error({"phone": "abc"})
    assert error({"phone": "abc"})["phone"].startswith("Write a phone number with digits")
    assert "language" in error({"language": "xx"})
    assert "first_name" in error({"first_name": "x" * 151})
    assert "first_name" in error({"first_name": "Dewi\r\nPutri"})
    assert any(
        f.startswith("notification_modes")
        for f in error({"notification_modes": {"weather": "digest"}})
    )
    assert any(
        f.startswith("notification_modes")
        for f in error({"notification_modes": {"deadline": "weekly"}})
    )
    assert "email" in error({"email": "me@example.org"})  # not changed here
    users["mentor"].refresh_from_db()
    assert users["mentor"].first_name == "" and users["mentor"].phone == ""


def test_the_api_kinds_and_modes_are_the_models() -> None:
    from typing import get_args

    assert set(get_args(Kind)) == set(NotificationKind.values)
    assert set(get_args(Mode)) == set(NotificationMode.values)


def test_the_api_needs_a_login(db: Any) -> None:
    assert Client().get("/api/v1/profile").status_code == 401
    assert Client().patch("/api/v1/profile", {}, content_type="application/json").status_code == 401


def test_the_profile_texts_are_translated() -> None:
    from django.utils import translation

    with translation.override("id"):
        assert gettext("My profile") != "My profile"
        assert gettext("Your profile was saved.") != "Your profile was saved."
