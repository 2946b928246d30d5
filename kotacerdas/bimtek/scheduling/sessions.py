"""A visit's length and its sessions' places: deterministic first-fit, plenary first.

A day holds `day_minutes` of sessions from `day_start_minute`, one session at a time.
Fixed sessions keep their day (and start minute, if given); the plenary opens day 1;
the others go, in the order given, to the earliest free slot of the earliest day.
"""

from __future__ import annotations

from datetime import date, timedelta

from kotacerdas.bimtek.scheduling.problem import PlacedSession, Problem, Session, Visit


def sessions_days(problem: Problem, sessions: tuple[Session, ...]) -> int:
    """Days first-fit needs for the sessions (the plenary first, fixed days ignored)."""
    if problem.day_minutes <= 0 or not sessions:
        return 1 if sessions else 0
    ordered = sorted(sessions, key=lambda s: not s.plenary)  # stable: plenary first
    free: list[int] = []
    for s in ordered:
        for i, room in enumerate(free):
            if s.minutes <= room:
                free[i] -= s.minutes
                break
        else:
            free.append(problem.day_minutes - min(s.minutes, problem.day_minutes))
    return len(free)


def visit_days(problem: Problem, visit: Visit) -> int:
    """Calendar days of a visit: the stage's days, or more if its sessions need them."""
    stage_days = next((s.days for s in problem.stages if s.number == visit.stage), 1)
    return max(stage_days, sessions_days(problem, visit.sessions), 1)


def _earliest(busy: list[tuple[int, int]], minutes: int, first: int, last: int) -> int | None:
    """The earliest start in [first, last - minutes] clear of `busy` (sorted intervals)."""
    at = first
    for s, e in busy:
        if at + minutes <= s:
            break
        at = max(at, e)
    return at if at + minutes <= last else None


def place_sessions(
    problem: Problem, visit: Visit, start: date, days: int | None = None
) -> tuple[PlacedSession, ...]:
    """Each session's day and start minute for the visit starting on `start`."""
    n = days if days is not None else visit_days(problem, visit)
    dates = [start + timedelta(days=i) for i in range(n)]
    first = problem.day_start_minute
    last = first + max(problem.day_minutes, 0)
    busy: dict[date, list[tuple[int, int]]] = {d: [] for d in dates}
    placed: dict[str, PlacedSession] = {}

    def put(s: Session, day: date, minute: int) -> None:
        busy.setdefault(day, []).append((minute, minute + s.minutes))
        busy[day].sort()
        placed[s.id] = PlacedSession(s.id, day, minute)

    def fit(s: Session, days: list[date]) -> bool:
        for day in days:
            at = _earliest(busy.setdefault(day, []), s.minutes, first, last)
            if at is not None:
                put(s, day, at)
                return True
        return False

    # Fixed minutes first (they hold their slot), then the plenary opens day 1, then the
    # other fixed sessions on their days, then the rest first-fit.
    for s in visit.sessions:
        if s.fixed_day is not None and s.fixed_start_minute is not None:
            put(s, s.fixed_day, s.fixed_start_minute)
    rest = [s for s in visit.sessions if s.id not in placed]
    order = sorted(
        rest, key=lambda s: (not (s.plenary and s.fixed_day is None), s.fixed_day is None)
    )
    for s in order:
        if s.fixed_day is not None:
            days_: list[date] = [s.fixed_day]
        elif s.plenary:
            days_ = dates[:1]
        else:
            days_ = dates
        if fit(s, days_) or not days_:
            continue
        # Overflow (fixed sessions crowd the visit): after the last session of the least
        # busy day; check_plan reports it.
        day = min(days_, key=lambda d: (sum(e - b for b, e in busy[d]), d))
        put(s, day, max([first, *(e for _, e in busy[day])]))
    return tuple(placed[s.id] for s in visit.sessions if s.id in placed)
