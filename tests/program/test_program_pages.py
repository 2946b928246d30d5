"""Program pages at demo size: every role sees what it may, and query counts stay flat."""

import pytest
from django.test import Client
from django.utils import timezone

from kotacerdas.accounts.models import User
from kotacerdas.program.models import Agreement, Application, AssessorAssignment
from kotacerdas.seed.accounts import SEED_REGIONS, load_demo
from kotacerdas.seed.program import load_program_demo
from tests.queries import assert_queries


@pytest.fixture
def demo(db):  # type: ignore[no-untyped-def]
    load_demo()
    load_program_demo(User.objects.get(username="kantor.program"), SEED_REGIONS)
    return {
        u.username: u
        for u in User.objects.filter(
            username__in=[
                "kantor.program",
                "asesor",
                "mentor",
                "batang.kominfo",
                "batang.dinkes",
                "batanghari.kominfo",
            ]
        )
    }


def _as(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_program_pages_have_bounded_queries(demo) -> None:  # type: ignore[no-untyped-def]
    office = _as(demo["kantor.program"])
    batang = Application.objects.get(cohort__year=2023, region_id="33.25")
    for url, name in [
        ("/program/", "page program:cohorts (demo, office)"),
        ("/program/2023/", "page program:cohort (demo, office)"),
        ("/program/2023/selection/", "page program:selection (demo, office)"),
        ("/program/2023/rubric/", "page program:rubric (demo, office)"),
        ("/program/2023/agreements/", "page program:agreements (demo, office)"),
        ("/program/2023/dashboard/", "page program:dashboard (demo, office)"),
        (f"/program/applications/{batang.pk}/", "page program:application (demo, office)"),
    ]:
        with assert_queries(name):
            assert office.get(url).status_code == 200, url


# (url, who may see it); everyone else gets 403, 404 or a log-in redirect.
def _private_urls() -> list[tuple[str, set[str]]]:
    batang = Application.objects.get(cohort__year=2023, region_id="33.25")
    agreement = Agreement.objects.get(application=batang)
    assignment = AssessorAssignment.objects.filter(
        application=batang, assessor__username="asesor"
    ).get()
    return [
        (
            f"/program/applications/{batang.pk}/",
            {"kantor.program", "asesor", "batang.kominfo", "batang.dinkes"},
        ),
        (f"/program/assignments/{assignment.pk}/", {"asesor"}),
        ("/program/2023/selection/", {"kantor.program"}),
        ("/program/2023/rubric/", {"kantor.program"}),
        ("/program/2023/dashboard/", {"kantor.program"}),
        (
            f"/program/agreements/{agreement.pk}/",
            {"kantor.program", "batang.kominfo", "batang.dinkes", "asesor", "mentor"},
        ),
        (
            f"/api/v1/applications/{batang.pk}",
            {"kantor.program", "asesor", "batang.kominfo", "batang.dinkes"},
        ),
        (f"/api/v1/applications/{batang.pk}/score", {"kantor.program", "asesor"}),
        # An assessor sees the published result of the applications they assessed.
        (
            "/api/v1/cohorts/2023/results/33.25",
            {"kantor.program", "asesor", "batang.kominfo", "batang.dinkes"},
        ),
        ("/api/v1/cohorts/2023/funnel", {"kantor.program"}),
        (
            f"/api/v1/agreements/{agreement.pk}",
            {"kantor.program", "batang.kominfo", "batang.dinkes", "asesor", "mentor"},
        ),
        (
            "/api/v1/regions/33.25/bodies",
            {"kantor.program", "batang.kominfo", "batang.dinkes", "asesor", "mentor"},
        ),
    ]


def test_every_role_against_private_program_pages(demo) -> None:  # type: ignore[no-untyped-def]
    for url, allowed in _private_urls():
        for name in [*demo, None]:
            response = _as(demo.get(name) if name else None).get(url)
            if name in allowed:
                assert response.status_code == 200, (url, name, response.status_code)
            else:
                assert response.status_code in (302, 401, 403, 404), (
                    url,
                    name,
                    response.status_code,
                )


def test_a_region_sees_its_result_but_never_anothers(demo) -> None:  # type: ignore[no-untyped-def]
    batanghari = _as(demo["batanghari.kominfo"])
    page = batanghari.get("/program/2023/result/").content.decode()
    assert "Kabupaten Batanghari terpilih" in page
    assert "Kabupaten Batang terpilih" not in page
    assert batanghari.get("/api/v1/cohorts/2023/results/33.25").status_code == 403
    listed = batanghari.get("/api/v1/applications").json()
    assert [item["region_code"] for item in listed] == ["15.04"]


def test_assessor_records_an_interview(demo) -> None:  # type: ignore[no-untyped-def]
    assessor = _as(demo["asesor"])
    assignment = AssessorAssignment.objects.filter(
        application__region_id="33.25", assessor__username="asesor"
    ).get()
    url = f"/program/assignments/{assignment.pk}/interview/"
    bad = assessor.post(url, {"held_at": "kemarin", "attendees": ""}, follow=True)
    assert not assignment.application.interviews.exists()
    assert "Masukkan" in bad.content.decode() or "wajib" in bad.content.decode()
    assessor.post(
        url,
        {
            "held_at": "2023-05-15T09:30",
            "attendees": "Bupati Batang\\nKepala Diskominfo",
            "notes": "Presentasi visi smart city",
        },
    )
    interview = assignment.application.interviews.get()
    assert interview.notes == "Presentasi visi smart city"
    other = _as(demo["batang.kominfo"]).post(url, {"held_at": "2023-05-15T09:30", "attendees": "x"})
    assert other.status_code == 404


def test_office_opens_next_year_from_last_years_rubric(demo) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.program.models import Cohort

    office = _as(demo["kantor.program"])
    template = Cohort.objects.get(year=2023)
    taken = office.post(
        "/program/new/",
        {"year": 2023, "name": "Lagi", "quota": 50, "application_deadline": "2023-04-30T23:59"},
    )
    assert taken.status_code == 200 and "2023" in taken.content.decode()
    year = timezone.localdate().year + 2  # the demo has next year's cohort already
    created = office.post(
        "/program/new/",
        {
            "year": year,
            "name": f"Gerakan Menuju Smart City {year}",
            "quota": 40,
            "application_deadline": f"{year}-04-30T23:59",
            "template": template.pk,
        },
    )
    assert created.status_code == 302
    cohort = Cohort.objects.get(year=year)
    assert cohort.status == "draft" and cohort.criteria.count() == template.criteria.count()
    assert cohort.phases.get(kind="agreement").starts_on.isoformat() == f"{year}-07-06"
    assert cohort.application_deadline.isoformat() == f"{year}-04-30T16:59:00+00:00"  # 23:59 WIB
    office.post(f"/program/{year}/open/")
    cohort.refresh_from_db()
    assert cohort.status == "open"
    assert _as(demo["batang.kominfo"]).get("/program/new/").status_code == 403
