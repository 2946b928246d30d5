"""What a reviewer walking the demo found in the program pages, each fixed."""

import csv
import io
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from kotacerdas.program import services
from kotacerdas.program.models import Application, ApplicationStatus, Commitment
from kotacerdas.regions.models import Region

WIB = ZoneInfo("Asia/Jakarta")
FIELD = [("33.25", "4.100"), ("33.26", "4.000"), ("33.27", "3.900"), ("15.04", "3.200")]


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def scored(cohort):  # type: ignore[no-untyped-def]
    for code, score in FIELD:
        Application.objects.create(
            cohort=cohort,
            region=Region.objects.get(pk=code),
            status=ApplicationStatus.SUBMITTED,
            score=Decimal(score),
        )
    cohort.quota = 2
    cohort.status = "assessment"
    cohort.save()
    return cohort


@pytest.fixture
def unscored(scored):  # type: ignore[no-untyped-def]
    """One submitted application nobody scored: Kota Jambi."""
    Application.objects.create(
        cohort=scored, region=Region.objects.get(pk="15.71"), status=ApplicationStatus.SUBMITTED
    )
    return scored


# 1. Publishing with unscored applications ----------------------------------------------


def test_publishing_is_refused_while_an_application_is_unscored(users, unscored) -> None:  # type: ignore[no-untyped-def]
    office = users["program_office"]
    run = services.run_selection(office, unscored)
    with pytest.raises(ValidationError, match="Kota Jambi") as refused:
        services.publish_selection(office, run)
    assert "1 submitted application has no complete assessment" in refused.value.messages[0]
    run.refresh_from_db()
    assert not run.published

    api = _client(office).post(f"/api/v1/selection-runs/{run.pk}/publish")
    assert api.status_code == 422
    assert "Kota Jambi" in api.json()["error"]["message"]

    page = _client(office).post(f"/program/{unscored.year}/selection/publish/", follow=True)
    text = page.content.decode()
    assert "1 pendaftaran yang dikirim belum selesai dinilai (Kota Jambi)" in text
    run.refresh_from_db()
    assert not run.published


def test_selection_page_warns_before_running_when_applications_are_unscored(
    users, unscored
) -> None:  # type: ignore[no-untyped-def]
    page = _client(users["program_office"]).get(f"/program/{unscored.year}/selection/")
    text = page.content.decode()
    assert 'data-testid="unscored-warning"' in text
    assert "belum selesai dinilai (Kota Jambi)" in text


def test_scored_cohort_shows_no_unscored_warning_and_publishes(users, scored) -> None:  # type: ignore[no-untyped-def]
    office = users["program_office"]
    page = _client(office).get(f"/program/{scored.year}/selection/").content.decode()
    assert 'data-testid="unscored-warning"' not in page
    run = services.publish_selection(office, services.run_selection(office, scored))
    assert run.published


def test_closing_before_the_deadline_says_how_early(users, cohort) -> None:  # type: ignore[no-untyped-def]
    days = (timezone.localdate(cohort.application_deadline) - timezone.localdate()).days
    page = _client(users["program_office"]).get(f"/program/{cohort.year}/").content.decode()
    assert f"Pendaftaran akan ditutup {days} hari sebelum batas waktu" in page
    assert days == 10
    cohort.application_deadline = timezone.now() + timedelta(minutes=5)
    cohort.save()
    if timezone.localdate(cohort.application_deadline) == timezone.localdate():
        page = _client(users["program_office"]).get(f"/program/{cohort.year}/").content.decode()
        assert "Pendaftaran akan ditutup kurang dari sehari sebelum batas waktu" in page


# 2. A failed run shows only the failure ---------------------------------------------------


def test_an_infeasible_run_shows_a_warning_not_success(users, scored) -> None:  # type: ignore[no-untyped-def]
    response = _client(users["program_office"]).post(
        f"/program/{scored.year}/selection/",
        {"quota": 2, "max_per_province": "", "min_score": "", "min_papua": 1},
        follow=True,
    )
    text = response.content.decode()
    assert scored.selection_runs.get().status == "infeasible"
    assert "Seleksi telah dijalankan dengan aturan ini." not in text
    assert 'class="alert alert-success"' not in text
    assert 'class="alert alert-warning" role="status">Seleksi telah dijalankan, tetapi' in text


# 3. A new cohort's phases follow its deadline ---------------------------------------------


