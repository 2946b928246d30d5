"""Faults a hostile reviewer found on the program side (issue 10)."""

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone

from tests.program.test_rubric_editor import _scored

JSON = "application/json"
HOSTILE_DATETIMES = [
    ("9999-12-31T23:59:59Z", 422),
    ("0001-01-01T00:00:00+05:00", 422),
]


def _as(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _cohort_payload(year: int, deadline: str) -> dict[str, Any]:
    return {
        "year": year,
        "name": f"GMSC {year}",
        "quota": 50,
        "application_deadline": deadline,
        "phases": [],
        "criteria": [
            {
                "code": "visi",
                "pillar": "suprastruktur",
                "title": "Visi kepala daerah",
                "weight": "100",
                "levels": ["1", "2", "3", "4", "5"],
            }
        ],
    }


@pytest.mark.parametrize("value", ["9999-12-31T23:59:59Z", "0001-01-01T00:00:00+05:00"])
def test_datetimes_out_of_range_are_a_422_naming_the_field(
    users: dict[str, Any], cohort: Any, batang: Any, make_user: Any, value: str
) -> None:
    office = _as(users["program_office"])
    created = office.post("/api/v1/cohorts", _cohort_payload(2031, value), content_type=JSON)
    assert created.status_code == 422
    assert created.json()["error"]["fields"][0]["field"] == "application_deadline"
    assert "2200" in created.json()["error"]["fields"][0]["message"]
    phases = office.put(
        f"/api/v1/cohorts/{cohort.year}/phases",
        {"application_deadline": value, "phases": []},
        content_type=JSON,
    )
    assert phases.status_code == 422
    assert phases.json()["error"]["fields"][0]["field"] == "application_deadline"
    application = _scored(users, cohort, batang, make_user)
    assessor = _as(application.assignments.get().assessor)
    interview = assessor.post(
        f"/api/v1/applications/{application.pk}/interviews",
        {"held_at": value, "attendees": "Bupati"},
        content_type=JSON,
    )
    assert interview.status_code == 422
    assert interview.json()["error"]["fields"][0]["field"] == "held_at"


def test_a_datetime_without_a_zone_is_read_in_wib(users: dict[str, Any], cohort: Any) -> None:
    office = _as(users["program_office"])
    later = (timezone.localtime() + timedelta(days=40)).replace(microsecond=0, tzinfo=None)
    created = office.post(
        "/api/v1/cohorts", _cohort_payload(2031, later.isoformat()), content_type=JSON
    )
    assert created.status_code == 201, created.content
    written = created.json()["application_deadline"].replace("Z", "+00:00")
    assert datetime.fromisoformat(written) == later.replace(tzinfo=ZoneInfo("Asia/Jakarta"))
    phases = office.put(
        f"/api/v1/cohorts/{cohort.year}/phases",
        {"application_deadline": later.isoformat(), "phases": []},
        content_type=JSON,
    )
    assert phases.status_code == 200, phases.content


MEMBER = {
    "name": "Fadhil Arief",
    "position": "Bupati",
    "organisation": "Pemkab Batang",
    "role_in_body": "Ketua",
}


@pytest.mark.parametrize("bad", ["Dua\nbaris", "Tab\tdi sini", "fdp.exe\u202e", "Nol\u200blebar"])
@pytest.mark.parametrize("field", ["name", "position", "organisation", "role_in_body"])
def test_council_member_fields_are_one_line(users: dict[str, Any], field: str, bad: str) -> None:
    coordinator = _as(users["coordinator"])
    response = coordinator.put(
        "/api/v1/regions/33.25/bodies/council",
        {"members": [{**MEMBER, field: bad}]},
        content_type=JSON,
    )
    assert response.status_code == 422
    assert [f["field"] for f in response.json()["error"]["fields"]] == [f"members.0.{field}"]


@pytest.mark.parametrize("bad", ["Dua\nbaris", "Esc\x1b", "\u202eKepala", "\ufeffKepala"])
def test_decree_number_and_signer_are_one_line(users: dict[str, Any], bad: str) -> None:
    coordinator = _as(users["coordinator"])
    body = coordinator.put(
        "/api/v1/regions/33.25/bodies/council",
        {"decree_number": bad, "decree_date": "2023-01-05", "members": [MEMBER]},
        content_type=JSON,
    )
    assert body.status_code == 422
    assert [f["field"] for f in body.json()["error"]["fields"]] == ["decree_number"]
    opd = users["opd_officer"].opd
    commitment = coordinator.put(
        f"/api/v1/opds/{opd.pk}/commitment",
        {"signed_by": bad, "signed_on": "2023-06-01"},
        content_type=JSON,
    )
    assert commitment.status_code == 422
    assert [f["field"] for f in commitment.json()["error"]["fields"]] == ["signed_by"]


FAKE_PDF = b"%PDF-1.4\n<html><script>alert(document.cookie)</script></html>\n"


def test_a_file_that_only_starts_like_a_pdf_is_refused(users: dict[str, Any]) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests import files

    coordinator = _as(users["coordinator"])
    opd = users["opd_officer"].opd
    saved = coordinator.put(
        f"/api/v1/opds/{opd.pk}/commitment",
        {"signed_by": "Kepala Dinkes", "signed_on": "2023-06-01"},
        content_type=JSON,
    )
    assert saved.status_code == 200, saved.content
    uploads = [
        (f"/api/v1/opds/{opd.pk}/commitment/scan", "file"),
        ("/api/v1/regions/33.25/bodies/council/decree", "file"),
    ]
    coordinator.put(
        "/api/v1/regions/33.25/bodies/council", {"members": [MEMBER]}, content_type=JSON
    )
    for url, field in uploads:
        fake = coordinator.post(url, {field: SimpleUploadedFile("scan.pdf", FAKE_PDF)})
        assert fake.status_code == 422, (url, fake.content)
        message = fake.json()["error"]["fields"][0]["message"]
        assert "PDF" in message
        real = coordinator.post(url, {field: SimpleUploadedFile("scan.pdf", files.PDF)})
        assert real.status_code in (200, 201), (url, real.content)


def test_evidence_is_opened_not_only_sniffed(users: dict[str, Any], cohort: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kotacerdas.program import uploads
    from tests import files

    for data in (FAKE_PDF, b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, b"\xff\xd8\xff\xe0 jpeg"):
        with pytest.raises(Exception) as error:
            uploads.check_evidence(SimpleUploadedFile("x", data))
        assert "file" in error.value.message_dict  # type: ignore[attr-defined]
    for data, kind in (
        (files.PDF, "application/pdf"),
        (files.PNG, "image/png"),
        (files.JPEG, "image/jpeg"),
    ):
        assert uploads.check_evidence(SimpleUploadedFile("x", data)) == kind


@pytest.mark.parametrize(
    ("indicator", "value"), [("ipm", "99999999"), ("ipm", "-5"), ("fiscal_capacity", "-5")]
)
def test_indicator_values_out_of_their_scale_are_a_422(
    users: dict[str, Any], cohort: Any, indicator: str, value: str
) -> None:
    from kotacerdas.program import services
    from kotacerdas.program.models import IndicatorValue

    application = services.start_application(
        users["coordinator"], cohort, users["coordinator"].region
    )
    response = _as(users["coordinator"]).put(
        f"/api/v1/applications/{application.pk}/content",
        {
            "answers": [],
            "indicators": [
                {"indicator": "green_city", "value": "50", "source_year": 2022},
                {"indicator": indicator, "value": value, "source_year": 2022},
            ],
        },
        content_type=JSON,
    )
    assert response.status_code == 422, response.content
    assert [f["field"] for f in response.json()["error"]["fields"]] == ["indicators.1.value"]
    assert not IndicatorValue.objects.exists()
