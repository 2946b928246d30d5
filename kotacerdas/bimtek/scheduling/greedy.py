"""The baseline: teams by least-loaded mentor, then each visit at its earliest start.

It obeys the same rules as the solver (check_plan finds nothing on its plan): each visit
is its own round trip from home, booked only where the whole trip is clear of the
mentors' other trips and unavailable days and within their month caps. Its scheduling
half also gives the solver a first plan for the solver's own teams.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

from kotacerdas.bimtek.scheduling.figures import make_plan
from kotacerdas.bimtek.scheduling.prepare import Key, Prepared, prepare, validate
from kotacerdas.bimtek.scheduling.problem import PlacedVisit, Plan, Problem, Unplaced
from kotacerdas.bimtek.scheduling.sessions import place_sessions

Teams = dict[str, tuple[str, ...]]


def coverable(pp: Prepared, dims: frozenset[str], size: int) -> tuple[bool, list[str]]:
    """Whether some team of `size` mentors covers `dims`; the dimensions nobody has."""
    nobody = sorted(d for d in dims if not any(d in m.expertise for m in pp.mentors.values()))
    if nobody:
        return False, nobody
    useful = {frozenset(m.expertise & dims) for m in pp.mentors.values()}
    for n in range(1, min(size, len(useful)) + 1):
        for combo in combinations(sorted(useful, key=sorted), n):
            if frozenset().union(*combo) >= dims:
                return True, []
    return False, []


def team_regions(pp: Prepared) -> list[str]:
    """Regions that need a team: those with a visit without a fixed team."""
    return list(dict.fromkeys(v.region for v in pp.visits if not v.fixed_team))


def fixed_served(pp: Prepared) -> dict[str, set[str]]:
    served: dict[str, set[str]] = defaultdict(set)
    for v in pp.visits:
        for m in v.fixed_team:
            served[m].add(v.region)
    return served


def greedy_teams(pp: Prepared) -> tuple[Teams, dict[str, Unplaced]]:
    """Keep a region's current team when it still fits; else fill it by least load."""
    size = pp.problem.team_size
    served = fixed_served(pp)
    teams: Teams = {}
    failed: dict[str, Unplaced] = {}

    def room(m: str, region: str) -> bool:
        return region in served[m] or len(served[m]) < pp.mentors[m].max_regions

    for code in team_regions(pp):
        dims = pp.regions[code].priority_dimensions
        current = tuple(pp.problem.current_team.get(code, ()))
        if (
            len(set(current)) == size == len(current)
            and all(m in pp.mentors and room(m, code) for m in current)
            and dims <= frozenset().union(*(pp.mentors[m].expertise for m in current))
        ):
            team = list(current)
        else:
            team = []
            uncovered = set(dims)
            while len(team) < size:
                options = [m for m in pp.mentors if m not in team and room(m, code)]
                if not options:
                    break
                best = min(
                    options,
                    key=lambda m: (
                        -len(pp.mentors[m].expertise & uncovered),
                        len(served[m]),
                        pp.travel(pp.mentors[m].home, code),
                        m,
                    ),
                )
                team.append(best)
                uncovered -= pp.mentors[best].expertise
            if len(team) < size or uncovered:
                ok, nobody = coverable(pp, dims, size)
                reason = "no_mentor" if ok else "no_expertise"
                failed[code] = Unplaced(code, 0, reason, {"dimensions": nobody} if nobody else {})
                continue
        teams[code] = tuple(team)
        for m in team:
            served[m].add(code)
    return teams, failed


class Book:
    """Mentors' booked days away, month totals and unavailable days (day indices)."""

    def __init__(self, pp: Prepared) -> None:
        self.pp = pp
        self.busy: dict[str, bytearray] = {m: bytearray(pp.horizon) for m in pp.mentors}
        self.month = [pp.day(i).year * 12 + pp.day(i).month for i in range(pp.horizon)]
        self.away: dict[str, dict[int, int]] = {m: defaultdict(int) for m in pp.mentors}
        self.off: dict[str, bytearray] = {}
        for mid, mentor in pp.mentors.items():
            off = bytearray(pp.horizon)
            for day in mentor.unavailable:
                i = pp.index(day)
                if 0 <= i < pp.horizon:
                    off[i] = 1
            self.off[mid] = off

    def span(self, m: str, region: str, start: int, n: int) -> tuple[int, int]:
        home = self.pp.mentors[m].home
        return start - self.pp.travel(home, region), start + n - 1 + self.pp.travel(region, home)

    def fits(self, m: str, lo: int, hi: int) -> bool:
        if lo < 0 or hi >= self.pp.horizon:
            return False
        if any(self.busy[m][lo : hi + 1]) or any(self.off[m][lo : hi + 1]):
            return False
        counts: dict[int, int] = defaultdict(int)
        for i in range(lo, hi + 1):
            counts[self.month[i]] += 1
        cap = self.pp.mentors[m].max_travel_days_per_month
        return all(self.away[m][mo] + c <= cap for mo, c in counts.items())

    def book(self, m: str, lo: int, hi: int) -> None:
        for i in range(max(lo, 0), min(hi, self.pp.horizon - 1) + 1):
            if not self.busy[m][i]:
                self.busy[m][i] = 1
                self.away[m][self.month[i]] += 1

    def unbook(self, m: str, lo: int, hi: int) -> None:
        for i in range(max(lo, 0), min(hi, self.pp.horizon - 1) + 1):
            if self.busy[m][i]:
                self.busy[m][i] = 0
                self.away[m][self.month[i]] -= 1


