"""Calendar pages per mentor, region and OPD: what each role sees, times in the region's
zone, the OPD's own sessions, the cohort filter, the empty state, the subscription link
and a query count that does not grow with the calendar.

`plan_guidance` builds guidance rows directly with the models (tests may); the feed and
route-matrix tests reuse it."""

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kotacerdas.bimtek import feeds
from kotacerdas.bimtek.models import (
    GuidanceRegion,
    GuidanceSession,
    GuidanceStage,
    GuidanceVisit,
    OPDGroup,
    SessionKind,
    SessionStatus,
)
from kotacerdas.core.localtime import zone
from kotacerdas.core.roles import Role
from kotacerdas.program.models import Cohort
from kotacerdas.regions.models import OPD, OPDKind, Region


@dataclass
class Plan:
    """One region's guidance in one cohort: a visit of stage I with a plenary, two OPD
    group sessions (one per group), a cancelled one and one without a time yet."""

    cohort: Any
    guidance: Any
    visit: Any
    plenary: Any
    health: Any  # the health group's session (the world's Dinkes is in that group)
    schools: Any  # the education group's session
    cancelled: Any
    undated: Any
    sessions: list[Any] = field(default_factory=list)


def cohort_of(year: int) -> Any:
    cohort, _created = Cohort.objects.get_or_create(
        year=year,
        defaults={
            "name": f"Gerakan Menuju Smart City {year}",
            "quota": 50,
            "application_deadline": datetime(year, 4, 30, tzinfo=UTC),
        },
    )
    return cohort


def plan_guidance(
    region: Region,
    *,
    year: int = 2023,
    mentors: tuple[Any, ...] = (),
    health_opds: tuple[Any, ...] = (),
    starts_on: date = date(2023, 9, 4),
    stage_number: int = 1,
) -> Plan:
    """Guidance for `region`: the visit runs three days from `starts_on`, its sessions
    at 09:00, 10:00 and 13:00 of the region's clock on its first two days."""
    cohort = cohort_of(year)
    stage, _created = GuidanceStage.objects.get_or_create(cohort=cohort, number=stage_number)
    guidance, _created = GuidanceRegion.objects.get_or_create(cohort=cohort, region=region)
    guidance.team.add(*mentors)
    health = OPDGroup.objects.create(guidance=guidance, name=f"Kesehatan {stage_number}")
    health.opds.add(*health_opds)
    schools_opd = OPD.objects.create(
        region=region,
        name=f"Dinas Pendidikan {region.code}-{year}-{stage_number}",
        kind=OPDKind.DINAS,
    )
    schools = OPDGroup.objects.create(guidance=guidance, name=f"Pendidikan {stage_number}")
    schools.opds.add(schools_opd)
    visit = GuidanceVisit.objects.create(
        guidance=guidance, stage=stage, starts_on=starts_on, ends_on=starts_on + timedelta(days=2)
    )
    visit.mentors.add(*mentors)
    local = zone(region)

    def at(day: int, hour: int) -> datetime:
        wall = datetime.combine(starts_on + timedelta(days=day), datetime.min.time(), local)
        return (wall + timedelta(hours=hour)).astimezone(UTC)

    def session(title: str, kind: str, group: Any, starts_at: Any, **extra: Any) -> Any:
        return GuidanceSession.objects.create(
            visit=visit, kind=kind, group=group, title=title, starts_at=starts_at, **extra
        )

    plenary = session("Pleno pembukaan", SessionKind.PLENARY, None, at(0, 9))
    health_session = session("Sesi kesehatan", SessionKind.GROUP, health, at(1, 10))
    schools_session = session("Sesi pendidikan", SessionKind.GROUP, schools, at(1, 13))
    cancelled = session(
        "Sesi batal", SessionKind.GROUP, schools, at(0, 13), status=SessionStatus.CANCELLED
    )
    undated = session("Sesi belum dijadwalkan", SessionKind.GROUP, health, None)
    return Plan(
        cohort=cohort,
        guidance=guidance,
        visit=visit,
        plenary=plenary,
        health=health_session,
        schools=schools_session,
        cancelled=cancelled,
        undated=undated,
        sessions=[plenary, health_session, schools_session, cancelled, undated],
    )


@pytest.fixture
def mentor(make_user) -> Any:  # type: ignore[no-untyped-def]
    """A mentor on Batang's team (not assigned to it: the team alone opens it)."""
    return make_user("tenaga-ahli", Role.MENTOR, first_name="Ayu", last_name="Lestari")


@pytest.fixture
def plan(users, mentor, batang) -> Plan:  # type: ignore[no-untyped-def]
    return plan_guidance(batang, mentors=(mentor,), health_opds=(users["opd_officer"].opd,))


