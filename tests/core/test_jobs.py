import csv
import io

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext_lazy

from kotacerdas.core.jobs import job_kind, start_job
from kotacerdas.core.models import Job, JobStatus
from tests.openapi import assert_matches_schema
from tests.processes import kotacerdas, operator_env


@pytest.fixture
def coordinator_client(users) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(users["coordinator"])
    return client


def test_region_export_job_runs_with_progress_and_result(
    coordinator_client, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post("/regions/export/", {"province": "15"})
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/jobs/{job.pk}/"
    assert job.status == JobStatus.SUCCEEDED
    assert job.progress == 100
    assert job.finished_at is not None
    download = coordinator_client.get(f"/jobs/{job.pk}/download/")
    rows = list(csv.reader(io.StringIO(b"".join(download.streaming_content).decode())))
    assert rows[0][:2] == ["Kode wilayah", "Nama"]  # the language of who asked
    assert len(rows) == 1 + 11  # Jambi has 9 kabupaten and 2 kota
    assert {row[3] for row in rows[1:]} == {"15"}
    page = coordinator_client.get(f"/jobs/{job.pk}/")
    assert "100%" in page.content.decode()


def test_job_status_over_api(coordinator_client, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        started = coordinator_client.post(
            "/api/v1/regions/export",
            {"island_group": "papua"},
            content_type="application/json",
            HTTP_X_CSRFTOKEN="unused",
        )
    # Session writes over the API need a CSRF token; the test client skips the check.
    assert started.status_code == 202
    assert_matches_schema(started)
    job = coordinator_client.get(f"/api/v1/jobs/{started.json()['id']}")
    assert job.json()["status"] == "succeeded"
    assert job.json()["result_url"].endswith("/download/")
    assert_matches_schema(job)
    listed = coordinator_client.get("/api/v1/jobs")
    assert listed.json()["count"] == 1
    assert_matches_schema(listed)


@job_kind("tests.always_fails", "always fails")
def _always_fails(job: Job, progress) -> None:  # type: ignore[no-untyped-def]
    with translation.override("en"):  # as a document in English would be made
        progress(40, gettext_lazy("Saving the document"))
    raise RuntimeError("the source file has no header row")


def test_failed_job_keeps_its_error(users, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    with translation.override("id"), django_capture_on_commit_callbacks(execute=True):
        job = start_job("tests.always_fails", users["coordinator"])
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.progress == 40
    assert job.message == "Menyimpan dokumen"  # the language of who asked
    # A fault is logged, not shown: the person reads a plain sentence in their language.
    assert "RuntimeError" not in job.error and "header row" not in job.error
    assert job.error.startswith("Terjadi kesalahan")
    client = Client()
    client.force_login(users["coordinator"])
    assert job.error in client.get(f"/jobs/{job.pk}/").content.decode()


def test_jobs_are_private_to_their_owner(users, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job("regions.export_csv", users["coordinator"], {"province": "33"})
    other = Client()
    other.force_login(users["other_coordinator"])
    assert other.get(f"/jobs/{job.pk}/").status_code == 404
    assert other.get(f"/jobs/{job.pk}/download/").status_code == 404
    assert other.get(f"/api/v1/jobs/{job.pk}").status_code == 404
    office = Client()
    office.force_login(users["program_office"])
    assert office.get(f"/api/v1/jobs/{job.pk}").status_code == 200


def test_unknown_job_kind_is_refused(users) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match="unknown job kind"):
        start_job("nope", users["coordinator"])
    assert not Job.objects.exists()


@pytest.mark.slow
def test_worker_process_runs_jobs_queued_in_the_database(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The web process only queues; `kotacerdas worker` (another process) runs the job."""
    env = operator_env(tmp_path)
    kotacerdas(env, "migrate", "-v0")
    queue = (
        "from kotacerdas.core.jobs import start_job\n"
        "from kotacerdas.core.models import Job\n"
        "job = start_job('regions.export_csv', None, {'province': '17'})\n"
        "print(job.pk, Job.objects.get(pk=job.pk).status)"
    )
    job_id, status = kotacerdas(env, "shell", "-c", queue).stdout.split()[-2:]
    assert status == "queued"
    kotacerdas(env, "worker", "--batch")
    report = (
        "from kotacerdas.core.models import Job\n"
        f"job = Job.objects.get(pk='{job_id}')\n"
        "print(job.status, job.progress, job.result_file.read().decode().count(chr(10)))"
    )
    assert kotacerdas(env, "shell", "-c", report).stdout.split()[-3:] == ["succeeded", "100", "11"]
