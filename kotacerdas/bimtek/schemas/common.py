"""What the guidance schemas share: strict input, people and dimensions in answers."""

from typing import Any

from ninja import Schema
from pydantic import ConfigDict


class Strict(Schema):
    """An input that refuses fields it does not know (a typo is a 422, not ignored)."""

    model_config = ConfigDict(extra="forbid")


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
