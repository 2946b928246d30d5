"""The iCalendar feeds: they parse with `icalendar`, their events match the sessions
(UIDs, times in the region's zone, SEQUENCE), a moved session keeps its UID with a higher
SEQUENCE, and everything but a genuine token of a person who may see the calendar gets
404."""

from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from kotacerdas.bimtek import feeds, ics
from kotacerdas.bimtek.models import SessionStatus
from kotacerdas.core.roles import Role
from kotacerdas.regions.models import Region
from tests.bimtek.test_calendars import Plan, plan_guidance


@pytest.fixture
def mentor(make_user) -> Any:  # type: ignore[no-untyped-def]
    return make_user("tenaga-ahli", Role.MENTOR, first_name="Ayu", last_name="Lestari")


@pytest.fixture
def plan(users, mentor, batang) -> Plan:  # type: ignore[no-untyped-def]
    return plan_guidance(batang, mentors=(mentor,), health_opds=(users["opd_officer"].opd,))


def _feed(user: Any, kind: str, key: object) -> Any:
    return Client().get(feeds.feed_url(user, kind, key))


def _calendar(user: Any, kind: str, key: object) -> Calendar:
    response = _feed(user, kind, key)
    assert response.status_code == 200, response.status_code
    return Calendar.from_ical(response.content)


def _by_uid(calendar: Calendar) -> dict[str, Any]:
    return {str(event.uid): event for event in calendar.events}


def test_the_region_feed_matches_its_sessions(users, plan, batang):  # type: ignore[no-untyped-def]
    users["coordinator"].language = "en"  # the feed speaks its person's language
    users["coordinator"].save()
    response = _feed(users["coordinator"], "region", batang.code)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith('inline; filename="')
    assert response["Content-Disposition"].endswith(".ics")
    assert "no-store" in response["Cache-Control"]
    calendar = Calendar.from_ical(response.content)
    assert "Kabupaten Batang" in str(calendar["X-WR-CALNAME"])
    events = _by_uid(calendar)
    dated = [s for s in plan.sessions if s.starts_at is not None]
    assert len(events) == len(dated) + 1  # and the visit
    jakarta = ZoneInfo("Asia/Jakarta")
    for session in dated:
        event = events[f"bimtek-session-{session.pk}@127.0.0.1"]
        assert event.start == session.starts_at  # the same instant as stored (UTC)
        assert event.start.tzinfo.key == "Asia/Jakarta"  # written in the region's zone
        assert event.start.astimezone(jakarta).replace(tzinfo=None) == session.starts_at.astimezone(
            jakarta
        ).replace(tzinfo=None)
        assert event.end - event.start == timedelta(minutes=session.duration_minutes)
        assert int(event["SEQUENCE"]) == session.sequence
        assert str(event["SUMMARY"]) == session.title
        assert str(event["LOCATION"]) == "Kabupaten Batang"
        assert f"/bimtek/sessions/{session.pk}/" in str(event["DESCRIPTION"])
        assert "Stage I" in str(event["DESCRIPTION"])
    assert events[f"bimtek-session-{plan.plenary.pk}@127.0.0.1"].start == datetime(
        2023, 9, 4, 9, tzinfo=jakarta
    )
    assert "OPD group: Kesehatan 1" in str(
        events[f"bimtek-session-{plan.health.pk}@127.0.0.1"]["DESCRIPTION"]
    )
    assert f"bimtek-session-{plan.undated.pk}@127.0.0.1" not in events
    # The DTSTART line names its zone, and the zone is defined in the file.
    text = response.content.decode()
    assert "DTSTART;TZID=Asia/Jakarta:20230904T090000" in text
    assert [tz.tz_name for tz in calendar.timezones] == ["Asia/Jakarta"]
    assert not calendar.get_missing_tzids()
    visit = events[f"bimtek-visit-{plan.visit.pk}@127.0.0.1"]
    assert visit.start == date(2023, 9, 4) and visit.end == date(2023, 9, 7)  # 4-6, exclusive


