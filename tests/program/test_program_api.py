"""The program flow over HTTP, with the same permissions as the services."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from kotacerdas.program.models import Application
from tests import files
from tests.openapi import assert_matches_schema
from tests.program.conftest import CRITERIA

JSON = "application/json"


def _as(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def office(users) -> Client:  # type: ignore[no-untyped-def]
    return _as(users["program_office"])


def test_cohort_is_opened_with_phases_and_rubric(office) -> None:  # type: ignore[no-untyped-def]
    payload = {
        "year": 2024,
        "name": "GMSC 2024",
        "quota": 50,
        "application_deadline": (timezone.now() + timedelta(days=30)).isoformat(),
        "phases": [{"kind": "assessment", "starts_on": "2024-05-01", "ends_on": "2024-05-31"}],
        "criteria": [
            {
                "code": "visi",
                "pillar": "suprastruktur",
                "title": "Visi kepala daerah",
                "weight": "30",
                "levels": ["1", "2", "3", "4", "5"],
            }
        ],
        "max_per_province": 3,
        "min_per_island_group": {"papua": 2},
    }
    created = office.post("/api/v1/cohorts", payload, content_type=JSON)
    assert created.status_code == 201, created.content
    assert_matches_schema(created)
    body = created.json()
    assert body["criteria"][0]["pillar"] == "suprastruktur"
    assert body["min_per_island_group"] == {"papua": 2}
    again = office.post("/api/v1/cohorts", payload, content_type=JSON)
    assert again.status_code == 422 and again.json()["error"]["fields"][0]["field"] == "year"
    bad = office.post(
        "/api/v1/cohorts",
        {
            **payload,
            "year": 2025,
            "min_per_island_group": {"atlantis": 1},
            "phases": [{"kind": "awards", "starts_on": "2025-05-02", "ends_on": "2025-05-01"}],
        },
        content_type=JSON,
    )
    assert bad.status_code == 422
    assert "min_per_island_group" in {
        f["field"].split(".")[0] for f in bad.json()["error"]["fields"]
    }


def test_region_applies_uploads_and_submits_over_api(users, cohort) -> None:  # type: ignore[no-untyped-def]
    client = _as(users["coordinator"])
    started = client.post(
        f"/api/v1/cohorts/{cohort.year}/applications", {"region_code": "33.25"}, content_type=JSON
    )
    assert started.status_code == 201
    assert started.json()["deadline_local"].endswith("WIB")
    assert_matches_schema(started)
    app_id = started.json()["id"]
    duplicate = client.post(
        f"/api/v1/cohorts/{cohort.year}/applications", {"region_code": "33.25"}, content_type=JSON
    )
    assert duplicate.status_code == 422
    assert "sudah mendaftar" in duplicate.json()["error"]["message"]
    content = {
        "answers": [
            {"criterion": c.code, "self_score": 4, "answer": "Sudah ada Perbup"} for c in CRITERIA
        ],
        "indicators": [{"indicator": "ipm", "value": "71.5", "source_year": 2022}],
    }
    saved = client.put(f"/api/v1/applications/{app_id}/content", content, content_type=JSON)
    assert saved.status_code == 200
    assert_matches_schema(saved)
    upload = client.post(
        f"/api/v1/applications/{app_id}/evidence/tik",
        {"file": SimpleUploadedFile("jaringan.pdf", files.PDF)},
    )
    assert upload.status_code == 201 and upload.json()["content_type"] == "application/pdf"
    wrong = client.post(
        f"/api/v1/applications/{app_id}/evidence/tik",
        {"file": SimpleUploadedFile("virus.pdf", b"#!/bin/sh\nrm -rf /")},
    )
    assert wrong.status_code == 422 and wrong.json()["error"]["fields"][0]["field"] == "file"
    submitted = client.post(f"/api/v1/applications/{app_id}/submit")
    assert submitted.json()["status"] == "submitted"
    locked = client.put(f"/api/v1/applications/{app_id}/content", content, content_type=JSON)
    assert locked.status_code == 422 and "hanya dapat dibaca" in locked.json()["error"]["message"]


def test_other_regions_never_see_an_application(users, cohort) -> None:  # type: ignore[no-untyped-def]
    client = _as(users["coordinator"])
    app_id = client.post(
        f"/api/v1/cohorts/{cohort.year}/applications", {"region_code": "33.25"}, content_type=JSON
    ).json()["id"]
    outsider = _as(users["other_coordinator"])
    assert outsider.get(f"/api/v1/applications/{app_id}").status_code == 404
    assert outsider.get("/api/v1/applications").json() == []
    assert _as(users["mentor"]).get(f"/api/v1/applications/{app_id}").status_code == 404
    assert Client().get(f"/api/v1/applications/{app_id}").status_code == 401
    assert Application.objects.count() == 1


def test_score_outside_range_and_missing_comment_are_refused(
    users, cohort, assessors, office
) -> None:  # type: ignore[no-untyped-def]
    from tests.program.conftest import submitted

    application = submitted(users["coordinator"], cohort, users["coordinator"].region)
    assigned = office.post(
        f"/api/v1/applications/{application.pk}/assignments",
        {"assessor": "asesor-31"},
        content_type=JSON,
    )
    assert assigned.status_code == 201
    assignment_id = assigned.json()["id"]
    assessor = _as(assessors["31"])
    out_of_range = assessor.put(
        f"/api/v1/assignments/{assignment_id}/scores",
        {"scores": [{"criterion": "tik", "score": 7}]},
        content_type=JSON,
    )
    assert out_of_range.status_code == 422
    assert out_of_range.json()["error"]["fields"][0]["field"] == "scores.0.score"
    no_comment = assessor.put(
        f"/api/v1/assignments/{assignment_id}/scores",
        {"scores": [{"criterion": "tik", "score": 1}]},
        content_type=JSON,
    )
    assert no_comment.status_code == 422
    assert no_comment.json()["error"]["fields"][0]["field"] == "tik"
    assert (
        _as(assessors["15"])
        .put(
            f"/api/v1/assignments/{assignment_id}/scores",
            {"scores": [{"criterion": "tik", "score": 3}]},
            content_type=JSON,
        )
        .status_code
        == 404
    )
    assert assessor.get("/api/v1/assignments").json()[0]["region_code"] == "33.25"
