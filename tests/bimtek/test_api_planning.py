"""Planning over the API: the stages, schedule runs (started as a job, their stored
answer in words beside the greedy baseline) and applying a run."""

from typing import Any

from kotacerdas.bimtek.models import GuidanceVisit, ScheduleRun
from tests.bimtek import test_api_setup as setup
from tests.bimtek.test_api_setup import JSON, client_for

media_root = setup.media_root
people = setup.people
shared_world = setup.shared_world
guidance_world = setup.guidance_world
world = setup.world

B = "/api/v1/bimtek"


def _fields(response: Any) -> dict[str, str]:
    return {f["field"]: f["message"] for f in response.json()["error"]["fields"]}


def test_stages_are_listed_and_changed_by_the_office(people, world) -> None:  # type: ignore[no-untyped-def]
    stages = client_for(people["opd_officer"]).get(f"{B}/cohorts/{world['year']}/stages")
    assert stages.status_code == 200
    assert [s["number"] for s in stages.json()["items"]] == [1, 2, 3, 4]
    assert stages.json()["items"][0]["name"] == "Stage I"
    office = client_for(people["program_office"])
    url = f"{B}/stages/{world['stage']}"
    changed = office.patch(url, {"days_in_region": 4, "max_gap_days": 50}, content_type=JSON)
    assert changed.status_code == 200, changed.content
    body = changed.json()
    assert body["days_in_region"] == 4 and body["max_gap_days"] == 50
    assert body["min_gap_days"] == stages.json()["items"][0]["min_gap_days"]
    crossed = office.patch(url, {"min_gap_days": 60, "max_gap_days": 30}, content_type=JSON)
    assert crossed.status_code == 422 and crossed.json()["error"]["fields"]
    too_long = office.patch(url, {"days_in_region": 11}, content_type=JSON)
    assert too_long.status_code == 422 and "days_in_region" in _fields(too_long)
    assert office.patch(f"{B}/stages/999999", {}, content_type=JSON).status_code == 404
    assert client_for(people["coordinator"]).patch(url, {}, content_type=JSON).status_code == 403


def test_a_run_is_started_as_a_job(people, world) -> None:  # type: ignore[no-untyped-def]
    office = client_for(people["program_office"])
    url = f"{B}/cohorts/{world['year']}/runs"
    started = office.post(
        url,
        {"starts_on": "2023-09-01", "ends_on": "2023-12-29", "time_limit_s": 5, "team_size": 1},
        content_type=JSON,
    )
    assert started.status_code == 202, started.content
    body = started.json()
    assert body["run"]["status"] in ("queued", "running", "optimal", "feasible")
    assert body["job"]["kind"] == "bimtek.schedule"
    assert body["run"]["job_id"] == body["job"]["id"]
    listed = office.get(url).json()
    assert listed["items"][0]["id"] == body["run"]["id"] and listed["count"] == 2
    # No masterplan deadline to default to: the end is asked for, by name.
    no_end = office.post(url, {"starts_on": "2023-09-01"}, content_type=JSON)
    assert no_end.status_code == 422 and "ends_on" in _fields(no_end)
    slow = office.post(url, {"starts_on": "2023-09-01", "time_limit_s": 3600}, content_type=JSON)
    assert slow.status_code == 422 and "time_limit_s" in _fields(slow)
    assert client_for(people["mentor"]).get(url).status_code == 403


def test_a_runs_answer_in_words_beside_the_baseline(people, world) -> None:  # type: ignore[no-untyped-def]
    office = client_for(people["program_office"])
    run = office.get(f"{B}/runs/{world['run']}")
    assert run.status_code == 200
    body = run.json()
    assert body["status"] == "optimal" and body["status_text"]
    assert body["figures"]["travel_days"] == 2 and body["greedy_figures"]["travel_days"] == 4
    travel = next(row for row in body["comparison"] if row["key"] == "travel_days")
    assert travel["saving"] == "50% fewer"
    (shortage,) = body["shortages"]
    assert shortage["resource"] == "mentor_days" and shortage["message"]
    (unplaced,) = body["unplaced"]
    assert "Kabupaten Batang" in unplaced["message"]
    assert office.get(f"{B}/runs/999999").status_code == 404
    assert client_for(people["coordinator"]).get(f"{B}/runs/{world['run']}").status_code == 403


def test_applying_a_run_sets_the_visits_once(people, world) -> None:  # type: ignore[no-untyped-def]
    office = client_for(people["program_office"])
    url = f"{B}/runs/{world['run']}/apply"
    applied = office.post(url)
    assert applied.status_code == 200, applied.content
    assert applied.json()["applied_at"]
    later = GuidanceVisit.objects.get(pk=world["later_visit"])
    assert later.starts_on is not None and later.starts_on.isoformat() == "2023-10-02"
    again = office.post(url)
    assert again.status_code == 422 and "applied" in again.json()["error"]["message"]
    ScheduleRun.objects.filter(pk=world["run"]).update(applied_at=None, status="running")
    unfinished = office.post(url)
    assert unfinished.status_code == 422
