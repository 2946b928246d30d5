"""People and invitations over the API."""

from datetime import datetime
from typing import Any, Literal

from django.utils import timezone
from ninja import Field, Schema
from pydantic import ConfigDict

from kotacerdas.core.api_support import ErrorBody

RoleKey = Literal["assessor", "mentor", "region_coordinator", "deputy", "opd_officer"]
AccountStatus = Literal["active", "never_logged_in", "deactivated"]
InvitationStateKey = Literal["pending", "accepted", "expired", "revoked"]
Language = Literal["id", "en"]
# What an invitation may ask for: program_office is listed so that asking for it is
# refused as every role above one's own is (403), not as a malformed request.
InviteRole = Literal[
    "assessor", "mentor", "region_coordinator", "deputy", "opd_officer", "program_office"
]

ROLE_HELP = (
    "assessor, mentor, region_coordinator, deputy (a deputy coordinator) or opd_officer. "
    "Nobody is invited to the program office through the API."
)


class PeopleFilters(Schema):
    q: str = Field("", max_length=100, description="Words found in the name or email.")
    role: RoleKey | None = Field(None, description=ROLE_HELP)
    status: AccountStatus | None = Field(
        None,
        description="active (has logged in), never_logged_in, deactivated. Invitations "
        "not accepted yet are listed by GET /invitations.",
    )
    region: str = Field(
        "", max_length=5, description="A region code: its people and the staff assigned to it."
    )


class InvitationFilters(Schema):
    q: str = Field("", max_length=100, description="Words found in the name or email.")
    role: RoleKey | None = Field(None, description=ROLE_HELP)
    state: InvitationStateKey | None = None
    region: str = Field("", max_length=5, description="A region code.")


def _status(user: Any) -> str:
    if not user.is_active:
        return "deactivated"
    return "active" if user.last_login else "never_logged_in"


class PersonOut(Schema):
    id: int
    username: str
    email: str
    first_name: str
    last_name: str
    role: str = Field(
        description="program_office, assessor, mentor, region_coordinator, opd_officer, or empty."
    )
    deputy: bool = Field(description="A deputy region coordinator.")
    region: str | None = Field(None, alias="region_id", description="The region's code.")
    opd: int | None = Field(None, alias="opd_id")
    assigned_regions: list[str] = Field(
        description="Codes of the regions an assessor or mentor works with."
    )
    home_province: str | None = Field(None, alias="home_province_id")
    is_active: bool
    status: AccountStatus
    last_login: datetime | None = Field(description="Null: never logged in.")
    date_joined: datetime

    @staticmethod
    def resolve_assigned_regions(obj: Any) -> list[str]:
        return sorted(region.pk for region in obj.assigned_regions.all())

    @staticmethod
    def resolve_status(obj: Any) -> str:
        return _status(obj)


class PersonPatch(Schema):
    model_config = ConfigDict(extra="forbid")

    assigned_regions: list[str] | None = Field(
        None,
        max_length=600,
        description="Codes of the regions an assessor or mentor works with (the office).",
    )
    home_province: str | None = Field(
        None, max_length=2, description="An assessor's or mentor's home province code."
    )
    opd: int | None = Field(
        None, description="Move an OPD officer to another OPD of the same region."
    )


class InvitationIn(Schema):
    model_config = ConfigDict(extra="forbid")

    email: str = Field(max_length=150)
    role: InviteRole = Field(
        description=ROLE_HELP + " Asking for program_office, or a role above your own, is 403."
    )
    first_name: str = Field("", max_length=150)
    last_name: str = Field("", max_length=150)
    region: str | None = Field(
        None,
        max_length=5,
        description="A coordinator's or officer's region code (a coordinator's own by default).",
    )
    opd: int | None = Field(None, description="An OPD officer's OPD id.")
    assigned_regions: list[str] = Field(
        [], max_length=600, description="An assessor's or mentor's region codes."
    )
    home_province: str | None = Field(
        None, max_length=2, description="An assessor's home province code (required for them)."
    )
    language: Language = Field("id", description="The language of the email and the account.")


class InvitationOut(Schema):
    id: int
    email: str
    first_name: str
    last_name: str
    role: str
    deputy: bool
    region: str | None = Field(None, alias="region_id")
    opd: int | None = Field(None, alias="opd_id")
    assigned_regions: list[str]
    home_province: str | None = Field(None, alias="home_province_id")
    invited_by: str
    user: int | None = Field(None, alias="user_id", description="The account made or reactivated.")
    state: InvitationStateKey
    created_at: datetime
    sent_at: datetime | None
    send_count: int
    expires_at: datetime
    accepted_at: datetime | None
    revoked_at: datetime | None

    @staticmethod
    def resolve_assigned_regions(obj: Any) -> list[str]:
        return sorted(region.pk for region in obj.assigned_regions.all())

    @staticmethod
    def resolve_invited_by(obj: Any) -> str:
        return str(obj.invited_by.get_username())

    @staticmethod
    def resolve_state(obj: Any) -> str:
        if obj.accepted_at:
            return "accepted"
        if obj.revoked_at:
            return "revoked"
        return "pending" if obj.expires_at > timezone.now() else "expired"


class ResendIn(Schema):
    model_config = ConfigDict(extra="forbid")

    language: Language | None = Field(
        None, description="The email's language; by default the account's, else Indonesian."
    )


class InviteImportOut(Schema):
    created: int
    invitations: list[InvitationOut]


class ConflictBody(ErrorBody):
    user_id: int | None = Field(
        None, description="The account the address already has, when you may see it."
    )
    invitation_id: int | None = Field(
        None, description="The invitation already waiting, when you may see it (re-send it)."
    )


class ConflictResponse(Schema):
    error: ConflictBody
