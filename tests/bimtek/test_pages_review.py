"""What reviewers found walking the guidance pages in a browser, each kept fixed: ids that
are no ids (404, never 500), huge numbers in multi-selects (a form error), ISO values in
date inputs whatever the language, the run page's words (status refreshed with the bar,
visits left unscheduled, the plan in force beside), a mentor's past visits, an OPD's own
sessions in its calendar and feed, the OPD calendars from the region page, the stages
page that writes nothing on GET, the default plan window and who sees "Guidance"."""

import re
from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone, translation

from kotacerdas.bimtek import messages as explain
from kotacerdas.bimtek.models import GuidanceSession, GuidanceStage, RunStatus, ScheduleRun
from kotacerdas.bimtek.views.planning import default_window
from kotacerdas.core.models import Job
from kotacerdas.program import services as program_services
from tests.bimtek.factories import guidance_world


@pytest.fixture
def gw(users):  # type: ignore[no-untyped-def]
    return guidance_world(
        office=users["program_office"],
        coordinator=users["coordinator"],
        mentor=users["mentor"],
        officer=users["opd_officer"],
    )


def _as(user: Any, language: str = "en") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _text(response: Any) -> str:
    return response.content.decode()


def _region_url(gw: Any) -> str:
    return f"/bimtek/{gw.cohort.year}/regions/{gw.code}/"


# Ids that are no ids -------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["abc", "1e5", "-1", "99999999999999999999999"])
def test_ids_that_are_no_ids_are_not_found(gw, users, bad) -> None:  # type: ignore[no-untyped-def]
    client = _as(users["coordinator"])
    groups = f"{_region_url(gw)}groups/"
    assert client.get(groups, {"edit": bad}).status_code == 404
    assert client.post(groups, {"action": "delete", "group": bad}).status_code == 404
    assert client.post(groups, {"group": bad, "name": "Ekonomi"}).status_code == 404
    response = client.post(_region_url(gw), {"action": "blackout-remove", "blackout": bad})
    assert response.status_code == 404
    mentor = _as(users["mentor"])
    response = mentor.post(
        f"/bimtek/mentors/{users['mentor'].pk}/", {"action": "unavailable-remove", "period": bad}
    )
    assert response.status_code == 404


def test_huge_ids_in_the_path_are_not_found(gw, users) -> None:  # type: ignore[no-untyped-def]
    huge = "99999999999999999999999"
    client = _as(users["program_office"])
    for path in (
        f"/bimtek/visits/{huge}/",
        f"/bimtek/sessions/{huge}/",
        f"/bimtek/mentors/{huge}/",
        f"/bimtek/{gw.cohort.year}/runs/{huge}/",
        f"/bimtek/calendar/opds/{huge}/",
        f"/bimtek/calendar/mentors/{huge}/",
        f"/bimtek/{huge}/",
    ):
        assert client.get(path).status_code == 404, path


@pytest.mark.parametrize("bad", ["99999999999999999999999", "1e20", "abc"])
def test_huge_or_odd_choices_are_a_form_error(gw, users, bad) -> None:  # type: ignore[no-untyped-def]
    visit = gw.visit(stage=3)
    response = _as(users["program_office"]).post(
        f"/bimtek/visits/{visit.pk}/move/",
        {"starts_on": visit.starts_on.isoformat(), "mentors": [bad]},
    )
    assert response.status_code == 200 and "is-invalid" in _text(response)
    response = _as(users["coordinator"]).post(
        f"{_region_url(gw)}groups/",
        {"name": "Ekonomi", "opds": [bad], "session_minutes": 120},
    )
    assert response.status_code == 200 and "is-invalid" in _text(response)


# Dates in date inputs ------------------------------------------------------------------------


def test_date_inputs_hold_iso_dates_in_indonesian(gw, users) -> None:  # type: ignore[no-untyped-def]
    visit = gw.visit(stage=3)
    page = _text(_as(users["program_office"], "id").get(f"/bimtek/visits/{visit.pk}/"))
    values = re.findall(r'<input type="date" name="starts_on" value="([^"]*)"', page)
    assert values == [visit.starts_on.isoformat()]
    page = _text(_as(users["program_office"], "id").get(f"/bimtek/{gw.cohort.year}/"))
    values = re.findall(r'<input type="date" name="(?:starts_on|ends_on)" value="([^"]*)"', page)
    assert values and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", v) for v in values)


# The solver's words ----------------------------------------------------------------------------


