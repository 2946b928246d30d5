"""Odd input anywhere gets a clear 4xx, never a 500."""

import json
import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

ODD_VALUES = ["99.99", "0", "-1", "x" * 300, "%00", "ñ-ü", "1e9", "null", "../etc"]


@pytest.fixture
def clients(users):  # type: ignore[no-untyped-def]
    signed_in = Client(raise_request_exception=False)
    signed_in.force_login(users["coordinator"])
    return [Client(raise_request_exception=False), signed_in]


def test_every_api_path_with_odd_parameters(clients) -> None:  # type: ignore[no-untyped-def]
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    for path, operations in paths.items():
        for method in operations:
            for value in ODD_VALUES:
                url = (
                    re.sub(r"\{[^}]+\}", value, path) + f"?page={value}&page_size={value}&q={value}"
                )
                for client in clients:
                    response = getattr(client, method)(
                        url,
                        data="{" if method != "get" else None,
                        content_type="application/json",
                    )
                    assert response.status_code < 500, (method, url, response.content[:200])


@pytest.mark.parametrize(
    "url",
    [
        "/regions/?page=-3&province=zz&kind=desa&island_group=mars",
        "/regions/?page=9223372036854775807",
        "/regions/?q=" + "x" * 100_000,
        "/regions/33.25/workspace/?page=5475018317893775984735289344",
        "/accounts/tokens/?page=9223372036854775807",
        "/regions/%00/",
        "/regions/99.99/workspace/",
        "/regions/opds/999999/edit/",
        "/jobs/00000000-0000-0000-0000-000000000000/",
        "/jobs/not-a-uuid/",
        "/accounts/tokens/999/revoke/",
    ],
)
def test_pages_with_odd_input(clients, url) -> None:  # type: ignore[no-untyped-def]
    for client in clients:
        assert client.get(url).status_code < 500
        assert client.post(url, {"name": "x" * 500}).status_code < 500


