from datetime import timedelta

from django.test import Client
from django.utils import timezone

from kotacerdas.accounts.models import ApiToken, hash_token
from tests.openapi import assert_matches_schema


def _session(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_token_is_shown_once_and_stored_hashed(users) -> None:  # type: ignore[no-untyped-def]
    client = _session(users["coordinator"])
    created = client.post(
        "/api/v1/tokens", {"name": "Dasbor Diskominfo"}, content_type="application/json"
    )
    assert created.status_code == 201
    assert_matches_schema(created)
    raw = created.json()["token"]
    stored = ApiToken.objects.get(pk=created.json()["id"])
    assert stored.token_hash == hash_token(raw)
    assert raw not in {stored.token_hash, stored.hint, stored.name}
    listed = client.get("/api/v1/tokens")
    assert "token" not in listed.json()[0]
    assert_matches_schema(listed)


def test_bearer_token_authenticates_as_its_owner(users) -> None:  # type: ignore[no-untyped-def]
    created = (
        _session(users["coordinator"])
        .post("/api/v1/tokens", {"name": "etl"}, content_type="application/json")
        .json()
    )
    machine = Client(HTTP_AUTHORIZATION=f"Bearer {created['token']}")
    me = machine.get("/api/v1/me")
    assert me.json()["username"] == "coord"
    assert me.json()["region_code"] == "33.25"
    assert_matches_schema(me)
    assert ApiToken.objects.get(pk=created["id"]).last_used_at is not None


def test_revoked_expired_and_unknown_tokens_are_refused(users) -> None:  # type: ignore[no-untyped-def]
    session = _session(users["coordinator"])
    created = session.post(
        "/api/v1/tokens", {"name": "old"}, content_type="application/json"
    ).json()
    assert session.delete(f"/api/v1/tokens/{created['id']}").status_code == 204
    assert (
        Client(HTTP_AUTHORIZATION=f"Bearer {created['token']}").get("/api/v1/me").status_code == 401
    )
    expired = session.post(
        "/api/v1/tokens",
        {"name": "expired", "expires_at": (timezone.now() + timedelta(days=1)).isoformat()},
        content_type="application/json",
    ).json()
    # A day later (an expiry in the past is refused when creating a token).
    ApiToken.objects.filter(pk=expired["id"]).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert (
        Client(HTTP_AUTHORIZATION=f"Bearer {expired['token']}").get("/api/v1/me").status_code == 401
    )
    unknown = Client(HTTP_AUTHORIZATION="Bearer kc_nonsense").get("/api/v1/me")
    assert unknown.status_code == 401
    assert unknown.json()["error"]["code"] == "not_authenticated"


def test_cannot_revoke_someone_elses_token(users) -> None:  # type: ignore[no-untyped-def]
    theirs = (
        _session(users["other_coordinator"])
        .post("/api/v1/tokens", {"name": "theirs"}, content_type="application/json")
        .json()
    )
    response = _session(users["coordinator"]).delete(f"/api/v1/tokens/{theirs['id']}")
    assert response.status_code == 404
    assert ApiToken.objects.filter(pk=theirs["id"]).exists()


def test_token_page_shows_new_token_once(users) -> None:  # type: ignore[no-untyped-def]
    client = _session(users["coordinator"])
    page = client.post("/accounts/tokens/", {"name": "Integrasi SIPD"})
    token = ApiToken.objects.get(name="Integrasi SIPD")
    raw = page.context["new_token"]
    assert raw.startswith("kc_") and raw in page.content.decode()
    assert hash_token(raw) == token.token_hash
    assert raw not in client.get("/accounts/tokens/").content.decode()
    client.post(f"/accounts/tokens/{token.pk}/revoke/")
    assert not ApiToken.objects.filter(pk=token.pk).exists()


def test_blank_token_name_is_refused_with_a_message(users) -> None:  # type: ignore[no-untyped-def]
    client = _session(users["coordinator"])
    client.cookies["django_language"] = "en"
    page = client.post("/accounts/tokens/", {"name": "  "})
    assert page.status_code == 200
    assert "This field is required" in page.content.decode()
    assert not ApiToken.objects.exists()