def test_plan_sources_and_shortages_read_as_sentences() -> None:
    names = explain.Names(regions={"33.25": "Kabupaten Batang"})
    with translation.override("en"):
        assert "simple plan" in explain.warning_text("plan_from_greedy")
        assert "chains visits in one province" in explain.warning_text("plan_from_hint")
        short = explain.shortage_text(
            {"resource": "window", "needed": 140, "available": 130, "detail": {}}, names
        )
        assert "need at least 140 days" in short and "only 130" in short
        room = explain.shortage_text(
            {"resource": "window", "needed": 66, "available": 130, "detail": {}}, names
        )
        assert "only" not in room and "leave no room" in room
        visits = [[f"{n}", 2] for n in range(7)] + [["33.25", 3]]
        month = explain.shortage_text(
            {
                "resource": "mentor_days",
                "needed": 30,
                "available": 18,
                "month": "2026-11",
                "detail": {"visits": visits, "mentors": ["1"], "fragmented": False},
            },
            names,
        )
        assert "November 2026" in month and "30 mentor-days" in month and "18" in month
        assert "12 mentor-days short" in month
        assert "Regions: 0, 1, 2, 3, 4 and 3 more." in month


# The run page ------------------------------------------------------------------------------------


def test_the_status_refreshes_with_the_bar(gw, users) -> None:  # type: ignore[no-untyped-def]
    job = Job.objects.create(kind="bimtek.schedule", status="running", progress=14)
    run = ScheduleRun.objects.create(
        cohort=gw.cohort,
        requested_by=gw.office,
        job=job,
        starts_on=gw.starts[1],
        ends_on=gw.deadline,
        status=RunStatus.QUEUED,
    )
    url = f"/bimtek/{gw.cohort.year}/runs/{run.pk}/"
    client = _as(users["program_office"])
    page = _text(client.get(url))
    assert 'data-testid="run-status">Planning<' in page and "Waiting to start" not in page
    poll = _text(client.get(url, headers={"HX-Request": "true"}))
    assert 'data-testid="run-status"' in poll and 'data-testid="run-status-text"' in poll
    assert "14%" in poll


def test_the_apply_section_counts_what_is_left_and_compares_with_the_plan_in_force(
    gw, users
) -> None:  # type: ignore[no-untyped-def]
    plan = [row for row in gw.run.plan if not (row["region"] == "73.71" and row["stage"] == 4)]
    run = ScheduleRun.objects.create(
        cohort=gw.cohort,
        requested_by=gw.office,
        starts_on=gw.starts[1],
        ends_on=gw.deadline,
        status=RunStatus.INCOMPLETE,
        plan=plan,
        figures={**gw.run.figures, "visits": len(plan), "travel_days": 7},
        greedy_figures=gw.run.greedy_figures,
        unplaced=[{"region": "73.71", "stage": 4, "reason": "deadline", "detail": {}}],
    )
    ScheduleRun.objects.filter(pk=gw.run.pk).update(
        figures={**gw.run.figures, "visits": 12, "travel_days": 9}
    )
    page = _text(_as(users["program_office"]).get(f"/bimtek/{gw.cohort.year}/runs/{run.pk}/"))
    assert 'data-testid="apply"' in page
    assert "1 visit will be left unscheduled" in page
    assert (
        f"This plan places {len(plan)} visits and needs 7 travel days; the plan in force "
        "places 12 and needs 9."
    ) in page
    page_id = _text(
        _as(users["program_office"], "id").get(f"/bimtek/{gw.cohort.year}/runs/{run.pk}/")
    )
    assert "Rencana hasil optimasi" in page_id and "Rencana optimal" not in page_id


# A mentor's visits ---------------------------------------------------------------------------------


def test_a_mentors_page_lists_past_visits_and_assigned_regions(gw, users) -> None:  # type: ignore[no-untyped-def]
    mentor = users["mentor"]
    page = _text(_as(mentor).get(f"/bimtek/mentors/{mentor.pk}/"))
    past = page.split('data-testid="visits-past"')[1].split("</ul>")[0]
    assert f'href="/bimtek/visits/{gw.visit(stage=1).pk}/"' in past
    regions = page.split('data-testid="assigned-regions"')[1].split("</ul>")[0]
    assert "Kabupaten Batang" in regions


# An OPD's own sessions ------------------------------------------------------------------------------


def _own_session(gw: Any) -> GuidanceSession:
    session = GuidanceSession.objects.filter(
        visit__guidance=gw.guidance[gw.code], opd__isnull=False, group__isnull=True
    ).first()
    assert session is not None, "the world has OPDs in no group: each has its own session"
    return session


