"""People and invitations over the API: the same rules as the pages, the shared error
shape, 409 naming the existing account or the waiting invitation."""

from datetime import timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from kotacerdas.accounts.models import Invitation
from tests.queries import assert_queries


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post(client: Client, url: str, data: Any = None) -> Any:
    return client.post(url, data or {}, content_type="application/json")


def test_the_office_lists_people_paginated_and_filtered(users: dict[str, Any]) -> None:
    client = client_for(users["program_office"])
    with assert_queries("api GET /api/v1/people (office)"):
        body = client.get("/api/v1/people", {"page_size": 3}).json()
    assert body["count"] == 7 and body["pages"] == 3 and len(body["items"]) == 3
    mentors = client.get("/api/v1/people", {"role": "mentor"}).json()["items"]
    assert [p["username"] for p in mentors] == ["mentor"]
    assert mentors[0]["assigned_regions"] == ["33.25"]
    assert mentors[0]["status"] == "never_logged_in" and mentors[0]["last_login"] is None
    bad = client.get("/api/v1/people", {"status": "sleepy"})
    assert bad.status_code == 422 and bad.json()["error"]["fields"][0]["field"] == "status"


def test_a_coordinator_lists_the_region_and_others_are_refused(users: dict[str, Any]) -> None:
    body = client_for(users["coordinator"]).get("/api/v1/people").json()
    assert {p["username"] for p in body["items"]} == {"coord", "officer"}
    assert client_for(users["mentor"]).get("/api/v1/people").status_code == 403
    other = users["other_coordinator"].pk
    assert client_for(users["coordinator"]).get(f"/api/v1/people/{other}").status_code == 404


def test_inviting_over_the_api_and_the_conflicts(users: dict[str, Any]) -> None:
    client = client_for(users["coordinator"])
    opd = users["opd_officer"].opd_id
    created = post(
        client,
        "/api/v1/invitations",
        {"email": "Siti@example.org", "role": "opd_officer", "opd": opd, "first_name": "Siti"},
    )
    assert created.status_code == 201, created.content
    invitation = created.json()
    assert invitation["email"] == "siti@example.org" and invitation["state"] == "pending"
    assert invitation["region"] == "33.25" and invitation["invited_by"] == "coord"
    again = post(
        client,
        "/api/v1/invitations",
        {"email": "siti@example.org", "role": "opd_officer", "opd": opd},
    )
    assert again.status_code == 409 and again.json()["error"]["invitation_id"] == invitation["id"]
    existing = post(
        client,
        "/api/v1/invitations",
        {"email": "officer@example.org", "role": "opd_officer", "opd": opd},
    )
    assert existing.status_code == 409
    assert existing.json()["error"]["user_id"] == users["opd_officer"].pk
    office_role = post(client, "/api/v1/invitations", {"email": "a@example.org", "role": "mentor"})
    assert office_role.status_code == 403
    other_region = post(
        client,
        "/api/v1/invitations",
        {"email": "b@example.org", "role": "deputy", "region": "15.04"},
    )
    assert other_region.status_code == 403
    program_office = post(
        client, "/api/v1/invitations", {"email": "c@example.org", "role": "program_office"}
    )
    assert program_office.status_code == 403
    missing = post(client, "/api/v1/invitations", {"email": "d@example.org", "role": "opd_officer"})
    assert missing.status_code == 422
    assert missing.json()["error"]["fields"][0]["field"] == "opd"


def test_resend_revoke_and_list_invitations(users: dict[str, Any]) -> None:
    client = client_for(users["program_office"])
    created = post(
        client,
        "/api/v1/invitations",
        {"email": "rina@example.org", "role": "mentor", "assigned_regions": ["33.25"]},
    ).json()
    too_soon = post(client, f"/api/v1/invitations/{created['id']}/resend", {})
    assert too_soon.status_code == 422
    Invitation.objects.filter(pk=created["id"]).update(sent_at=timezone.now() - timedelta(hours=1))
    resent = post(client, f"/api/v1/invitations/{created['id']}/resend", {"language": "en"})
    assert resent.status_code == 200 and resent.json()["send_count"] == 2
    listed = client.get("/api/v1/invitations", {"state": "pending"}).json()
    assert [i["email"] for i in listed["items"]] == ["rina@example.org"]
    revoked = post(client, f"/api/v1/invitations/{created['id']}/revoke")
    assert revoked.json()["state"] == "revoked"
    refused = post(client, f"/api/v1/invitations/{created['id']}/resend", {})
    assert refused.status_code == 422
    assert client.get(f"/api/v1/invitations/{created['id']}").json()["state"] == "revoked"
    outsider = client_for(users["coordinator"])
    assert outsider.get(f"/api/v1/invitations/{created['id']}").status_code == 404


def test_deactivate_reactivate_and_patch(users: dict[str, Any], make_opd: Any, batang: Any) -> None:
    client = client_for(users["coordinator"])
    officer = users["opd_officer"]
    off = post(client, f"/api/v1/people/{officer.pk}/deactivate")
    assert off.status_code == 200 and off.json()["status"] == "deactivated"
    assert post(client, f"/api/v1/people/{officer.pk}/reactivate").json()["is_active"]
    assert post(client, f"/api/v1/people/{users['coordinator'].pk}/deactivate").status_code == 403
    arsip = make_opd(batang, "Dinas Arsip Batang")
    moved = client.patch(
        f"/api/v1/people/{officer.pk}", {"opd": arsip.pk}, content_type="application/json"
    )
    assert moved.status_code == 200 and moved.json()["opd"] == arsip.pk
    regions = client.patch(
        f"/api/v1/people/{officer.pk}",
        {"assigned_regions": ["33.25"]},
        content_type="application/json",
    )
    assert regions.status_code == 403
    office = client_for(users["program_office"])
    assigned = office.patch(
        f"/api/v1/people/{users['assessor'].pk}",
        {"assigned_regions": ["15.04"], "home_province": "33"},
        content_type="application/json",
    )
    assert assigned.status_code == 200 and assigned.json()["assigned_regions"] == ["15.04"]
    refused = office.patch(
        f"/api/v1/people/{users['assessor'].pk}",
        {"assigned_regions": ["33.25"]},
        content_type="application/json",
    )
    assert refused.status_code == 422
    unknown = office.patch(
        f"/api/v1/people/{users['assessor'].pk}",
        {"assigned_regions": ["99.99"]},
        content_type="application/json",
    )
    assert unknown.status_code == 422


def test_bulk_invite_over_the_api(users: dict[str, Any]) -> None:
    client = client_for(users["coordinator"])
    good = SimpleUploadedFile("p.csv", b"email,role,opd\nsiti@example.org,opd_officer,Dinkes\n")
    response = client.post("/api/v1/invitations/import", {"file": good})
    assert response.status_code == 200 and response.json()["created"] == 1
    bad = SimpleUploadedFile("p.csv", b"email,role,opd\nx@example.org,mentor,\n")
    response = client.post("/api/v1/invitations/import", {"file": bad}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["message"].startswith("Row 2:")
    assert Invitation.objects.count() == 1
