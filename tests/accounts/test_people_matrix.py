"""Every role against every route of people and invitations (pages and API). The world is
tests/world.py, with Batang's OPD officer as the person and an invitation of an officer
to Batang made by its coordinator."""

from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kotacerdas.accounts.models import Invitation
from tests import world as shared
from tests.routes import OFFICE, case, check

media_root = shared.media_root
people = shared.people
shared_world = shared.shared_world

# Who manages people: the office and each region's coordinator (its own region only).
PEOPLE_MANAGERS = OFFICE | {"coordinator", "other_coordinator"}
# Who manages Batang's officer and its invitations.
BATANG_MANAGERS = OFFICE | {"coordinator"}


@pytest.fixture
def world(shared_world: Any, db: Any) -> dict[str, Any]:
    from kotacerdas.accounts.services import invitations

    data = dict(shared_world.world)
    coordinator = shared_world.people["coordinator"]
    officer = shared_world.people["opd_officer"]
    invitation = invitations.invite(
        coordinator,
        invitations.InviteInput(email="siti@example.org", role="opd_officer", opd=officer.opd),
    )
    # Sent an hour ago, so re-sending it now is allowed (not within RESEND_INTERVAL).
    sent = timezone.now() - timedelta(hours=1)
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=sent)
    data.update(officer=officer.pk, invitation=invitation.pk)
    return data


def _upload(world: dict[str, Any]) -> dict[str, Any]:
    text = f"email,role,regions\nwakil@example.org,deputy,{world['code']}\n"
    return {"file": SimpleUploadedFile("people.csv", text.encode(), content_type="text/csv")}


CASES = [
    # Pages
    case("accounts:people", "/accounts/people/", PEOPLE_MANAGERS),
    case("accounts:invite", "/accounts/people/invite/", PEOPLE_MANAGERS),
    case(
        "accounts:invite",
        "/accounts/people/invite/",
        # A coordinator's form has no region: the other coordinator invites to their own.
        PEOPLE_MANAGERS,
        method="post",
        data={"email": "wakil@example.org", "role": "deputy", "region": "{code}", "language": "id"},
    ),
    case("accounts:invite-import", "/accounts/people/import/", PEOPLE_MANAGERS),
    case(
        "accounts:invite-import",
        "/accounts/people/import/",
        BATANG_MANAGERS,
        method="post",
        data=_upload,
        special={"other_coordinator": 200},  # the page lists the row's refusal
    ),
    case(
        "accounts:person",
        "/accounts/people/{officer}/",
        BATANG_MANAGERS,
        seen_by=BATANG_MANAGERS,
    ),
    case(
        "accounts:person",
        "/accounts/people/{officer}/",
        BATANG_MANAGERS,
        method="post",
        data={"opd": "{spare_opd}"},
        seen_by=BATANG_MANAGERS,
    ),
    case(
        "accounts:person-deactivate",
        "/accounts/people/{officer}/deactivate/",
        BATANG_MANAGERS,
        method="post",
        seen_by=BATANG_MANAGERS,
    ),
    case(
        "accounts:person-reactivate",
        "/accounts/people/{officer}/reactivate/",
        BATANG_MANAGERS,
        method="post",
        seen_by=BATANG_MANAGERS,
    ),
    case(
        "accounts:invitation-resend",
        "/accounts/invitations/{invitation}/resend/",
        BATANG_MANAGERS,
        method="post",
        seen_by=BATANG_MANAGERS,
    ),
    case(
        "accounts:invitation-revoke",
        "/accounts/invitations/{invitation}/revoke/",
        BATANG_MANAGERS,
        method="post",
        seen_by=BATANG_MANAGERS,
    ),
    # API
    case("GET /api/v1/people", "/api/v1/people", PEOPLE_MANAGERS),
    case(
        "GET /api/v1/people/{user_id}",
        "/api/v1/people/{officer}",
        BATANG_MANAGERS,
        seen_by=BATANG_MANAGERS,
    ),
    case(
        "PATCH /api/v1/people/{user_id}",
        "/api/v1/people/{officer}",
        BATANG_MANAGERS,
        data={"opd": "{spare_opd}"},
        seen_by=BATANG_MANAGERS,
    ),
    case(
        "POST /api/v1/people/{user_id}/deactivate",
        "/api/v1/people/{officer}/deactivate",
        BATANG_MANAGERS,
        seen_by=BATANG_MANAGERS,
    ),
    case(
        "POST /api/v1/people/{user_id}/reactivate",
        "/api/v1/people/{officer}/reactivate",
        BATANG_MANAGERS,
        seen_by=BATANG_MANAGERS,
    ),
    case("GET /api/v1/invitations", "/api/v1/invitations", PEOPLE_MANAGERS),
    case(
        "POST /api/v1/invitations",
        "/api/v1/invitations",
        BATANG_MANAGERS,
        ok=201,
        data={"email": "wakil@example.org", "role": "deputy", "region": "{code}"},
    ),
    case(
        "GET /api/v1/invitations/{invitation_id}",
        "/api/v1/invitations/{invitation}",
        BATANG_MANAGERS,
        seen_by=BATANG_MANAGERS,
    ),
    case(
        "POST /api/v1/invitations/{invitation_id}/resend",
        "/api/v1/invitations/{invitation}/resend",
        BATANG_MANAGERS,
        seen_by=BATANG_MANAGERS,
    ),
    case(
        "POST /api/v1/invitations/{invitation_id}/revoke",
        "/api/v1/invitations/{invitation}/revoke",
        BATANG_MANAGERS,
        seen_by=BATANG_MANAGERS,
    ),
    case(
        "POST /api/v1/invitations/import",
        "/api/v1/invitations/import",
        BATANG_MANAGERS,
        data=_upload,
        json=False,
        special={"other_coordinator": 422},  # the row's refusal, named
    ),
]


@pytest.mark.parametrize("item", CASES)
def test_route_matrix(people, world, item) -> None:  # type: ignore[no-untyped-def]
    check(item, people, world)
