from datetime import datetime
from typing import Any, Literal

from ninja import Field, Schema
from pydantic import ConfigDict, field_validator
from pydantic_core import PydanticCustomError

from kotacerdas.regions.models import (
    ABBREVIATION_LENGTH,
    DUTIES_LENGTH,
    HEAD_NAME_LENGTH,
    NAME_LENGTH,
    IslandGroup,
    OPDKind,
)


class ProvinceOut(Schema):
    code: str
    name: str
    island_group: str
    timezone: str


class RegionOut(Schema):
    code: str = Field(description="Kemendagri code `PP.KK`.")
    name: str
    kind: str = Field(description="`kabupaten` or `kota`.")
    province_code: str = Field(alias="province_id")
    province_name: str = Field(alias="province.name")
    island_group: str
    timezone: str = Field(description="IANA zone: Asia/Jakarta, Asia/Makassar or Asia/Jayapura.")
    timezone_abbreviation: str = Field(description="WIB, WITA or WIT.")


class RegionFilters(Schema):
    model_config = ConfigDict(extra="forbid")

    q: str = Field("", max_length=100, description="Part of the name or code, or a province name.")
    province: str = Field("", max_length=2, description="Province code, e.g. `15`.")
    kind: Literal["", "kabupaten", "kota"] = ""
    island_group: Literal["", *IslandGroup.values] = ""  # type: ignore[valid-type]


class ReferenceElementOut(Schema):
    code: str
    name_id: str
    name_en: str


class ReferenceGroupOut(Schema):
    code: str
    name_id: str
    name_en: str
    description_id: str
    description_en: str
    elements: list[ReferenceElementOut]


ONE_LINE = "One line: no line breaks or control characters."


class OPDIn(Schema):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(
        min_length=2,
        max_length=NAME_LENGTH,
        description=f"Unique in the region (whatever the capitals). {ONE_LINE}",
    )
    abbreviation: str = Field("", max_length=ABBREVIATION_LENGTH, description=ONE_LINE)
    kind: Literal[*OPDKind.values]  # type: ignore[valid-type]
    head_name: str = Field("", max_length=HEAD_NAME_LENGTH, description=ONE_LINE)
    duties: str = Field("", max_length=DUTIES_LENGTH, description="Free text (tupoksi).")


class OPDPatch(Schema):
    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(
        None,
        min_length=2,
        max_length=NAME_LENGTH,
        description=f"Unique in the region (whatever the capitals). {ONE_LINE}",
    )
    abbreviation: str | None = Field(None, max_length=ABBREVIATION_LENGTH, description=ONE_LINE)
    kind: Literal[*OPDKind.values] | None = None  # type: ignore[valid-type]
    head_name: str | None = Field(None, max_length=HEAD_NAME_LENGTH, description=ONE_LINE)
    duties: str | None = Field(None, max_length=DUTIES_LENGTH, description="Free text (tupoksi).")

    @field_validator("name", "abbreviation", "kind", "head_name", "duties", mode="before")
    @classmethod
    def _no_null(cls, value: Any) -> Any:
        """A field left out is kept; one sent as null is refused (send "" to empty it)."""
        if value is None:
            raise PydanticCustomError("null_not_allowed", "Leave the field out to keep it.")
        return value


class OPDOut(Schema):
    id: int
    region_code: str = Field(alias="region_id")
    name: str
    abbreviation: str
    kind: str
    head_name: str
    duties: str
    updated_at: datetime


class AuditEntryOut(Schema):
    """One entry of the audit trail: who changed what, when, from what to what."""

    timestamp: datetime
    action: str = Field(description="create, update or delete.")
    object_type: str
    object_id: str
    object_repr: str
    actor: str | None = Field(description="Username of who did it; empty for the system.")
    changes: dict[str, Any] = Field(description="Field -> [old, new].")

    @staticmethod
    def resolve_action(entry: Any) -> str:
        return {0: "create", 1: "update", 2: "delete"}.get(entry.action, "access")

    @staticmethod
    def resolve_object_type(entry: Any) -> str:
        return str(entry.content_type.model)

    @staticmethod
    def resolve_object_id(entry: Any) -> str:
        return str(entry.object_pk)

    @staticmethod
    def resolve_actor(entry: Any) -> str | None:
        return entry.actor.get_username() if entry.actor else None

    @staticmethod
    def resolve_changes(entry: Any) -> dict[str, Any]:
        return dict(entry.changes_dict or {})
