"""core.periodic: daily work runs once a day (WIB) whoever asks how often; frequent work
each housekeeping round; the worker's housekeeper drives both; `kotacerdas daily`."""

import datetime
import threading
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command

from kotacerdas.core import jobs, periodic
from kotacerdas.core.models import PeriodicRun

WIB = ZoneInfo("Asia/Jakarta")


def at(day: int, hour: int) -> datetime.datetime:
    return datetime.datetime(2026, 5, day, hour, 30, tzinfo=WIB)


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[Any]]:
    """A registry of its own: two daily functions (one failing on demand) and a frequent one."""
    calls: dict[str, list[Any]] = {"first": [], "second": [], "frequent": []}
    failing = {"on": False}

    def second(day: datetime.date) -> None:
        calls["second"].append(day)
        if failing["on"]:
            raise RuntimeError("the second one broke")

    monkeypatch.setattr(periodic, "_DAILY", {})
    monkeypatch.setattr(periodic, "_ORDER", {})
    monkeypatch.setattr(periodic, "_FREQUENT", {})
    periodic.register_daily("test.second", second, order=90)
    periodic.register_daily("test.first", calls["first"].append)
    periodic.register_frequent("test.frequent", lambda: calls["frequent"].append(1))
    periodic.forget_checked_day()
    calls["failing"] = failing  # type: ignore[assignment]
    yield calls
    periodic.forget_checked_day()


@pytest.mark.django_db
def test_daily_work_runs_once_a_day_in_order(registry: dict[str, Any]) -> None:
    assert periodic.daily_names() == ["test.first", "test.second"]
    assert periodic.run_daily(now=at(4, 8)) == ["test.first", "test.second"]
    assert periodic.run_daily(now=at(4, 23)) == []
    assert registry["first"] == [datetime.date(2026, 5, 4)]
    # 23:30 UTC on the 4th is already the 5th in Jakarta: a new day.
    late = datetime.datetime(2026, 5, 4, 23, 30, tzinfo=datetime.UTC)
    assert periodic.run_daily(now=late) == ["test.first", "test.second"]
    assert registry["first"] == [datetime.date(2026, 5, 4), datetime.date(2026, 5, 5)]
    # Forced: again the same day.
    assert periodic.run_daily(now=at(5, 9), force=True) == ["test.first", "test.second"]
    assert len(registry["first"]) == 3


@pytest.mark.django_db
def test_a_failure_is_kept_and_does_not_stop_the_others(registry: dict[str, Any]) -> None:
    registry["failing"]["on"] = True
    periodic.register_daily("test.third", registry["first"].append, order=95)
    assert periodic.run_daily(now=at(4, 8)) == ["test.first", "test.second", "test.third"]
    assert len(registry["first"]) == 2
    failed = PeriodicRun.objects.get(name="test.second")
    assert "the second one broke" in failed.last_error and failed.finished_at is not None
    # Not run again that day by itself; a forced run that succeeds clears the error.
    assert periodic.run_daily(now=at(4, 9)) == []
    registry["failing"]["on"] = False
    assert periodic.run_daily(now=at(4, 9), force=True, names=["test.second"]) == ["test.second"]
    assert PeriodicRun.objects.get(name="test.second").last_error == ""


@pytest.mark.django_db
def test_one_claim_a_day_whoever_asks() -> None:
    day = datetime.date(2026, 5, 4)
    assert periodic.claim("test.claim", day) is True
    assert periodic.claim("test.claim", day) is False
    assert periodic.claim("test.claim", day - datetime.timedelta(days=1)) is False
    assert periodic.claim("test.claim", day + datetime.timedelta(days=1)) is True
    assert PeriodicRun.objects.filter(name="test.claim").count() == 1


@pytest.mark.django_db
def test_a_tick_runs_frequent_work_and_the_daily_work_from_its_hour(
    registry: dict[str, Any], settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.DAILY_HOUR = 7
    with django_capture_on_commit_callbacks(execute=True):
        periodic.tick(now=at(4, 6))
    assert registry["frequent"] == [1] and registry["first"] == []
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        periodic.tick(now=at(4, 7))
    # The daily work is enqueued as a task (run at once in tests)...
    assert len(callbacks) == 1
    assert registry["frequent"] == [1, 1] and len(registry["first"]) == 1
    # ... once: later rounds of this process ask nothing more that day.
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        periodic.tick(now=at(4, 8))
    assert callbacks == [] and registry["frequent"] == [1, 1, 1]
    # Another worker (a fresh process) finds it done and enqueues nothing.
    periodic.forget_checked_day()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        periodic.tick(now=at(4, 9))
    assert callbacks == [] and len(registry["first"]) == 1


@pytest.mark.django_db
def test_a_failing_frequent_function_does_not_stop_the_others(
    registry: dict[str, Any], caplog: Any
) -> None:
    def broken() -> None:
        raise RuntimeError("down")

    periodic.register_frequent("test.broken", broken)
    assert periodic.run_frequent() == ["test.frequent"]
    assert "test.broken failed" in caplog.text


def test_the_housekeeper_runs_the_periodic_work_and_survives_its_failures(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(jobs, "renew_leases", lambda: None)
    monkeypatch.setattr(jobs, "reap_orphaned_jobs", lambda: None)
    rounds: list[int] = []
    done = threading.Event()

    def tick() -> None:
        rounds.append(1)
        if len(rounds) == 1:
            raise RuntimeError("a locked database")
        done.set()

    monkeypatch.setattr(periodic, "tick", tick)
    keeper = jobs.Housekeeper(interval=0.01)
    keeper.start()
    try:
        assert done.wait(timeout=5)
    finally:
        keeper.stop()
        keeper.join(timeout=5)
    assert len(rounds) >= 2


@pytest.mark.django_db
def test_the_daily_command(registry: dict[str, Any], capsys: Any) -> None:
    call_command("daily")
    assert "test.first: done" in capsys.readouterr().out
    call_command("daily")
    assert "test.first: already ran today" in capsys.readouterr().out
    call_command("daily", "--force", "--only", "test.first")
    out = capsys.readouterr().out
    assert "test.first: done" in out and "test.second" not in out
    assert len(registry["first"]) == 2
    call_command("daily", "--list")
    assert "test.second: last run" in capsys.readouterr().out
    with pytest.raises(CommandError, match="No daily work named"):
        call_command("daily", "--only", "nope")
    registry["failing"]["on"] = True
    with pytest.raises(CommandError, match="1 daily work failed"):
        call_command("daily", "--force")


@pytest.mark.django_db
def test_the_apps_register_their_daily_and_frequent_work() -> None:
    assert periodic.daily_names() == [
        "bimtek.reminders",
        "masterplan.deadlines",
        "program.deadlines",
        "accounts.digest",
    ]
    assert periodic.frequent_names() == ["accounts.email_retries"]
    call_command("daily")
    assert PeriodicRun.objects.filter(last_error="").count() == 4
