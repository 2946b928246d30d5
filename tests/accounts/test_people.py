"""People: the list with its filters, a person's page, deactivating and reactivating,
assigning regions and moving an officer; each refusal."""

from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from kotacerdas.accounts.models import Invitation
from kotacerdas.accounts.services import invitations
from kotacerdas.accounts.services import people as services
from kotacerdas.core.roles import Role
from kotacerdas.regions.models import Province
from tests.queries import assert_queries


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def deputy(users: dict[str, Any], make_user: Any) -> Any:
    return make_user(
        "wakil", Role.REGION_COORDINATOR, region=users["coordinator"].region, deputy=True
    )


# Services ---------------------------------------------------------------------------------


def test_a_coordinator_deactivates_and_reactivates_an_officer(users: dict[str, Any]) -> None:
    officer = users["opd_officer"]
    services.deactivate(users["coordinator"], officer)
    officer.refresh_from_db()
    assert not officer.is_active
    assert not ModelBackend().user_can_authenticate(officer)
    services.reactivate(users["coordinator"], officer)
    officer.refresh_from_db()
    assert officer.is_active


def test_who_may_not_deactivate_whom(users: dict[str, Any], deputy: Any) -> None:
    coordinator, officer = users["coordinator"], users["opd_officer"]
    refusals = [
        (coordinator, coordinator),  # never oneself
        (deputy, coordinator),  # a deputy never the main coordinator
        (deputy, deputy),
        (users["other_coordinator"], officer),  # another region
        (coordinator, users["mentor"]),  # outside the region's roles
        (officer, officer),
        (users["mentor"], officer),
        (users["program_office"], users["program_office"]),
    ]
    for actor, person in refusals:
        with pytest.raises(PermissionDenied):
            services.deactivate(actor, person)
    # The coordinator manages the deputy; the deputy the officers; the office everyone.
    services.deactivate(coordinator, deputy)
    services.deactivate(users["program_office"], coordinator)


def test_a_deputy_deactivates_an_officer(users: dict[str, Any], deputy: Any) -> None:
    services.deactivate(deputy, users["opd_officer"])
    assert not users["opd_officer"].is_active


def test_moving_an_officer_within_the_region_only(
    users: dict[str, Any], make_opd: Any, batang: Any, batanghari: Any
) -> None:
    officer = users["opd_officer"]
    arsip = make_opd(batang, "Dinas Arsip Batang")
    services.update_person(users["coordinator"], officer, opd=arsip)
    officer.refresh_from_db()
    assert officer.opd == arsip
    elsewhere = make_opd(batanghari, "Dinas Arsip Batanghari")
    with pytest.raises(ValidationError):
        services.update_person(users["coordinator"], officer, opd=elsewhere)
    with pytest.raises(ValidationError):
        services.update_person(users["program_office"], officer, opd=elsewhere)
    with pytest.raises(PermissionDenied):
        services.update_person(users["other_coordinator"], officer, opd=arsip)
    with pytest.raises(PermissionDenied):  # a coordinator is no officer to move
        services.update_person(users["program_office"], users["coordinator"], opd=arsip)


def test_the_office_assigns_regions_keeping_an_assessor_out_of_their_province(
    users: dict[str, Any], batang: Any, batanghari: Any
) -> None:
    assessor, office = users["assessor"], users["program_office"]
    services.update_person(
        office, assessor, assigned_regions=[batanghari], home_province=Province.objects.get(pk="33")
    )
    assert list(assessor.assigned_regions.all()) == [batanghari]
    with pytest.raises(ValidationError) as refusal:
        services.update_person(office, assessor, assigned_regions=[batang])
    assert "assigned_regions" in refusal.value.message_dict
    with pytest.raises(PermissionDenied):
        services.update_person(users["coordinator"], users["mentor"], assigned_regions=[batang])
    with pytest.raises(PermissionDenied):  # regions are for assessors and mentors
        services.update_person(office, users["coordinator"], assigned_regions=[batang])


# Pages ------------------------------------------------------------------------------------


def test_the_office_sees_everyone_with_status_and_last_login(
    users: dict[str, Any], batang: Any
) -> None:
    office = users["program_office"]
    users["mentor"].last_login = timezone.now()
    users["mentor"].save()
    invitations.invite(office, invitations.InviteInput(email="rina@example.org", role=Role.MENTOR))
    page = client_for(office).get("/accounts/people/").content.decode()
    for username in ("assessor", "mentor", "coord", "officer", "coord-bh"):
        assert f"{username}@example.org" in page
    assert "rina@example.org" in page and "Invitation pending" in page
    assert "Never logged in" in page and "Active" in page