def test_statuses(users, plan, batang):  # type: ignore[no-untyped-def]
    plan.health.confirmed_at = datetime(2023, 8, 1, tzinfo=UTC)
    plan.health.save()
    plan.schools.status = SessionStatus.HELD
    plan.schools.save()
    events = _by_uid(_calendar(users["coordinator"], "region", batang.code))
    status = {
        pk: str(events[f"bimtek-session-{pk}@127.0.0.1"]["STATUS"])
        for pk in (plan.plenary.pk, plan.health.pk, plan.schools.pk, plan.cancelled.pk)
    }
    assert status == {
        plan.plenary.pk: "TENTATIVE",
        plan.health.pk: "CONFIRMED",
        plan.schools.pk: "CONFIRMED",
        plan.cancelled.pk: "CANCELLED",
    }


def test_each_region_in_its_own_zone(users, mentor, plan):  # type: ignore[no-untyped-def]
    makassar = Region.objects.get(pk="73.71")
    jayapura = Region.objects.get(pk="91.71")
    east = plan_guidance(makassar, mentors=(mentor,), starts_on=date(2023, 10, 2))
    far_east = plan_guidance(jayapura, mentors=(mentor,), starts_on=date(2023, 11, 6))
    response = _feed(mentor, "mentor", mentor.pk)
    text = response.content.decode()
    calendar = Calendar.from_ical(response.content)
    events = _by_uid(calendar)
    assert len(calendar.events) == 3 * (4 + 1)  # three visits, four dated sessions each
    for planned, zone_name in (
        (plan, "Asia/Jakarta"),
        (east, "Asia/Makassar"),
        (far_east, "Asia/Jayapura"),
    ):
        event = events[f"bimtek-session-{planned.plenary.pk}@127.0.0.1"]
        assert event.start.tzinfo.key == zone_name
        assert event.start == planned.plenary.starts_at
        assert event.start.hour == 9  # 09:00 of the region's clock
    assert "DTSTART;TZID=Asia/Makassar:20231002T090000" in text
    assert "DTSTART;TZID=Asia/Jayapura:20231106T090000" in text
    assert sorted(tz.tz_name for tz in calendar.timezones) == [
        "Asia/Jakarta",
        "Asia/Jayapura",
        "Asia/Makassar",
    ]
    # A mentor's calendar spans regions: each summary names its region.
    assert str(events[f"bimtek-session-{east.plenary.pk}@127.0.0.1"]["SUMMARY"]) == (
        "Pleno pembukaan · Kota Makassar"
    )


def test_the_opd_feed_holds_plenaries_and_its_groups(users, plan):  # type: ignore[no-untyped-def]
    dinkes = users["opd_officer"].opd
    events = _by_uid(_calendar(users["opd_officer"], "opd", dinkes.pk))
    sessions = {uid for uid in events if uid.startswith("bimtek-session-")}
    assert sessions == {
        f"bimtek-session-{plan.plenary.pk}@127.0.0.1",
        f"bimtek-session-{plan.health.pk}@127.0.0.1",
    }


def test_a_moved_session_keeps_its_uid_and_raises_its_sequence(users, plan, batang):  # type: ignore[no-untyped-def]
    uid = f"bimtek-session-{plan.health.pk}@127.0.0.1"
    before = _by_uid(_calendar(users["coordinator"], "region", batang.code))[uid]
    # As services.move_session does: a new time, sequence + 1.
    plan.health.starts_at += timedelta(days=1, hours=2)
    plan.health.sequence += 1
    plan.health.save()
    calendar = _calendar(users["coordinator"], "region", batang.code)
    after = _by_uid(calendar)[uid]
    assert len(calendar.events) == 5  # replaced, not added
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1
    assert after.start == before.start + timedelta(days=1, hours=2)
    assert after.start == plan.health.starts_at
    # The visit's dates did not change: its event keeps its sequence until they do.
    visit_uid = f"bimtek-visit-{plan.visit.pk}@127.0.0.1"
    assert int(_by_uid(calendar)[visit_uid]["SEQUENCE"]) == 0
    plan.visit.starts_on += timedelta(days=7)
    plan.visit.ends_on += timedelta(days=7)
    plan.visit.sequence += 1  # as services.move_visit and apply_run do
    plan.visit.save()
    moved = _by_uid(_calendar(users["coordinator"], "region", batang.code))[visit_uid]
    assert int(moved["SEQUENCE"]) == 1


