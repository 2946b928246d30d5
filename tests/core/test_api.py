from django.test import Client

from tests.openapi import assert_matches_schema
from tests.queries import assert_queries


def test_openapi_document_and_docs_are_served(db) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    document = client.get("/api/v1/openapi.json").json()
    assert document["info"]["title"] == "Kota Cerdas API"
    assert "/api/v1/regions" in document["paths"]
    assert client.get("/api/v1/docs").status_code == 200


def test_region_list_has_all_514_with_total_count(db) -> None:  # type: ignore[no-untyped-def]
    response = Client().get("/api/v1/regions?page_size=50&page=2")
    body = response.json()
    assert body["count"] == 514
    assert body["pages"] == 11
    assert len(body["items"]) == 50
    assert body["items"][0]["code"] == sorted(item["code"] for item in body["items"])[0]
    assert_matches_schema(response)


def test_region_list_filters(db) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    jambi = client.get("/api/v1/regions?province=15&kind=kabupaten").json()
    assert jambi["count"] == 9
    assert {item["province_code"] for item in jambi["items"]} == {"15"}
    papua_cities = client.get("/api/v1/regions?island_group=papua&kind=kota").json()
    assert {item["timezone_abbreviation"] for item in papua_cities["items"]} == {"WIT"}
    search = client.get("/api/v1/regions?q=batang").json()
    assert {"Kabupaten Batang", "Kabupaten Batanghari"} <= {i["name"] for i in search["items"]}


def test_region_detail_and_unknown_code(db) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    batang = client.get("/api/v1/regions/33.25")
    assert batang.json()["name"] == "Kabupaten Batang"
    assert_matches_schema(batang)
    missing = client.get("/api/v1/regions/99.99", HTTP_ACCEPT_LANGUAGE="en")
    assert missing.status_code == 404
    assert missing.json()["error"] == {
        "status": 404,
        "code": "not_found",
        "message": "No region has the code 99.99.",
        "fields": [],
    }
    assert_matches_schema(missing)


def test_bad_query_parameter_is_422_naming_the_field(db) -> None:  # type: ignore[no-untyped-def]
    response = Client().get("/api/v1/regions?page_size=0&kind=desa")
    assert response.status_code == 422
    fields = {field["field"] for field in response.json()["error"]["fields"]}
    assert fields == {"page_size", "kind"}
    assert_matches_schema(response)


def test_wrong_field_in_payload_is_422_and_saves_nothing(token_client, batang) -> None:  # type: ignore[no-untyped-def]
    before = batang.opds.count()
    response = token_client.post(
        "/api/v1/regions/33.25/opds",
        {"name": "Dinas Perikanan", "kind": "ministry", "colour": "red"},
        content_type="application/json",
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert {field["field"] for field in error["fields"]} == {"kind", "colour"}
    assert batang.opds.count() == before
    assert_matches_schema(response)


def test_malformed_json_is_a_clear_error(token_client) -> None:  # type: ignore[no-untyped-def]
    response = token_client.post(
        "/api/v1/regions/33.25/opds", "{not json", content_type="application/json"
    )
    assert response.status_code in (400, 422)
    assert response.json()["error"]["message"]


def test_duplicate_opd_name_is_422_on_the_name(token_client, batang) -> None:  # type: ignore[no-untyped-def]
    payload = {"name": "Dinas Perikanan", "kind": "dinas"}
    assert (
        token_client.post(
            "/api/v1/regions/33.25/opds", payload, content_type="application/json"
        ).status_code
        == 201
    )
    again = token_client.post(
        "/api/v1/regions/33.25/opds", payload, content_type="application/json"
    )
    assert again.status_code == 422
    assert again.json()["error"]["fields"][0]["field"] in ("__all__", "name")
    assert batang.opds.filter(name="Dinas Perikanan").count() == 1


def test_opd_create_update_delete_over_api(token_client, batang) -> None:  # type: ignore[no-untyped-def]
    created = token_client.post(
        "/api/v1/regions/33.25/opds",
        {"name": "Dinas Perikanan", "abbreviation": "Diskan", "kind": "dinas"},
        content_type="application/json",
    )
    assert created.status_code == 201
    assert_matches_schema(created)
    opd_id = created.json()["id"]
    patched = token_client.patch(
        f"/api/v1/opds/{opd_id}", {"head_name": "Ir. Sri Wahyuni"}, content_type="application/json"
    )
    assert patched.json()["head_name"] == "Ir. Sri Wahyuni"
    assert patched.json()["name"] == "Dinas Perikanan"
    assert_matches_schema(patched)
    assert token_client.delete(f"/api/v1/opds/{opd_id}").status_code == 204
    assert not batang.opds.filter(pk=opd_id).exists()


def test_session_writes_need_csrf(users) -> None:  # type: ignore[no-untyped-def]
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["coordinator"])
    response = client.post(
        "/api/v1/regions/33.25/opds",
        {"name": "Dinas X", "kind": "dinas"},
        content_type="application/json",
    )
    assert response.status_code in (401, 403)


def test_list_queries_do_not_grow_with_rows(db) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    with assert_queries("api GET /api/v1/regions (200 a page, anonymous)"):
        assert len(client.get("/api/v1/regions?page_size=200").json()["items"]) == 200


def test_a_machine_without_credentials_gets_401_not_a_csrf_error(db) -> None:  # type: ignore[no-untyped-def]
    response = Client().post("/api/v1/tokens", {"name": "x"}, content_type="application/json")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"
