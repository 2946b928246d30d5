"""Job flooding: an identical job still under way is returned instead of a second one,
and each person may have only so many jobs queued or running (pages say so, the API
answers 429). Failed jobs can be tried again from /jobs/ and over the API."""

from typing import Any

import pytest
from django.test import Client

from kotacerdas.core.jobs import JobLimitReached, job_kind, start_job
from kotacerdas.core.models import Job, JobStatus
from kotacerdas.masterplan import services as masterplan_services
from tests.openapi import assert_matches_schema


@pytest.fixture
def coordinator(users: dict[str, Any]) -> Client:
    client = Client()
    client.force_login(users["coordinator"])
    client.cookies["django_language"] = "en"
    return client


def _export(client: Client, province: str, follow: bool = True) -> Any:
    return client.post("/regions/export/", {"province": province}, follow=follow)


def test_the_same_export_twice_is_one_job_and_the_page_says_so(coordinator: Client) -> None:
    # Nothing runs the queue here: the first export is still queued at the second click.
    first = _export(coordinator, "15")
    second = _export(coordinator, "15")
    job = Job.objects.get()
    assert first.redirect_chain[-1][0] == second.redirect_chain[-1][0] == f"/jobs/{job.pk}/"
    assert "already under way" in second.content.decode()
    assert "already under way" not in first.content.decode()
    _export(coordinator, "33")  # other parameters: another job
    assert Job.objects.count() == 2


def test_the_same_export_twice_over_the_api_returns_the_job_under_way(coordinator: Client) -> None:
    def export() -> Any:
        return coordinator.post(
            "/api/v1/regions/export", {"province": "15"}, content_type="application/json"
        )

    first, second = export(), export()
    assert first.status_code == second.status_code == 202
    assert_matches_schema(second)
    assert first.json()["id"] == second.json()["id"]
    assert (first.json()["reused"], second.json()["reused"]) == (False, True)
    assert Job.objects.count() == 1


