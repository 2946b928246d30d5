"""What the guidance schemas share: strict input, ids and lists with their limits in
words, people and dimensions in answers."""

from typing import Annotated, Any

from django.utils.translation import ngettext
from ninja import Field, Schema
from pydantic import BeforeValidator, ConfigDict
from pydantic_core import PydanticCustomError

from kotacerdas.core.api_support import INT_MAX


class Strict(Schema):
    """An input that refuses fields it does not know (a typo is a 422, not ignored)."""

    model_config = ConfigDict(extra="forbid")


def _whole(value: Any) -> Any:
    """A whole number written as a float (`1e20`) read as the int it is, so that past
    the database's range it is too large, not a parsing error in pydantic's words."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# An object's id in a body, alone or in a list: past the database's range it is a 422
# naming the field ("The number is too large."), as ids in paths are, not a 500.
Id = Annotated[int, Field(ge=1, le=INT_MAX), BeforeValidator(_whole)]
# A dimension's code in a body (a slug of at most 40 characters).
DimensionCode = Annotated[str, Field(max_length=40)]


def _required(value: Any) -> Any:
    """A text that is required refuses an empty or blank one with the words every
    required field has (pydantic's own would be "Write at least 1 characters.")."""
    if isinstance(value, str) and not value.strip():
        raise PydanticCustomError("missing", "This field is required.")
    return value


RequiredText = BeforeValidator(_required)


def items_between(least: int, most: int) -> BeforeValidator:
    """A list's length in words, checked before its items are (pydantic's own message,
    "List should have at most 500 items after validation", is English only). The
    field keeps its min_length/max_length for the API document."""

    def check(value: Any) -> Any:
        if not isinstance(value, list | tuple):
            return value
        if len(value) < least:
            raise PydanticCustomError(
                "too_short",
                ngettext("Send at least %(count)d item.", "Send at least %(count)d items.", least)
                % {"count": least},
                {"min_length": least},
            )
        if len(value) > most:
            raise PydanticCustomError(
                "too_long",
                ngettext("Send at most %(count)d item.", "Send at most %(count)d items.", most)
                % {"count": most},
                {"max_length": most},
            )
        return value

    return BeforeValidator(check)


class GuidancePersonOut(Schema):
    id: int
    username: str
    name: str

    @staticmethod
    def resolve_name(user: Any) -> str:
        return str(user.get_full_name() or user.get_username())


class GuidanceDimensionOut(Schema):
    code: str
    name: str


def people(users: Any) -> list[Any]:
    """Prefetched people in a stable order (by username)."""
    return sorted(users.all(), key=lambda user: user.get_username())
