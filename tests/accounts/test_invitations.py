"""Invitations: who may invite whom, the email and its single-use link, accepting,
re-sending, revoking, and the links that no longer work."""

import re
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from kotacerdas.accounts.models import Invitation, Notification, User
from kotacerdas.accounts.services import invitations
from kotacerdas.core.roles import Role
from kotacerdas.regions.models import Province, Region
from tests.conftest import PASSWORD

LINK = re.compile(r"https?://\S+/accounts/invitation/([^/\s]+)/\?language=(\w+)")
NEW_PASSWORD = "Sebuah-kata-sandi-2026"


@pytest.fixture
def send(django_capture_on_commit_callbacks: Any) -> Any:
    """Invite with the emails delivered (tasks run at once in tests, after commit)."""

    def run(actor: Any, **fields: Any) -> Invitation:
        with django_capture_on_commit_callbacks(execute=True):
            return invitations.invite(actor, invitations.InviteInput(**fields))

    return run


def secret_of(message: Any) -> str:
    found = LINK.search(message.body)
    assert found, message.body
    return found.group(1)


def officer_input(users: dict[str, Any], email: str = "siti@example.org", **extra: Any) -> Any:
    return {
        "email": email,
        "role": Role.OPD_OFFICER,
        "first_name": "Siti",
        "last_name": "Aminah",
        "opd": users["opd_officer"].opd,
        **extra,
    }


# Who may invite whom ----------------------------------------------------------------------


def test_the_office_invites_a_mentor_with_regions_and_the_email_carries_the_link(
    users: dict[str, Any], batang: Any, send: Any
) -> None:
    invitation = send(
        users["program_office"],
        email="Rina@Example.org",
        role=Role.MENTOR,
        first_name="Rina",
        assigned_regions=[batang],
        language="en",
    )
    assert invitation.email == "rina@example.org"
    assert list(invitation.assigned_regions.all()) == [batang]
    assert invitation.send_count == 1 and invitation.state == "pending"
    assert invitation.expires_at > timezone.now() + timedelta(days=6)
    (message,) = mail.outbox
    assert message.to == ["rina@example.org"]
    assert "invites you to Kota Cerdas" in message.subject  # English, as chosen
    assert "Mentor" in message.body
    found = LINK.search(message.body)
    assert found and found.group(2) == "en"
    # The stored email keeps no usable link once sent.
    from kotacerdas.accounts.models import OutgoingEmail

    assert OutgoingEmail.objects.get().body == ""
    assert invitation.token_hash != found.group(1)


def test_an_invitation_email_is_indonesian_by_default(users: dict[str, Any], send: Any) -> None:
    send(users["coordinator"], **officer_input(users))
    (message,) = mail.outbox
    assert "mengundang Anda ke Kota Cerdas" in message.subject
    assert "Petugas OPD" in message.body or "OPD" in message.body
    assert LINK.search(message.body).group(2) == "id"  # type: ignore[union-attr]


def test_the_office_invites_a_region_coordinator(
    users: dict[str, Any], batanghari: Any, send: Any
) -> None:
    # Batanghari has its coordinator: a second one is refused, a deputy is not.
    with pytest.raises(ValidationError, match="has a coordinator"):
        invitations.invite(
            users["program_office"],
            invitations.InviteInput(
                email="baru@example.org", role=Role.REGION_COORDINATOR, region=batanghari
            ),
        )
    surabaya = Region.objects.get(pk="35.78")
    invitation = send(
        users["program_office"],
        email="baru@example.org",
        role=Role.REGION_COORDINATOR,
        region=surabaya,
    )
    assert invitation.region == surabaya and not invitation.deputy


def test_an_assessor_needs_a_home_province_and_no_region_of_it(
    users: dict[str, Any], batang: Any
) -> None:
    office = users["program_office"]
    data = invitations.InviteInput(
        email="asesor@example.org", role=Role.ASSESSOR, assigned_regions=[batang]
    )
    with pytest.raises(ValidationError) as refusal:
        invitations.invite(office, data)
    assert "home_province" in refusal.value.message_dict
    data.home_province = Province.objects.get(pk="33")  # Central Java, Batang's province
    with pytest.raises(ValidationError) as refusal:
        invitations.invite(office, data)
    assert "assigned_regions" in refusal.value.message_dict
    data.home_province = Province.objects.get(pk="15")
    assert invitations.invite(office, data).home_province_id == "15"


def test_nobody_invites_the_program_office(users: dict[str, Any]) -> None:
    for who in ("program_office", "coordinator"):
        with pytest.raises(PermissionDenied):
            invitations.invite(
                users[who], invitations.InviteInput(email="x@example.org", role="program_office")
            )


