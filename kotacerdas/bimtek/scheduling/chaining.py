"""A first plan that chains: two regions of a province with the same team, visited
back to back at every stage (one trip instead of two). The solver starts from it.

Pairs that do not fit fall back to the greedy, region by region. The chain is booked as
one span per mentor (out, first visit, the days between, second visit, back), which is
exactly the trip `figures.trips` derives, so caps and overlaps are checked as they will
be counted.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict

from kotacerdas.bimtek.scheduling.figures import make_plan
from kotacerdas.bimtek.scheduling.greedy import Book, Teams, _region
from kotacerdas.bimtek.scheduling.prepare import Key, Prepared
from kotacerdas.bimtek.scheduling.problem import PlacedVisit, Plan, Unplaced
from kotacerdas.bimtek.scheduling.sessions import place_sessions


def _pairs(pp: Prepared, teams: Teams) -> list[tuple[str, str]]:
    """Regions paired by (team, province), nearest first; regions with a held or pinned
    visit stay out (they keep their own dates)."""
    fixed = {v.region for v in pp.visits if v.fixed_start is not None or v.fixed_team}
    groups: dict[tuple[tuple[str, ...], str], list[str]] = defaultdict(list)
    for code, team in teams.items():
        if code not in fixed:
            groups[(tuple(sorted(team)), pp.regions[code].province)].append(code)
    out = []
    for _, codes in sorted(groups.items()):
        while len(codes) >= 2:
            a = codes.pop(0)
            b = min(codes, key=lambda c: (pp.travel(a, c), c))
            codes.remove(b)
            out.append((a, b))
    return out


def _pair(pp: Prepared, book: Book, team: tuple[str, ...], a: str, b: str) -> dict[Key, int] | None:
    """Starts for all stages of a and b, b right after a each time, or None."""
    stages = sorted(k[1] for k in pp.visit if k[0] == a)
    if stages != sorted(k[1] for k in pp.visit if k[0] == b):
        return None
    hop = pp.travel(a, b)
    most = min(pp.travel(a, pp.mentors[m].home) + pp.travel(pp.mentors[m].home, b) for m in team)
    if hop > most:
        return None
    allowed = {k: pp.allowed_starts(k) for k in pp.visit if k[0] in (a, b)}

    def span_fits(sa: int, ka: Key, sb: int, kb: Key) -> bool:
        for m in team:
            lo, _ = book.span(m, a, sa, pp.length[ka])
            _, hi = book.span(m, b, sb, pp.length[kb])
            if not book.fits(m, lo, hi):
                return False
        return True

    for s1 in allowed[(a, stages[0])]:
        chosen: dict[Key, int] = {}
        booked: list[tuple[str, int, int]] = []
        for n in stages:
            ka, kb = (a, n), (b, n)
            if n == stages[0]:
                a_opts = [s1]
                b_lo, b_hi = -(10**9), 10**9
            else:
                st = pp.stages[n]
                pa, pb = chosen[(a, n - 1)], chosen[(b, n - 1)]
                a_opts = [
                    s for s in allowed[ka] if pa + st.min_gap_days <= s <= pa + st.max_gap_days
                ]
                b_lo, b_hi = pb + st.min_gap_days, pb + st.max_gap_days
            found = None
            for sa in a_opts:
                end_a = sa + pp.length[ka] - 1
                options = allowed[kb]
                for sb in options[bisect_left(options, end_a + 1 + hop) :]:
                    gap = sb - end_a - 1
                    if gap < hop or not b_lo <= sb <= b_hi:
                        continue
                    if gap > most:
                        break
                    if span_fits(sa, ka, sb, kb):
                        found = (sa, sb)
                        break
                if found:
                    break
            if found is None:
                break
            chosen[ka], chosen[kb] = found
            for m in team:
                lo, _ = book.span(m, a, found[0], pp.length[ka])
                _, hi = book.span(m, b, found[1], pp.length[kb])
                book.book(m, lo, hi)
                booked.append((m, lo, hi))
        for m, lo, hi in booked:
            book.unbook(m, lo, hi)
        if len(chosen) == 2 * len(stages):
            return chosen
    return None


def chained_schedule(pp: Prepared, teams: Teams, failed: dict[str, Unplaced]) -> Plan:
    """Fixed visits first, then the pairs chained, then every other region greedily."""
    book = Book(pp)
    starts: dict[Key, int] = {}
    unplaced: list[Unplaced] = []

    def team_for(key: Key) -> tuple[str, ...] | None:
        return pp.visit[key].fixed_team or teams.get(key[0])

    def place(key: Key, start: int) -> None:
        for m in team_for(key) or ():
            book.book(m, *book.span(m, key[0], start, pp.length[key]))
        starts[key] = start

    for v in pp.visits:
        if v.fixed_start is not None and team_for(v.key):
            place(v.key, pp.index(v.fixed_start))
    for a, b in _pairs(pp, teams):
        found = _pair(pp, book, teams[a], a, b)
        if found is None:
            continue
        # Book each chain as one span per mentor (the days between count as away).
        for n in sorted({k[1] for k in found}):
            for m in teams[a]:
                lo, _ = book.span(m, a, found[(a, n)], pp.length[(a, n)])
                _, hi = book.span(m, b, found[(b, n)], pp.length[(b, n)])
                book.book(m, lo, hi)
        starts.update(found)
    by_region: dict[str, list[Key]] = defaultdict(list)
    for v in pp.visits:
        by_region[v.region].append(v.key)
    for code, keys in by_region.items():
        todo = [k for k in keys if k not in starts]
        if not todo:
            continue
        if any(team_for(k) is None for k in todo):
            why = failed.get(code)
            for k in todo:
                reason, detail = (why.reason, why.detail) if why else ("no_mentor", {})
                unplaced.append(Unplaced(code, k[1], reason, detail))
            continue
        found, reasons = _region(pp, book, starts, teams, todo)
        for k, start in found.items():
            place(k, start)
        for k in todo:
            if k not in found:
                unplaced.append(Unplaced(code, k[1], reasons.get(k, "mentor_days")))
    placed = []
    for v in pp.visits:
        if v.key in starts:
            n = pp.length[v.key]
            first = pp.day(starts[v.key])
            team = team_for(v.key) or ()
            sessions = place_sessions(pp.problem, v, first, n)
            placed.append(
                PlacedVisit(v.region, v.stage, first, pp.day(starts[v.key] + n - 1), team, sessions)
            )
    return make_plan(pp.problem, placed, unplaced)
