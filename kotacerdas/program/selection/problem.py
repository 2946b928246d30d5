"""The selection's input and output (plain dataclasses), and the problem prepared for
the model: scores as integers, rules checked."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

# Scores go to CP-SAT as integers. A micro-point scale keeps distinct real scores distinct
# (averages of assessors like 3.3333...) while every sum stays far inside int64.
SCALE = 1_000_000


SCORE_MIN = 1.0


SCORE_MAX = 5.0


_SCORE_TOLERANCE = 1e-9


# Headroom for CP-SAT, which rejects objectives whose bounds may overflow int64.
_MAX_OBJECTIVE = 2**60


@dataclass(frozen=True)
class Candidate:
    id: str  # application id
    province: str  # province code, e.g. "33"
    island_group: str  # e.g. "jawa", "sumatera", "papua"
    score: float | None  # 1-5 weighted score; None = not assessed -> never selectable


@dataclass(frozen=True)
class Rules:
    quota: int
    max_per_province: int | None = None
    min_per_island_group: Mapping[str, int] = field(default_factory=dict)
    must_include: frozenset[str] = frozenset()
    must_exclude: frozenset[str] = frozenset()
    min_score: float | None = None


@dataclass(frozen=True)
class Decision:
    id: str
    selected: bool
    score: float | None
    rank: int | None  # 1-based among the selected, by score then id
    reason: str
    gap: float | None = None  # "below_cutoff": cutoff - score, >= 0, 3 decimals
    detail: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Conflict:
    rule: str
    detail: Mapping[str, object]
    related: tuple[str, ...] = ()  # the other rules this one clashes with


@dataclass(frozen=True)
class SelectionResult:
    status: str
    objective: float
    bound: float | None
    decisions: list[Decision]
    conflicts: list[Conflict]
    warnings: list[str]
    cutoff: float | None
    solve_seconds: float
    greedy_ids: list[str]
    greedy_objective: float

    @property
    def selected_ids(self) -> list[str]:
        return [d.id for d in self.decisions if d.selected]


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def id_order(value: object) -> tuple[int, int, str]:
    """How ids order among equal scores: numbers ("9" before "10"), then text."""
    text = str(value)
    if text.isdigit():
        return (0, int(text), text)
    return (1, 0, text)


def _plain(value: object) -> object:
    """A JSON-safe echo of a value the caller gave (details are stored as JSON)."""
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float) and math.isfinite(value):
        return value
    return repr(value)


def _key(score: object) -> int | None:
    """The integer the model sees, or None when the score cannot be used."""
    if not _is_number(score):
        return None
    value = float(score)  # type: ignore[arg-type]
    if not math.isfinite(value):
        return None
    if not SCORE_MIN - _SCORE_TOLERANCE <= value <= SCORE_MAX + _SCORE_TOLERANCE:
        return None
    return round(value * SCALE)


@dataclass
class _Problem:
    candidates: list[Candidate]
    keys: list[int | None]
    eligible: list[int]  # indices, sorted by id so the model never depends on input order
    ineligible: dict[int, tuple[str, dict[str, object]]]
    forced: set[int]
    quota: int
    limit: int | None
    minimums: dict[str, int]
    min_score: float | None
    must_include: frozenset[str]
    must_exclude: frozenset[str]
    warnings: list[str]

    def province(self, i: int) -> str:
        return self.candidates[i].province

    def group(self, i: int) -> str:
        return self.candidates[i].island_group


def _warn(warnings: list[str], code: str) -> None:
    if code not in warnings:
        warnings.append(code)


def _validate_rules(rules: Rules, conflicts: list[Conflict]) -> None:
    if not _is_int(rules.quota):
        conflicts.append(
            Conflict("quota", {"quota": _plain(rules.quota), "problem": "not_integer"})
        )
    elif rules.quota < 0:
        conflicts.append(Conflict("quota", {"quota": rules.quota, "problem": "negative"}))
    limit = rules.max_per_province
    if limit is not None and (not _is_int(limit) or limit < 0):
        conflicts.append(
            Conflict("max_per_province", {"limit": _plain(limit), "problem": "not_a_count"})
        )
    for group, required in sorted(dict(rules.min_per_island_group).items(), key=str):
        if not _is_int(required) or required < 0:
            conflicts.append(
                Conflict(
                    "min_per_island_group",
                    {"island_group": group, "required": _plain(required), "problem": "not_a_count"},
                )
            )
    min_score = rules.min_score
    if min_score is not None and (not _is_number(min_score) or not math.isfinite(min_score)):
        conflicts.append(
            Conflict("min_score", {"min_score": _plain(min_score), "problem": "not_finite"})
        )


def _prepare(candidates: Sequence[Candidate], rules: Rules, conflicts: list[Conflict]) -> _Problem:
    cands = list(candidates)
    warnings: list[str] = []
    _validate_rules(rules, conflicts)
    quota = rules.quota if _is_int(rules.quota) else 0
    limit = rules.max_per_province
    if limit is not None and (not _is_int(limit) or limit < 0):
        limit = None
    minimums = {g: m for g, m in dict(rules.min_per_island_group).items() if _is_int(m) and m > 0}
    min_score = rules.min_score
    if min_score is not None:
        valid = _is_number(min_score) and math.isfinite(min_score)
        min_score = float(min_score) if valid else None
    must_in = frozenset(rules.must_include)
    must_out = frozenset(rules.must_exclude)

    counts = Counter(c.id for c in cands)
    duplicates = sorted((i for i, n in counts.items() if n > 1), key=id_order)
    if duplicates:
        conflicts.append(Conflict("candidates", {"duplicate_ids": duplicates}))
    if must_out - counts.keys():
        _warn(warnings, "must_exclude_unknown")

    keys = [_key(c.score) for c in cands]
    eligible: list[int] = []
    ineligible: dict[int, tuple[str, dict[str, object]]] = {}
    for i, c in enumerate(cands):
        if keys[i] is None:
            detail: dict[str, object] = {}
            if c.score is not None:
                detail = {"invalid_score": _plain(c.score)}
                _warn(warnings, "invalid_score")
            ineligible[i] = ("not_assessed", detail)
        elif c.id in must_out:
            ineligible[i] = ("excluded", {})
        elif min_score is not None and float(c.score) < min_score:  # type: ignore[arg-type]
            ineligible[i] = ("below_min_score", {"min_score": min_score})
        else:
            eligible.append(i)
    eligible.sort(key=lambda i: (id_order(cands[i].id), i))
    forced = {i for i in eligible if cands[i].id in must_in}
    return _Problem(
        candidates=cands,
        keys=keys,
        eligible=eligible,
        ineligible=ineligible,
        forced=forced,
        quota=quota,
        limit=limit,
        minimums=minimums,
        min_score=min_score,
        must_include=must_in,
        must_exclude=must_out,
        warnings=warnings,
    )