def test_an_opds_calendar_and_feed_hold_its_own_sessions_named_after_it(gw, users) -> None:  # type: ignore[no-untyped-def]
    session = _own_session(gw)
    assert session.opd is not None
    officer = users["opd_officer"]
    officer.opd = session.opd
    officer.save(update_fields=["opd"])
    page = _text(_as(officer).get(f"/bimtek/calendar/opds/{session.opd.pk}/"))
    assert f'href="/bimtek/sessions/{session.pk}/"' in page
    assert f"OPD: {session.opd.name}" in page
    feed = re.search(r'value="(http[^"]+\.ics)"', page) or re.search(
        r'"(https?://[^"]+\.ics)"', page
    )
    assert feed is not None
    body = Client().get(feed.group(1).split("testserver", 1)[1]).content.decode()
    unfolded = body.replace("\r\n ", "")
    assert f"OPD: {session.opd.name}" in unfolded.replace("\\n", "\n")
    session_page = _text(_as(users["program_office"]).get(f"/bimtek/sessions/{session.pk}/"))
    assert f"OPD: {session.opd.name}" in session_page
    visit_page = _text(_as(users["program_office"]).get(f"/bimtek/visits/{session.visit_id}/"))
    assert (session.opd.abbreviation or session.opd.name) in visit_page


def test_the_region_page_links_the_opd_calendars(gw, users) -> None:  # type: ignore[no-untyped-def]
    officer = users["opd_officer"]
    page = _text(_as(officer).get(_region_url(gw)))
    assert f'href="/bimtek/calendar/opds/{officer.opd_id}/"' in page
    assert 'data-testid="opd-calendars"' not in page
    page = _text(_as(users["coordinator"]).get(_region_url(gw)))
    for opd in gw.opds[gw.code]:
        assert f'href="/bimtek/calendar/opds/{opd.pk}/"' in page


# Stages, the window, the sign-off, the menu -------------------------------------------------------


def test_the_stages_page_writes_nothing_on_get(users) -> None:  # type: ignore[no-untyped-def]
    cohort = program_services.create_cohort(
        users["program_office"],
        year=2039,
        name="Angkatan 2039",
        quota=10,
        application_deadline=timezone.now() + timedelta(days=10),
        phases=[],
    )
    client = _as(users["program_office"])
    page = _text(client.get("/bimtek/2039/stages/"))
    assert 'data-testid="stage-4"' in page and 'value="3"' in page  # the defaults
    assert not GuidanceStage.objects.filter(cohort=cohort).exists()
    data = {}
    for n in (1, 2, 3, 4):
        data |= {
            f"stage{n}-expected_outputs": f"Keluaran {n}",
            f"stage{n}-days_in_region": 2,
            f"stage{n}-min_gap_days": 21,
            f"stage{n}-max_gap_days": 42,
        }
    assert client.post("/bimtek/2039/stages/", data).status_code == 302
    assert GuidanceStage.objects.filter(cohort=cohort, days_in_region=2).count() == 4


def _cohort(**phases: tuple[date, date]) -> Any:
    rows = [SimpleNamespace(kind=k, starts_on=s, ends_on=e) for k, (s, e) in phases.items()]
    return SimpleNamespace(phases=SimpleNamespace(all=lambda: rows))


def test_the_default_window_of_a_past_cohort_starts_with_its_guidance() -> None:
    today = date(2026, 8, 1)
    past = _cohort(
        guidance_1=(date(2023, 7, 1), date(2023, 7, 31)),
        masterplan=(date(2023, 11, 1), date(2023, 12, 15)),
    )
    assert default_window(past, today) == (date(2023, 7, 1), date(2023, 12, 15))
    signed = _cohort(
        agreement=(date(2023, 5, 1), date(2023, 5, 31)),
        masterplan=(date(2023, 11, 1), date(2023, 12, 15)),
    )
    assert default_window(signed, today) == (date(2023, 6, 1), date(2023, 12, 15))
    current = _cohort(
        guidance_1=(date(2026, 3, 1), date(2026, 3, 31)),
        masterplan=(date(2026, 11, 1), date(2026, 12, 15)),
    )
    assert default_window(current, today) == (today, date(2026, 12, 15))
    nothing = _cohort(masterplan=(date(2023, 11, 1), date(2023, 12, 15)))
    starts, ends = default_window(nothing, today)
    assert ends is not None and starts <= ends


def test_the_sign_off_promises_no_cancel_action(gw, users) -> None:  # type: ignore[no-untyped-def]
    page = _text(_as(users["mentor"]).get(f"/bimtek/visits/{gw.visit(stage=2).pk}/"))
    assert "or cancelled" not in page and "Every planned session must be held" in page
    page = _text(_as(users["mentor"], "id").get(f"/bimtek/visits/{gw.visit(stage=2).pk}/"))
    assert "dibatalkan" not in page


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        ("program_office", True),
        ("mentor", True),
        ("coordinator", True),
        ("opd_officer", True),
        ("assessor", False),
    ],
)
def test_the_guidance_menu_is_for_the_people_of_guidance(users, role, shown) -> None:  # type: ignore[no-untyped-def]
    page = _text(_as(users[role]).get("/"))
    assert ('data-testid="nav-guidance"' in page) is shown
