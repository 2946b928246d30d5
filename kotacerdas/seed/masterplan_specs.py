"""The shapes of the demo masterplans' data (masterplan_batang.py, masterplan_drafts.py),
which masterplan.py writes through the services."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Indicator:
    kind: str
    name: str
    unit: str
    baseline: tuple[int, str]  # (year, value)
    targets: tuple[str, ...]  # one per program year, from the start year


@dataclass(frozen=True)
class Program:
    key: str
    name: str
    element: str
    lead: str
    support: tuple[str, ...]
    horizon: str
    years: tuple[int, int]
    description: str
    budget: Mapping[str, tuple[int, ...]]  # source -> juta Rupiah per program year (0: none)
    indicators: tuple[Indicator, ...]
    problems: tuple[str, ...] = ()
    goals: tuple[str, ...] = ()
    reason: str = ""


def output(name: str, unit: str, base: tuple[int, str], *targets: str) -> Indicator:
    return Indicator("output", name, unit, base, targets)


def outcome(name: str, unit: str, base: tuple[int, str], *targets: str) -> Indicator:
    return Indicator("outcome", name, unit, base, targets)


@dataclass(frozen=True)
class PartialPlan:
    """A region's masterplan early in its writing: the checker still finds work."""

    code: str
    overview: dict[str, Any]
    profile: list[tuple[str, str, str, str, int, str]]
    findings: list[tuple[str, str, str, str, str, str, str]]
    programs: list[Program]
    goals: list[tuple[str, str]] = field(default_factory=list)
    first_year: int = 2024
    # The rest of the masterplan, for a region that has finished and submitted it.
    completion: "Completion | None" = None


@dataclass(frozen=True)
class Completion:
    """What a draft lacks to pass the checker: the remaining overview texts, SWOT per
    pillar, strategies, and a reason for each problem no program addresses."""

    overview: dict[str, Any]
    swot: dict[
        str, tuple[str, str, str, str]
    ]  # pillar -> strengths, weaknesses, opportunities, threats
    strategies: dict[str, str]
    set_aside: dict[str, str]
