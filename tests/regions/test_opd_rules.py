"""OPD names are unique in a region, on one line and of a known length; an OPD that
programs or findings refer to is not removed. Refusals say why, on the page and in the
API, and never end in a server error."""

import pytest
from django.test import Client

from kotacerdas.masterplan import services as masterplan_services
from kotacerdas.masterplan.models import Finding
from kotacerdas.regions.models import OPD
from tests.masterplan.conftest import program_input

DUPLICATE_ID = "OPD dengan nama ini sudah ada di wilayah ini."


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


@pytest.mark.parametrize("name", ["Dinas Kesehatan Batang", "dinas kesehatan batang"])
def test_a_duplicate_name_is_refused_on_the_page_and_in_the_api(users, batang, name) -> None:  # type: ignore[no-untyped-def]
    client = _client(users["coordinator"])
    page = client.post("/regions/33.25/opds/new/", {"name": name, "kind": "dinas"})
    assert page.status_code == 200  # was 500
    assert DUPLICATE_ID in page.content.decode()
    api = client.post(
        "/api/v1/regions/33.25/opds",
        {"name": name, "kind": "dinas"},
        content_type="application/json",
    )
    assert api.status_code == 422
    # Was "OPD dengan Wilayah dan Nama ini tidak ada" (Django's words for something else).
    assert api.json()["error"]["fields"] == [{"field": "name", "message": DUPLICATE_ID}]
    assert OPD.objects.filter(region=batang, name__iexact=name).count() == 1


def test_renaming_onto_another_opds_name_is_refused(users, batang, make_opd) -> None:  # type: ignore[no-untyped-def]
    other = make_opd(batang, "Dinas Sosial")
    client = _client(users["coordinator"])
    page = client.post(
        f"/regions/opds/{other.pk}/edit/", {"name": "Dinas Kesehatan Batang", "kind": "dinas"}
    )
    assert page.status_code == 200 and DUPLICATE_ID in page.content.decode()
    api = client.patch(
        f"/api/v1/opds/{other.pk}",
        {"name": "DINAS KESEHATAN BATANG"},
        content_type="application/json",
    )
    assert api.status_code == 422
    other.refresh_from_db()
    assert other.name == "Dinas Sosial"
    # The same OPD may change its own capitals.
    same = client.patch(
        f"/api/v1/opds/{other.pk}", {"name": "DINAS SOSIAL"}, content_type="application/json"
    )
    assert same.status_code == 200


def test_an_opd_that_leads_programs_is_not_removed(users, batang) -> None:  # type: ignore[no-untyped-def]
    dinkes = OPD.objects.get(pk=users["opd_officer"].opd_id)
    coordinator = users["coordinator"]
    plan = masterplan_services.start_masterplan(coordinator, batang, 2024)
    masterplan_services.save_program(coordinator, plan, program_input(dinkes.pk))
    Finding.objects.create(masterplan=plan, opd=dinkes, kind="problem", title="Antrean")
    client = _client(coordinator)
    api = client.delete(f"/api/v1/opds/{dinkes.pk}")
    assert api.status_code == 422  # was 500 (ProtectedError)
    message = api.json()["error"]["message"]
    assert "Dinas Kesehatan Batang" in message and "1 program" in message, message
    page = client.post(f"/regions/opds/{dinkes.pk}/delete/", follow=True)
    assert page.status_code == 200
    assert "tidak dapat dihapus" in page.content.decode()
    assert OPD.objects.filter(pk=dinkes.pk).exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "Dinas\r\nSosial"),
        ("name", "Dinas\nSosial"),
        ("abbreviation", "Din\rsos"),
        ("head_name", "dr. A\u2028B"),
        ("name", "Dinas\tSosial"),
    ],
)
def test_line_breaks_and_control_characters_in_names_are_refused(users, field, value) -> None:  # type: ignore[no-untyped-def]
    client = _client(users["coordinator"])
    data = {"name": "Dinas Sosial", "kind": "dinas", field: value}
    api = client.post("/api/v1/regions/33.25/opds", data, content_type="application/json")
    assert api.status_code == 422
    assert [f["field"] for f in api.json()["error"]["fields"]] == [field]
    page = client.post("/regions/33.25/opds/new/", data)
    assert page.status_code == 200
    assert 'aria-invalid="true"' in page.content.decode()
    assert (
        not OPD.objects.filter(name__startswith="Dinas").exclude(name__endswith="Batang").exists()
    )


def test_duties_have_a_limit_everywhere(users, batang) -> None:  # type: ignore[no-untyped-def]
    client = _client(users["coordinator"])
    data = {"name": "Dinas Sosial", "kind": "dinas", "duties": "x" * 5001}
    assert client.post("/regions/33.25/opds/new/", data).status_code == 200
    api = client.post("/api/v1/regions/33.25/opds", data, content_type="application/json")
    assert api.status_code == 422
    assert not OPD.objects.filter(name="Dinas Sosial").exists()
    spec = Client().get("/api/v1/openapi.json").json()["components"]["schemas"]["OPDIn"]
    assert {k: v.get("maxLength") for k, v in spec["properties"].items()} == {
        "name": 200,
        "abbreviation": 40,
        "kind": None,
        "head_name": 150,
        "duties": 5000,
    }


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/regions?page=9223372036854775807",
        "/api/v1/regions?page=99999999999999999999999999",
        "/api/v1/regions/33.25/opds?page=9223372036854775807",
        "/api/v1/regions/33.25/audit?page=9223372036854775807",
        "/api/v1/jobs?page=9223372036854775807",
    ],
)
def test_a_huge_page_is_a_422_naming_it(users, url) -> None:  # type: ignore[no-untyped-def]
    for client in (Client(raise_request_exception=False), _client(users["coordinator"])):
        response = client.get(url)
        if response.status_code == 401:  # a private list, asked anonymously
            continue
        assert response.status_code == 422, (url, response.content[:200])
        assert response.json()["error"]["fields"][0]["field"] == "page"


def test_a_page_past_the_last_is_empty(db) -> None:  # type: ignore[no-untyped-def]
    response = Client().get("/api/v1/regions?page=1000000")
    assert response.status_code == 200
    assert response.json()["items"] == [] and response.json()["count"] > 500


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/agreements?cohort=5475018317893775984735289344",
        "/api/v1/applications?cohort=5475018317893775984735289344",
        "/api/v1/opds/5475018317893775984735289344",
        "/api/v1/masterplans/5475018317893775984735289344",
    ],
)
def test_a_huge_integer_in_a_parameter_is_a_422_naming_it(users, url) -> None:  # type: ignore[no-untyped-def]
    response = _client(users["coordinator"]).get(url)
    assert response.status_code == 422, response.content[:300]
    error = response.json()["error"]
    name = url.split("?")[1].split("=")[0] if "?" in url else error["fields"][0]["field"]
    assert error["fields"] == [{"field": name, "message": "Angkanya terlalu besar."}]


def test_a_huge_opd_filter_on_findings_is_a_422(users, batang) -> None:  # type: ignore[no-untyped-def]
    plan = masterplan_services.start_masterplan(users["coordinator"], batang, 2024)
    response = _client(users["coordinator"]).get(
        f"/api/v1/masterplans/{plan.pk}/findings?opd=5475018317893775984735289344"
    )
    assert response.status_code == 422, response.content[:300]
    assert response.json()["error"]["fields"][0]["field"] == "opd"