def test_a_coordinator_invites_officers_and_a_deputy_of_their_region_only(
    users: dict[str, Any], batanghari: Any, make_opd: Any, send: Any
) -> None:
    coordinator = users["coordinator"]
    officer = send(coordinator, **officer_input(users))
    assert officer.region_id == coordinator.region_id
    deputy = send(coordinator, email="wakil@example.org", role="deputy")
    assert deputy.role == Role.REGION_COORDINATOR and deputy.deputy
    # Another region, a role above theirs: refused.
    with pytest.raises(PermissionDenied):
        invitations.invite(
            coordinator,
            invitations.InviteInput(
                email="a@example.org", role=Role.REGION_COORDINATOR, region=batanghari
            ),
        )
    with pytest.raises(PermissionDenied):
        invitations.invite(
            coordinator,
            invitations.InviteInput(email="b@example.org", role=Role.REGION_COORDINATOR),
        )
    for role in (Role.MENTOR, Role.ASSESSOR):
        with pytest.raises(PermissionDenied):
            invitations.invite(coordinator, invitations.InviteInput(email="c@x.org", role=role))
    with pytest.raises(PermissionDenied):
        invitations.invite(
            coordinator, invitations.InviteInput(**officer_input(users), region=batanghari)
        )
    # Another region's OPD: refused on the field.
    elsewhere = make_opd(batanghari, "Dinas Kesehatan Batanghari")
    with pytest.raises(ValidationError) as refusal:
        invitations.invite(
            coordinator,
            invitations.InviteInput(**officer_input(users, "e@example.org", opd=elsewhere)),
        )
    assert "opd" in refusal.value.message_dict


def test_a_deputy_invites_officers_only(users: dict[str, Any], make_user: Any, send: Any) -> None:
    deputy = make_user(
        "wakil", Role.REGION_COORDINATOR, region=users["coordinator"].region, deputy=True
    )
    assert send(deputy, **officer_input(users)).role == Role.OPD_OFFICER
    with pytest.raises(PermissionDenied):
        invitations.invite(deputy, invitations.InviteInput(email="d@example.org", role="deputy"))


@pytest.mark.parametrize("who", ["opd_officer", "assessor", "mentor", "no_role"])
def test_others_invite_nobody(users: dict[str, Any], who: str) -> None:
    with pytest.raises(PermissionDenied):
        invitations.invite(users[who], invitations.InviteInput(**officer_input(users)))


