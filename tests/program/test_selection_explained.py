"""The selection page and API say in words which rule cannot be met and by how much, and
the selection is refused while regions can still apply or before anything is scored."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone, translation

from kotacerdas.program import services
from kotacerdas.program.models import Application, ApplicationStatus, Cohort
from kotacerdas.regions.models import Region
from tests.openapi import assert_matches_schema

JSON = "application/json"
FIELD = [("33.25", "4.100"), ("33.26", "4.000"), ("81.01", "3.900"), ("15.04", "3.200")]


def _office(users) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(users["program_office"])
    return client


def _applications(cohort: Cohort, scored: bool = True) -> None:
    for code, score in FIELD:
        Application.objects.create(
            cohort=cohort,
            region=Region.objects.get(pk=code),
            status=ApplicationStatus.SUBMITTED,
            score=Decimal(score) if scored else None,
        )


@pytest.fixture
def closed(cohort):  # type: ignore[no-untyped-def]
    """Registration over: the deadline has passed, the applications are scored."""
    _applications(cohort)
    Cohort.objects.filter(pk=cohort.pk).update(
        application_deadline=timezone.now() - timedelta(hours=1)
    )
    cohort.refresh_from_db()
    return cohort


def test_an_impossible_island_rule_is_said_in_words_with_the_shortfall(users, closed) -> None:  # type: ignore[no-untyped-def]
    # One Maluku application (81.01) but two required; Papua has none, one required.
    page = _office(users).post(
        f"/program/{closed.year}/selection/",
        {"quota": 3, "min_maluku": 2, "min_papua": 1},
        follow=True,
    )
    text = page.content.decode()
    assert "Maluku" in text and "kurang 1" in text
    assert "Paling sedikit 2 daerah dari Maluku harus terpilih" in text
    # No solver jargon or codes reach the page.
    for raw in ("infeasible", "min_per_island_group", "island_group", "required:", "eligible:"):
        assert raw not in text, raw
    assert "Aturan tidak dapat dipenuhi" in text


def test_the_api_gives_the_conflict_in_words_too(users, closed) -> None:  # type: ignore[no-untyped-def]
    services.update_rules(
        users["program_office"],
        closed,
        quota=3,
        max_per_province=None,
        min_per_island_group={"maluku": 2},
        min_score=None,
    )
    response = _office(users).post(
        f"/api/v1/cohorts/{closed.year}/selection-runs",
        {},
        content_type=JSON,
        headers={"accept-language": "en"},
    )
    assert response.status_code == 201, response.content
    assert_matches_schema(response)
    body = response.json()
    assert body["status"] == "infeasible"
    assert body["status_text"] == "The rules cannot all be met, so nothing is selected."
    message = body["conflicts"][0]["message"]
    assert "At least 2 regions from Maluku must be selected" in message
    assert "only 1 application from Maluku can be: 1 short" in message


def test_a_province_limit_that_starves_a_group_names_the_limit(users, closed) -> None:  # type: ignore[no-untyped-def]
    # Jawa Tengah (33) has two applications; with at most one per province, Jawa can
    # give only one region but two are required.
    services.update_rules(
        users["program_office"],
        closed,
        quota=3,
        max_per_province=1,
        min_per_island_group={"jawa": 2},
        min_score=None,
    )
    run = services.run_selection(users["program_office"], closed)
    text = _office(users).get(f"/program/{closed.year}/selection/").content.decode()
    assert run.status == "infeasible"
    assert (
        "Paling sedikit 2 daerah dari Jawa harus terpilih, tetapi dengan batas 1 per "
        "provinsi, 1 provinsinya hanya dapat memberi 1: kurang 1." in text
    )


def test_selection_is_refused_while_registration_is_open(users, cohort) -> None:  # type: ignore[no-untyped-def]
    _applications(cohort)
    office = _office(users)
    page = office.get(f"/program/{cohort.year}/selection/").content.decode()
    assert "Pendaftaran masih dibuka sampai" in page
    posted = office.post(
        f"/program/{cohort.year}/selection/", {"quota": 1, "max_per_province": 1}, follow=True
    )
    assert "Pendaftaran masih dibuka sampai" in posted.content.decode()
    assert not cohort.selection_runs.exists()
    cohort.refresh_from_db()
    assert cohort.quota == 50 and cohort.max_per_province is None  # nothing half saved
    api = office.post(f"/api/v1/cohorts/{cohort.year}/selection-runs", {}, content_type=JSON)
    assert api.status_code == 422
    assert "Pendaftaran masih dibuka" in api.json()["error"]["message"]
    with translation.override("en"), pytest.raises(ValidationError, match="Registration is open"):
        services.run_selection(users["program_office"], cohort)


def test_selection_is_refused_with_no_scored_application(users, cohort) -> None:  # type: ignore[no-untyped-def]
    _applications(cohort, scored=False)
    services.close_applications(users["program_office"], cohort)
    office = _office(users)
    posted = office.post(f"/program/{cohort.year}/selection/", {"quota": 2}, follow=True)
    assert "Belum ada pendaftaran yang dinilai" in posted.content.decode()
    assert not cohort.selection_runs.exists()
    api = office.post(f"/api/v1/cohorts/{cohort.year}/selection-runs", {}, content_type=JSON)
    assert api.status_code == 422
    assert "Belum ada pendaftaran yang dinilai" in api.json()["error"]["message"]


def test_closing_registration_lets_the_selection_run(users, cohort) -> None:  # type: ignore[no-untyped-def]
    _applications(cohort)
    office = _office(users)
    assert Client().post(f"/program/{cohort.year}/close/").status_code == 302  # to log in
    coordinator = Client()
    coordinator.force_login(users["coordinator"])
    assert coordinator.post(f"/program/{cohort.year}/close/").status_code == 403
    office.post(f"/program/{cohort.year}/close/")
    cohort.refresh_from_db()
    assert cohort.status == "assessment" and not cohort.registration_open
    run = office.post(f"/api/v1/cohorts/{cohort.year}/selection-runs", {}, content_type=JSON)
    assert run.status_code == 201
    assert run.json()["status_text"] == "Seleksi terbaik yang memenuhi aturan."
