"""The rubric and phase editor: platform pages for the program office, on the same rules
as the API (weights, dates in range and in order, a recorded reason once the rubric is
in use), and refused to every other role."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from kotacerdas.core.roles import Role
from kotacerdas.program import services
from kotacerdas.program.models import Cohort, RubricRevision
from kotacerdas.regions.models import Province
from tests.openapi import assert_matches_schema
from tests.program.conftest import CRITERIA, LEVELS, submitted

JSON = "application/json"
ROLES = [
    "program_office",
    "assessor",
    "mentor",
    "coordinator",
    "opd_officer",
    "other_coordinator",
    "no_role",
    "anonymous",
]


def _client(users, role: str) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    if role != "anonymous":
        client.force_login(users[role])
    return client


def _rubric_post(cohort: Cohort, rows: list[dict], reason: str = "", extra: int = 0) -> dict:
    data = {
        "form": "rubric",
        "criteria-TOTAL_FORMS": str(len(rows) + extra),
        "criteria-INITIAL_FORMS": str(cohort.criteria.count()),
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "40",
        "reason": reason,
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"criteria-{index}-{key}"] = value
    for index in range(len(rows), len(rows) + extra):
        data[f"criteria-{index}-pillar"] = ""
    return data


def _row(criterion: services.CriterionInput, **changes: str) -> dict:
    row = {
        "code": criterion.code,
        "title": criterion.title,
        "pillar": criterion.pillar,
        "weight": str(criterion.weight),
        "guidance": "",
        **{f"level_{n}": level for n, level in enumerate(LEVELS, start=1)},
    }
    row.update(changes)
    return row


def _scored(users, cohort, batang, make_user):  # type: ignore[no-untyped-def]
    application = submitted(users["coordinator"], cohort, batang)
    assessor = make_user("asesor-31", Role.ASSESSOR, home_province=Province.objects.get(pk="31"))
    assignment = services.assign_assessor(users["program_office"], application, assessor)
    services.save_scores(
        assessor,
        assignment,
        [
            services.ScoreInput("kebijakan", 4),
            services.ScoreInput("tik", 2),
            services.ScoreInput("anggaran", 3),
        ],
    )
    application.refresh_from_db()
    return application


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("method", "url", "api"),
    [
        ("get", "/program/{year}/rubric/", False),
        ("post", "/program/{year}/rubric/", False),
        ("post", "/program/{year}/close/", False),
        ("put", "/api/v1/cohorts/{year}/rubric", True),
        ("put", "/api/v1/cohorts/{year}/phases", True),
        ("post", "/api/v1/cohorts/{year}/close", True),
    ],
)
def test_only_the_program_office_edits_rubric_phases_and_closes(  # type: ignore[no-untyped-def]
    users, cohort, role, method, url, api
) -> None:
    client = _client(users, role)
    path = url.format(year=cohort.year)
    if api:
        body = (
            {"criteria": [c.__dict__ | {"levels": list(c.levels)} for c in CRITERIA]}
            if path.endswith("rubric")
            else {"phases": []}
        )
        kwargs = {"data": body, "content_type": JSON} if method == "put" else {}
        if "weight" in str(body):
            for item in body["criteria"]:
                item["weight"] = str(item["weight"])
        response = getattr(client, method)(path, **kwargs)
        expected = 401 if role == "anonymous" else 200 if role == "program_office" else 403
    else:
        later = (timezone.localtime() + timedelta(days=20)).strftime("%Y-%m-%dT%H:%M")
        data = _schedule(later) if method == "post" and "rubric" in path else {}
        response = getattr(client, method)(path, data) if method == "post" else client.get(path)
        ok = 302 if method == "post" else 200
        expected = 302 if role == "anonymous" else ok if role == "program_office" else 403
    assert response.status_code == expected, response.content[:300]


def test_the_office_edits_weights_and_adds_a_criterion_on_the_page(users, cohort) -> None:  # type: ignore[no-untyped-def]
    office = _client(users, "program_office")
    page = office.get(f"/program/{cohort.year}/rubric/")
    assert page.status_code == 200 and "Rubrik dan tahapan" in page.content.decode()
    rows = [_row(CRITERIA[0], weight="37,5"), _row(CRITERIA[1]), _row(CRITERIA[2])]
    rows.append(
        _row(
            services.CriterionInput("sdm", "struktur", "SDM pelaksana", Decimal(10), LEVELS),
            guidance="Jumlah ASN bersertifikat TIK",
        )
    )
    response = office.post(f"/program/{cohort.year}/rubric/", _rubric_post(cohort, rows))
    assert response.status_code == 302, response.content.decode()[:2000]
    weights = dict(cohort.criteria.values_list("code", "weight"))
    assert weights == {
        "kebijakan": Decimal("37.50"),
        "tik": Decimal("35.00"),
        "anggaran": Decimal("25.00"),
        "sdm": Decimal("10.00"),
    }
    revision = RubricRevision.objects.get(cohort=cohort)
    assert revision.changes["added"] == ["sdm"]
    assert revision.changes["changed"] == {"kebijakan": ["weight"]}
    shown = office.get(f"/program/{cohort.year}/rubric/").content.decode()
    assert 'value="37,5"' in shown  # weights shown the Indonesian way


def test_a_weight_out_of_range_is_refused_and_nothing_is_saved(users, cohort) -> None:  # type: ignore[no-untyped-def]
    office = _client(users, "program_office")
    for weight in ("0", "1000", "-3", "abc"):
        rows = [
            _row(CRITERIA[0], weight=weight, title="Diubah"),
            _row(CRITERIA[1]),
            _row(CRITERIA[2]),
        ]
        response = office.post(f"/program/{cohort.year}/rubric/", _rubric_post(cohort, rows))
        assert response.status_code == 200, weight
        assert "is-invalid" in response.content.decode()
    assert cohort.criteria.get(code="kebijakan").title == "Kebijakan smart city"
    api = office.put(
        f"/api/v1/cohorts/{cohort.year}/rubric",
        {
            "criteria": [
                {
                    "code": "tik",
                    "pillar": "infrastruktur",
                    "title": "TIK",
                    "weight": "0",
                    "levels": LEVELS,
                }
            ]
        },
        content_type=JSON,
    )
    assert api.status_code == 422
    assert api.json()["error"]["fields"][0]["field"] == "criteria.0.weight"
    assert cohort.criteria.count() == 3


def test_once_scoring_started_a_change_needs_a_recorded_reason(  # type: ignore[no-untyped-def]
    users, cohort, batang, make_user
) -> None:
    application = _scored(users, cohort, batang, make_user)
    before = application.score
    office = _client(users, "program_office")
    rows = [_row(CRITERIA[0], weight="80"), _row(CRITERIA[1]), _row(CRITERIA[2])]
    refused = office.post(f"/program/{cohort.year}/rubric/", _rubric_post(cohort, rows))
    assert refused.status_code == 200
    assert "catat alasan perubahannya" in refused.content.decode()
    assert cohort.criteria.get(code="kebijakan").weight == Decimal(40)
    api = office.put(
        f"/api/v1/cohorts/{cohort.year}/rubric",
        {
            "criteria": [
                {
                    **c.__dict__,
                    "weight": "80" if c.code == "kebijakan" else str(c.weight),
                    "levels": LEVELS,
                }
                for c in CRITERIA
            ]
        },
        content_type=JSON,
    )
    assert api.status_code == 422 and api.json()["error"]["fields"][0]["field"] == "reason"

    saved = office.post(
        f"/program/{cohort.year}/rubric/",
        _rubric_post(cohort, rows, reason="Arahan Dirjen: kebijakan lebih menentukan"),
    )
    assert saved.status_code == 302
    revision = RubricRevision.objects.get(cohort=cohort)
    assert revision.reason == "Arahan Dirjen: kebijakan lebih menentukan"
    assert revision.changed_by == users["program_office"]
    application.refresh_from_db()
    assert application.score != before  # recomputed with the new weights
    page = office.get(f"/program/{cohort.year}/rubric/").content.decode()
    assert "Arahan Dirjen: kebijakan lebih menentukan" in page


def test_once_applications_came_in_criteria_are_not_added_or_removed(users, cohort, batang) -> None:  # type: ignore[no-untyped-def]
    submitted(users["coordinator"], cohort, batang)
    office = _client(users, "program_office")
    rows = [_row(CRITERIA[0]), _row(CRITERIA[1])]  # anggaran left out
    api = office.put(
        f"/api/v1/cohorts/{cohort.year}/rubric",
        {
            "criteria": [
                {**c.__dict__, "weight": str(c.weight), "levels": LEVELS} for c in CRITERIA[:2]
            ],
            "reason": "lebih ringkas",
        },
        content_type=JSON,
    )
    assert api.status_code == 422
    assert "tidak dapat lagi ditambah atau dihapus" in api.json()["error"]["message"]
    page = office.post(
        f"/program/{cohort.year}/rubric/", _rubric_post(cohort, rows, reason="lebih ringkas")
    )
    assert "tidak dapat lagi ditambah atau dihapus" in page.content.decode()
    assert cohort.criteria.count() == 3


def test_a_published_cohorts_rubric_is_final(users, cohort, batang) -> None:  # type: ignore[no-untyped-def]
    Cohort.objects.filter(pk=cohort.pk).update(status="published")
    cohort.refresh_from_db()
    office = _client(users, "program_office")
    rows = [_row(CRITERIA[0], title="Baru"), _row(CRITERIA[1]), _row(CRITERIA[2])]
    page = office.post(
        f"/program/{cohort.year}/rubric/", _rubric_post(cohort, rows, reason="x"), follow=True
    )
    assert "bersifat final" in page.content.decode()
    assert cohort.criteria.get(code="kebijakan").title == "Kebijakan smart city"


def _schedule(deadline: str, **phases: tuple[str, str]) -> dict:
    data = {"form": "schedule", "application_deadline": deadline}
    for kind, (start, end) in phases.items():
        data[f"{kind}-starts_on"], data[f"{kind}-ends_on"] = start, end
    return data


def test_phases_must_be_in_range_and_in_order(users, cohort) -> None:  # type: ignore[no-untyped-def]
    office = _client(users, "program_office")
    deadline = (timezone.localtime() + timedelta(days=20)).strftime("%Y-%m-%dT%H:%M")
    year = timezone.localdate().year
    url = f"/program/{cohort.year}/rubric/"
    cases = [
        ({"applications": ("1900-01-01", "1900-02-01")}, "1 Januari 2015"),
        ({"applications": ("9999-01-01", "9999-02-01")}, f"31 Desember {year + 2}"),
        ({"applications": (f"{year}-03-10", f"{year}-03-01")}, "berakhir sebelum dimulai"),
        (
            {
                "applications": (f"{year}-03-01", f"{year}-04-30"),
                "assessment": (f"{year}-02-01", f"{year}-05-31"),
            },
            "tahapan mengikuti urutan program",
        ),
        ({"applications": (f"{year}-03-01", "")}, "Isi kedua tanggal"),
    ]
    for phases, message in cases:
        response = office.post(url, _schedule(deadline, **phases))
        assert response.status_code == 200, phases
        assert message in response.content.decode(), (phases, message)
    assert list(cohort.phases.values_list("starts_on", flat=True)) == [date(2023, 3, 1)]

    saved = office.post(
        url,
        _schedule(
            deadline,
            applications=(f"{year}-03-01", f"{year}-04-30"),
            assessment=(f"{year}-05-02", f"{year}-05-31"),
        ),
    )
    assert saved.status_code == 302
    assert list(cohort.phases.values_list("kind", flat=True)) == ["applications", "assessment"]


def test_the_deadline_is_moved_but_never_into_the_past_or_far_future(users, cohort) -> None:  # type: ignore[no-untyped-def]
    office = _client(users, "program_office")
    url = f"/program/{cohort.year}/rubric/"
    past = office.post(url, _schedule("2024-01-01T12:00"))
    assert "sudah lewat" in past.content.decode()
    far = office.post(url, _schedule("9999-12-31T12:00"))
    assert "1 Januari 2015" in far.content.decode()
    later = timezone.localtime() + timedelta(days=40)
    moved = office.post(url, _schedule(later.strftime("%Y-%m-%dT%H:%M")))
    assert moved.status_code == 302
    cohort.refresh_from_db()
    assert timezone.localtime(cohort.application_deadline).date() == later.date()
    api = office.put(
        f"/api/v1/cohorts/{cohort.year}/phases",
        {"application_deadline": "1900-01-01T00:00:00+07:00", "phases": []},
        content_type=JSON,
    )
    assert api.status_code == 422
    assert api.json()["error"]["fields"][0]["field"] == "application_deadline"


def test_the_api_saves_phases_and_rubric(users, cohort) -> None:  # type: ignore[no-untyped-def]
    office = _client(users, "program_office")
    year = timezone.localdate().year
    phases = office.put(
        f"/api/v1/cohorts/{cohort.year}/phases",
        {
            "phases": [
                {"kind": "applications", "starts_on": f"{year}-03-01", "ends_on": f"{year}-04-30"}
            ]
        },
        content_type=JSON,
    )
    assert phases.status_code == 200, phases.content
    assert_matches_schema(phases)
    rubric = office.put(
        f"/api/v1/cohorts/{cohort.year}/rubric",
        {
            "criteria": [
                {
                    "code": "tik",
                    "pillar": "infrastruktur",
                    "title": "Infrastruktur TIK",
                    "weight": "12.5",
                    "levels": LEVELS,
                }
            ]
        },
        content_type=JSON,
    )
    assert rubric.status_code == 200, rubric.content
    assert_matches_schema(rubric)
    assert [c["code"] for c in rubric.json()["criteria"]] == ["tik"]


def test_interview_dates_are_checked_with_the_range_named(users, cohort, batang, make_user) -> None:  # type: ignore[no-untyped-def]
    application = _scored(users, cohort, batang, make_user)
    assessor = application.assignments.get().assessor
    client = Client()
    client.force_login(assessor)
    for held_at in ("1900-01-01T09:00:00+07:00", "9999-01-01T09:00:00+07:00"):
        response = client.post(
            f"/api/v1/applications/{application.pk}/interviews",
            {"held_at": held_at, "attendees": "Bupati"},
            content_type=JSON,
        )
        assert response.status_code == 422
        field = response.json()["error"]["fields"][0]
        assert field["field"] == "held_at"
        assert "1 Januari 2015" in field["message"] or "2200" in field["message"]
    assignment = application.assignments.get()
    page = client.post(
        f"/program/assignments/{assignment.pk}/interview/",
        {"held_at": "1900-05-15T09:30", "attendees": "Bupati"},
        follow=True,
    )
    assert "1 Januari 2015" in page.content.decode()
    assert not application.interviews.exists()
