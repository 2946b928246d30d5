"""Planning a cohort's guidance: the schedule run (a background job) and applying its
stored answer to the visits and sessions."""

from datetime import date
from typing import Any

from kotacerdas.bimtek.models import ScheduleRun
from kotacerdas.core.audit import service
from kotacerdas.program.models import Cohort


@service
def start_schedule_run(
    actor: Any,
    cohort: Cohort,
    *,
    starts_on: date,
    ends_on: date | None = None,
    time_limit_s: int = 30,
    team_size: int = 1,
) -> ScheduleRun:
    """Office only. Records a ScheduleRun and starts the job `bimtek.schedule` (core.jobs)
    that builds the Problem from the database (planning_input.py), solves it with progress,
    and stores the answer on the run. `ends_on` defaults to the cohort's masterplan
    deadline (its MASTERPLAN phase's end). Held and pinned visits/sessions are fixed."""
    raise NotImplementedError


@service
def apply_run(actor: Any, run: ScheduleRun) -> ScheduleRun:
    """Office only; a finished run with a plan. Writes its dates, teams and session times
    to the unheld, unpinned visits and sessions (sequence + 1 on each changed session),
    sets each region's team, adds the regions to the mentors' assigned regions, and
    notifies mentors and coordinators of sessions set or moved. Refused when a visit
    was held or pinned since the run started, or a newer run was applied."""
    raise NotImplementedError