def _client(user: Any, language: str = "en") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = language
    return client


def _page(user: Any, url: str) -> str:
    response = _client(user).get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_region_calendar_lists_visit_and_sessions_in_the_regions_zone(users, plan, batang):  # type: ignore[no-untyped-def]
    html = _page(users["coordinator"], f"/bimtek/calendar/regions/{batang.code}/")
    assert "September 2023" in html
    assert "Guidance visit, Stage I" in html
    assert "4 September – 6 September" in html
    assert "Ayu Lestari" in html  # the visit's team
    # 09:00 in Batang (WIB) is 02:00 UTC, as stored.
    assert plan.plenary.starts_at == datetime(2023, 9, 4, 2, tzinfo=UTC)
    assert "09:00–11:00 WIB" in html
    assert "10:00–12:00 WIB" in html
    for session in (plan.plenary, plan.health, plan.schools, plan.cancelled):
        assert f'href="/bimtek/sessions/{session.pk}/"' in html
    assert "Sesi belum dijadwalkan" not in html
    assert "1 session has no date yet." in html
    assert "Times in WIB (Asia/Jakarta)" in html
    # Day headings in order, sessions of a day by time.
    assert html.index("Monday, 4 September 2023") < html.index("Tuesday, 5 September 2023")
    assert html.index("Sesi kesehatan") < html.index("Sesi pendidikan")
    # The month grid marks the visit's days and links the agenda's days.
    assert 'href="#day-2023-09-04"' in html


def test_times_are_in_each_regions_own_zone(users, mentor, plan):  # type: ignore[no-untyped-def]
    makassar = Region.objects.get(pk="73.71")  # WITA
    jayapura = Region.objects.get(pk="91.71")  # WIT
    east = plan_guidance(makassar, mentors=(mentor,), starts_on=date(2023, 10, 2))
    far_east = plan_guidance(jayapura, mentors=(mentor,), starts_on=date(2023, 11, 6))
    assert east.plenary.starts_at == datetime(2023, 10, 2, 1, tzinfo=UTC)  # 09:00 WITA
    assert far_east.plenary.starts_at == datetime(2023, 11, 6, 0, tzinfo=UTC)  # 09:00 WIT
    html = _page(mentor, f"/bimtek/calendar/mentors/{mentor.pk}/")
    assert "09:00–11:00 WIB" in html and "09:00–11:00 WITA" in html and "09:00–11:00 WIT" in html
    assert "Kota Makassar" in html and "Kota Jayapura" in html  # a mentor's entries name regions
    assert "Times in each region" in html
    assert [m for m in ("September 2023", "October 2023", "November 2023") if m in html] == [
        "September 2023",
        "October 2023",
        "November 2023",
    ]


def test_opd_calendar_shows_plenaries_and_its_own_groups(users, plan):  # type: ignore[no-untyped-def]
    dinkes = users["opd_officer"].opd
    html = _page(users["opd_officer"], f"/bimtek/calendar/opds/{dinkes.pk}/")
    assert "Pleno pembukaan" in html and "Sesi kesehatan" in html
    assert "Sesi pendidikan" not in html and "Sesi batal" not in html
    assert "Guidance visit, Stage I" in html
    assert dinkes.name in html


def test_an_opd_officer_sees_the_other_opds_of_the_region(users, plan):  # type: ignore[no-untyped-def]
    schools_opd = plan.schools.group.opds.get()
    html = _page(users["opd_officer"], f"/bimtek/calendar/opds/{schools_opd.pk}/")
    assert "Sesi pendidikan" in html and "Sesi kesehatan" not in html


def test_the_cohort_filter(users, mentor, plan, batang):  # type: ignore[no-untyped-def]
    later = plan_guidance(batang, year=2024, mentors=(mentor,), starts_on=date(2024, 9, 2))
    later.plenary.title = "Pleno 2024"
    later.plenary.save()
    url = f"/bimtek/calendar/regions/{batang.code}/"
    both = _page(users["coordinator"], url)
    assert "Pleno pembukaan" in both and "Pleno 2024" in both
    assert 'name="cohort"' in both and "Gerakan Menuju Smart City 2024" in both
    only = _page(users["coordinator"], url + "?cohort=2024")
    assert "Pleno 2024" in only and "Pleno pembukaan" not in only
    assert '<option value="2024" selected>' in only
    # Anything else shows every cohort rather than failing.
    for value in ("abc", "1999", "2024x", ""):
        html = _page(users["coordinator"], f"{url}?cohort={value}")
        assert "Pleno 2024" in html and "Pleno pembukaan" in html