def test_a_finished_job_does_not_stop_the_same_one_again(
    users: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        first = start_job("regions.export_csv", users["coordinator"], {"province": "17"})
    again = start_job("regions.export_csv", users["coordinator"], {"province": "17"})
    assert again.pk != first.pk and not again.reused


def test_too_many_jobs_get_a_clear_message_on_the_page(coordinator: Client, settings: Any) -> None:
    settings.JOBS_PER_USER = 2
    _export(coordinator, "15")
    _export(coordinator, "17")
    refused = _export(coordinator, "33")
    assert refused.redirect_chain[-1][0] == "/jobs/"
    page = refused.content.decode()
    assert "You already have 2 jobs queued or running" in page
    assert Job.objects.count() == 2
    # The same export again is still answered: it is the job already under way.
    assert _export(coordinator, "15").redirect_chain[-1][0].startswith("/jobs/")
    assert Job.objects.count() == 2


def test_too_many_jobs_over_the_api_is_429_with_the_error_shape(
    coordinator: Client, settings: Any
) -> None:
    settings.JOBS_PER_USER = 1
    url = "/api/v1/regions/export"
    assert (
        coordinator.post(url, {"province": "15"}, content_type="application/json").status_code
        == 202
    )
    refused = coordinator.post(url, {"province": "17"}, content_type="application/json")
    assert refused.status_code == 429
    assert_matches_schema(refused)
    error = refused.json()["error"]
    assert error["status"] == 429 and error["code"] == "too_many_jobs"
    assert "You already have 1 job queued or running" in error["message"]


def test_the_limit_is_per_person_and_frees_up_when_a_job_ends(
    users: dict[str, Any], settings: Any
) -> None:
    settings.JOBS_PER_USER = 1
    job = start_job("regions.export_csv", users["coordinator"], {"province": "15"})
    with pytest.raises(JobLimitReached):
        start_job("regions.export_csv", users["coordinator"], {"province": "17"})
    start_job("regions.export_csv", users["other_coordinator"], {"province": "17"})
    Job.objects.filter(pk=job.pk).update(status=JobStatus.SUCCEEDED)
    start_job("regions.export_csv", users["coordinator"], {"province": "17"})


def test_documents_same_request_reused_and_limit_on_page_and_api(
    users: dict[str, Any], settings: Any
) -> None:
    coordinator = users["coordinator"]
    plan = masterplan_services.start_masterplan(coordinator, coordinator.region, 2024)
    client = Client()
    client.force_login(users["coordinator"])
    client.cookies["django_language"] = "en"
    page_url = f"/masterplans/{plan.pk}/documents/"
    form = {"fmt": "pdf", "kind": "full", "language": "id"}
    first = client.post(page_url, form, follow=True)
    again = client.post(page_url, form, follow=True)
    assert first.redirect_chain[-1][0] == again.redirect_chain[-1][0]
    assert "already being made" in again.content.decode()
    assert Job.objects.count() == 1

    settings.JOBS_PER_USER = 1
    refused = client.post(page_url, {**form, "fmt": "docx"})
    assert refused.status_code == 200  # the form again, with the reason above it
    assert "You already have 1 job queued or running" in refused.content.decode()
    api = client.post(
        f"/api/v1/masterplans/{plan.pk}/documents",
        {"fmt": "docx"},
        content_type="application/json",
    )
    assert api.status_code == 429
    assert_matches_schema(api)
    assert Job.objects.count() == 1


@job_kind("tests.fails_once", "fails the first time")
def _fails_once(job: Job, progress: Any) -> None:
    if not job.params.get("fixed") and not Job.objects.filter(kind="tests.fixed").exists():
        raise RuntimeError("the first run fails")


def _failed_job(user: Any, captured: Any) -> Job:
    with captured(execute=True):
        job = start_job("tests.fails_once", user)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    return job


def test_a_failed_job_is_tried_again_from_the_jobs_page(
    users: dict[str, Any], coordinator: Client, django_capture_on_commit_callbacks: Any
) -> None:
    job = _failed_job(users["coordinator"], django_capture_on_commit_callbacks)
    listed = coordinator.get("/jobs/").content.decode()
    assert f'action="/jobs/{job.pk}/retry/"' in listed
    assert f'action="/jobs/{job.pk}/retry/"' in coordinator.get(f"/jobs/{job.pk}/").content.decode()
    Job.objects.create(kind="tests.fixed", status=JobStatus.SUCCEEDED)  # the cause is gone
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(f"/jobs/{job.pk}/retry/", {"from": "list"})
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED and job.error == "" and job.attempts == 1
    assert f'action="/jobs/{job.pk}/retry/"' not in coordinator.get("/jobs/").content.decode()


def test_a_failed_job_is_tried_again_over_the_api(
    users: dict[str, Any], coordinator: Client, django_capture_on_commit_callbacks: Any
) -> None:
    job = _failed_job(users["coordinator"], django_capture_on_commit_callbacks)
    url = f"/api/v1/jobs/{job.pk}/retry"
    other = Client()
    other.force_login(users["other_coordinator"])
    assert other.post(url).status_code == 404
    retried = coordinator.post(url)
    assert retried.status_code == 202
    assert_matches_schema(retried)
    assert retried.json()["status"] == "queued" and retried.json()["error"] == ""
    again = coordinator.post(url)  # queued now: nothing to try again
    assert again.status_code == 422
    assert_matches_schema(again)
    assert "Only a failed job can be tried again" in again.json()["error"]["message"]


def test_trying_again_counts_against_the_limit(
    users: dict[str, Any],
    coordinator: Client,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    job = _failed_job(users["coordinator"], django_capture_on_commit_callbacks)
    settings.JOBS_PER_USER = 1
    start_job("regions.export_csv", users["coordinator"], {"province": "15"})
    refused = coordinator.post(f"/api/v1/jobs/{job.pk}/retry")
    assert refused.status_code == 429
    page = coordinator.post(f"/jobs/{job.pk}/retry/", {"from": "list"}, follow=True)
    assert "You already have 1 job queued or running" in page.content.decode()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED


def test_a_job_limit_below_one_stops_start_up_with_one_line(tmp_path: Any) -> None:
    from tests.core.test_config import _run_cli

    result = _run_cli(
        KOTACERDAS_DEBUG="true", KOTACERDAS_VAR_DIR=str(tmp_path), KOTACERDAS_JOBS_PER_USER="0"
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "kotacerdas: KOTACERDAS_JOBS_PER_USER='0' must be at least 1."
    ]


def test_every_job_setting_is_in_the_readme() -> None:
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    for name in ("JOBS_PER_USER", "JOB_LEASE_SECONDS", "JOB_ATTEMPTS"):
        assert f"| `KOTACERDAS_{name}` |" in readme


@pytest.mark.parametrize(
    "role",
    ["program_office", "assessor", "mentor", "coordinator", "opd_officer", "other_coordinator"],
)
def test_who_may_try_a_failed_job_again(
    users: dict[str, Any], role: str, django_capture_on_commit_callbacks: Any
) -> None:
    """The person who asked and the program office; everyone else learns nothing (404)."""
    job = _failed_job(users["coordinator"], django_capture_on_commit_callbacks)
    client = Client()
    client.force_login(users[role])
    allowed = role in ("coordinator", "program_office")
    page = client.post(f"/jobs/{job.pk}/retry/")
    assert page.status_code == (302 if allowed else 404)
    Job.objects.filter(pk=job.pk).update(status=JobStatus.FAILED)
    api = client.post(f"/api/v1/jobs/{job.pk}/retry")
    assert api.status_code == (202 if allowed else 404)
    assert Client().post(f"/api/v1/jobs/{job.pk}/retry").status_code == 401
