"""The guidance job kinds: `bimtek.schedule` solves a cohort's schedule run."""

import logging
import threading
from typing import Any

from django.db import DatabaseError, connection
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.bimtek.models import RunStatus, ScheduleRun
from kotacerdas.bimtek.services.planning import (
    SCHEDULE_JOB,
    mark_run_started,
    record_failure,
    record_result,
)
from kotacerdas.core.jobs import JobFailed, Progress, failure_message, job_kind
from kotacerdas.core.models import Job

logger = logging.getLogger(__name__)


def describe(params: dict[str, Any]) -> str:
    """ "Guidance 2027"."""
    year = params.get("cohort")
    return _("Guidance %(year)s") % {"year": year} if year else ""


def _progress_adapter(progress: Progress) -> Any:
    """The solver's reports (a percentage, 0-100) as the job's progress, between 10 and
    95 percent. CP-SAT reports from its own threads: there the write uses the thread's
    own connection, closed at once, and a failure to write is only logged (progress is a
    courtesy; the answer is what matters)."""
    home = threading.get_ident()

    def report(percent: Any, message: Any = None) -> None:
        try:
            number = max(0.0, min(100.0, float(percent)))
        except (TypeError, ValueError):
            return
        text = message or gettext_lazy("Looking for a better plan")
        if threading.get_ident() == home:
            progress(10 + int(number * 0.85), text)
            return
        try:
            progress(10 + int(number * 0.85), text)
        except DatabaseError:
            logger.debug("progress of a guidance schedule not recorded", exc_info=True)
        finally:
            connection.close()

    return report


@job_kind(SCHEDULE_JOB, gettext_lazy("Guidance schedule"), describe)
def run_schedule(job: Job, progress: Progress) -> None:
    """params: run_id. Builds the problem, solves it with progress, stores the answer on
    the run and marks its status; a failure marks the run FAILED with a message."""
    from kotacerdas.bimtek.planning_input import build_problem
    from kotacerdas.bimtek.scheduling import solve

    run = (
        ScheduleRun.objects.select_related("cohort", "requested_by")
        .filter(pk=job.params.get("run_id"))
        .first()
    )
    if run is None:
        raise JobFailed(_("The schedule run was deleted before it could be solved."))
    actor = run.requested_by
    mark_run_started(actor, run)
    try:
        progress(2, gettext_lazy("Reading regions, mentors and calendars"))
        problem = build_problem(run)
        progress(10, gettext_lazy("Solving the schedule"))
        result = solve(problem, progress=_progress_adapter(progress))
        progress(96, gettext_lazy("Saving the plan"))
        record_result(actor, run, result)
    except Exception as error:
        message = failure_message(error)
        if not isinstance(error, JobFailed):
            logger.exception("guidance schedule run %s failed", run.pk)
        run.refresh_from_db()
        if run.status not in (RunStatus.FAILED,):
            record_failure(actor, run, message)
        raise JobFailed(message) from error
