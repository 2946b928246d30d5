"""One's own profile, password and notifications over the API."""

from datetime import datetime
from typing import Annotated, Any, Literal

from ninja import Field, Schema
from pydantic import ConfigDict

from kotacerdas.accounts.services.notification_list import safe_target
from kotacerdas.core.api_support import INT_MAX

Language = Literal["id", "en"]
Kind = Literal[
    "assignment", "change_request", "comment", "approval", "result", "deadline", "account"
]
Mode = Literal["immediate", "digest"]

MODES_HELP = (
    "Per kind of notification, `immediate` (an email at once) or `digest` (gathered in "
    "one email each morning). Kinds: assignment, change_request, comment, approval, "
    "result, deadline, account."
)


class ProfileOut(Schema):
    username: str = Field(description="The log-in name.")
    email: str = Field(
        description="Not changed here: it is the log-in name (or identifies the account); "
        "the program office changes it."
    )
    first_name: str
    last_name: str
    phone: str
    language: Language = Field(description="Of the pages after logging in, and of emails.")
    notification_modes: dict[Kind, Mode] = Field(description=MODES_HELP)


class ProfilePatch(Schema):
    """Only the fields sent change."""

    model_config = ConfigDict(extra="forbid")

    first_name: str | None = Field(None, max_length=150, description="One line.")
    last_name: str | None = Field(None, max_length=150, description="One line.")
    phone: str | None = Field(
        None, max_length=32, description="Digits, spaces and + ( ) . / -, e.g. +62 285 391234."
    )
    language: Language | None = None
    notification_modes: dict[Kind, Mode] | None = Field(
        None, description=MODES_HELP + " Kinds not sent keep their mode."
    )


class PasswordIn(Schema):
    model_config = ConfigDict(extra="forbid")

    old_password: str = Field(max_length=4096, description="The password in use now.")
    new_password: str = Field(
        max_length=4096, description="The new one, as strong as the platform's rules ask."
    )


class NotificationOut(Schema):
    id: int
    kind: Kind
    message: str = Field(description="In the recipient's language, written when it was made.")
    url: str = Field(description="A path of the site where the matter is; may be empty.")
    actor: str | None = Field(None, description="Who caused it, by name.")
    created_at: datetime
    read_at: datetime | None = Field(description="Null: unread.")

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return safe_target(obj.url)

    @staticmethod
    def resolve_actor(obj: Any) -> str | None:
        actor = obj.actor
        return (actor.get_full_name() or actor.get_username()) if actor else None


class NotificationFilters(Schema):
    unread: bool = Field(False, description="Only the unread ones.")


class MarkReadIn(Schema):
    model_config = ConfigDict(extra="forbid")

    ids: list[Annotated[int, Field(ge=1, le=INT_MAX)]] | None = Field(
        None,
        max_length=500,
        description="The notifications to mark read (one's own; another's id is 404). "
        "Left out or null: all of them.",
    )


class MarkedOut(Schema):
    marked: int = Field(description="How many were unread and are read now.")
    unread: int = Field(description="How many stay unread.")


class UnreadCountOut(Schema):
    unread: int
