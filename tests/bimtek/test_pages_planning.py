"""The office's guidance pages as people use them: the way in for each role, a cohort's
guidance, editing the stages, asking for a plan (bad input kept and explained), a run's
answer beside the baseline with what does not fit in words, and applying it."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kotacerdas.bimtek.models import GuidanceStage, RunStatus, ScheduleRun
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


# The way in -------------------------------------------------------------------------------


def test_the_office_starts_from_its_cohorts(gw, users) -> None:  # type: ignore[no-untyped-def]
    page = _text(_as(users["program_office"]).get("/bimtek/"))
    assert f'href="/bimtek/{gw.cohort.year}/"' in page
    assert gw.cohort.name in page


def test_a_mentor_starts_from_their_visits_and_sessions_ahead(gw, users) -> None:  # type: ignore[no-untyped-def]
    page = _text(_as(users["mentor"]).get("/bimtek/"))
    visit = gw.visit(stage=2)
    assert f'href="/bimtek/visits/{visit.pk}/"' in page  # stage II lies ahead
    ahead, waiting = page.split('data-testid="my-visits"')[1], page.split('id="h-visits"')[0]
    stage_one = f'href="/bimtek/visits/{gw.visit(stage=1).pk}/"'
    # Stage I is over but not signed off: it waits for the mentor's record, not ahead.
    assert stage_one not in ahead and stage_one in waiting
    assert "waiting for your record" in waiting
    assert 'data-testid="my-sessions"' in page and "WIB" in page
    assert "Kota Makassar" not in page  # another mentor's region


def test_a_region_goes_to_its_own_guidance(gw, users) -> None:  # type: ignore[no-untyped-def]
    for role in ("coordinator", "opd_officer"):
        response = _as(users[role]).get("/bimtek/")
        assert response["Location"] == f"/bimtek/{gw.cohort.year}/regions/{gw.code}/"


def test_a_region_not_in_guidance_and_other_roles_see_why_the_page_is_empty(  # type: ignore[no-untyped-def]
    users,
) -> None:
    page = _text(_as(users["other_coordinator"]).get("/bimtek/"))
    assert "not in guidance yet" in page
    assert "Nothing here concerns your account" in _text(_as(users["assessor"]).get("/bimtek/"))


# The cohort's guidance ----------------------------------------------------------------------


def test_the_office_sees_stages_regions_visits_runs_and_the_plan_form(gw, users) -> None:  # type: ignore[no-untyped-def]
    page = _text(_as(users["program_office"]).get(f"/bimtek/{gw.cohort.year}/"))
    for region in gw.regions:
        assert region.name in page
    assert page.count('href="/bimtek/visits/') == 12  # 3 regions x 4 stages
    assert 'data-testid="stages"' in page and "Stage IV" in page
    assert f'href="/bimtek/{gw.cohort.year}/runs/{gw.run.pk}/"' in page
    # The plan ends by default on the masterplan deadline.
    assert f'value="{gw.deadline.isoformat()}"' in page
    assert 'data-testid="enrol"' in page


def test_a_coordinator_and_a_mentor_see_only_their_regions_rows(gw, users) -> None:  # type: ignore[no-untyped-def]
    for role in ("coordinator", "mentor"):
        page = _text(_as(users[role]).get(f"/bimtek/{gw.cohort.year}/"))
        assert "Kabupaten Batang" in page
        assert "Kota Makassar" not in page and "Kota Pekalongan" not in page
        assert "/plan/" not in page and "/runs/" not in page and 'data-testid="enrol"' not in page


def test_enrolling_again_keeps_the_regions_and_says_how_many(gw, users) -> None:  # type: ignore[no-untyped-def]
    client = _as(users["program_office"])
    response = client.post(f"/bimtek/{gw.cohort.year}/", {"action": "enrol"}, follow=True)
    assert "3 regions are in this cohort" in _text(response)


def test_the_cohort_page_costs_the_same_for_more_regions(gw, users) -> None:  # type: ignore[no-untyped-def]
    client = _as(users["program_office"])
    url = f"/bimtek/{gw.cohort.year}/"
    client.get(url)
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    gw.guidance["73.71"].delete()
    gw.guidance["33.75"].delete()
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    assert len(large) == len(small)


# Stages -------------------------------------------------------------------------------------


def _stage_data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for number in (1, 2, 3, 4):
        data |= {
            f"stage{number}-expected_outputs": f"Keluaran tahap {number}",
            f"stage{number}-days_in_region": 3,
            f"stage{number}-min_gap_days": 21,
            f"stage{number}-max_gap_days": 42,
        }
    return data | changes


def test_the_office_edits_the_four_stages(gw, users) -> None:  # type: ignore[no-untyped-def]
    client = _as(users["program_office"])
    url = f"/bimtek/{gw.cohort.year}/stages/"
    assert "Stage III" in _text(client.get(url))
    response = client.post(url, _stage_data(**{"stage2-days_in_region": 4}))
    assert response.status_code == 302
    stage = GuidanceStage.objects.get(cohort=gw.cohort, number=2)
    assert (stage.days_in_region, stage.expected_outputs) == (4, "Keluaran tahap 2")


def test_a_gap_range_upside_down_is_refused_and_nothing_is_saved(gw, users) -> None:  # type: ignore[no-untyped-def]
    client = _as(users["program_office"])
    url = f"/bimtek/{gw.cohort.year}/stages/"
    response = client.post(
        url,
        _stage_data(
            **{
                "stage1-expected_outputs": "Baru",
                "stage3-min_gap_days": 40,
                "stage3-max_gap_days": 30,
            }
        ),
    )
    page = _text(response)
    assert response.status_code == 200
    assert "The longest gap cannot be shorter than the shortest." in page
    assert 'value="40"' in page and "Baru" in page  # what was typed is kept
    assert GuidanceStage.objects.get(cohort=gw.cohort, number=1).expected_outputs != "Baru"


def test_only_the_office_edits_stages(gw, users) -> None:  # type: ignore[no-untyped-def]
    url = f"/bimtek/{gw.cohort.year}/stages/"
    assert _as(users["coordinator"]).get(url).status_code == 403
    assert _as(users["mentor"]).post(url, _stage_data()).status_code == 403


# Asking for a plan --------------------------------------------------------------------------


def test_a_plan_with_bad_input_is_refused_with_the_values_kept(gw, users) -> None:  # type: ignore[no-untyped-def]
    client = _as(users["program_office"])
    response = client.post(
        f"/bimtek/{gw.cohort.year}/plan/",
        {
            "starts_on": "2030-05-10",
            "ends_on": "2030-05-01",
            "time_limit_s": "700",
            "team_size": "1",
        },
    )
    page = _text(response)
    assert response.status_code == 200
    assert "The plan must end after it starts." in page
    assert "less than or equal to 600" in page
    assert 'value="2030-05-10"' in page and 'value="700"' in page
    assert not ScheduleRun.objects.filter(cohort=gw.cohort, starts_on=date(2030, 5, 10)).exists()


def test_a_plan_is_asked_for_and_its_progress_shows(
    gw, users, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    client = _as(users["program_office"])
    starts = gw.starts[2]
    response = client.post(
        f"/bimtek/{gw.cohort.year}/plan/",
        {"starts_on": starts.isoformat(), "ends_on": "", "time_limit_s": "5", "team_size": "1"},
    )
    run = ScheduleRun.objects.filter(cohort=gw.cohort).order_by("-pk").first()
    assert run is not None and run.starts_on == starts and run.ends_on == gw.deadline
    assert response["Location"] == f"/bimtek/{gw.cohort.year}/runs/{run.pk}/"
    page = _text(client.get(response["Location"]))
    assert 'data-testid="run-progress"' in page and 'hx-trigger="every 2s"' in page
    # The poll answers with the progress while the run is under way, then reloads the page.
    poll = client.get(response["Location"], HTTP_HX_REQUEST="true")
    assert 'id="run-progress"' in _text(poll)
    ScheduleRun.objects.filter(pk=run.pk).update(status=RunStatus.OPTIMAL)
    if run.job_id:
        run.job.status = "succeeded"
        run.job.save(update_fields=["status"])
    done = client.get(response["Location"], HTTP_HX_REQUEST="true")
    assert done["HX-Refresh"] == "true"


def test_a_window_in_a_year_without_holiday_data_is_warned_of(gw, users) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.bimtek import workdays

    unknown = next(
        y
        for y in range(2030, 2100)
        if workdays.years_without_holidays(date(y, 1, 1), date(y, 12, 31))
    )
    client = _as(users["program_office"])
    response = client.post(
        f"/bimtek/{gw.cohort.year}/plan/",
        {
            "starts_on": f"{unknown}-02-01",
            "ends_on": f"{unknown}-01-01",
            "time_limit_s": "30",
            "team_size": "1",
        },
    )
    page = _text(response)
    assert "The plan must end after it starts." in page  # refused, nothing started
    response = client.post(
        f"/bimtek/{gw.cohort.year}/plan/",
        {
            "starts_on": f"{unknown}-02-01",
            "ends_on": f"{unknown}-03-01",
            "time_limit_s": "0",
            "team_size": "1",
        },
    )
    assert f"The holidays of {unknown} are not known" in _text(response)


# A run's answer -----------------------------------------------------------------------------


def test_the_run_shows_the_plan_beside_the_baseline(gw, users) -> None:  # type: ignore[no-untyped-def]
    run = gw.run
    ScheduleRun.objects.filter(pk=run.pk).update(applied_at=None)
    page = _text(_as(users["program_office"]).get(f"/bimtek/{gw.cohort.year}/runs/{run.pk}/"))
    assert "Best plan" in page
    assert 'data-testid="comparison"' in page
    # 12 visits, 24 travel days against the simple plan's 36: a third fewer.
    assert ">24<" in page and ">36<" in page and "33% fewer" in page
    assert "Kabupaten Batang" in page and "Kota Makassar" in page
    assert gw.mentors[2].get_full_name() in page
    assert 'data-testid="apply"' in page and "data-confirm" in page


def test_an_infeasible_run_says_what_is_short_and_what_did_not_fit(gw, users) -> None:  # type: ignore[no-untyped-def]
    run = ScheduleRun.objects.create(
        cohort=gw.cohort,
        requested_by=gw.office,
        starts_on=gw.starts[1],
        ends_on=gw.deadline,
        status=RunStatus.INFEASIBLE,
        figures={"visits": 0, "trips": 0, "travel_days": 0, "finish": None},
        greedy_figures={"visits": 0, "trips": 0, "travel_days": 0, "finish": None},
        shortages=[
            {"resource": "mentor_days", "needed": 30, "available": 18, "month": "2023-11"},
            {
                "resource": "expertise",
                "needed": 2,
                "available": 0,
                "dimension": "economy",
                "detail": {"regions": ["73.71", "33.75"]},
            },
        ],
        unplaced=[
            {
                "region": "73.71",
                "stage": 2,
                "reason": "no_expertise",
                "detail": {"dimensions": ["economy"]},
            }
        ],
    )
    page = _text(_as(users["program_office"]).get(f"/bimtek/{gw.cohort.year}/runs/{run.pk}/"))
    assert "Not everything fits" in page
    assert "November 2023" in page and "12 mentor-days short" in page
    assert "2 regions have it as a priority (Kota Makassar, Kota Pekalongan)" in page
    assert "Kota Makassar, Stage II" in page
    assert 'data-testid="apply"' not in page
    page_id = _text(
        _as(users["program_office"], "id").get(f"/bimtek/{gw.cohort.year}/runs/{run.pk}/")
    )
    assert "November 2023" in page_id or "Nopember 2023" in page_id


def test_an_applied_run_cannot_be_applied_again(gw, users) -> None:  # type: ignore[no-untyped-def]
    client = _as(users["program_office"])
    url = f"/bimtek/{gw.cohort.year}/runs/{gw.run.pk}/"
    page = _text(client.get(url))
    assert 'data-testid="apply"' not in page and "applied on" in page
    response = client.post(url + "apply/", follow=True)
    assert "applied on" in _text(response)


def test_applying_a_run_writes_its_dates(gw, users) -> None:  # type: ignore[no-untyped-def]
    later = gw.starts[4] + timedelta(days=7)
    plan = [dict(row) for row in gw.run.plan]
    for row in plan:
        if row["region"] == gw.code and row["stage"] == 4:
            length = date.fromisoformat(row["end"]) - date.fromisoformat(row["start"])
            from kotacerdas.bimtek import workdays

            start = workdays.working_run(later, length.days + 1)
            row["start"], row["end"] = start.isoformat(), (start + length).isoformat()
            for session in row["sessions"]:
                session["day"] = start.isoformat()
            moved = start
    run = ScheduleRun.objects.create(
        cohort=gw.cohort,
        requested_by=gw.office,
        starts_on=gw.starts[1],
        ends_on=gw.deadline,
        status=RunStatus.FEASIBLE,
        gap=0.04,
        figures=gw.run.figures,
        greedy_figures=gw.run.greedy_figures,
        plan=plan,
    )
    client = _as(users["program_office"])
    page = _text(client.get(f"/bimtek/{gw.cohort.year}/runs/{run.pk}/"))
    assert "at most 4.0% better" in page
    response = client.post(f"/bimtek/{gw.cohort.year}/runs/{run.pk}/apply/")
    assert response["Location"] == f"/bimtek/{gw.cohort.year}/"
    assert gw.visit(stage=4).starts_on == moved


def test_runs_are_the_offices_alone(gw, users) -> None:  # type: ignore[no-untyped-def]
    url = f"/bimtek/{gw.cohort.year}/runs/{gw.run.pk}/"
    for role in ("mentor", "coordinator"):
        assert _as(users[role]).get(url).status_code == 404
        assert _as(users[role]).post(url + "apply/").status_code == 404
