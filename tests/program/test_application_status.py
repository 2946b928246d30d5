"""Applications say what became of them, show assessors' disagreements in words, and
keep to the deadline from the first page a region opens, not only at "Kirim"."""

from datetime import timedelta
from decimal import Decimal

from django.test import Client
from django.utils import timezone

from kotacerdas.core.roles import Role
from kotacerdas.program import services
from kotacerdas.program.models import Application, ApplicationStatus, Cohort
from kotacerdas.regions.models import Province, Region
from tests.openapi import assert_matches_schema
from tests.program.conftest import submitted

JSON = "application/json"


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def _past_deadline(cohort: Cohort) -> None:
    Cohort.objects.filter(pk=cohort.pk).update(
        application_deadline=timezone.now() - timedelta(hours=1)
    )
    cohort.refresh_from_db()


def test_after_publication_an_application_says_selected_or_not(users, cohort, batang) -> None:  # type: ignore[no-untyped-def]
    office = users["program_office"]
    ours = submitted(users["coordinator"], cohort, batang)
    theirs = submitted(users["other_coordinator"], cohort, Region.objects.get(pk="15.04"))
    Application.objects.filter(pk=ours.pk).update(score=Decimal("4.2"))
    Application.objects.filter(pk=theirs.pk).update(score=Decimal("3.1"))
    cohort.quota = 1
    cohort.save()
    services.close_applications(office, cohort)
    region = _client(users["coordinator"])
    before = region.get(f"/program/applications/{ours.pk}/").content.decode()
    assert 'data-testid="application-status">Terkirim<' in before

    services.publish_selection(office, services.run_selection(office, cohort))

    page = region.get(f"/program/applications/{ours.pk}/").content.decode()
    assert 'data-testid="application-status">Terpilih<' in page
    assert ">Terpilih</a>" in region.get("/program/").content.decode()
    other = _client(users["other_coordinator"])
    assert 'data-testid="application-status">Tidak terpilih<' in (
        other.get(f"/program/applications/{theirs.pk}/").content.decode()
    )
    api = region.get(f"/api/v1/applications/{ours.pk}")
    assert_matches_schema(api)
    assert api.json()["status"] == "submitted" and api.json()["result"] == "selected"
    assert api.json()["status_label"] == "Terpilih"
    listed = other.get("/api/v1/applications").json()
    assert [item["result"] for item in listed] == ["not_selected"]
    office_page = _client(office).get(f"/program/{cohort.year}/").content.decode()
    assert "Terpilih" in office_page and "Tidak terpilih" in office_page


def test_disagreement_shows_both_assessors_scores_in_words(
    users, cohort, batang, make_user
) -> None:  # type: ignore[no-untyped-def]
    office = users["program_office"]
    application = submitted(users["coordinator"], cohort, batang)
    given = {"31": ("Rina", 2), "73": ("Made", 5)}
    for province, (first, score) in given.items():
        assessor = make_user(
            f"asesor-{province}",
            Role.ASSESSOR,
            first_name=first,
            last_name="Asesor",
            home_province=Province.objects.get(pk=province),
        )
        assignment = services.assign_assessor(office, application, assessor)
        services.save_scores(
            assessor,
            assignment,
            [
                services.ScoreInput(code, score, "alasan")
                for code in ("kebijakan", "tik", "anggaran")
            ],
        )
    page = _client(office).get(f"/program/applications/{application.pk}/").content.decode()
    assert "Kebijakan smart city" in page
    assert "Rina Asesor memberi 2 (Rintisan)" in page
    assert "Made Asesor memberi 5 (Optimal)" in page
    # The internal criterion codes are not the message.
    assert "lebih dari 1 poin pada: kebijakan" not in page
    assert ": kebijakan, tik" not in page
    # The region never sees who gave what.
    region_page = _client(users["coordinator"]).get(f"/program/applications/{application.pk}/")
    assert "Rina Asesor memberi" not in region_page.content.decode()


