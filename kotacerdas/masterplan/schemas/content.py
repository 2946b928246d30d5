"""A masterplan's content over the API: overview, profile, potentials and problems, RPJMD goals, analyses and strategies."""

from decimal import Decimal
from typing import Any, Literal

from ninja import Field, Schema

from kotacerdas.masterplan.models import (
    FindingKind,
    ProfileKey,
)
from kotacerdas.masterplan.schemas.common import Strict


class OverviewOut(Schema):
    id: int
    status: str
    vision: str
    missions: str
    targets: str
    leading_sectors: str
    rpjmd_vision: str
    rpjmd_missions: str
    rpjmd_first_year: int | None
    rpjmd_last_year: int | None
    gap_analysis: str
    roadmap: str
    implementation_steps: str
    foreword: str
    background: str
    legal_basis: str
    purpose: str
    scope: str
    head_name: str
    head_title: str


class OverviewPatch(Strict):
    """Send only the fields to change."""

    vision: str = ""
    missions: str = Field("", description="One per line.")
    targets: str = ""
    leading_sectors: str = Field("", description="One per line.")
    rpjmd_vision: str = ""
    rpjmd_missions: str = ""
    rpjmd_first_year: int | None = None
    rpjmd_last_year: int | None = Field(
        None, description="The first year plus 4 (or plus 5 when named after the term)."
    )
    gap_analysis: str = ""
    roadmap: str = ""
    implementation_steps: str = ""
    foreword: str = Field("", description="The document's foreword (Kata Pengantar).")
    background: str = Field("", description="Chapter I: background (latar belakang).")
    legal_basis: str = Field(
        "",
        description="Chapter I: the regulations the masterplan rests on (dasar hukum), one a "
        "line, highest rank first. A new masterplan starts with the usual national ones.",
    )
    purpose: str = Field("", description="Chapter I: purpose and objectives (maksud dan tujuan).")
    scope: str = Field("", description="Chapter I: scope (ruang lingkup).")
    head_name: str = Field(
        "", description="Name of the head of region, printed under the signature; one line."
    )
    head_title: str = Field(
        "",
        description="Title of the head of region, e.g. `Bupati Batang`; one line. Empty: "
        "Bupati or Wali Kota and the region's name.",
    )


class ProfileFigureIn(Strict):
    key: Literal[*ProfileKey.values]  # type: ignore[valid-type]
    value: Decimal
    year: int = Field(description="The year the figure describes, not in the future.")
    source: str = Field(description="Where it comes from, e.g. BPS.")
    unit: str = ""
    label: str = Field("", description="Needed for key `other`.")


class ProfileFigureOut(Schema):
    id: int
    key: str
    label: str
    value: Decimal
    unit: str
    year: int
    source: str


class PotentialOrProblemIn(Strict):
    kind: Literal[*FindingKind.values]  # type: ignore[valid-type]
    title: str
    opd: int = Field(description="The OPD whose duties it concerns (an OPD of this region).")
    description: str = ""
    element: str | None = Field(None, description="Dimension element code, e.g. `health`.")
    evidence: str = ""


class PotentialOrProblemFilters(Schema):
    kind: Literal[*FindingKind.values] | None = None  # type: ignore[valid-type]
    opd: int | None = None
    include_merged: bool = Field(False, description="Also list duplicates merged into others.")


class PotentialOrProblemOut(Schema):
    id: int
    kind: str
    title: str
    description: str
    evidence: str
    opd: int = Field(alias="opd_id")
    opd_name: str = Field(alias="opd.name")
    element: str | None
    set_aside_reason: str
    merged_into: int | None = Field(alias="merged_into_id")
    program_count: int = Field(description="Programs that address it.")

    @staticmethod
    def resolve_element(finding: Any) -> str | None:
        return finding.element.code if finding.element_id else None


class MergeIn(Strict):
    duplicates: list[int] = Field(description="Ids of findings to fold into this one.")


class SetAsideIn(Strict):
    reason: str = Field(description="Why no program addresses the problem; empty takes it back.")


class GoalIn(Strict):
    code: str = Field(description="The goal's code in the RPJMD, unique in the masterplan.")
    text: str


class GoalOut(Schema):
    id: int
    code: str
    text: str
    program_count: int = Field(description="Programs that serve it.")


class AnalysisIn(Strict):
    readiness: Decimal | None = Field(None, description="1 to 5, two decimals; null clears.")
    readiness_notes: str = ""
    strengths: str = ""
    weaknesses: str = ""
    opportunities: str = ""
    threats: str = ""


class AnalysisOut(Schema):
    pillar: str
    pillar_name: str
    readiness: Decimal | None
    readiness_notes: str
    strengths: str
    weaknesses: str
    opportunities: str
    threats: str


class PrefillOut(Schema):
    filled: int = Field(description="Pillars whose empty readiness was filled.")


class StrategyIn(Strict):
    text: str = Field(description="Empty text deletes the strategy.")


class StrategyOut(Schema):
    element: str
    dimension: str
    text: str