def test_an_officer_needs_an_opd_and_the_fields_are_checked(users: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as refusal:
        invitations.invite(
            users["coordinator"],
            invitations.InviteInput(
                email="not-an-email", role=Role.OPD_OFFICER, first_name="Two\nlines"
            ),
        )
    assert {"email", "opd", "first_name"} <= set(refusal.value.message_dict)


# Existing accounts and waiting invitations ------------------------------------------------


def test_an_address_with_an_active_account_is_refused_naming_it_when_visible(
    users: dict[str, Any],
) -> None:
    officer = users["opd_officer"]
    with pytest.raises(invitations.AccountExists) as refusal:
        invitations.invite(
            users["coordinator"], invitations.InviteInput(**officer_input(users, officer.email))
        )
    assert refusal.value.user_id == officer.pk
    # The other region's coordinator learns that it exists, not which account it is.
    other = users["other_coordinator"]
    with pytest.raises(invitations.AccountExists) as refusal:
        invitations.invite(
            other,
            invitations.InviteInput(email=officer.email.upper(), role=Role.OPD_OFFICER),
        )
    assert refusal.value.user_id is None
    assert User.objects.filter(email__iexact=officer.email).count() == 1


def test_a_waiting_invitation_is_refused_offering_to_resend(
    users: dict[str, Any], send: Any
) -> None:
    first = send(users["coordinator"], **officer_input(users))
    with pytest.raises(invitations.InvitationPending) as refusal:
        invitations.invite(users["coordinator"], invitations.InviteInput(**officer_input(users)))
    assert refusal.value.invitation_id == first.pk
    # Once expired, a new invitation may go.
    Invitation.objects.filter(pk=first.pk).update(expires_at=timezone.now())
    assert send(users["coordinator"], **officer_input(users)).pk != first.pk


def test_a_deactivated_account_in_scope_is_brought_back_by_its_invitation(
    users: dict[str, Any], send: Any
) -> None:
    officer = users["opd_officer"]
    officer.is_active = False
    officer.save()
    invitation = send(users["coordinator"], **officer_input(users, officer.email))
    assert invitation.user == officer
    client = Client()
    response = client.post(
        f"/accounts/invitation/{secret_of(mail.outbox[0])}/",
        {
            "first_name": "Siti",
            "last_name": "Aminah",
            "language": "id",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.is_active and officer.check_password(NEW_PASSWORD)
    assert User.objects.filter(email__iexact=officer.email).count() == 1


def test_a_deactivated_account_out_of_scope_is_refused(
    users: dict[str, Any], make_user: Any, batanghari: Any
) -> None:
    stranger = make_user("lain", Role.OPD_OFFICER, region=batanghari, is_active=False)
    with pytest.raises(invitations.AccountExists) as refusal:
        invitations.invite(
            users["coordinator"], invitations.InviteInput(**officer_input(users, stranger.email))
        )
    assert refusal.value.user_id is None


# Accepting --------------------------------------------------------------------------------


def test_accepting_makes_the_account_logs_in_and_lands_on_the_inbox(
    users: dict[str, Any], batang: Any, send: Any
) -> None:
    send(
        users["program_office"],
        email="Rina@Example.org",
        role=Role.MENTOR,
        first_name="Rina",
        assigned_regions=[batang],
        language="en",
    )
    secret = secret_of(mail.outbox[0])
    client = Client()
    page = client.get(f"/accounts/invitation/{secret}/?language=en")
    assert page.status_code == 200
    text = page.content.decode()
    assert "invites you to Kota Cerdas as Mentor" in text and 'value="Rina"' in text
    # Passwords that differ, or too weak, are refused by Django's validators.
    weak = client.post(
        f"/accounts/invitation/{secret}/?language=en",
        {"first_name": "Rina", "language": "en", "password1": "123", "password2": "123"},
    )
    assert weak.status_code == 200 and not User.objects.filter(username="rina@example.org")
    response = client.post(
        f"/accounts/invitation/{secret}/?language=en",
        {
            "first_name": "Rina",
            "last_name": "Kusuma",
            "language": "en",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302 and response["Location"] == "/my-work/"
    user = User.objects.get(username="rina@example.org")
    assert user.email == "rina@example.org" and user.role == Role.MENTOR
    assert user.language == "en" and user.get_full_name() == "Rina Kusuma"
    assert list(user.assigned_regions.all()) == [batang]
    assert client.session["_auth_user_id"] == str(user.pk)
    invitation = Invitation.objects.get()
    assert invitation.user == user and invitation.state == "accepted"
    # The link works once.
    again = Client().get(f"/accounts/invitation/{secret}/?language=en")
    assert "already used" in again.content.decode()


def test_an_officer_accepts_with_their_opd(users: dict[str, Any], send: Any) -> None:
    send(users["coordinator"], **officer_input(users))
    user = invitations.accept(
        None,
        Invitation.objects.get(),
        first_name="Siti",
        last_name="",
        password=NEW_PASSWORD,
        language="id",
    )
    assert user.opd == users["opd_officer"].opd and user.region == users["coordinator"].region


def test_expired_revoked_and_unknown_links_say_which_and_offer_to_ask_again(
    users: dict[str, Any], send: Any
) -> None:
    send(users["coordinator"], **officer_input(users))
    invitation = Invitation.objects.get()
    secret = secret_of(mail.outbox[0])
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    expired = Client().get(f"/accounts/invitation/{secret}/?language=en")
    assert expired.status_code == 200 and "has expired" in expired.content.decode()
    assert "ask-again" in expired.content.decode()
    refused = Client().post(
        f"/accounts/invitation/{secret}/?language=en",
        {"first_name": "X", "language": "en", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert "has expired" in refused.content.decode() and User.objects.count() == 7
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() + timedelta(days=1), revoked_at=timezone.now()
    )
    revoked = Client().get(f"/accounts/invitation/{secret}/?language=en")
    assert "withdrawn" in revoked.content.decode()
    unknown = Client().get("/accounts/invitation/no-such-secret/?language=en")
    assert unknown.status_code == 200 and "does not work" in unknown.content.decode()


def test_asking_again_tells_the_inviter_once_and_answers_the_same_for_all(
    users: dict[str, Any], send: Any
) -> None:
    send(users["coordinator"], **officer_input(users))
    secret = secret_of(mail.outbox[0])
    Invitation.objects.update(expires_at=timezone.now())
    answers = [
        Client().post(f"/accounts/invitation/{secret}/ask-again/"),
        Client().post(f"/accounts/invitation/{secret}/ask-again/"),
        Client().post("/accounts/invitation/unknown/ask-again/"),
    ]
    assert {a.status_code for a in answers} == {200}
    bodies = {a.content.decode().split('id="main"')[1] for a in answers}
    assert len(bodies) == 1
    (told,) = Notification.objects.filter(recipient=users["coordinator"])
    assert "siti@example.org" in told.message and told.kind == "account"
    assert Client().get(f"/accounts/invitation/{secret}/ask-again/").status_code == 405


# Re-sending and revoking ------------------------------------------------------------------


def test_resending_makes_a_new_link_and_the_old_one_dies(
    users: dict[str, Any], send: Any, django_capture_on_commit_callbacks: Any
) -> None:
    invitation = send(users["coordinator"], **officer_input(users))
    old = secret_of(mail.outbox[0])
    an_hour_ago = timezone.now() - timedelta(hours=1)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now(), sent_at=an_hour_ago
    )
    invitation.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        invitations.resend(users["coordinator"], invitation, "en")
    invitation.refresh_from_db()
    assert invitation.send_count == 2 and invitation.state == "pending"
    new = secret_of(mail.outbox[1])
    assert new != old
    assert (
        "does not work" in Client().get(f"/accounts/invitation/{old}/?language=en").content.decode()
    )
    assert Client().get(f"/accounts/invitation/{new}/").status_code == 200


def test_revoking_kills_the_link_and_only_managers_may(users: dict[str, Any], send: Any) -> None:
    invitation = send(users["coordinator"], **officer_input(users))
    for who in ("other_coordinator", "opd_officer", "mentor"):
        with pytest.raises(PermissionDenied):
            invitations.revoke(users[who], invitation)
        with pytest.raises(PermissionDenied):
            invitations.resend(users[who], invitation)
    invitations.revoke(users["coordinator"], invitation)
    assert invitation.state == "revoked"
    with pytest.raises(ValidationError):
        invitations.resend(users["coordinator"], invitation)


def test_an_accepted_invitation_is_neither_resent_nor_revoked(
    users: dict[str, Any], send: Any
) -> None:
    invitation = send(users["coordinator"], **officer_input(users))
    invitations.accept(
        None, invitation, first_name="Siti", last_name="", password=NEW_PASSWORD, language="id"
    )
    invitation.refresh_from_db()
    for action in (invitations.resend, invitations.revoke):
        with pytest.raises(ValidationError):
            action(users["coordinator"], invitation)


def test_invitations_are_audited_without_their_secret(users: dict[str, Any], send: Any) -> None:
    from kotacerdas.core import audit

    invitation = send(users["coordinator"], **officer_input(users))
    entries = list(audit.entries_for([(Invitation, [invitation.pk])]))
    assert entries and entries[-1].actor == users["coordinator"]
    assert all("token_hash" not in (entry.changes_dict or {}) for entry in entries)


def test_resending_waits_a_little_and_stops_after_a_few_emails(
    users: dict[str, Any], send: Any
) -> None:
    invitation = send(users["coordinator"], **officer_input(users))
    with pytest.raises(ValidationError, match="wait a little"):
        invitations.resend(users["coordinator"], invitation)
    Invitation.objects.filter(pk=invitation.pk).update(
        sent_at=timezone.now() - timedelta(hours=1), send_count=invitations.MAX_SENDS
    )
    invitation.refresh_from_db()
    with pytest.raises(ValidationError, match="revoke it and invite them again"):
        invitations.resend(users["coordinator"], invitation)
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    "email",
    [
        "siti@example.org\u200b",
        "siti@\uff45xample.org",
        "si\u00adti@example.org",
        "sítì@example.org",
    ],
)
def test_an_address_with_invisible_or_look_alike_letters_is_refused(
    users: dict[str, Any], email: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        invitations.invite(
            users["coordinator"], invitations.InviteInput(**officer_input(users, email))
        )
    assert refused.value.message_dict["email"]  # "plain letters", or not an address at all
    assert not Invitation.objects.exists()


def test_deactivating_someone_revokes_the_invitations_they_sent(
    users: dict[str, Any], send: Any
) -> None:
    from kotacerdas.accounts.services import people

    deputy = User.objects.create_user(
        "wakil", role=Role.REGION_COORDINATOR, deputy=True, region=users["coordinator"].region
    )
    invitation = send(deputy, **officer_input(users, "alt.me@example.org"))
    secret = secret_of(mail.outbox[-1])
    people.deactivate(users["coordinator"], deputy)
    invitation.refresh_from_db()
    assert invitation.state == "revoked"
    page = Client().get(f"/accounts/invitation/{secret}/?language=en").content.decode()
    assert "withdrawn" in page
    assert not User.objects.filter(username="alt.me@example.org").exists()


def test_an_invitation_of_someone_deactivated_since_cannot_be_accepted(
    users: dict[str, Any], send: Any
) -> None:
    deputy = User.objects.create_user(
        "wakil", role=Role.REGION_COORDINATOR, deputy=True, region=users["coordinator"].region
    )
    invitation = send(deputy, **officer_input(users, "alt.me@example.org"))
    User.objects.filter(pk=deputy.pk).update(is_active=False)  # e.g. in the admin
    invitation.refresh_from_db()
    with pytest.raises(invitations.InvitationUnusable):
        invitations.accept(
            None,
            invitation,
            first_name="Alt",
            last_name="",
            password="Ganti-Sandi-2026",
            language="id",
        )
    assert not User.objects.filter(username="alt.me@example.org").exists()
