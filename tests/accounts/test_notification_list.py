"""The in-app notification list: one's own only, newest first, unread ones marked,
opened through a route that marks read and follows only paths of this site; the
navigation bar's count; the same over the API; a bounded number of queries."""

from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from kotacerdas.accounts.models import Notification, NotificationKind
from kotacerdas.accounts.services.notification_list import safe_target
from tests.openapi import assert_matches_schema
from tests.queries import assert_queries


def client_for(user: Any, language: str = "en") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def make(
    recipient: Any, message: str, *, url: str = "/regions/", read: bool = False, **extra: Any
) -> Notification:
    notification = Notification.objects.create(
        recipient=recipient,
        kind=extra.pop("kind", NotificationKind.CHANGE_REQUEST),
        message=message,
        url=url,
        read_at=timezone.now() if read else None,
        **extra,
    )
    return notification


def test_the_list_is_newest_first_with_unread_ones_marked(users: dict[str, Any]) -> None:
    coordinator, mentor = users["coordinator"], users["mentor"]
    old = make(coordinator, "Older, read", read=True)
    Notification.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=2))
    make(coordinator, "Newer, unread", actor=mentor)
    make(users["other_coordinator"], "Somebody else's")
    client = client_for(coordinator)
    page = client.get("/accounts/notifications/")
    body = page.content.decode()
    assert page.status_code == 200
    assert [n.message for n in page.context["notifications"]] == ["Newer, unread", "Older, read"]
    assert "Somebody else's" not in body
    assert body.count('<span class="visually-hidden">Unread: </span>') == 1
    assert body.count("fw-bold") == 1 and "by mentor" in body
    assert "Mark all as read" in body
    unread = client.get("/accounts/notifications/?show=unread")
    assert [n.message for n in unread.context["notifications"]] == ["Newer, unread"]
    # An unknown filter shows all.
    assert len(client.get("/accounts/notifications/?show=bogus").context["notifications"]) == 2


def test_empty_states(users: dict[str, Any]) -> None:
    client = client_for(users["assessor"])
    body = client.get("/accounts/notifications/").content.decode()
    assert 'data-testid="notifications-empty"' in body and "No notifications yet" in body
    assert "Mark all as read" not in body
    make(users["assessor"], "Read already", read=True)
    unread = client.get("/accounts/notifications/?show=unread").content.decode()
    assert "No unread notifications" in unread


def test_pages_of_the_list(users: dict[str, Any]) -> None:
    coordinator = users["coordinator"]
    for number in range(30):
        make(coordinator, f"Notification {number}")
    client = client_for(coordinator)
    first = client.get("/accounts/notifications/?show=unread")
    assert len(first.context["notifications"]) == 25
    assert 'href="?show=unread&amp;page=2"' in first.content.decode()
    second = client.get("/accounts/notifications/?show=unread&page=2")
    assert len(second.context["notifications"]) == 5
    assert client.get("/accounts/notifications/?page=999").status_code == 200


def test_mark_all_as_read(users: dict[str, Any]) -> None:
    coordinator, other = users["coordinator"], users["other_coordinator"]
    make(coordinator, "One")
    make(coordinator, "Two")
    theirs = make(other, "Theirs")
    client = client_for(coordinator)
    assert client.get("/accounts/notifications/read/").status_code == 405
    done = client.post("/accounts/notifications/read/", {"show": "unread"})
    assert done.status_code == 302 and done["Location"] == "/accounts/notifications/?show=unread"
    assert not Notification.objects.filter(recipient=coordinator, read_at=None).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert (
        "All your notifications are marked as read."
        in client.get(done["Location"]).content.decode()
    )


def test_opening_marks_read_and_follows_the_link(users: dict[str, Any]) -> None:
    coordinator = users["coordinator"]
    notification = make(coordinator, "Go", url="/masterplans/?status=submitted")
    client = client_for(coordinator)
    opened = client.get(f"/accounts/notifications/{notification.pk}/")
    assert opened.status_code == 302 and opened["Location"] == "/masterplans/?status=submitted"
    notification.refresh_from_db()
    assert notification.read_at is not None
    first_read = notification.read_at
    client.get(f"/accounts/notifications/{notification.pk}/")
    notification.refresh_from_db()
    assert notification.read_at == first_read  # read once


def test_someone_elses_notification_is_not_found(users: dict[str, Any]) -> None:
    theirs = make(users["other_coordinator"], "Theirs")
    for role in ("coordinator", "program_office"):
        response = client_for(users[role]).get(f"/accounts/notifications/{theirs.pk}/")
        assert response.status_code == 404, role
    assert (
        client_for(users["coordinator"]).get("/accounts/notifications/999999/").status_code == 404
    )
    theirs.refresh_from_db()
    assert theirs.read_at is None


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example/",
        "http://evil.example/login",
        "//evil.example/",
        "/\\evil.example/",
        "/\t/evil.example/",
        "javascript:alert(1)",
        " //evil.example",
        "evil.example/path",
    ],
)
def test_an_address_elsewhere_is_never_followed(users: dict[str, Any], url: str) -> None:
    coordinator = users["coordinator"]
    notification = make(coordinator, "Phish", url=url)
    client = client_for(coordinator)
    opened = client.get(f"/accounts/notifications/{notification.pk}/")
    assert opened.status_code == 302 and opened["Location"] == "/accounts/notifications/"
    assert "leads outside the platform" in client.get(opened["Location"]).content.decode()
    listed = client.get("/api/v1/notifications").json()["items"]
    assert listed[0]["url"] == ""


def test_safe_targets() -> None:
    assert safe_target("/masterplans/3/#program-12") == "/masterplans/3/#program-12"
    assert safe_target("/regions/?q=batang") == "/regions/?q=batang"
    for bad in ("", "https://x.example/", "//x.example", "/\\x.example", "/a\nb", "x/"):
        assert safe_target(bad) == "", bad