def team_of(pp: Prepared, key: Key, teams: Teams) -> tuple[str, ...] | None:
    visit = pp.visit[key]
    return visit.fixed_team or teams.get(visit.region)


def schedule(
    pp: Prepared, teams: Teams, failed: dict[str, Unplaced]
) -> tuple[list[PlacedVisit], list[Unplaced]]:
    """Region by region: each stage at its earliest start where every rule holds."""
    book = Book(pp)
    starts: dict[Key, int] = {}
    unplaced: list[Unplaced] = []
    placed: list[PlacedVisit] = []

    def place(key: Key, start: int, team: tuple[str, ...]) -> None:
        n = pp.length[key]
        for m in team:
            book.book(m, *book.span(m, key[0], start, n))
        starts[key] = start
        visit = pp.visit[key]
        first = pp.day(start)
        sessions = place_sessions(pp.problem, visit, first, n)
        placed.append(PlacedVisit(key[0], key[1], first, pp.day(start + n - 1), team, sessions))

    for v in pp.visits:  # fixed visits first: they are given
        team = team_of(pp, v.key, teams)
        if v.fixed_start is not None and team is not None:
            place(v.key, pp.index(v.fixed_start), team)
    by_region: dict[str, list[Key]] = defaultdict(list)
    for v in pp.visits:
        by_region[v.region].append(v.key)
    for code, keys in by_region.items():
        todo = [k for k in keys if k not in starts]
        if not todo:
            continue
        team = team_of(pp, todo[0], teams)
        if team is None or any(team_of(pp, k, teams) is None for k in todo):
            why = failed.get(code)
            reason = why.reason if why else "no_mentor"
            for k in todo:
                unplaced.append(Unplaced(code, k[1], reason, why.detail if why else {}))
            continue
        found, reasons = _region(pp, book, starts, teams, todo)
        for k, start in found.items():
            place(k, start, team_of(pp, k, teams) or ())
        for k in todo:
            if k not in found:
                unplaced.append(Unplaced(code, k[1], reasons.get(k, "mentor_days")))
    return placed, unplaced


def greedy(problem: Problem) -> Plan:
    """The baseline plan; an empty plan (all unplaced, "invalid") for invalid input."""
    if validate(problem):
        return make_plan(
            problem, (), [Unplaced(v.region, v.stage, "invalid") for v in problem.visits]
        )
    pp = prepare(problem)
    teams, failed = greedy_teams(pp)
    placed, unplaced = schedule(pp, teams, failed)
    return make_plan(problem, placed, unplaced)


def _region(
    pp: Prepared, book: Book, starts: dict[Key, int], teams: Teams, todo: list[Key]
) -> tuple[dict[Key, int], dict[Key, str]]:
    """A region's unplaced stages: the earliest first start from which every later
    stage fits at its earliest; else the longest run of stages that fits."""
    first = todo[0]
    best: dict[Key, int] = {}
    reasons: dict[Key, str] = {}

    def fits(key: Key, s: int) -> bool:
        team = team_of(pp, key, teams) or ()
        n = pp.length[key]
        return all(book.fits(m, *book.span(m, key[0], s, n)) for m in team)

    def window(key: Key, chosen: dict[Key, int]) -> list[int] | None:
        prev = (key[0], key[1] - 1)
        known = chosen.get(prev, starts.get(prev))
        options = pp.allowed_starts(key)
        if prev in pp.visit:
            if known is None:
                return None
            st = pp.stages[key[1]]
            options = [
                s for s in options if known + st.min_gap_days <= s <= known + st.max_gap_days
            ]
        return options

    options = window(first, {})
    if options is None:
        return {}, dict.fromkeys(todo, "stage_order")
    if not options:
        return {}, {first: "no_window", **{k: "stage_order" for k in todo[1:]}}
    stuck: dict[Key, str] = {}
    for s in options:
        if not fits(first, s):
            continue
        chosen: dict[Key, int] = {}
        # Stages are booked tentatively so the later ones see the earlier ones.
        booked: list[tuple[str, int, int]] = []
        for key in todo:
            if key == first:
                at: int | None = s
            else:
                nxt = window(key, chosen) or []
                at = next((t for t in nxt if fits(key, t)), None)
                if at is None and len(chosen) >= len(best):
                    stuck[key] = "mentor_days" if nxt else "no_window"
            if at is None:
                break
            chosen[key] = at
            for m in team_of(pp, key, teams) or ():
                lo, hi = book.span(m, key[0], at, pp.length[key])
                book.book(m, lo, hi)
                booked.append((m, lo, hi))
        for m, lo, hi in booked:
            book.unbook(m, lo, hi)
        if len(chosen) > len(best):
            best = chosen
        if len(chosen) == len(todo):
            break
    for key in todo:
        if key not in best:
            if (key[0], key[1] - 1) in best or key == first:
                reasons[key] = stuck.get(key, "mentor_days")
            else:
                reasons[key] = "stage_order"
    return best, reasons