def test_an_empty_calendar_says_so(users, mentor, make_user):  # type: ignore[no-untyped-def]
    idle = make_user("tenaga-ahli-2", Role.MENTOR)
    html = _page(users["program_office"], f"/bimtek/calendar/mentors/{idle.pk}/")
    assert 'data-testid="calendar-empty"' in html
    assert "Nothing scheduled in this calendar yet" in html
    assert 'data-testid="calendar-subscribe"' in html


def test_the_page_offers_the_viewers_own_feed(users, plan, batang):  # type: ignore[no-untyped-def]
    coordinator = users["coordinator"]
    html = _page(coordinator, f"/bimtek/calendar/regions/{batang.code}/")
    path = feeds.feed_url(coordinator, "region", batang.code)
    assert f'value="http://testserver{path}"' in html
    assert f'href="webcal://testserver{path}"' in html
    assert "Google Calendar" in html and "Outlook" in html
    # The link opens the feed, also from a signed-in browser.
    response = _client(coordinator).get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"


def test_the_page_speaks_indonesian(users, plan, batang):  # type: ignore[no-untyped-def]
    response = _client(users["coordinator"], "id").get(f"/bimtek/calendar/regions/{batang.code}/")
    html = response.content.decode()
    assert "Kunjungan bimtek" in html or "Kunjungan Bimtek" in html
    assert "September 2023" in html
    assert "mentor" not in re.sub(r"<[^>]+>", " ", html).lower().replace("tenaga-ahli", "")


@pytest.mark.parametrize(
    ("role", "path", "status"),
    [
        ("program_office", "regions/{code}", 200),
        ("coordinator", "regions/{code}", 200),
        ("opd_officer", "regions/{code}", 200),
        ("mentor", "regions/{code}", 200),  # assigned to Batang
        ("team_mentor", "regions/{code}", 200),  # on the team only
        ("assessor", "regions/{code}", 404),
        ("other_coordinator", "regions/{code}", 404),
        ("no_role", "regions/{code}", 404),
        ("other_coordinator", "regions/{other_code}", 404),  # Batanghari has no guidance
        ("program_office", "regions/99.99", 404),
        ("program_office", "opds/{opd}", 200),
        ("team_mentor", "opds/{opd}", 200),
        ("other_coordinator", "opds/{opd}", 404),
        ("assessor", "opds/{opd}", 404),
        ("program_office", "opds/999999", 404),
        ("program_office", "mentors/{team_mentor}", 200),
        ("team_mentor", "mentors/{team_mentor}", 200),
        ("mentor", "mentors/{team_mentor}", 404),  # another mentor's calendar
        ("coordinator", "mentors/{team_mentor}", 404),
        ("program_office", "mentors/{coordinator}", 404),  # not a mentor
    ],
)
def test_who_sees_which_calendar(users, mentor, plan, batang, batanghari, role, path, status):  # type: ignore[no-untyped-def]
    people = {**users, "team_mentor": mentor}
    url = (
        "/bimtek/calendar/"
        + path.format(
            code=batang.code,
            other_code=batanghari.code,
            opd=users["opd_officer"].opd_id,
            team_mentor=mentor.pk,
            coordinator=users["coordinator"].pk,
        )
        + "/"
    )
    assert _client(people[role]).get(url).status_code == status


def test_anonymous_visitors_are_asked_to_log_in(plan, batang):  # type: ignore[no-untyped-def]
    response = Client().get(f"/bimtek/calendar/regions/{batang.code}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def _count(user: Any, url: str) -> int:
    client = _client(user)
    client.get(url)  # warm the session and caches
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


@pytest.mark.parametrize("kind", ["region", "opd", "mentor"])
def test_queries_do_not_grow_with_the_calendar(users, mentor, plan, batang, kind):  # type: ignore[no-untyped-def]
    urls = {
        "region": (users["coordinator"], f"/bimtek/calendar/regions/{batang.code}/"),
        "opd": (users["opd_officer"], f"/bimtek/calendar/opds/{users['opd_officer'].opd_id}/"),
        "mentor": (mentor, f"/bimtek/calendar/mentors/{mentor.pk}/"),
    }
    user, url = urls[kind]
    small = _count(user, url)
    dinkes = users["opd_officer"].opd
    second = type(mentor).objects.create(username="ta-3", role=Role.MENTOR)
    for number in (2, 3, 4):
        extra = plan_guidance(
            batang,
            mentors=(mentor, second),
            health_opds=(dinkes,),
            starts_on=date(2023, 9, 4) + timedelta(days=35 * (number - 1)),
            stage_number=number,
        )
        assert extra.visit.mentors.count() == 2
    large = _count(user, url)
    assert large == small, (small, large)
    assert small <= 12, small
