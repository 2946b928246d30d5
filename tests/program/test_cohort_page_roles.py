"""Each role sees only its own actions on a cohort's page, and the assignment endpoints
tell nobody but the program office which usernames exist."""

import pytest
from django.test import Client

from kotacerdas.accounts.models import User
from kotacerdas.program.models import Application
from kotacerdas.seed.accounts import SEED_REGIONS, load_demo
from kotacerdas.seed.program import load_program_demo

JSON = "application/json"


@pytest.fixture
def demo(db):  # type: ignore[no-untyped-def]
    load_demo()
    load_program_demo(User.objects.get(username="kantor.program"), SEED_REGIONS)
    return {user.username: user for user in User.objects.all()}


def _as(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_assessor_sees_their_assessments_and_no_region_buttons(demo) -> None:  # type: ignore[no-untyped-def]
    page = _as(demo["asesor"]).get("/program/2023/").content.decode()
    assert "Pendaftaran kami" not in page
    assert "Hasil kami" not in page
    assert "/program/2023/result/" not in page
    assert "Penilaian saya di angkatan ini" in page
    assert "/program/assignments/" in page
    # Nor the office's buttons.
    assert "/program/2023/selection/" not in page and "Tutup pendaftaran" not in page
    listing = _as(demo["asesor"]).get("/program/").content.decode()
    assert "Pendaftaran kami" not in listing


def test_a_mentor_sees_no_action_of_another_role(demo) -> None:  # type: ignore[no-untyped-def]
    page = _as(demo["mentor"]).get("/program/2023/").content.decode()
    for button in (
        "Pendaftaran kami",
        "Hasil kami",
        "/program/2023/selection/",
        "/program/applications/",
        "Penilaian saya",
    ):
        assert button not in page, button


def test_a_region_sees_its_own_application_and_result(demo) -> None:  # type: ignore[no-untyped-def]
    client = _as(demo["batanghari.kominfo"])
    own = Application.objects.get(cohort__year=2023, region_id="15.04")
    page = client.get("/program/2023/").content.decode()
    assert f"/program/applications/{own.pk}/" in page and "Hasil kami" in page
    assert client.get("/program/2023/result/").status_code == 200
    assert "/program/2023/selection/" not in page
    officer = _as(demo["batang.dinkes"]).get("/program/2023/").content.decode()
    batang = Application.objects.get(cohort__year=2023, region_id="33.25")
    assert f"/program/applications/{batang.pk}/" in officer


def test_the_office_edits_the_rubric_on_the_platform_not_in_the_admin(demo) -> None:  # type: ignore[no-untyped-def]
    page = _as(demo["kantor.program"]).get("/program/2023/").content.decode()
    assert "/admin/" not in page.split("<main", 1)[-1]
    assert 'href="/program/2023/rubric/"' in page
    assert "Pendaftaran kami" not in page


# Username enumeration -----------------------------------------------------------------------


def test_a_coordinator_cannot_learn_which_usernames_exist(demo) -> None:  # type: ignore[no-untyped-def]
    coordinator = _as(demo["batang.kominfo"])
    own = Application.objects.get(cohort__year=2023, region_id="33.25")
    answers = []
    for username in ("asesor", "kantor.program", "tidak-ada-orang-ini"):
        single = coordinator.post(
            f"/api/v1/applications/{own.pk}/assignments",
            {"assessor": username},
            content_type=JSON,
        )
        bulk = coordinator.post(
            "/api/v1/cohorts/2023/assignments",
            {"assessors": [username, "asesor.dua"]},
            content_type=JSON,
        )
        answers.append((single.status_code, single.content, bulk.status_code, bulk.content))
    assert all(answer == answers[0] for answer in answers), answers
    assert answers[0][0] == 403 and answers[0][2] == 403
    # The pages refuse before looking anything up too.
    page = coordinator.post(f"/program/applications/{own.pk}/assign/", {"assessor": 999999})
    assert page.status_code == 403
    assert coordinator.post("/program/2023/assign/", {"assessors": [1, 2]}).status_code == 403


def test_the_office_is_told_plainly_when_no_assessor_has_that_name(demo) -> None:  # type: ignore[no-untyped-def]
    office = _as(demo["kantor.program"])
    own = Application.objects.get(cohort__year=2023, region_id="33.25")
    for username in ("tidak-ada-orang-ini", "batang.kominfo"):  # unknown, or not an assessor
        response = office.post(
            f"/api/v1/applications/{own.pk}/assignments",
            {"assessor": username},
            content_type=JSON,
        )
        assert response.status_code == 422
        error = response.json()["error"]
        assert error["fields"][0]["field"] == "assessor"
        assert f"Tidak ada asesor aktif bernama {username}." == error["fields"][0]["message"]
