"""Shared masterplan fixtures: a Batang masterplan from 2024 and program input."""

from collections.abc import Callable
from decimal import Decimal

import pytest

from kotacerdas.masterplan import services
from kotacerdas.masterplan.models import Masterplan


@pytest.fixture
def plan(users, batang) -> Masterplan:  # type: ignore[no-untyped-def]
    return services.start_masterplan(users["coordinator"], batang, 2024)


def program_input(opd_id: int, **extra: object) -> services.ProgramInput:
    """A valid medium-term health program of 2024-2026 led by `opd_id`."""
    defaults: dict[str, object] = {
        "name": "Puskesmas Digital",
        "element": "health",
        "lead_opd": opd_id,
        "horizon": "medium",
        "start_year": 2024,
        "end_year": 2026,
        "budget": [(2024, "apbd", 250_000_000), (2025, "dak", 400_000_000)],
        "indicators": [
            services.IndicatorInput(
                "outcome",
                "Puskesmas dengan rekam medis elektronik",
                "%",
                2023,
                Decimal("20"),
                {2024: Decimal(40), 2025: Decimal(70), 2026: Decimal(100)},
            )
        ],
    }
    defaults.update(extra)
    return services.ProgramInput(**defaults)  # type: ignore[arg-type]


@pytest.fixture
def make_program_input() -> Callable[..., services.ProgramInput]:
    return program_input
