from datetime import datetime

from ninja import Field, Schema
from pydantic import ConfigDict


class MeOut(Schema):
    username: str
    full_name: str
    email: str
    role: str = Field(
        description="program_office, assessor, mentor, region_coordinator or opd_officer."
    )
    region_code: str | None = Field(None, alias="region_id")
    opd_id: int | None = None
    language: str


class TokenIn(Schema):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(
        min_length=1,
        max_length=100,
        description="What the token is for; one line, no line breaks or control characters.",
    )
    expires_at: datetime | None = Field(
        None, description="When the token stops working: in the future, at most 5 years ahead."
    )


class TokenOut(Schema):
    id: int
    name: str
    hint: str = Field(description="The first characters of the token, to recognise it.")
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None


class TokenCreatedOut(TokenOut):
    token: str = Field(description="The token itself. It is shown only this once.")
