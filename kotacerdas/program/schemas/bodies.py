"""Regional bodies, the OPD import and commitments over the API."""

from datetime import date
from typing import Any

from django.urls import reverse
from ninja import Field, Schema

from kotacerdas.program.schemas.common import Strict


class MemberIn(Strict):
    name: str = Field(min_length=2, max_length=150)
    position: str = Field(min_length=2, max_length=150)
    organisation: str = Field(min_length=2, max_length=150)
    role_in_body: str = Field(min_length=2, max_length=80)


class BodyIn(Strict):
    decree_number: str = Field("", max_length=80)
    decree_date: date | None = None
    members: list[MemberIn] = []


class MemberOut(Schema):
    name: str
    position: str
    organisation: str
    role_in_body: str


class BodyOut(Schema):
    kind: str
    region_code: str = Field(alias="region_id")
    decree_number: str
    decree_date: date | None
    is_formed: bool
    members: list[MemberOut]
    decree_url: str | None = Field(description="Where the decree (PDF) opens, once attached.")

    @staticmethod
    def resolve_decree_url(body: Any) -> str | None:
        if not body.decree_file:
            return None
        return reverse("program:decree", args=[body.region_id, body.kind])

    @staticmethod
    def resolve_members(body: Any) -> list[Any]:
        return list(body.members.all())


class ImportOut(Schema):
    created: int
    updated: int


class CommitmentIn(Strict):
    signed_by: str = Field(min_length=2, max_length=150)
    signed_on: date


class CommitmentOut(Schema):
    opd_id: int
    signed_by: str
    signed_on: date
    scan_url: str | None = Field(description="Where the signed scan opens, once attached.")

    @staticmethod
    def resolve_scan_url(commitment: Any) -> str | None:
        if not commitment.scan:
            return None
        return reverse("program:commitment-scan", args=[commitment.opd_id])
