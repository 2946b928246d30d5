"""The guidance schedule's input and output: plain dataclasses, no Django.

A cohort's guidance is a set of *visits*: one per selected region and stage (I-IV). A visit
is a run of consecutive working days in the region, held by a team of mentors, and holds
the stage's sessions there (a plenary, then one per OPD or OPD group). A mentor travels
from a home base; visits to regions of one province in the same stage may chain into one
trip. The services build a `Problem` from the database and store the `ScheduleResult`, so a
manual change later never re-solves.

Days are calendar dates. Holidays are national in Indonesia, so the non-working days are
one set for every region (weekends, public holidays and collective leave, from lokal-id);
a region adds its own blackout dates.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

# Statuses of a result.
OPTIMAL = "optimal"  # every visit placed and the objective proven best
FEASIBLE = "feasible"  # every visit placed; `gap` says how far from the bound at most
INCOMPLETE = "incomplete"  # time ran out with visits still unplaced (not proven impossible)
INFEASIBLE = "infeasible"  # proven: no plan places every visit; best partial plan returned
INVALID = "invalid"  # the input breaks a rule (warnings say which); nothing was solved


@dataclass(frozen=True)
class Stage:
    number: int  # 1-4
    days: int  # the days a stage takes in a region, at least
    # Calendar days from the start of the region's previous stage visit to the start of
    # this one; ignored for stage 1.
    min_gap_days: int = 21
    max_gap_days: int = 42


@dataclass(frozen=True)
class Session:
    id: str
    minutes: int
    plenary: bool = False  # the plenary opens the visit: first day, first slot
    fixed_day: date | None = None  # held or pinned: stays on this day
    fixed_start_minute: int | None = None  # minutes after midnight, region time


@dataclass(frozen=True)
class Region:
    code: str  # `PP.KK`; also its place in `Problem.travel`
    province: str  # `PP`
    priority_dimensions: frozenset[str] = frozenset()  # dimension codes a team must cover
    blackout: frozenset[date] = frozenset()


@dataclass(frozen=True)
class Mentor:
    id: str
    home: str  # region code of the home base, a place in `Problem.travel`
    expertise: frozenset[str] = frozenset()  # dimension codes
    max_regions: int = 6
    max_travel_days_per_month: int = 12  # days away from home (travel and visits) a month
    unavailable: frozenset[date] = frozenset()


@dataclass(frozen=True)
class Visit:
    region: str
    stage: int
    sessions: tuple[Session, ...] = ()
    # Held or pinned by a person: keeps its dates and team when re-solving.
    fixed_start: date | None = None
    fixed_team: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str, int]:
        return (self.region, self.stage)


@dataclass(frozen=True)
class Problem:
    start: date  # first day a visit may start
    end: date  # last day a visit may end (the cohort's masterplan deadline)
    stages: tuple[Stage, ...]
    regions: tuple[Region, ...]
    mentors: tuple[Mentor, ...]
    visits: tuple[Visit, ...]
    non_working: frozenset[date] = frozenset()  # weekends, holidays, collective leave
    # Whole days of travel one way between two places (region codes), both directions;
    # a missing pair is an input error.
    travel: Mapping[tuple[str, str], int] = field(default_factory=dict)
    team_size: int = 1  # mentors per visit
    day_minutes: int = 360  # session time a visit day holds
    day_start_minute: int = 8 * 60 + 30  # the first session's start, region time
    time_limit_s: float = 30.0
    workers: int = 2
    # The team of each region in the plan in force: kept when re-solving unless it
    # cannot be (a mentor fell ill for good, say).
    current_team: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class PlacedSession:
    id: str
    day: date
    start_minute: int  # minutes after midnight, region time


@dataclass(frozen=True)
class PlacedVisit:
    region: str
    stage: int
    start: date
    end: date  # inclusive
    team: tuple[str, ...]
    sessions: tuple[PlacedSession, ...] = ()


@dataclass(frozen=True)
class Trip:
    mentor: str
    leaves: date  # leaves home
    returns: date  # back home
    regions: tuple[str, ...]  # in visiting order
    travel_days: int


@dataclass(frozen=True)
class Unplaced:
    region: str
    stage: int
    reason: str  # code: "no_window", "no_expertise", "mentor_days", "stage_order", ...
    detail: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Shortage:
    """The resource that is short when not every visit fits."""

    resource: str  # "mentor_days", "expertise", "window"
    needed: int
    available: int
    month: str | None = None  # "2023-07"
    dimension: str | None = None
    detail: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Figures:
    """What a person compares between two plans."""

    visits: int
    trips: int
    travel_days: int
    finish: date | None
    max_mentor_days: int
    min_mentor_days: int


@dataclass(frozen=True)
class Plan:
    visits: tuple[PlacedVisit, ...]
    trips: tuple[Trip, ...]
    unplaced: tuple[Unplaced, ...]
    figures: Figures


@dataclass(frozen=True)
class Violation:
    """A rule a plan breaks (from `check_plan`)."""

    rule: str  # "non_working_day", "double_booked", "stage_gap", "deadline", ...
    region: str | None = None
    stage: int | None = None
    mentor: str | None = None
    day: date | None = None
    detail: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class ScheduleResult:
    status: str
    plan: Plan
    greedy: Plan  # the baseline, for comparison
    objective: float | None = None
    bound: float | None = None
    gap: float | None = None  # (objective - bound) / objective, 0 when optimal
    shortages: tuple[Shortage, ...] = ()
    warnings: tuple[str, ...] = ()  # codes, for invalid input
    solve_seconds: float = 0.0
