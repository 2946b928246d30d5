"""The route registry: every route of the site is either in a role matrix or on the
public allow-list (ARCHITECTURE.md, "Every route is in a role-matrix test or on an
explicit public allow-list"); tests/core/test_url_coverage.py compares.

A route is named by a key: the URL name of a page (`program:cohort`, or the pattern
when it has no name) and `METHOD /api/v1/path/{param}` for each operation of a ninja
API (of any API root, so Open311 and SensorThings will count too). Matrix
tests build their cases with `case()`, which registers the key when the module is
imported; `check()` runs one case for every role and first makes sure that the URL it
requests really resolves to the key it claims, so a declaration cannot drift from the
route it tests.
"""

import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve

# Everyone a matrix asks, in this order. The regional accounts belong to Batang (the
# world's region), `other_coordinator` to Batanghari; "assigned" staff are assigned to
# Batang (and the assessor to Batang's application), "unassigned" ones to nothing.
ROLES = (
    "program_office",
    "assessor",
    "unassigned_assessor",
    "mentor",
    "unassigned_mentor",
    "coordinator",
    "opd_officer",
    "other_coordinator",
    "no_role",
    "anonymous",
)
SIGNED_IN = frozenset(ROLES) - {"anonymous"}
OFFICE = frozenset({"program_office"})
MANAGERS = OFFICE | {"coordinator"}  # who changes a region's own records
# Who sees a region's private records: its people, the staff assigned to it, the office.
REGION_VIEWERS = MANAGERS | {"opd_officer", "assessor", "mentor"}
# Who sees an application: the region, the assessors assigned to it and the office.
APPLICATION_VIEWERS = MANAGERS | {"opd_officer", "assessor"}
# Who reviews a masterplan: the office and the mentors assigned to its region.
REVIEWERS = OFFICE | {"mentor"}

# Routes anyone may open, signed in or not, and why.
PUBLIC: dict[str, str] = {
    "favicon.ico": "a redirect to the static icon",
    "home": "the landing page",
    "regions:list": "the public list of regions",
    "regions:detail": "a region's public page",
    "program:public-cohort": "a cohort's public record: participating regions, published result",
    "masterplan:public-document": "the signed Perbup/Perwali of a legalised masterplan",
    "bimtek:ics": "a calendar feed, opened by its secret token; 404 without it",
    "accounts:login": "the log-in page",
    "accounts:logout": "logging out",
    "set_language": "choosing the page language",
    "accounts:password-reset": "asking for a password-reset email",
    "accounts:password-reset-done": "the page after asking for a reset",
    "accounts:password-reset-confirm": "the link of a reset email",
    "accounts:password-reset-complete": "the page after a reset",
    "accounts:invitation-accept": "the link of an invitation email",
    "accounts:invitation-ask-again": "asking for a new invitation when a link no longer works",
    "api:api-root": "the API root (ninja's; answers 404)",
    "api:openapi-json": "the OpenAPI document",
    "api:openapi-view": "the API documentation",
    "GET /api/v1/provinces": "public reference data",
    "GET /api/v1/regions": "public reference data",
    "GET /api/v1/regions/{code}": "public reference data",
    "GET /api/v1/reference/dimensions": "public reference data",
    "GET /api/v1/reference/pillars": "public reference data",
}

# Route prefixes that are not the platform's own pages: Django admin's internals (staff
# only, guarded by the admin site itself) and files served by WhiteNoise.
EXCLUDED_PREFIXES = ("admin/", "static/", "media/")

# key -> the module whose matrix covers it
COVERED: dict[str, str] = {}

_PARAM = re.compile(r"<(?:[^>:]+:)?([^>]+)>")


def _api_key(method: str, route: str) -> str:
    path = _PARAM.sub(r"{\1}", route)
    return f"{method.upper()} /{path}"


def _is_api_operation(pattern: URLPattern) -> bool:
    return getattr(pattern.callback, "__module__", "").startswith("ninja.operation")