@pytest.mark.parametrize(
    ("status", "shown", "hidden"),
    [
        ("invitation_pending", "rina@example.org", "mentor@example.org"),
        ("invitation_expired", "old@example.org", "rina@example.org"),
        ("never_logged_in", "coord@example.org", "rina@example.org"),
        ("active", "mentor@example.org", "coord@example.org"),
        ("deactivated", "nobody@example.org", "mentor@example.org"),
    ],
)
def test_the_list_filters_by_status(
    users: dict[str, Any], status: str, shown: str, hidden: str
) -> None:
    office = users["program_office"]
    users["mentor"].last_login = timezone.now()
    users["mentor"].save()
    users["no_role"].is_active = False
    users["no_role"].save()
    for email in ("rina@example.org", "old@example.org"):
        invitations.invite(office, invitations.InviteInput(email=email, role=Role.MENTOR))
    Invitation.objects.filter(email="old@example.org").update(
        expires_at=timezone.now() - timedelta(days=1)
    )
    page = client_for(office).get("/accounts/people/", {"status": status}).content.decode()
    assert shown in page and hidden not in page


def test_the_list_filters_by_role_region_and_words(users: dict[str, Any]) -> None:
    office = client_for(users["program_office"])
    page = office.get("/accounts/people/", {"role": "mentor"}).content.decode()
    assert "mentor@example.org" in page and "assessor@example.org" not in page
    page = office.get("/accounts/people/", {"region": "15.04"}).content.decode()
    assert "coord-bh@example.org" in page and "officer@example.org" not in page
    page = office.get("/accounts/people/", {"region": "33.25"}).content.decode()
    assert "mentor@example.org" in page and "officer@example.org" in page  # assigned staff too
    page = office.get("/accounts/people/", {"q": "offic"}).content.decode()
    assert "officer@example.org" in page and "mentor@example.org" not in page


def test_a_coordinator_sees_the_region_only(users: dict[str, Any]) -> None:
    page = client_for(users["coordinator"]).get("/accounts/people/").content.decode()
    assert "officer@example.org" in page
    assert "coord-bh@example.org" not in page and "mentor@example.org" not in page
    other = client_for(users["coordinator"]).get(
        f"/accounts/people/{users['other_coordinator'].pk}/"
    )
    assert other.status_code == 404


def test_the_people_list_is_bounded_in_queries(
    users: dict[str, Any], make_user: Any, batang: Any
) -> None:
    office = users["program_office"]
    for number in range(15):
        make_user(f"staff{number}", Role.MENTOR).assigned_regions.add(batang)
        invitations.invite(
            office, invitations.InviteInput(email=f"new{number}@example.org", role=Role.MENTOR)
        )
    client = client_for(office)
    client.get("/accounts/people/")  # session and content types warmed up
    with assert_queries("page accounts:people (office, 40 rows)"):
        response = client.get("/accounts/people/")
    assert response.status_code == 200


def test_the_person_page_changes_regions_and_shows_the_trail(
    users: dict[str, Any], batang: Any, batanghari: Any
) -> None:
    office = client_for(users["program_office"])
    mentor = users["mentor"]
    page = office.get(f"/accounts/people/{mentor.pk}/").content.decode()
    assert "History of this account" in page and "Assigned regions" in page
    response = office.post(
        f"/accounts/people/{mentor.pk}/", {"assigned_regions": [batang.pk, batanghari.pk]}
    )
    assert response.status_code == 302
    assert set(mentor.assigned_regions.values_list("pk", flat=True)) == {batang.pk, batanghari.pk}
    page = office.get(f"/accounts/people/{mentor.pk}/").content.decode()
    assert "Batanghari" in page


