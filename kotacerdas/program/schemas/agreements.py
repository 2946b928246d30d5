"""Agreements (MoU) over the API: signatories, steps, signing and the post; the funnel."""

from datetime import date, datetime
from typing import Any, Literal

from django.urls import reverse
from ninja import Field, Schema

from kotacerdas.program.schemas.common import Strict


class SignatoryIn(Strict):
    name: str = Field(min_length=2, max_length=150)
    position: str = Field(min_length=2, max_length=150)
    side: Literal["ministry", "region"]


class SignatoryOut(Schema):
    name: str
    position: str
    side: str


class StepOut(Schema):
    status: str
    at: datetime
    by: str | None
    note: str

    @staticmethod
    def resolve_by(step: Any) -> str | None:
        return step.by.get_username() if step.by else None


class AgreementOut(Schema):
    id: int
    application_id: int
    cohort_year: int = Field(alias="application.cohort.year")
    region_code: str = Field(alias="application.region_id")
    region_name: str = Field(alias="application.region.name")
    number: str | None
    status: str
    signed_on: date | None
    mode: str
    courier: str
    tracking_number: str
    sent_on: date | None
    received_on: date | None
    signatories: list[SignatoryOut]
    steps: list[StepOut]
    scan_url: str | None = Field(description="Where the signed scan opens, once attached.")

    @staticmethod
    def resolve_scan_url(agreement: Any) -> str | None:
        return reverse("program:agreement-scan", args=[agreement.pk]) if agreement.scan else None

    @staticmethod
    def resolve_signatories(agreement: Any) -> list[Any]:
        return list(agreement.signatories.all())

    @staticmethod
    def resolve_steps(agreement: Any) -> list[Any]:
        return list(agreement.steps.all())


class SignIn(Strict):
    number: str = Field(min_length=3, max_length=80)
    signed_on: date
    mode: Literal["virtual", "in_person"]
    signatories: list[SignatoryIn] = Field(min_length=2)


class BulkSignIn(Strict):
    agreement_ids: list[int] = Field(min_length=1)
    signed_on: date
    mode: Literal["virtual", "in_person"] = "virtual"
    number_pattern: str = Field(min_length=4, max_length=80, description="With {n}.")
    ministry_signatory: SignatoryIn


class SendIn(Strict):
    courier: str = Field(min_length=2, max_length=80)
    tracking_number: str = Field(min_length=2, max_length=80)
    sent_on: date


class ReceiveIn(Strict):
    received_on: date


class FunnelRowOut(Schema):
    key: str
    label: str
    counts: dict[str, int]


class FunnelOut(Schema):
    total: FunnelRowOut
    by_island_group: list[FunnelRowOut]
    by_province: list[FunnelRowOut]
