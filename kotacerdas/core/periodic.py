"""Work that runs on a clock: once a day, or in every housekeeping round of a worker.

Apps register their work in ``AppConfig.ready()`` (core knows no app):

- ``register_daily(name, func)``: ``func(today)`` runs once per calendar day in the
  national zone (WIB, ``TIME_ZONE``), from ``DAILY_HOUR`` on: the notification digest,
  deadline reminders. A ``PeriodicRun`` row per name records the last day it ran; a
  conditional update claims the day, so with several workers only one runs it.
- ``register_frequent(name, func)``: ``func()`` runs in each housekeeping round of every
  worker (every quarter job lease): quick work only, such as queueing the emails whose
  next attempt is due.

A worker's housekeeping thread calls ``tick()``: the frequent work, then, once the hour
has come, it enqueues ``run_daily_task`` (the daily work runs in the worker's main loop,
never in the thread that renews job leases). ``kotacerdas daily`` runs the daily work at
once (for cron or the operator; ``--force`` runs it again today).

A daily function that fails is logged and its error kept on its row; it is not run again
that day (unless forced): each function is written to catch up the next day (the digest
sends what is still waiting, reminders are keyed once per deadline).
"""

import datetime
import logging
import threading
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from kotacerdas.core.localtime import zone
from kotacerdas.core.models import PeriodicRun

logger = logging.getLogger(__name__)

DailyFunction = Callable[[datetime.date], Any]
FrequentFunction = Callable[[], Any]

_DAILY: dict[str, DailyFunction] = {}
_ORDER: dict[str, int] = {}
_FREQUENT: dict[str, FrequentFunction] = {}


def register_daily(name: str, func: DailyFunction, *, order: int = 50) -> None:
    """Run ``func(today)`` once a day, lowest ``order`` first (work that gathers what the
    others made, such as the digest, goes last). A second registration under a name
    replaces the first."""
    _DAILY[name] = func
    _ORDER[name] = order


def register_frequent(name: str, func: FrequentFunction) -> None:
    """Run ``func()`` in every housekeeping round of every worker."""
    _FREQUENT[name] = func


def daily_names() -> list[str]:
    """The daily work in the order it runs."""
    return sorted(_DAILY, key=lambda name: (_ORDER[name], name))


def frequent_names() -> list[str]:
    return sorted(_FREQUENT)


def local_now(now: datetime.datetime | None = None) -> datetime.datetime:
    """Now in the national zone (WIB)."""
    return timezone.localtime(now or timezone.now(), zone())


def today(now: datetime.datetime | None = None) -> datetime.date:
    """The calendar day in the national zone (WIB)."""
    return local_now(now).date()


def claim(name: str, day: datetime.date, *, force: bool = False) -> bool:
    """Take ``name``'s run for ``day``: True for exactly one caller a day (any number of
    workers), or always with ``force``."""
    if not PeriodicRun.objects.filter(name=name).exists():
        try:
            with transaction.atomic():
                PeriodicRun.objects.create(name=name)
        except IntegrityError:  # another worker made it at the same moment
            pass
    rows = PeriodicRun.objects.filter(name=name)
    if not force:
        rows = rows.filter(Q(last_run_on__isnull=True) | Q(last_run_on__lt=day))
    return bool(rows.update(last_run_on=day, started_at=timezone.now(), finished_at=None))


def run_daily(
    *, force: bool = False, now: datetime.datetime | None = None, names: list[str] | None = None
) -> list[str]:
    """Run each daily function not yet run today (every one with ``force``); returns the
    names run. A failure is logged and kept on its row; the others still run."""
    day = today(now)
    ran = []
    for name in names if names is not None else daily_names():
        func = _DAILY[name]
        if not claim(name, day, force=force):
            continue
        ran.append(name)
        error = ""
        try:
            func(day)
        except Exception as failure:  # one app's fault never stops the others
            logger.exception("daily work %s failed", name)
            error = f"{type(failure).__name__}: {failure}"[:2000]
        PeriodicRun.objects.filter(name=name).update(finished_at=timezone.now(), last_error=error)
    return ran


def run_frequent() -> list[str]:
    """Run every frequent function; a failure is logged, the others still run."""
    ran = []
    for name in frequent_names():
        try:
            _FREQUENT[name]()
        except Exception:
            logger.exception("periodic work %s failed", name)
            continue
        ran.append(name)
    return ran


def daily_pending(day: datetime.date) -> bool:
    """Some daily function has not run on ``day`` yet."""
    done = set(
        PeriodicRun.objects.filter(name__in=_DAILY, last_run_on__gte=day).values_list(
            "name", flat=True
        )
    )
    return bool(set(_DAILY) - done)


@task()
def run_daily_task() -> list[str]:
    return run_daily()


# The day this process last enqueued (or found done) the daily work: it asks the
# database at most until then, and enqueues the task once a day.
_checked_day: datetime.date | None = None
_checked_lock = threading.Lock()


def tick(now: datetime.datetime | None = None) -> None:
    """One housekeeping round: the frequent work, and the daily work once it is due."""
    global _checked_day
    run_frequent()
    moment = local_now(now)
    if moment.hour < settings.DAILY_HOUR or not _DAILY:
        return
    day = moment.date()
    with _checked_lock:
        if _checked_day == day:
            return
        if daily_pending(day):
            transaction.on_commit(run_daily_task.enqueue, robust=True)
        _checked_day = day


def forget_checked_day() -> None:
    """For tests: make the next tick ask the database again."""
    global _checked_day
    _checked_day = None


__all__ = [
    "claim",
    "daily_names",
    "daily_pending",
    "forget_checked_day",
    "frequent_names",
    "local_now",
    "register_daily",
    "register_frequent",
    "run_daily",
    "run_daily_task",
    "run_frequent",
    "tick",
    "today",
]
