"""Jobs orphaned by a dead worker: a running job holds a lease its worker renews; when
the lease expires the job runs again (documents and exports can), and after the last
attempt it fails with a message people understand and a way to try again."""

import signal
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from kotacerdas.core import jobs
from kotacerdas.core.jobs import job_kind, reap_orphaned_jobs, start_job
from kotacerdas.core.models import Job, JobStatus
from tests.processes import kotacerdas, operator_env

ROOT = Path(__file__).resolve().parents[2]


def _orphan(job: Job, attempts: int, seconds_ago: int = 120) -> None:
    """As a worker that died mid-job leaves it: running, 5%, its lease long expired."""
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING,
        attempts=attempts,
        progress=5,
        message="Menghimpun masterplan",
        started_at=timezone.now() - timedelta(seconds=seconds_ago),
        heartbeat_at=timezone.now() - timedelta(seconds=seconds_ago),
    )


def test_an_orphaned_job_runs_again_and_finishes(
    users: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    job = start_job("regions.export_csv", users["coordinator"], {"province": "17"})
    _orphan(job, attempts=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert reap_orphaned_jobs() == {"requeued": 1, "failed": 0}
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED and job.attempts == 2 and job.result_file


def test_a_job_with_a_live_worker_is_left_alone(users: dict[str, Any], settings: Any) -> None:
    settings.JOB_LEASE_SECONDS = 60
    job = start_job("regions.export_csv", users["coordinator"], {"province": "17"})
    _orphan(job, attempts=1, seconds_ago=20)  # renewed 20 s ago: alive
    assert reap_orphaned_jobs() == {"requeued": 0, "failed": 0}
    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING


def test_after_the_last_attempt_it_fails_with_a_message_and_a_way_to_try_again(
    users: dict[str, Any], settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.JOB_ATTEMPTS = 3
    job = start_job("regions.export_csv", users["coordinator"], {"province": "17"})
    _orphan(job, attempts=3)
    assert reap_orphaned_jobs() == {"requeued": 0, "failed": 1}
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.finished_at is not None
    assert job.error.startswith("The worker stopped while making this (it was tried 3 times).")
    client = Client()
    client.force_login(users["coordinator"])
    client.cookies["django_language"] = "en"
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "The worker stopped while making this" in page
    assert f'action="/jobs/{job.pk}/retry/"' in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/jobs/{job.pk}/retry/")
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED and job.attempts == 1


@job_kind("tests.loses_its_lease", "loses its lease")
def _loses_its_lease(job: Job, progress: Any) -> None:
    """On its first attempt the lease expires mid-run and a reaper takes the job over:
    this run's late writes must not count."""
    if job.attempts == 1:
        Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - timedelta(hours=1))
        reap_orphaned_jobs()
        progress(80, "late progress of a run that lost its lease")


def test_a_run_that_lost_its_lease_writes_nothing(
    users: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job("tests.loses_its_lease", users["coordinator"])
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED and job.attempts == 2
    assert job.message == "" and job.progress == 100


def test_leases_are_renewed_for_the_jobs_this_process_runs(users: dict[str, Any]) -> None:
    job = start_job("regions.export_csv", users["coordinator"], {"province": "17"})
    _orphan(job, attempts=1)
    jobs._running[str(job.pk)] = 1
    try:
        assert jobs.renew_leases() == 1
    finally:
        jobs._running.pop(str(job.pk))
    assert reap_orphaned_jobs() == {"requeued": 0, "failed": 0}


# A worker killed mid-job, in real processes ------------------------------------------


# `kotacerdas ARGS` in a process that also knows the tests' job kinds.
RUNNER = (
    "import os, sys, django; "
    "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'kotacerdas.settings'); "
    "django.setup(); import tests.core.slow_job; "
    "from django.core.management import execute_from_command_line; "
    "execute_from_command_line(['kotacerdas', *sys.argv[1:]])"
)


def _django(env: dict[str, str], *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(  # noqa: S603
        [sys.executable, "-c", RUNNER, *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _job_row(database: Path, job_id: str) -> tuple[str, int, int]:
    with sqlite3.connect(database) as db:
        row = db.execute(
            "SELECT status, progress, attempts FROM core_job WHERE id = ?",
            (job_id.replace("-", ""),),
        ).fetchone()
    return row[0], row[1], row[2]


def _wait_for(condition: Any, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"not within {seconds} s: {what}")


@pytest.mark.slow
def test_a_job_whose_worker_is_killed_is_finished_by_another_worker(tmp_path: Path) -> None:
    env = operator_env(tmp_path, KOTACERDAS_JOB_LEASE_SECONDS="2", KOTACERDAS_JOB_ATTEMPTS="2")
    kotacerdas(env, "migrate", "-v0")
    marker = tmp_path / "running.pid"
    queue = (
        "from kotacerdas.core.jobs import start_job\n"
        f"print(start_job('tests.hangs_first_time', None, {{'marker': {str(marker)!r}}}).pk)"
    )
    queued = subprocess.run(  # noqa: S603
        [sys.executable, "-c", RUNNER, "shell", "-c", queue],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    job_id = queued.stdout.split()[-1]
    database = tmp_path / "kotacerdas.sqlite3"

    first = _django(env, "worker")
    try:
        _wait_for(marker.exists, 30, "the first worker runs the job")
        assert _job_row(database, job_id) == ("running", 5, 1)
        first.send_signal(signal.SIGKILL)  # as `kill -9`, out of memory, a power cut
        first.wait(timeout=10)
    finally:
        first.kill()
    assert _job_row(database, job_id)[0] == "running"  # nobody has noticed yet

    second = _django(env, "worker")
    try:
        _wait_for(
            lambda: _job_row(database, job_id)[0] == "succeeded",
            30,
            "a new worker notices the lease expired and runs the job again",
        )
    finally:
        second.terminate()
        second.wait(timeout=10)
    assert _job_row(database, job_id) == ("succeeded", 100, 2)
    with sqlite3.connect(database) as db:  # the queue's record of the dead run is closed too
        # The job's own task only: past DAILY_HOUR a worker also queues the day's work.
        states = db.execute(
            "SELECT status FROM django_tasks_database_dbtaskresult WHERE task_path LIKE ?",
            ("%run_job",),
        ).fetchall()
    assert sorted(state for (state,) in states) == ["FAILED", "SUCCESSFUL"]
    result = list((tmp_path / "media" / "jobs").rglob("*.txt"))
    assert [path.read_text() for path in result] == ["made on attempt 2"]


def test_a_workers_housekeeping_thread_still_lets_a_document_use_two_processes(
    settings: Any,
) -> None:
    from kotacerdas.core.forked import can_fork

    settings.DOCUMENT_PROCESSES = 2
    assert can_fork()
    keeper = jobs.Housekeeper(interval=60)
    keeper.start()
    try:
        assert can_fork()
    finally:
        keeper.stop()
        keeper.join(timeout=5)