def test_a_cohort_cannot_be_opened_with_a_deadline_already_past(users) -> None:  # type: ignore[no-untyped-def]
    office = _client(users["program_office"])
    year = timezone.localdate().year + 1
    page = office.post(
        "/program/new/",
        {
            "year": year,
            "name": "Gerakan 2027",
            "quota": 10,
            "application_deadline": "2024-04-30T23:59",
        },
    )
    assert page.status_code == 200
    assert "sudah lewat" in page.content.decode()
    assert not Cohort.objects.filter(year=year).exists()
    api = office.post(
        "/api/v1/cohorts",
        {
            "year": year,
            "name": "Gerakan 2027",
            "quota": 10,
            "application_deadline": (timezone.now() - timedelta(days=1)).isoformat(),
        },
        content_type=JSON,
    )
    assert api.status_code == 422
    assert api.json()["error"]["fields"][0]["field"] == "application_deadline"
    assert not Cohort.objects.filter(year=year).exists()


def test_a_draft_cohort_whose_deadline_passed_is_not_opened(users) -> None:  # type: ignore[no-untyped-def]
    office = users["program_office"]
    cohort = services.create_cohort(
        office,
        year=2026,
        name="Gerakan 2026",
        quota=10,
        application_deadline=timezone.now() + timedelta(days=3),
        criteria=[
            services.CriterionInput(
                "tik", "infrastruktur", "Infrastruktur TIK", Decimal(1), list("abcde")
            )
        ],
    )
    _past_deadline(cohort)
    client = _client(office)
    page = client.post(f"/program/{cohort.year}/open/", follow=True).content.decode()
    assert "sudah lewat" in page
    api = client.post(f"/api/v1/cohorts/{cohort.year}/open")
    assert api.status_code == 422 and "sudah lewat" in api.json()["error"]["message"]
    cohort.refresh_from_db()
    assert cohort.status == "draft"


def test_after_the_deadline_a_region_is_told_at_once_and_cannot_edit(users, cohort, batang) -> None:  # type: ignore[no-untyped-def]
    coordinator = users["coordinator"]
    application = services.start_application(coordinator, cohort, batang)
    _past_deadline(cohort)
    region = _client(coordinator)
    page = region.get(f"/program/applications/{application.pk}/").content.decode()
    assert 'data-testid="closed-message"' in page and "sudah lewat" in page
    assert 'name="submit"' not in page and "Simpan draf" not in page  # read-only from the start
    region.post(
        f"/program/applications/{application.pk}/",
        {"kebijakan-self_score": "3", "kebijakan-answer": "terlambat", "save": ""},
    )
    assert not application.answers.filter(answer="terlambat").exists()
    api = region.put(
        f"/api/v1/applications/{application.pk}/content",
        {"answers": [{"criterion": "tik", "self_score": 3, "answer": "terlambat"}]},
        content_type=JSON,
    )
    assert api.status_code == 422 and "sudah lewat" in api.json()["error"]["message"]
    cohort_page = region.get(f"/program/{cohort.year}/").content.decode()
    assert "sudah lewat" in cohort_page


def test_a_region_cannot_start_after_the_deadline(users, cohort) -> None:  # type: ignore[no-untyped-def]
    _past_deadline(cohort)
    region = _client(users["coordinator"])
    assert "Daftarkan daerah kami" not in region.get(f"/program/{cohort.year}/").content.decode()
    api = region.post(
        f"/api/v1/cohorts/{cohort.year}/applications", {"region_code": "33.25"}, content_type=JSON
    )
    assert api.status_code == 422 and "sudah lewat" in api.json()["error"]["message"]


def test_a_reopened_application_can_still_be_corrected_after_the_deadline(
    users, cohort, batang
) -> None:  # type: ignore[no-untyped-def]
    application = submitted(users["coordinator"], cohort, batang)
    _past_deadline(cohort)
    services.reopen_application(users["program_office"], application, "Lampiran SK salah")
    application.refresh_from_db()
    services.save_answers(
        users["coordinator"], application, [services.AnswerInput("tik", 4, "Diperbaiki")]
    )
    services.submit_application(users["coordinator"], application)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