def test_the_feed_speaks_the_viewers_language(users, plan, batang):  # type: ignore[no-untyped-def]
    coordinator = users["coordinator"]
    coordinator.language = "id"
    coordinator.save()
    events = _by_uid(_calendar(coordinator, "region", batang.code))
    visit = events[f"bimtek-visit-{plan.visit.pk}@127.0.0.1"]
    assert "Tahap I" in str(visit["SUMMARY"])


def _url(kind: str, key: object, token: str) -> str:
    return f"/bimtek/calendar/{kind}/{key}/{token}.ics"


def test_refusals_are_all_404(users, mentor, plan, batang, batanghari, make_user):  # type: ignore[no-untyped-def]
    coordinator, other = users["coordinator"], users["other_coordinator"]
    good = feeds.token_for(coordinator, "region", batang.code)
    assert Client().get(_url("region", batang.code, good)).status_code == 200
    refused = {
        "unknown kind": _url("team", batang.code, good),
        "unknown region": _url(
            "region", "99.99", feeds.token_for(users["program_office"], "region", "99.99")
        ),
        "unknown OPD": _url("opd", 999999, feeds.token_for(users["program_office"], "opd", 999999)),
        "unknown mentor": _url(
            "mentor", 999999, feeds.token_for(users["program_office"], "mentor", 999999)
        ),
        "not a number": _url("opd", "abc", feeds.token_for(users["program_office"], "opd", "abc")),
        "a huge number": _url(
            "opd", "9" * 30, feeds.token_for(users["program_office"], "opd", "9" * 30)
        ),
        "bad token": _url("region", batang.code, good[:-2] + ("AA" if good[-2:] != "AA" else "BB")),
        "no signature": _url("region", batang.code, f"{coordinator.pk}"),
        "garbage": _url("region", batang.code, "..."),
        "another user's id": _url("region", batang.code, f"{other.pk}.{good.split('.', 1)[1]}"),
        "another calendar's token": _url(
            "region", batang.code, feeds.token_for(coordinator, "opd", users["opd_officer"].opd_id)
        ),
        "a foreign region": _url(
            "region", batang.code, feeds.token_for(other, "region", batang.code)
        ),
        "a region without guidance": _url(
            "region", batanghari.code, feeds.token_for(other, "region", batanghari.code)
        ),
        "another mentor's calendar": _url(
            "mentor", mentor.pk, feeds.token_for(users["mentor"], "mentor", mentor.pk)
        ),
        "an outsider's OPD token": _url(
            "opd",
            users["opd_officer"].opd_id,
            feeds.token_for(other, "opd", users["opd_officer"].opd_id),
        ),
        "an assessor assigned to the region": _url(
            "region", batang.code, feeds.token_for(users["assessor"], "region", batang.code)
        ),
    }
    wrong = {}
    for what, url in refused.items():
        status = Client().get(url).status_code
        if status != 404:
            wrong[what] = status
    assert not wrong, wrong


def test_a_deactivated_persons_link_stops_working(users, plan, batang):  # type: ignore[no-untyped-def]
    coordinator = users["coordinator"]
    url = feeds.feed_url(coordinator, "region", batang.code)
    assert Client().get(url).status_code == 200
    coordinator.is_active = False
    coordinator.save()
    assert Client().get(url).status_code == 404


def test_losing_access_closes_the_link(users, mentor, plan):  # type: ignore[no-untyped-def]
    """A mentor taken off the team (and not assigned) no longer reads the region's feed."""
    url = feeds.feed_url(mentor, "region", plan.guidance.region_id)
    assert Client().get(url).status_code == 200
    plan.guidance.team.remove(mentor)
    assert Client().get(url).status_code == 404


