"""API tokens: who created and who revoked which token is in the owner's and the
region's audit trail (never the token itself); the token page says how to send it;
names and expiry dates are plausible."""

from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.test import Client
from django.utils import timezone

from kotacerdas.accounts.models import ApiToken, hash_token


def _session(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def _token_entries() -> list[LogEntry]:
    return list(LogEntry.objects.filter(content_type__model="apitoken").order_by("pk"))


def test_creating_and_revoking_a_token_is_audited_without_the_secret(users) -> None:  # type: ignore[no-untyped-def]
    coordinator = users["coordinator"]
    client = _session(coordinator)
    created = client.post(
        "/api/v1/tokens", {"name": "Dasbor Diskominfo"}, content_type="application/json"
    ).json()
    assert client.delete(f"/api/v1/tokens/{created['id']}").status_code == 204
    page_made = client.post("/accounts/tokens/", {"name": "Integrasi SIPD"})
    raw_from_page = page_made.context["new_token"]
    token = ApiToken.objects.get(name="Integrasi SIPD")
    client.post(f"/accounts/tokens/{token.pk}/revoke/")

    entries = _token_entries()
    assert [(e.action, e.actor, e.additional_data["region"]) for e in entries] == [
        (LogEntry.Action.CREATE, coordinator, "33.25"),
        (LogEntry.Action.DELETE, coordinator, "33.25"),
        (LogEntry.Action.CREATE, coordinator, "33.25"),
        (LogEntry.Action.DELETE, coordinator, "33.25"),
    ]
    assert "Dasbor Diskominfo" in entries[0].object_repr
    stored = " ".join(str(vars(e)) for e in entries)
    for secret in (created["token"], raw_from_page):
        for part in (secret, secret[:8], secret[3:11], hash_token(secret)):
            assert part not in stored

    # The region's audit trail shows them, in the API and on the workspace page.
    trail = client.get("/api/v1/regions/33.25/audit").json()["items"]
    tokens = [e for e in trail if e["object_type"] == "apitoken"]
    assert [(e["action"], e["actor"]) for e in tokens] == [
        ("delete", "coord"),
        ("create", "coord"),
        ("delete", "coord"),
        ("create", "coord"),
    ]
    assert "API token Integrasi SIPD" in client.get("/regions/33.25/workspace/").content.decode()
    # Another region's trail does not.
    other = _session(users["other_coordinator"]).get("/api/v1/regions/15.04/audit").json()
    assert not [e for e in other["items"] if e["object_type"] == "apitoken"]


def test_the_token_page_shows_the_owners_token_history(users) -> None:  # type: ignore[no-untyped-def]
    client = _session(users["coordinator"])
    client.post("/accounts/tokens/", {"name": "Integrasi SIPD"})
    token = ApiToken.objects.get(name="Integrasi SIPD")
    client.post(f"/accounts/tokens/{token.pk}/revoke/")
    _session(users["other_coordinator"]).post("/accounts/tokens/", {"name": "Milik Batanghari"})
    page = client.get("/accounts/tokens/").content.decode()
    assert page.count("API token Integrasi SIPD") == 2  # created, then revoked
    assert "Milik Batanghari" not in page


def test_the_token_page_shows_the_header_to_send(users) -> None:  # type: ignore[no-untyped-def]
    page = _session(users["coordinator"]).get("/accounts/tokens/").content.decode()
    assert "Authorization: Bearer &lt;token&gt;" in page  # was "Bearer ." (<token> eaten)


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"name": "Dasbor\r\nDiskominfo"}, "name"),
        ({"name": "Dasbor\nX"}, "name"),
        ({"name": "x" * 101}, "name"),
        ({"name": "lama", "expires_at": "2001-01-01T00:00:00Z"}, "expires_at"),
        ({"name": "lama", "expires_at": "0001-01-01T00:00:00"}, "expires_at"),
        ({"name": "jauh", "expires_at": "9999-12-31T23:59:59Z"}, "expires_at"),
    ],
)
def test_implausible_token_input_is_refused_naming_the_field(users, payload, field) -> None:  # type: ignore[no-untyped-def]
    response = _session(users["coordinator"]).post(
        "/api/v1/tokens", payload, content_type="application/json"
    )
    assert response.status_code == 422, response.content[:300]
    assert [f["field"] for f in response.json()["error"]["fields"]] == [field]
    assert not ApiToken.objects.exists()


def test_a_naive_expiry_is_read_in_the_platforms_zone(users) -> None:  # type: ignore[no-untyped-def]
    when = (timezone.localtime() + timedelta(days=30)).replace(tzinfo=None, microsecond=0)
    response = _session(users["coordinator"]).post(
        "/api/v1/tokens",
        {"name": "bulanan", "expires_at": when.isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert timezone.localtime(ApiToken.objects.get().expires_at).replace(tzinfo=None) == when


def test_line_breaks_in_peoples_names_are_refused(users) -> None:  # type: ignore[no-untyped-def]
    from django.core.exceptions import ValidationError

    user = users["coordinator"]
    for field, value in (
        ("first_name", "Budi\nSantoso"),
        ("last_name", "A\rB"),
        ("phone", "0812\n"),
    ):
        setattr(user, field, value)
        with pytest.raises(ValidationError) as error:
            user.full_clean()
        assert field in error.value.message_dict
        user.refresh_from_db()
