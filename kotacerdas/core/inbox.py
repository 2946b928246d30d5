"""The work inbox ("Pekerjaan saya"): what waits for a person, from every app.

Each app registers its sources in its ``AppConfig.ready()``; the inbox page asks them
all and lists their items oldest first. A source answers for one person with a bounded
number of queries whatever the volume (one query is the aim), and only for the roles it
serves (``roles``), so a person's inbox never asks an app that has nothing for them.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils import timezone


@dataclass(frozen=True)
class InboxItem:
    """One thing to do. ``kind`` is a stable code (e.g. ``application_to_score``);
    ``title`` and ``detail`` are in the reader's language; ``url`` is where it is done;
    ``since`` is when it started waiting (a deadline's item: when it was set)."""

    kind: str
    title: str
    url: str
    since: datetime
    detail: str = ""
    region: str = ""
    due: datetime | None = None

    def waited(self, now: datetime | None = None) -> Any:
        return (now or timezone.now()) - self.since


@dataclass(frozen=True)
class InboxSource:
    """``items(user)`` returns the person's items; ``roles`` are the roles it serves
    (``program_office`` for the office, superusers included)."""

    name: str
    roles: frozenset[str]
    items: Callable[[Any], Iterable[InboxItem]]


_SOURCES: dict[str, InboxSource] = {}


def register_inbox_source(source: InboxSource) -> None:
    _SOURCES[source.name] = source


def inbox_sources() -> list[InboxSource]:
    return list(_SOURCES.values())


def _role_of(user: Any) -> str:
    if getattr(user, "is_superuser", False) and not getattr(user, "role", ""):
        return "program_office"
    return str(getattr(user, "role", "") or "")


def inbox_for(user: Any) -> list[InboxItem]:
    """Every item waiting for the person, oldest first."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    role = _role_of(user)
    items = [
        item for source in _SOURCES.values() if role in source.roles for item in source.items(user)
    ]
    return sorted(items, key=lambda item: (item.since, item.kind, item.url))