def test_another_session_cannot_borrow_a_token(users, plan, batang):  # type: ignore[no-untyped-def]
    """Signed in or not, the token decides whose calendar it is: a signed-in outsider who
    changes the user id in someone else's link gets 404."""
    token = feeds.token_for(users["coordinator"], "region", batang.code)
    client = Client()
    client.force_login(users["other_coordinator"])
    forged = f"{users['other_coordinator'].pk}.{token.split('.', 1)[1]}"
    assert client.get(_url("region", batang.code, forged)).status_code == 404


@pytest.mark.parametrize(
    "token", ["", ".", "1.", ".abc", "x.y", "1" * 40 + ".sig", "١.signature-that-is-long-enough"]
)
def test_viewer_for_never_raises(users, token):  # type: ignore[no-untyped-def]
    assert feeds.viewer_for("region", "33.25", token) is None
    assert feeds.viewer_for("nope", "33.25", token) is None


def test_viewer_for_reads_a_genuine_token(users):  # type: ignore[no-untyped-def]
    coordinator = users["coordinator"]
    token = feeds.token_for(coordinator, "region", "33.25")
    assert feeds.viewer_for("region", "33.25", token) == coordinator
    assert feeds.viewer_for("region", "15.04", token) is None
    assert feeds.viewer_for("opd", "33.25", token) is None
    with pytest.raises(ValueError):
        feeds.token_for(coordinator, "team", "33.25")


def test_only_reading_methods(users, plan, batang):  # type: ignore[no-untyped-def]
    url = feeds.feed_url(users["coordinator"], "region", batang.code)
    assert Client().head(url).status_code == 200
    assert Client().post(url).status_code == 405


def test_the_uid_host_follows_the_configured_site(settings, users, plan, batang):  # type: ignore[no-untyped-def]
    settings.SITE_URL = "https://kotacerdas.example.go.id"
    assert (
        ics.session_uid(plan.plenary)
        == f"bimtek-session-{plan.plenary.pk}@kotacerdas.example.go.id"
    )
    # Whatever address the calendar app used.
    response = Client().get(
        feeds.feed_url(users["coordinator"], "region", batang.code), HTTP_HOST="127.0.0.1"
    )
    assert f"bimtek-session-{plan.plenary.pk}@kotacerdas.example.go.id" in _by_uid(
        Calendar.from_ical(response.content)
    )


def _count(url: str) -> int:
    client = Client()
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_feed_queries_do_not_grow_with_the_calendar(users, mentor, plan, batang):  # type: ignore[no-untyped-def]
    url = feeds.feed_url(mentor, "mentor", mentor.pk)
    small = _count(url)
    for number in (2, 3, 4):
        plan_guidance(
            batang,
            mentors=(mentor,),
            starts_on=date(2023, 9, 4) + timedelta(days=35 * (number - 1)),
            stage_number=number,
        )
    plan_guidance(Region.objects.get(pk="73.71"), mentors=(mentor,), starts_on=date(2023, 10, 2))
    large = _count(url)
    assert large == small, (small, large)
    assert small <= 6, small


def test_moved_through_the_service(users, plan, batang):  # type: ignore[no-untyped-def]
    """services.move_session (the coordinator, to Wednesday 10:00 in Batang): the feed's
    event keeps its UID, its SEQUENCE rises and its time follows."""
    from kotacerdas.bimtek.services import moves as session_services

    uid = f"bimtek-session-{plan.health.pk}@127.0.0.1"
    before = _by_uid(_calendar(users["coordinator"], "region", batang.code))[uid]
    session_services.move_session(
        users["coordinator"], plan.health, starts_at=datetime(2023, 9, 6, 10, 0)
    )
    calendar = _calendar(users["coordinator"], "region", batang.code)
    after = _by_uid(calendar)[uid]
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1
    assert after.start == datetime(2023, 9, 6, 10, tzinfo=ZoneInfo("Asia/Jakarta"))
    assert len(calendar.events) == 5
