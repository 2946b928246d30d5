"""Applications over the API: answers, indicators, evidence."""

from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from django.urls import reverse
from ninja import Field, Schema

from kotacerdas.program.models import Indicator
from kotacerdas.program.schemas.common import Strict


class ApplicationStartIn(Strict):
    region_code: str = Field(pattern=r"^\d{2}\.\d{2}$")


class AnswerIn(Strict):
    criterion: str
    self_score: int | None = Field(None, ge=1, le=5)
    answer: str = Field("", max_length=20000)


class IndicatorIn(Strict):
    indicator: Literal[*Indicator.values]  # type: ignore[valid-type]
    value: Decimal = Field(max_digits=12, decimal_places=3)
    source_year: int = Field(ge=2000, le=2100)


class ApplicationContentIn(Strict):
    answers: list[AnswerIn] = []
    indicators: list[IndicatorIn] = []


class EvidenceOut(Schema):
    id: int
    original_name: str
    content_type: str
    size: int
    url: str = Field(description="Where the file opens (same access as the application).")

    @staticmethod
    def resolve_url(evidence: Any) -> str:
        return reverse("program:evidence", args=[evidence.answer.application_id, evidence.pk])


class AnswerOut(Schema):
    criterion: str = Field(alias="criterion.code")
    self_score: int | None
    answer: str
    evidence: list[EvidenceOut]

    @staticmethod
    def resolve_evidence(answer: Any) -> list[Any]:
        return list(answer.evidence.all())


class IndicatorOut(Schema):
    indicator: str
    value: Decimal
    source_year: int


class ApplicationOut(Schema):
    id: int
    cohort_year: int = Field(alias="cohort.year")
    region_code: str = Field(alias="region_id")
    region_name: str = Field(alias="region.name")
    status: str
    result: Literal["selected", "not_selected"] | None = Field(
        description="Once the results are published: selected or not; null before."
    )
    status_label: str = Field(description="The status in words, with the result once published.")
    submitted_at: datetime | None
    deadline_local: str = Field(description="The deadline in the region's own time zone.")
    answers: list[AnswerOut]
    indicators: list[IndicatorOut]

    @staticmethod
    def resolve_deadline_local(application: Any) -> str:
        from zoneinfo import ZoneInfo

        zone = ZoneInfo(application.region.timezone)
        local = application.cohort.application_deadline.astimezone(zone)
        return f"{local:%Y-%m-%d %H:%M} {application.region.timezone_abbreviation}"

    @staticmethod
    def resolve_result(application: Any) -> str | None:
        outcome = application.outcome
        return None if outcome is None else "selected" if outcome else "not_selected"

    @staticmethod
    def resolve_answers(application: Any) -> list[Any]:
        return list(application.answers.all())

    @staticmethod
    def resolve_indicators(application: Any) -> list[Any]:
        return list(application.indicators.all())


class ReasonIn(Strict):
    reason: str = Field(min_length=1, max_length=2000)