def test_a_notification_without_link_opens_the_list(users: dict[str, Any]) -> None:
    notification = make(users["coordinator"], "No link", url="")
    client = client_for(users["coordinator"])
    opened = client.get(f"/accounts/notifications/{notification.pk}/")
    assert opened["Location"] == "/accounts/notifications/"
    assert "outside the platform" not in client.get("/accounts/notifications/").content.decode()


def test_the_badge_counts_unread_in_one_query(users: dict[str, Any]) -> None:
    coordinator = users["coordinator"]
    client = client_for(coordinator)
    assert client.get("/accounts/notifications/?count=1").content.decode().strip() == ""
    for number in range(3):
        make(coordinator, f"N{number}")
    make(coordinator, "read", read=True)
    client.get("/accounts/notifications/?count=1")  # warm up
    with assert_queries("fragment accounts:notifications count (coordinator)") as context:
        badge = client.get("/accounts/notifications/?count=1")
    counting = [q for q in context.captured_queries if "accounts_notification" in q["sql"]]
    assert len(counting) == 1
    text = badge.content.decode()
    assert text.startswith("3") and "3 unread notifications" not in text
    assert "unread notifications" in text and "visually-hidden" in text
    assert "no-cache" in badge["Cache-Control"] or "max-age=0" in badge["Cache-Control"]
    # A visitor whose session ended: nothing, not the log-in page in the badge.
    assert Client().get("/accounts/notifications/?count=1").content.decode().strip() == ""
    assert Client().get("/accounts/notifications/").status_code == 302


def test_the_list_costs_the_same_for_5_and_60_notifications(users: dict[str, Any]) -> None:
    coordinator, mentor = users["coordinator"], users["mentor"]
    client = client_for(coordinator)
    counts = []
    for total in (5, 60):
        Notification.objects.filter(recipient=coordinator).delete()
        for number in range(total):
            make(coordinator, f"N{number}", actor=mentor if number % 2 else None)
        client.get("/accounts/notifications/")
        with assert_queries("page accounts:notifications (coordinator)") as context:
            response = client.get("/accounts/notifications/")
        assert response.status_code == 200
        counts.append(len(context))
    assert counts[0] == counts[1]


def test_the_api_lists_marks_and_counts(users: dict[str, Any]) -> None:
    coordinator, other, mentor = users["coordinator"], users["other_coordinator"], users["mentor"]
    first = make(coordinator, "First", actor=mentor, kind=NotificationKind.COMMENT)
    second = make(coordinator, "Second")
    read = make(coordinator, "Read", read=True)
    theirs = make(other, "Theirs")
    client = client_for(coordinator)

    listed = client.get("/api/v1/notifications")
    assert_matches_schema(listed)
    body = listed.json()
    assert body["count"] == 3 and body["pages"] == 1
    assert [item["id"] for item in body["items"]] == [read.pk, second.pk, first.pk]
    by_id = {item["id"]: item for item in body["items"]}
    assert by_id[first.pk]["actor"] == "mentor" and by_id[first.pk]["kind"] == "comment"
    assert by_id[read.pk]["read_at"] is not None and by_id[first.pk]["read_at"] is None
    unread = client.get("/api/v1/notifications", {"unread": "true", "page_size": 1})
    assert_matches_schema(unread)
    assert unread.json()["count"] == 2 and unread.json()["pages"] == 2
    assert len(unread.json()["items"]) == 1

    count = client.get("/api/v1/notifications/unread-count")
    assert_matches_schema(count)
    assert count.json() == {"unread": 2}

    # Someone else's id: 404, and nothing is marked.
    refused = client.post(
        "/api/v1/notifications/read",
        {"ids": [first.pk, theirs.pk]},
        content_type="application/json",
    )
    assert refused.status_code == 404
    assert_matches_schema(refused)
    assert Notification.objects.filter(recipient=coordinator, read_at=None).count() == 2
    marked = client.post(
        "/api/v1/notifications/read", {"ids": [first.pk]}, content_type="application/json"
    )
    assert_matches_schema(marked)
    assert marked.json() == {"marked": 1, "unread": 1}
    everything = client.post("/api/v1/notifications/read", {}, content_type="application/json")
    assert everything.json() == {"marked": 1, "unread": 0}
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_the_api_refuses_bad_input(users: dict[str, Any]) -> None:
    client = client_for(users["coordinator"])
    bodies: list[dict[str, Any]] = [
        {"ids": "all"},
        {"ids": ["x"]},
        {"ids": [0]},
        {"ids": [2**63]},
        {"ids": list(range(1, 502))},
        {"all": True},
    ]
    for body in bodies:
        response = client.post("/api/v1/notifications/read", body, content_type="application/json")
        assert response.status_code == 422, body
        assert_matches_schema(response)
    assert client.get("/api/v1/notifications", {"unread": "maybe"}).status_code == 422
    assert client.get("/api/v1/notifications", {"page_size": 0}).status_code == 422
    for path in ("/api/v1/notifications", "/api/v1/notifications/unread-count"):
        assert Client().get(path).status_code == 401


def test_the_api_list_costs_the_same_for_5_and_60(users: dict[str, Any]) -> None:
    coordinator, mentor = users["coordinator"], users["mentor"]
    client = client_for(coordinator)
    counts = []
    for total in (5, 60):
        Notification.objects.filter(recipient=coordinator).delete()
        for number in range(total):
            make(coordinator, f"N{number}", actor=mentor)
        client.get("/api/v1/notifications")
        with assert_queries("api GET /api/v1/notifications (coordinator)") as context:
            client.get("/api/v1/notifications")
        counts.append(len(context))
    assert counts[0] == counts[1]