def test_a_coordinator_moves_an_officer_on_the_page_but_not_to_another_region(
    users: dict[str, Any], make_opd: Any, batang: Any, batanghari: Any
) -> None:
    officer = users["opd_officer"]
    arsip = make_opd(batang, "Dinas Arsip Batang")
    elsewhere = make_opd(batanghari, "Dinas Arsip Batanghari")
    client = client_for(users["coordinator"])
    page = client.get(f"/accounts/people/{officer.pk}/").content.decode()
    assert "Dinas Arsip Batang" in page and "Batanghari" not in page
    assert "History of this account" in page
    refused = client.post(f"/accounts/people/{officer.pk}/", {"opd": elsewhere.pk})
    assert refused.status_code == 200  # the choice is not offered: a form error
    officer.refresh_from_db()
    assert officer.opd != elsewhere
    assert client.post(f"/accounts/people/{officer.pk}/", {"opd": arsip.pk}).status_code == 302
    officer.refresh_from_db()
    assert officer.opd == arsip


def test_deactivating_on_the_page(users: dict[str, Any]) -> None:
    officer = users["opd_officer"]
    client = client_for(users["coordinator"])
    response = client.post(f"/accounts/people/{officer.pk}/deactivate/")
    assert response.status_code == 302
    officer.refresh_from_db()
    assert not officer.is_active
    assert "Reactivate" in client.get(f"/accounts/people/{officer.pk}/").content.decode()
    client.post(f"/accounts/people/{officer.pk}/reactivate/")
    officer.refresh_from_db()
    assert officer.is_active
    coordinator = users["coordinator"]
    assert client.post(f"/accounts/people/{coordinator.pk}/deactivate/").status_code == 403


def test_the_invite_page_refuses_an_existing_account_linking_to_it(
    users: dict[str, Any],
) -> None:
    officer = users["opd_officer"]
    client = client_for(users["coordinator"])
    page = client.get("/accounts/people/invite/").content.decode()
    assert "Deputy coordinator" in page and "Program office" not in page
    response = client.post(
        "/accounts/people/invite/",
        {"email": officer.email, "role": "opd_officer", "opd": officer.opd_id, "language": "id"},
    )
    text = response.content.decode()
    assert response.status_code == 200 and "already has an account" in text
    assert f"/accounts/people/{officer.pk}/" in text


def test_the_invite_page_sends_and_offers_resend_for_a_waiting_one(
    users: dict[str, Any],
) -> None:
    client = client_for(users["coordinator"])
    data = {
        "email": "siti@example.org",
        "role": "opd_officer",
        "opd": users["opd_officer"].opd_id,
        "language": "id",
    }
    assert client.post("/accounts/people/invite/", data).status_code == 302
    invitation = Invitation.objects.get()
    again = client.post("/accounts/people/invite/", data).content.decode()
    assert f"/accounts/invitations/{invitation.pk}/resend/" in again
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now() - timedelta(hours=1))
    assert client.post(f"/accounts/invitations/{invitation.pk}/resend/").status_code == 302
    invitation.refresh_from_db()
    assert invitation.send_count == 2
    assert client.post(f"/accounts/invitations/{invitation.pk}/revoke/").status_code == 302
    invitation.refresh_from_db()
    assert invitation.state == "revoked"


def test_a_coordinator_cannot_post_a_role_or_region_beyond_theirs(
    users: dict[str, Any], batanghari: Any
) -> None:
    client = client_for(users["coordinator"])
    for role in ("program_office", "mentor", "region_coordinator"):
        response = client.post(
            "/accounts/people/invite/",
            {"email": "x@example.org", "role": role, "region": batanghari.pk, "language": "id"},
        )
        assert response.status_code == 200 and not Invitation.objects.exists()
    deputy_page = client_for(users["opd_officer"]).get("/accounts/people/invite/")
    assert deputy_page.status_code == 403


def test_the_list_names_the_regions_of_assessors_and_mentors(users: dict[str, Any]) -> None:
    page = client_for(users["program_office"]).get("/accounts/people/", {"role": "mentor"})
    text = page.content.decode()
    assert users["mentor"].email in text or users["mentor"].username in text
    assert "Kabupaten Batang" in text


def test_revoked_invitations_are_listed_only_when_asked_for(users: dict[str, Any]) -> None:
    office = users["program_office"]
    invitation = invitations.invite(
        office, invitations.InviteInput(email="gone@example.org", role=Role.MENTOR)
    )
    invitations.revoke(office, invitation)
    client = client_for(office)
    assert "gone@example.org" not in client.get("/accounts/people/").content.decode()
    page = client.get("/accounts/people/", {"status": "invitation_revoked"}).content.decode()
    assert "gone@example.org" in page and "mentor@example.org" not in page
    assert f"/accounts/invitations/{invitation.pk}/resend/" not in page