def test_nul_characters_are_refused_with_a_clear_error(users) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.accounts.services import create_token

    _token, raw = create_token(users["coordinator"], "nul")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    body = '{"name": "Dinas\\u0000Sosial", "kind": "dinas"}'
    response = client.post("/api/v1/regions/33.25/opds", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_request"
    assert (
        not users["coordinator"]
        .region.opds.filter(name__startswith="Dinas")
        .exclude(name="Dinas Kesehatan Batang")
        .exists()
    )
    assert Client().get("/regions/?q=%00").status_code == 400


# Hostile input to every API write endpoint and every query parameter of every list ----

BIG = 2**63  # one past what the database holds
HOSTILE_INTEGERS: list[Any] = [BIG, -BIG - 1, 5475018317893775984735289344, -1, 0]
HOSTILE_NUMBERS: list[Any] = [float("nan"), float("inf"), 1e308, -1e308, "1e308", BIG]
HOSTILE_TEXTS: list[Any] = [
    "Dinas\x00Sosial",
    "Dinas\r\nSosial",
    "x" * 100_000,
    "ü" * 20_000,  # the longest text the API takes, in two-byte characters
    "=cmd|' /C calc'!A0",
    "0001-01-01",
]
HOSTILE_DATES: list[Any] = ["0001-01-01", "9999-12-31", "1900-01-01", "2024-02-30"]
HOSTILE_DATETIMES: list[Any] = [
    "0001-01-01T00:00:00",
    "9999-12-31T23:59:59",
    "9999-12-31T23:59:59+14:00",
    "1900-01-01T00:00:00Z",
]
HOSTILE_QUERY = [
    str(BIG),
    "5475018317893775984735289344",
    "-1",
    "NaN",
    "1e308",
    "%00",
    "a%0D%0Ab",
    "x" * 100_000,
    "0001-01-01",
    "9999-12-31",
]


def _resolve(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    if "allOf" in schema and len(schema["allOf"]) == 1:
        return _resolve(spec, schema["allOf"][0])
    if "anyOf" in schema:
        options = [o for o in schema["anyOf"] if o.get("type") != "null"]
        return _resolve(spec, options[0]) if options else {}
    return schema


# Field values that refer to things the world fixture has, so requests get past lookups.
HINTS: dict[str, Any] = {
    "element": "health",
    "start_year": 2024,
    "end_year": 2026,
    "baseline_year": 2023,
    "region_code": "33.25",
    "pillar": "suprastruktur",
    "horizon": "medium",
    "year": 2024,
}


def _plausible(spec: dict[str, Any], schema: dict[str, Any], depth: int = 0, name: str = "") -> Any:
    """A value the schema accepts, so that one hostile field at a time reaches the
    services rather than failing on the others."""
    if name in HINTS:
        return HINTS[name]
    schema = _resolve(spec, schema)
    if "enum" in schema:
        return schema["enum"][0]
    if "const" in schema:
        return schema["const"]
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        required = set(schema.get("required", []))
        return {
            key: _plausible(spec, sub, depth + 1, key)
            for key, sub in schema.get("properties", {}).items()
            if key in required
        }
    if kind == "array":
        count = schema.get("minItems", 0)
        return [_plausible(spec, schema.get("items", {}), depth + 1) for _ in range(count)]
    if kind == "integer":
        low = schema.get("minimum", 1)
        return max(low, 2025) if low >= 1900 else max(low, 1)
    if kind == "number":
        return max(schema.get("minimum", 1), 1)
    if kind == "boolean":
        return False
    if schema.get("format") == "date":
        return (timezone.localdate() + timedelta(days=30)).isoformat()
    if schema.get("format") == "date-time":
        return (timezone.now() + timedelta(days=30)).isoformat()
    return "Uji " + "x" * max(0, schema.get("minLength", 0) - 4)


def _hostile_for(spec: dict[str, Any], schema: dict[str, Any]) -> list[Any]:
    schema = _resolve(spec, schema)
    kind, fmt = schema.get("type"), schema.get("format")
    if kind == "integer":
        return HOSTILE_INTEGERS
    if kind == "number":
        return HOSTILE_NUMBERS
    if fmt == "date":
        return HOSTILE_DATES
    if fmt == "date-time":
        return HOSTILE_DATETIMES
    if kind == "string":
        return HOSTILE_TEXTS
    if kind == "boolean":
        return ["ja", 2]
    return [None, "x"]


def _variants(spec: dict[str, Any], schema: dict[str, Any], depth: int = 0) -> Iterator[Any]:
    """The plausible value with one part at a time made hostile (nested objects and
    the first item of lists included, two levels deep)."""
    schema = _resolve(spec, schema)
    base = _plausible(spec, schema)
    if ("properties" in schema or schema.get("type") == "object") and depth < 3:
        for name, sub in schema.get("properties", {}).items():
            for value in _variants(spec, sub, depth + 1):
                yield {**base, name: value}
        return
    if schema.get("type") == "array" and depth < 3:
        item = schema.get("items", {})
        for value in _variants(spec, item, depth + 1):
            yield [value]
        yield [_plausible(spec, item)] * 1000
        return
    yield from _hostile_for(spec, schema)


@pytest.fixture
def world(users, batang, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    """Objects for the path parameters, so that requests reach the services."""
    from kotacerdas.masterplan import services as masterplan_services
    from kotacerdas.masterplan.models import Finding, RpjmdGoal
    from kotacerdas.program import services as program_services
    from kotacerdas.program.models import Application
    from tests.masterplan.conftest import program_input
    from tests.program.conftest import CRITERIA

    coordinator, office = users["coordinator"], users["program_office"]
    dinkes = users["opd_officer"].opd
    plan = masterplan_services.start_masterplan(coordinator, batang, 2024)
    program = masterplan_services.save_program(coordinator, plan, program_input(dinkes.pk))
    cohort = program_services.create_cohort(
        office,
        year=2027,
        name="Gerakan Menuju Smart City 2027",
        quota=50,
        application_deadline=timezone.now() + timedelta(days=60),
        criteria=CRITERIA,
    )
    program_services.set_cohort_status(office, cohort, "open")
    application = Application.objects.create(cohort=cohort, region=batang)
    HINTS.update(lead_opd=dinkes.pk, opd=dinkes.pk)
    return {
        "code": "33.25",
        "region_code": "33.25",
        "year": str(cohort.year),
        "opd_id": str(dinkes.pk),
        "masterplan_id": str(plan.pk),
        "program_id": str(program.pk),
        "finding_id": str(
            Finding.objects.create(masterplan=plan, opd=dinkes, kind="problem", title="A").pk
        ),
        "goal_id": str(RpjmdGoal.objects.create(masterplan=plan, code="T1", text="T").pk),
        "application_id": str(application.pk),
        "kind": "council",
        "criterion": CRITERIA[0].code,
        "pillar_code": "suprastruktur",
        "element_code": "health",
    }


def _client(user: Any) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def _check(response: Any, label: str, failures: list[str]) -> None:
    if response.status_code >= 500:
        failures.append(f"{label} -> {response.status_code}")
    elif response.status_code >= 400 and response["Content-Type"].startswith("application/json"):
        error = response.json().get("error", {})
        if not {"status", "code", "message", "fields"} <= set(error):
            failures.append(f"{label} -> {response.status_code} without the error shape")


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) < 60 else text[:57] + "..."


def test_hostile_values_in_every_api_write_get_a_4xx(users, world) -> None:  # type: ignore[no-untyped-def]
    spec = Client().get("/api/v1/openapi.json").json()
    actors = [_client(users["coordinator"]), _client(users["program_office"])]
    failures: list[str] = []
    for path, operations in spec["paths"].items():
        url = re.sub(r"\{([^}]+)\}", lambda m: world.get(m.group(1), "999999"), path)
        for method, operation in operations.items():
            content = operation.get("requestBody", {}).get("content", {})
            if "application/json" not in content:
                continue
            schema = content["application/json"]["schema"]
            send = getattr(actors[0], method)
            first = send(url, json.dumps(_plausible(spec, schema)), "application/json")
            if first.status_code == 403:
                send = getattr(actors[1], method)
            for variant in _variants(spec, schema):
                body = json.dumps(variant, allow_nan=True)
                response = send(url, body, "application/json")
                _check(response, f"{method.upper()} {path} {_short(variant)}", failures)
    assert not failures, "\n".join(sorted(set(failures)))


def test_hostile_values_in_every_query_parameter_get_a_4xx(users, world) -> None:  # type: ignore[no-untyped-def]
    spec = Client().get("/api/v1/openapi.json").json()
    clients = [Client(raise_request_exception=False), _client(users["coordinator"])]
    failures: list[str] = []
    for path, operations in spec["paths"].items():
        url = re.sub(r"\{([^}]+)\}", lambda m: world.get(m.group(1), "999999"), path)
        for method, operation in operations.items():
            names = [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]
            if method != "get":
                continue
            for name in names:
                for value in HOSTILE_QUERY:
                    for client in clients:
                        response = client.get(f"{url}?{name}={value}")
                        _check(response, f"GET {path}?{name}={value[:30]}", failures)
    assert not failures, "\n".join(sorted(set(failures)))


def test_hostile_files_get_a_4xx(users, world) -> None:  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    spec = Client().get("/api/v1/openapi.json").json()
    actors = [_client(users["coordinator"]), _client(users["program_office"])]
    failures: list[str] = []
    contents = [b"", b"\x00" * 100, b"PK\x03\x04broken", b"%PDF-1.4\n" + b"x" * 1000]
    for path, operations in spec["paths"].items():
        url = re.sub(r"\{([^}]+)\}", lambda m: world.get(m.group(1), "999999"), path)
        for method, operation in operations.items():
            content = operation.get("requestBody", {}).get("content", {})
            if "multipart/form-data" not in content:
                continue
            schema = _resolve(spec, content["multipart/form-data"]["schema"])
            for data in contents:
                files = {
                    name: SimpleUploadedFile("=cmd\r\n\x00.pdf", data)
                    for name in schema.get("properties", {})
                }
                for actor in actors:
                    response = getattr(actor, method)(url, files)
                    _check(response, f"{method.upper()} {path} {data[:12]!r}", failures)
    assert not failures, "\n".join(sorted(set(failures)))