def _patterns(
    patterns: Iterable[Any], prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str, URLPattern]]:
    """(route, view name, pattern) of every URL pattern, includes followed."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _patterns(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        else:
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            yield prefix + str(pattern.pattern), name or "", pattern


def _operation_methods(pattern: URLPattern) -> list[str]:
    """The HTTP methods of the ninja operations behind one URL pattern, read from the
    PathView its view closes over (every NinjaAPI root, in the OpenAPI document or not)."""
    for cell in pattern.callback.__closure__ or ():
        operations = getattr(cell.cell_contents, "operations", None)
        if operations is not None:
            return [method for operation in operations for method in operation.methods]
    raise AssertionError(f"cannot read the operations of {pattern}: has django-ninja changed?")


def all_routes() -> set[str]:
    """Every route key of kotacerdas/urls.py but the excluded prefixes."""
    keys: set[str] = set()
    for route, name, pattern in _patterns(get_resolver().url_patterns):
        if route.startswith(EXCLUDED_PREFIXES):
            continue
        if _is_api_operation(pattern):
            keys.update(_api_key(method, route) for method in _operation_methods(pattern))
        else:
            keys.add(name or route)
    return keys


def key_of(method: str, path: str) -> str:
    """The key of the route that serves `method path`."""
    match = resolve(path.split("?", 1)[0])
    if _is_api_operation_match(match):
        return _api_key(method, match.route)
    return match.view_name if match.url_name else match.route


def _is_api_operation_match(match: Any) -> bool:
    return getattr(match.func, "__module__", "").startswith("ninja.operation")


# Matrix cases -----------------------------------------------------------------------------

Data = Mapping[str, Any] | Callable[[dict[str, Any]], Any] | None


@dataclass(frozen=True)
class Case:
    """One route asked by every role. `url` and string values of `data` are filled from
    the world (`{application}`); `allowed` roles get `ok`; signed-in roles outside
    `seen_by` (when given) 404, as the object does not exist for them; other signed-in
    roles `denied`; `special` overrides any of these; anonymous visitors get a log-in
    redirect (a page) or 401 (the API)."""

    key: str
    url: str
    allowed: frozenset[str]
    ok: int = 200
    denied: int = 403
    special: Mapping[str, int] = field(default_factory=dict)
    seen_by: frozenset[str] | None = None
    data: Data = None
    json: bool = True  # an API body as JSON; False for a multipart upload
    prepare: Callable[[dict[str, Any]], None] | None = None

    @property
    def method(self) -> str:
        return self.key.split(" ", 1)[0].lower() if self.is_api else self._page_method

    @property
    def is_api(self) -> bool:
        return bool(re.match(r"^[A-Z]+ /", self.key))

    _page_method: str = "get"

    def expected(self, role: str) -> int:
        if role == "anonymous":
            return 401 if self.is_api else 302
        if role in self.special:
            return self.special[role]
        if role in self.allowed:
            return self.ok
        if self.seen_by is not None and role not in self.seen_by:
            return 404
        return self.denied


def case(
    key: str,
    url: str,
    allowed: Iterable[str],
    *,
    method: str = "get",
    ok: int | None = None,
    denied: int = 403,
    special: Mapping[str, int] | None = None,
    seen_by: Iterable[str] | None = None,
    data: Data = None,
    json: bool = True,
    prepare: Callable[[dict[str, Any]], None] | None = None,
) -> Any:
    """A matrix case for `key`, registered as covered; a pytest param named after it.
    Page writes (`method="post"`) answer with a redirect (302) unless `ok` says otherwise."""
    is_api = bool(re.match(r"^[A-Z]+ /", key))
    built = Case(
        key=key,
        url=url,
        allowed=frozenset(allowed),
        ok=ok if ok is not None else 302 if method == "post" and not is_api else 200,
        denied=denied,
        special=dict(special or {}),
        seen_by=frozenset(seen_by) if seen_by is not None else None,
        data=data,
        json=json,
        prepare=prepare,
        _page_method=method,
    )
    COVERED.setdefault(key, sys._getframe(1).f_globals["__name__"])
    label = key if method == "get" or built.is_api else f"{key} {method.upper()}"
    return pytest.param(built, id=label)


def _fill(value: Any, world: Mapping[str, Any]) -> Any:
    if isinstance(value, str):
        return value.format_map(world)
    if isinstance(value, dict):
        return {k: _fill(v, world) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, world) for v in value]
    return value


def request(client: Client, item: Case, world: dict[str, Any]) -> Any:
    url = item.url.format_map(world)
    data = item.data(world) if callable(item.data) else _fill(item.data, world)
    send = getattr(client, item.method)
    if item.method == "get":
        return send(url, data)
    if item.is_api and item.json:
        return send(url, data if data is not None else {}, content_type="application/json")
    return send(url, data or {})


def check(item: Case, people: Mapping[str, Any], world: dict[str, Any]) -> None:
    """Ask the case's route as every role, each in a savepoint rolled back afterwards
    (so a write by one role leaves the world as it was for the next), and fail with
    every role that got something else than expected."""
    url = item.url.format_map(world)
    served = key_of(item.method, url)
    assert served == item.key, f"{url} is served by {served}, not {item.key}"
    if item.prepare:
        item.prepare(world)
    wrong = []
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            client.force_login(people[role])
        with transaction.atomic():
            response = request(client, item, world)
            transaction.set_rollback(True)
        expected = item.expected(role)
        if response.status_code != expected:
            body = b"" if response.streaming else response.content[:200]
            wrong.append(f"{role}: {response.status_code}, expected {expected} {body!r}")
        elif role == "anonymous" and not item.is_api:
            assert "/accounts/login/" in response["Location"], response["Location"]
    assert not wrong, f"{item.method.upper()} {url} ({item.key}):\n" + "\n".join(wrong)
