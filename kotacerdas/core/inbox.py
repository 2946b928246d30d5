"""The work inbox ("Pekerjaan saya"): what waits for a person, from every app.

Each app registers its sources in its ``AppConfig.ready()``; the inbox page asks them
all and lists their items oldest first. A source answers for one person with a bounded
number of queries whatever the volume (one query per kind of item at most), and only
for the roles it serves (``roles``), so a person's inbox never asks an app that has
nothing for them.

A source lists at most ``LIMIT`` items of a kind; beyond that it says how many more
wait (an ``InboxMore``), counted in the same query by ``capped``.
"""

import datetime
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet, Window
from django.utils import timezone

LIMIT = 50  # items of one kind a source lists; the rest are counted
TOTAL = "inbox_total"  # the window annotation `capped` adds: the rows before the limit


@dataclass(frozen=True)
class InboxItem:
    """One thing to do. ``kind`` is a stable code (e.g. ``application_to_score``);
    ``title`` and ``detail`` are in the reader's language; ``url`` is where it is done;
    ``since`` is when it started waiting (a deadline's item: when it was set)."""

    kind: str
    title: str
    url: str
    since: datetime.datetime
    detail: str = ""
    region: str = ""
    due: datetime.datetime | None = None

    def waited(self, now: datetime.datetime | None = None) -> datetime.timedelta:
        return (now or timezone.now()) - self.since


@dataclass(frozen=True)
class InboxMore:
    """Items of ``kind`` beyond those a source listed: ``count`` more, all at ``url``
    when there is a page that lists them."""

    kind: str
    count: int
    url: str = ""


Entry = InboxItem | InboxMore


@dataclass(frozen=True)
class InboxSource:
    """``items(user)`` returns the person's items (and ``InboxMore`` for what it did not
    list); ``roles`` are the roles it serves (``program_office`` for the office,
    superusers without a role included); ``kinds`` names each kind it gives, in the
    reader's language (lazy translations)."""

    name: str
    roles: frozenset[str]
    items: Callable[[Any], Iterable[Entry]]
    kinds: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Inbox:
    """A person's inbox: the items oldest first, and how many more of each kind wait."""

    items: list[InboxItem]
    more: list[InboxMore]

    @property
    def count(self) -> int:
        return len(self.items) + sum(more.count for more in self.more)


_SOURCES: dict[str, InboxSource] = {}


def register_inbox_source(source: InboxSource) -> None:
    _SOURCES[source.name] = source


def inbox_sources() -> list[InboxSource]:
    return list(_SOURCES.values())


def kind_labels() -> dict[str, Any]:
    """Every kind any source gives, with its name in the reader's language."""
    return {kind: label for source in _SOURCES.values() for kind, label in source.kinds.items()}


def role_of(user: Any) -> str:
    """The role an inbox serves: a superuser without a role is the program office."""
    if getattr(user, "is_superuser", False) and not getattr(user, "role", ""):
        return "program_office"
    return str(getattr(user, "role", "") or "")


def inbox(user: Any) -> Inbox:
    """What waits for the person, oldest first; nothing for an anonymous or inactive one."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Inbox([], [])
    role = role_of(user)
    items: list[InboxItem] = []
    more: list[InboxMore] = []
    for source in _SOURCES.values():
        if role not in source.roles:
            continue
        for entry in source.items(user):
            (more if isinstance(entry, InboxMore) else items).append(entry)  # type: ignore[arg-type]
    # Ties (a batch signed the same day) in the order of their links, ids numerically.
    items.sort(key=lambda item: (item.since, item.kind, len(item.url), item.url))
    return Inbox(items, more)


def inbox_for(user: Any) -> list[InboxItem]:
    """Every item listed for the person, oldest first."""
    return inbox(user).items


def listed(rows: QuerySet, limit: int | None = None) -> tuple[list[Any], int]:
    """The first ``limit`` (``LIMIT``) rows and how many the query matched in all: one
    query, the total counted by a window over the rows before the limit. ``rows`` must
    be ordered, and must not be ``distinct()`` (the window counts before DISTINCT)."""
    found = list(rows.annotate(**{TOTAL: Window(Count("*"))})[: limit or LIMIT])
    if not found:
        return [], 0
    first = found[0]
    return found, first[TOTAL] if isinstance(first, dict) else getattr(first, TOTAL)


def capped(
    rows: QuerySet,
    make: Callable[[Any], InboxItem | None],
    *,
    kind: str,
    url: str = "",
    limit: int | None = None,
) -> Iterator[Entry]:
    """The first ``limit`` rows as items (``make`` may skip a row by returning None),
    then an ``InboxMore`` when the query matched more (one query, see ``listed``)."""
    found, total = listed(rows, limit)
    for row in found:
        item = make(row)
        if item is not None:
            yield item
    if total > len(found):
        yield InboxMore(kind, total - len(found), url)


def capped_list(items: list[InboxItem], *, kind: str, url: str = "") -> Iterator[Entry]:
    """Items already in hand (say, the checker's findings): the first ``LIMIT``, then an
    ``InboxMore`` for the rest."""
    yield from items[:LIMIT]
    if len(items) > LIMIT:
        yield InboxMore(kind, len(items) - LIMIT, url)


def at_start_of(day: datetime.date, zone: Any = None) -> datetime.datetime:
    """A date as the moment it begins (in ``zone``, else the current one), for an item's
    ``since`` or ``due``."""
    moment = datetime.datetime.combine(day, datetime.time.min)
    return timezone.make_aware(moment, zone or timezone.get_current_timezone())
