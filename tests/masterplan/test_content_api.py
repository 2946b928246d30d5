"""A masterplan's content over HTTP: status codes, error fields, visibility, schema.
Responses are checked against the OpenAPI document once per response shape (each check
builds the spec anew, seconds each)."""

import pytest
from django.test import Client

from kotacerdas.masterplan import services
from kotacerdas.masterplan.models import Finding, Masterplan, MasterplanStatus, Program
from tests.masterplan.conftest import program_input
from tests.openapi import assert_matches_schema
from tests.queries import assert_queries

JSON = "application/json"


def _as(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def coordinator(users) -> Client:  # type: ignore[no-untyped-def]
    return _as(users["coordinator"])


@pytest.fixture
def officer(users) -> Client:  # type: ignore[no-untyped-def]
    return _as(users["opd_officer"])


def _fields(response) -> set[str]:  # type: ignore[no-untyped-def]
    return {f["field"] for f in response.json()["error"]["fields"]}


def test_overview_is_read_and_patched(users, plan, coordinator) -> None:  # type: ignore[no-untyped-def]
    url = f"/api/v1/masterplans/{plan.pk}/overview"
    patched = coordinator.patch(
        url,
        {"vision": "Batang Cerdas", "rpjmd_first_year": 2022, "rpjmd_last_year": 2026},
        content_type=JSON,
    )
    assert patched.status_code == 200, patched.content
    assert_matches_schema(patched)
    assert patched.json()["rpjmd_last_year"] == 2026
    read = _as(users["mentor"]).get(url)
    assert read.status_code == 200 and read.json()["vision"] == "Batang Cerdas"
    bad = coordinator.patch(url, {"rpjmd_last_year": 2023}, content_type=JSON)
    assert bad.status_code == 422 and _fields(bad) == {"rpjmd_last_year"}
    unknown = coordinator.patch(url, {"status": "approved"}, content_type=JSON)
    assert unknown.status_code == 422 and _fields(unknown) == {"status"}
    forbidden = _as(users["opd_officer"]).patch(url, {"vision": "x"}, content_type=JSON)
    assert forbidden.status_code == 403
    assert _as(users["other_coordinator"]).get(url).status_code == 404
    assert Client().get(url).status_code == 401
    plan.refresh_from_db()
    assert plan.vision == "Batang Cerdas" and plan.rpjmd_first_year == 2022


def test_profile_figures_over_api(users, plan, coordinator) -> None:  # type: ignore[no-untyped-def]
    url = f"/api/v1/masterplans/{plan.pk}/profile"
    figure = {"key": "population", "value": "812000", "year": 2023, "source": "BPS"}
    created = coordinator.post(url, figure, content_type=JSON)
    assert created.status_code == 200, created.content
    assert_matches_schema(created)
    again = coordinator.post(url, {**figure, "value": "815000"}, content_type=JSON)
    assert again.json()["id"] == created.json()["id"]
    listed = coordinator.get(url)
    assert [f["value"] for f in listed.json()] == ["815000.000"]
    bad = coordinator.post(
        url, {**figure, "key": "other", "value": "1", "source": ""}, content_type=JSON
    )
    assert bad.status_code == 422 and _fields(bad) == {"label", "source"}
    figure_url = f"/api/v1/profile-figures/{created.json()['id']}"
    changed = coordinator.put(figure_url, {**figure, "year": 2022}, content_type=JSON)
    assert changed.status_code == 200 and changed.json()["year"] == 2022
    assert _as(users["other_coordinator"]).delete(figure_url).status_code == 404
    assert _as(users["opd_officer"]).delete(figure_url).status_code == 403
    assert coordinator.delete(figure_url).status_code == 204
    assert coordinator.get(url).json() == []


def test_findings_are_listed_filtered_merged_and_set_aside(  # type: ignore[no-untyped-def]
    users, plan, coordinator, officer, make_opd, batang
) -> None:
    bappeda = make_opd(batang, "Bappeda Batang")
    own = users["opd_officer"].opd_id
    url = f"/api/v1/masterplans/{plan.pk}/findings"
    body = {"kind": "problem", "title": "Antrean panjang", "opd": own, "element": "health"}
    created = officer.post(url, body, content_type=JSON)
    assert created.status_code == 201, created.content
    assert created.json()["element"] == "health" and created.json()["program_count"] == 0
    assert officer.post(url, {**body, "opd": bappeda.pk}, content_type=JSON).status_code == 403
    bad = coordinator.post(url, {**body, "element": "teleport", "title": ""}, content_type=JSON)
    assert bad.status_code == 422 and _fields(bad) == {"element", "title"}
    duplicate = coordinator.post(
        url, {**body, "opd": bappeda.pk, "title": "Layanan lambat"}, content_type=JSON
    ).json()
    for index in range(3):
        coordinator.post(
            url,
            {"kind": "potential", "title": f"Potensi {index}", "opd": bappeda.pk},
            content_type=JSON,
        )
    with assert_queries("api GET /api/v1/masterplans/{masterplan_id}/findings (filtered)"):
        page = coordinator.get(url, {"kind": "potential", "page_size": 2})
    assert_matches_schema(page)
    assert page.json()["count"] == 3 and page.json()["pages"] == 2
    assert len(page.json()["items"]) == 2
    mine = coordinator.get(url, {"opd": own}).json()
    assert [f["title"] for f in mine["items"]] == ["Antrean panjang"]

    keep_id = created.json()["id"]
    program = services.save_program(
        users["coordinator"], plan, program_input(own, problems=[duplicate["id"]])
    )
    merge_url = f"/api/v1/findings/{keep_id}/merge"
    assert (
        officer.post(merge_url, {"duplicates": [duplicate["id"]]}, content_type=JSON).status_code
        == 403
    )
    unknown = coordinator.post(merge_url, {"duplicates": [999999]}, content_type=JSON)
    assert unknown.status_code == 422 and _fields(unknown) == {"duplicates"}
    merged = coordinator.post(merge_url, {"duplicates": [duplicate["id"]]}, content_type=JSON)
    assert merged.status_code == 200, merged.content
    assert merged.json()["program_count"] == 1
    assert list(Program.objects.get(pk=program.pk).problems.values_list("pk", flat=True)) == [
        keep_id
    ]
    problems = coordinator.get(url, {"kind": "problem"}).json()
    assert [f["id"] for f in problems["items"]] == [keep_id]
    with_merged = coordinator.get(url, {"kind": "problem", "include_merged": True}).json()
    assert with_merged["count"] == 2

    potential_id = page.json()["items"][0]["id"]
    aside = coordinator.post(
        f"/api/v1/findings/{potential_id}/set-aside", {"reason": "x"}, content_type=JSON
    )
    assert aside.status_code == 422
    aside = coordinator.post(
        f"/api/v1/findings/{keep_id}/set-aside", {"reason": "Ditangani provinsi"}, content_type=JSON
    )
    assert aside.status_code == 200 and aside.json()["set_aside_reason"] == "Ditangani provinsi"

    edited = officer.put(
        f"/api/v1/findings/{keep_id}", {**body, "title": "Antrean pasien"}, content_type=JSON
    )
    assert edited.status_code == 200 and edited.json()["title"] == "Antrean pasien"
    outsider = _as(users["other_coordinator"])
    assert outsider.get(url).status_code == 404
    assert outsider.delete(f"/api/v1/findings/{keep_id}").status_code == 404
    assert officer.delete(f"/api/v1/findings/{potential_id}").status_code == 403
    assert officer.delete(f"/api/v1/findings/{keep_id}").status_code == 204
    # The duplicate merged into it goes with it.
    assert not Finding.objects.filter(kind="problem").exists()


def test_goals_over_api(users, plan, coordinator) -> None:  # type: ignore[no-untyped-def]
    url = f"/api/v1/masterplans/{plan.pk}/goals"
    created = coordinator.post(
        url, {"code": "T1", "text": "Tata kelola efektif"}, content_type=JSON
    )
    assert created.status_code == 201, created.content
    assert_matches_schema(created)
    twin = coordinator.post(url, {"code": "T1", "text": "Lain"}, content_type=JSON)
    assert twin.status_code == 422 and _fields(twin) == {"code"}
    goal_id = created.json()["id"]
    services.save_program(
        users["coordinator"], plan, program_input(users["opd_officer"].opd_id, goals=[goal_id])
    )
    listed = coordinator.get(url)
    assert [(g["code"], g["program_count"]) for g in listed.json()] == [("T1", 1)]
    in_use = coordinator.delete(f"/api/v1/goals/{goal_id}")
    assert in_use.status_code == 422 and "1 program" in in_use.json()["error"]["message"]
    changed = coordinator.put(
        f"/api/v1/goals/{goal_id}", {"code": "T1", "text": "Tata kelola bersih"}, content_type=JSON
    )
    assert changed.status_code == 200 and changed.json()["text"] == "Tata kelola bersih"
    assert _as(users["mentor"]).delete(f"/api/v1/goals/{goal_id}").status_code == 403


def test_analyses_and_strategies_over_api(users, plan, coordinator) -> None:  # type: ignore[no-untyped-def]
    url = f"/api/v1/masterplans/{plan.pk}/analyses"
    listed = coordinator.get(url)
    assert listed.status_code == 200
    assert_matches_schema(listed)
    assert {a["pillar"] for a in listed.json()} == {"struktur", "infrastruktur", "suprastruktur"}
    assert all(a["readiness"] is None for a in listed.json())
    saved = coordinator.put(
        f"{url}/struktur", {"readiness": "3.25", "strengths": "SDM siap"}, content_type=JSON
    )
    assert saved.status_code == 200, saved.content
    bad = coordinator.put(f"{url}/struktur", {"readiness": "6"}, content_type=JSON)
    assert bad.status_code == 422 and _fields(bad) == {"readiness"}
    unknown = coordinator.put(f"{url}/budaya", {"readiness": "3"}, content_type=JSON)
    assert unknown.status_code == 422 and _fields(unknown) == {"pillar"}
    prefilled = coordinator.post(f"{url}/prefill")
    assert prefilled.status_code == 200 and prefilled.json() == {"filled": 0}
    assert _as(users["opd_officer"]).post(f"{url}/prefill").status_code == 403

    strategies = f"/api/v1/masterplans/{plan.pk}/strategies"
    put = coordinator.put(f"{strategies}/health", {"text": "Puskesmas terpadu"}, content_type=JSON)
    assert put.status_code == 200 and put.json()["dimension"] == "living"
    assert_matches_schema(put)
    assert coordinator.get(strategies).json() == [put.json()]
    missing = coordinator.put(f"{strategies}/teleport", {"text": "x"}, content_type=JSON)
    assert missing.status_code == 422 and _fields(missing) == {"element"}
    assert (
        coordinator.put(f"{strategies}/health", {"text": ""}, content_type=JSON).status_code == 204
    )
    assert coordinator.get(strategies).json() == []


def test_programs_are_deleted_with_the_same_rules(users, plan, officer, make_opd, batang) -> None:  # type: ignore[no-untyped-def]
    bappeda = make_opd(batang, "Bappeda Batang")
    own = services.save_program(
        users["opd_officer"], plan, program_input(users["opd_officer"].opd_id)
    )
    theirs = services.save_program(users["coordinator"], plan, program_input(bappeda.pk))
    assert officer.delete(f"/api/v1/programs/{theirs.pk}").status_code == 403
    assert _as(users["other_coordinator"]).delete(f"/api/v1/programs/{own.pk}").status_code == 404
    Masterplan.objects.filter(pk=plan.pk).update(status=MasterplanStatus.SUBMITTED)
    refused = officer.delete(f"/api/v1/programs/{own.pk}", HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 422 and "cannot be edited" in refused.json()["error"]["message"]
    Masterplan.objects.filter(pk=plan.pk).update(status=MasterplanStatus.CHANGES_REQUESTED)
    assert officer.delete(f"/api/v1/programs/{own.pk}").status_code == 204
    assert list(Program.objects.values_list("pk", flat=True)) == [theirs.pk]
