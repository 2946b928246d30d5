"""Every route is in a role-matrix test or on the public allow-list (tests/routes.py):
a new URL in neither fails here, named."""

import importlib
from pathlib import Path

from tests import routes

TESTS = Path(__file__).resolve().parent.parent


def _matrix_modules() -> list[str]:
    """The test modules that declare matrix cases: those that use `case(` from
    tests/routes.py. Imported here so this test sees them when run alone too."""
    found = []
    for path in sorted(TESTS.rglob("test_*.py")):
        text = path.read_text(encoding="utf-8")
        if "from tests.routes import" in text and "case(" in text:
            relative = path.relative_to(TESTS.parent).with_suffix("")
            found.append(".".join(relative.parts))
    return found


def _covered() -> dict[str, str]:
    for name in _matrix_modules():
        importlib.import_module(name)
    return routes.COVERED


def test_every_route_is_in_a_role_matrix_or_public(db) -> None:  # type: ignore[no-untyped-def]
    everything = routes.all_routes()
    covered = _covered()
    missing = sorted(everything - set(covered) - set(routes.PUBLIC))
    assert not missing, (
        "These routes are in no role-matrix test and not on the public allow-list "
        "(tests/routes.py): add a case() for each to a matrix test, or, if anyone may "
        "open it, add it to routes.PUBLIC with the reason:\n  " + "\n  ".join(missing)
    )


def test_the_registry_names_only_routes_that_exist(db) -> None:  # type: ignore[no-untyped-def]
    everything = routes.all_routes()
    stale = sorted((set(_covered()) | set(routes.PUBLIC)) - everything)
    assert not stale, f"Declared routes that no longer exist: {stale}"
    both = sorted(set(_covered()) & set(routes.PUBLIC))
    assert not both, f"Routes both public and in a matrix (choose one): {both}"


def test_the_registry_finds_api_operations_and_pages(db) -> None:  # type: ignore[no-untyped-def]
    everything = routes.all_routes()
    assert "program:cohort" in everything and "home" in everything
    assert "GET /api/v1/cohorts/{year}" in everything
    assert "PUT /api/v1/cohorts/{year}/rubric" in everything
    assert not any(key.startswith("admin") for key in everything)
    assert (
        routes.key_of("put", "/api/v1/cohorts/2023/rubric") == "PUT /api/v1/cohorts/{year}/rubric"
    )
    assert routes.key_of("get", "/program/2023/") == "program:cohort"


# A request to each public route, asked anonymously: none asks to log in.
PUBLIC_SAMPLES = {
    "favicon.ico": ("get", "/favicon.ico"),
    "home": ("get", "/"),
    "bimtek:ics": ("get", "/bimtek/calendar/region/33.25/1.invalid.ics"),
    "regions:list": ("get", "/regions/"),
    "regions:detail": ("get", "/regions/33.25/"),
    "accounts:login": ("get", "/accounts/login/"),
    "accounts:logout": ("post", "/accounts/logout/"),
    "set_language": ("post", "/i18n/setlang/"),
    "api:api-root": ("get", "/api/v1/"),  # ninja's root: 404 for everyone, nothing behind it
    "api:openapi-json": ("get", "/api/v1/openapi.json"),
    "api:openapi-view": ("get", "/api/v1/docs"),
    "GET /api/v1/provinces": ("get", "/api/v1/provinces"),
    "GET /api/v1/regions": ("get", "/api/v1/regions"),
    "GET /api/v1/regions/{code}": ("get", "/api/v1/regions/33.25"),
    "GET /api/v1/reference/dimensions": ("get", "/api/v1/reference/dimensions"),
    "GET /api/v1/reference/pillars": ("get", "/api/v1/reference/pillars"),
    "accounts:password-reset": ("get", "/accounts/password/reset/"),
    "accounts:password-reset-done": ("get", "/accounts/password/reset/sent/"),
    "accounts:password-reset-confirm": ("get", "/accounts/password/reset/MQ/set-password/"),
    "accounts:password-reset-complete": ("get", "/accounts/password/reset/complete/"),
    "accounts:invitation-accept": ("get", "/accounts/invitation/unknown/"),
    "accounts:invitation-ask-again": ("post", "/accounts/invitation/unknown/ask-again/"),
    "program:public-cohort": ("get", "/program/2023/public/"),
    "masterplan:public-document": ("get", "/masterplans/1/legalised.pdf"),
}
# Public routes of records this empty database does not hold: 404 says "no such record",
# not "log in" (their own tests open them with data).
# Answer 404 for the sample: no such record, or (a calendar feed) no valid token.
ABSENT_RECORDS = {
    "api:api-root",
    "program:public-cohort",
    "masterplan:public-document",
    "bimtek:ics",
}


def test_public_routes_are_open_to_anonymous_visitors(db) -> None:  # type: ignore[no-untyped-def]
    from django.test import Client

    assert set(PUBLIC_SAMPLES) == set(routes.PUBLIC), "give each public route a sample request"
    wrong = []
    for key, (method, url) in PUBLIC_SAMPLES.items():
        assert routes.key_of(method, url) == key, url
        response = getattr(Client(), method)(url, {"language": "en"} if method == "post" else {})
        location = response.get("Location", "")
        refused = response.status_code >= 400 and not (
            key in ABSENT_RECORDS and response.status_code == 404
        )
        if refused or response.status_code in (401, 403) or "next=" in location:
            wrong.append(f"{method.upper()} {url}: {response.status_code} {location}")
    assert not wrong, "Public routes that refuse anonymous visitors:\n" + "\n".join(wrong)
