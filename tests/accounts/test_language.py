"""The page language: a signed-in person's follows their account (set on the profile or
with the switch, which saves it); an anonymous visitor's the switch's cookie; the API
follows Accept-Language."""

from typing import Any

from django.conf import settings
from django.test import Client

from tests.conftest import PASSWORD

COOKIE = settings.LANGUAGE_COOKIE_NAME


def lang(client: Client, path: str = "/regions/") -> str:
    body = client.get(path).content.decode()
    return body.split('<html lang="', 1)[1].split('"', 1)[0]


def test_a_signed_in_persons_pages_follow_their_account(users: dict[str, Any]) -> None:
    coordinator = users["coordinator"]
    coordinator.language = "en"
    coordinator.save()
    client = Client()
    client.force_login(coordinator)  # a browser without the language cookie
    assert lang(client) == "en" and lang(client, "/accounts/profile/") == "en"
    assert "Regencies and cities" in client.get("/regions/").content.decode()


def test_logging_in_gives_the_browser_the_accounts_language(users: dict[str, Any]) -> None:
    coordinator = users["coordinator"]
    coordinator.language = "en"
    coordinator.save()
    client = Client()
    client.cookies[COOKIE] = "id"  # chosen anonymously before logging in
    assert lang(client, "/accounts/login/") == "id"
    logged_in = client.post("/accounts/login/", {"username": "coord", "password": PASSWORD})
    assert logged_in.status_code == 302
    assert logged_in.cookies[COOKIE].value == "en"
    assert lang(client) == "en"
    # Logged out, the browser keeps it.
    client.post("/accounts/logout/")
    assert lang(client) == "en"


def test_a_failed_log_in_leaves_the_language_alone(users: dict[str, Any]) -> None:
    client = Client()
    client.cookies[COOKIE] = "en"
    failed = client.post("/accounts/login/", {"username": "coord", "password": "wrong"})
    assert COOKIE not in failed.cookies
    assert lang(client) == "en"


def test_the_switch_saves_the_choice_in_the_account(users: dict[str, Any]) -> None:
    officer = users["opd_officer"]
    client = Client()
    client.force_login(officer)
    switched = client.post("/i18n/setlang/", {"language": "en", "next": "/regions/"})
    assert switched.status_code == 302 and switched["Location"] == "/regions/"
    officer.refresh_from_db()
    assert officer.language == "en"
    assert lang(client) == "en"
    # Another browser of the same person opens in English too.
    elsewhere = Client()
    elsewhere.force_login(officer)
    assert lang(elsewhere) == "en"
    client.post("/i18n/setlang/", {"language": "id", "next": "/"})
    officer.refresh_from_db()
    assert officer.language == "id" and lang(client) == "id"


def test_the_switch_refuses_an_unknown_language_and_an_address_elsewhere(
    users: dict[str, Any],
) -> None:
    officer = users["opd_officer"]
    client = Client()
    client.force_login(officer)
    refused = client.post("/i18n/setlang/", {"language": "xx", "next": "/regions/"})
    assert refused.status_code == 302 and COOKIE not in refused.cookies
    officer.refresh_from_db()
    assert officer.language == "id"
    away = client.post("/i18n/setlang/", {"language": "en", "next": "https://evil.example/"})
    assert away.status_code == 302 and "evil.example" not in away["Location"]
    # A GET changes nothing (Django's view only acts on POST).
    client.get("/i18n/setlang/", {"language": "en"})
    officer.refresh_from_db()
    assert officer.language == "en"  # from the POST above, not the GET
    client.get("/i18n/setlang/", {"language": "id"})
    officer.refresh_from_db()
    assert officer.language == "en"


def test_anonymous_visitors_keep_the_cookie(db: Any) -> None:
    client = Client()
    assert lang(client) == "id"
    switched = client.post("/i18n/setlang/", {"language": "en", "next": "/regions/"})
    assert switched.cookies[COOKIE].value == "en"
    assert lang(client) == "en"


def test_the_switch_audits_the_accounts_language(users: dict[str, Any]) -> None:
    from auditlog.models import LogEntry

    officer = users["opd_officer"]
    client = Client()
    client.force_login(officer)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    entry = LogEntry.objects.filter(object_pk=str(officer.pk)).latest("timestamp")
    assert entry.actor == officer and "language" in entry.changes_dict


def test_the_api_follows_accept_language_not_the_account(users: dict[str, Any]) -> None:
    coordinator = users["coordinator"]
    coordinator.language = "en"
    coordinator.save()
    client = Client()
    client.force_login(coordinator)
    indonesian = client.get("/api/v1/me", HTTP_ACCEPT_LANGUAGE="id").json()
    assert indonesian["language"] == "id"
    english = client.get("/api/v1/me", HTTP_ACCEPT_LANGUAGE="en").json()
    assert english["language"] == "en"