def test_copied_phases_end_registration_on_the_new_deadline(users) -> None:  # type: ignore[no-untyped-def]
    office = users["program_office"]
    year = timezone.localdate().year
    template = services.create_cohort(
        office,
        year=year - 1,
        name="Lalu",
        quota=10,
        application_deadline=datetime(year - 1, 4, 30, 23, 59, tzinfo=WIB),
        as_record=True,
        phases=[
            services.PhaseInput("applications", date(year - 1, 3, 1), date(year - 1, 4, 30)),
            services.PhaseInput("assessment", date(year - 1, 5, 2), date(year - 1, 5, 31)),
        ],
    )
    deadline_day = timezone.localdate() + timedelta(days=45)
    cohort = services.open_cohort_like(
        office,
        template,
        year=year + 1,
        name="Baru",
        quota=10,
        application_deadline=datetime.combine(deadline_day, datetime.min.time(), WIB).replace(
            hour=23, minute=59
        ),
    )
    applications = cohort.phases.get(kind="applications")
    assessment = cohort.phases.get(kind="assessment")
    assert applications.ends_on == deadline_day
    assert applications.ends_on - applications.starts_on == timedelta(days=60)
    assert assessment.starts_on == deadline_day + timedelta(days=2)
    assert assessment.ends_on - assessment.starts_on == timedelta(days=29)


def test_new_cohort_form_says_how_phases_are_copied(users) -> None:  # type: ignore[no-untyped-def]
    page = _client(users["program_office"]).get("/program/new/").content.decode()
    assert "pendaftaran berakhir pada batas waktu di atas" in page


# 4. The gap below the cut-off names the score it is measured from -------------------------


def test_gap_is_below_the_last_selected_regions_score(users, scored) -> None:  # type: ignore[no-untyped-def]
    office = users["program_office"]
    services.run_selection(office, scored)
    page = _client(office).get(f"/program/{scored.year}/selection/").content.decode()
    assert "0,100 di bawah skor daerah terakhir yang terpilih (4,000)" in page
    assert "di bawah batas" not in page


# 5. The assessor's page -----------------------------------------------------------------


def test_submitted_scores_say_so_once_and_weights_read_alike(
    users, cohort, batang, make_user
) -> None:  # type: ignore[no-untyped-def]
    from tests.program.conftest import submitted

    office = users["program_office"]
    criterion = cohort.criteria.get(code="anggaran")
    criterion.weight = Decimal("12.5")
    criterion.save()
    application = submitted(users["coordinator"], cohort, batang)
    assessor = make_user("asesor-x", "assessor", home_province_id="31")
    assignment = services.assign_assessor(office, application, assessor)
    client = _client(assessor)
    data = {"submit": "1"}
    for c in cohort.criteria.all():
        data[f"{c.code}-score"] = "3"
        data[f"{c.code}-comment"] = "Cukup baik" if c.code == "tik" else ""
    page = client.post(f"/program/assignments/{assignment.pk}/", data, follow=True)
    text = page.content.decode()
    assert text.count("Skor Anda telah dikirim.") == 1
    assert "Skor: 3 ·" not in text.replace("Skor: 3 · Cukup baik", "")
    assert "Skor: 3 · Cukup baik" in text
    assert "bobot 12,5<" in text and "bobot 40<" in text and "12,50" not in text


# 7. Commitments and the OPD import --------------------------------------------------------


def test_workspace_offers_change_for_a_signed_commitment(users, batang) -> None:  # type: ignore[no-untyped-def]
    opd = batang.opds.get()
    Commitment.objects.create(opd=opd, signed_by="Kepala Dinkes", signed_on=date(2023, 8, 1))
    client = _client(users["coordinator"])
    link = f'href="/program/opds/{opd.pk}/commitment/">'
    page = client.get(f"/regions/{batang.code}/workspace/").content.decode()
    assert link + "Ubah<span" in page
    assert link + "Catat" not in page
    detail = client.get(f"/regions/opds/{opd.pk}/").content.decode()
    assert link + "Ubah</a>" in detail


def test_opd_import_offers_a_sample_csv(users, batang) -> None:  # type: ignore[no-untyped-def]
    client = _client(users["coordinator"])
    page = client.get(f"/program/regions/{batang.code}/opds/import/").content.decode()
    assert f"/program/regions/{batang.code}/opds/import/sample.csv" in page
    response = client.get(f"/program/regions/{batang.code}/opds/import/sample.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == ["nama", "singkatan", "jenis", "kepala", "tupoksi"]
    assert len(rows) >= 3 and all(
        not cell.startswith(("=", "+", "-", "@")) for r in rows for cell in r
    )
    upload = io.BytesIO(body.encode())
    upload.name = "contoh.csv"
    imported = client.post(
        f"/program/regions/{batang.code}/opds/import/", {"file": upload}, follow=True
    )
    assert imported.status_code == 200
    assert batang.opds.count() == 1 + len(rows) - 1
    assert _client(users["no_role"]).get(
        f"/program/regions/{batang.code}/opds/import/sample.csv"
    ).status_code in (403, 404)


def test_demo_batang_has_most_opd_commitments(db) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.accounts.models import User
    from kotacerdas.seed.accounts import SEED_REGIONS, load_demo
    from kotacerdas.seed.program import load_program_demo

    load_demo()
    load_program_demo(User.objects.get(username="kantor.program"), SEED_REGIONS)
    batang = Region.objects.get(pk="33.25")
    total = batang.opds.count()
    signed = Commitment.objects.filter(opd__region=batang).count()
    assert total == 16 and signed == 13
