"""Program pages write numbers the Indonesian way throughout (a decimal comma), so a
minimum score never reads "2.50" beside a score of "4,475"; and the demo has an
assessor with work still to do in an open cohort."""

import re
from decimal import Decimal

import pytest
from django.test import Client

from kotacerdas.accounts.models import User
from kotacerdas.program.models import Application, AssessorAssignment, Cohort
from kotacerdas.seed.accounts import SEED_REGIONS, load_demo
from kotacerdas.seed.program import NEW_ASSESSOR, load_program_demo

# A decimal number written with a point: "2.50", "4.475" (times such as "23.59 WIB" and
# agreement numbers such as "HK.03.02" are not numbers of this kind).
POINT_DECIMAL = re.compile(r"(?<![\d./])\d{1,3}\.\d{1,3}(?![\d./]| WI[BT]| WITA)")


@pytest.fixture
def demo(db):  # type: ignore[no-untyped-def]
    load_demo()
    load_program_demo(User.objects.get(username="kantor.program"), SEED_REGIONS)
    return {user.username: user for user in User.objects.all()}


def _as(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    values = " ".join(re.findall(r'value="([^"]*)"', html))
    return re.sub(r"<[^>]+>", " ", html) + " " + values


def test_scores_weights_and_rules_use_the_decimal_comma(demo) -> None:  # type: ignore[no-untyped-def]
    office = _as(demo["kantor.program"])
    # An unpublished cohort whose selection form shows the minimum score (2.50 stored).
    cohort = Cohort.objects.get(year=2023)
    Cohort.objects.filter(pk=cohort.pk).update(status="selection")
    cohort.selection_runs.update(published=False)
    batang = Application.objects.get(cohort=cohort, region_id="33.25")
    assignment = AssessorAssignment.objects.filter(application=batang).first()
    pages = {
        "/program/2023/": office,
        "/program/2023/selection/": office,
        f"/program/applications/{batang.pk}/": office,
        "/program/2023/rubric/": office,
        f"/program/assignments/{assignment.pk}/": _as(assignment.assessor),
        "/program/2023/result/": _as(demo["batang.kominfo"]),
    }
    for url, client in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        text = _visible_text(response.content.decode())
        assert not POINT_DECIMAL.findall(text), (url, POINT_DECIMAL.findall(text)[:5])
    selection = office.get("/program/2023/selection/").content.decode()
    assert 'name="min_score" value="2,5"' in selection
    assert re.search(r">\s*\d,\d{3}\s*<", selection)  # scores with a decimal comma


def test_a_minimum_score_typed_with_a_comma_is_read(demo) -> None:  # type: ignore[no-untyped-def]
    cohort = Cohort.objects.get(year=2023)
    Cohort.objects.filter(pk=cohort.pk).update(status="selection")
    cohort.selection_runs.update(published=False)
    _as(demo["kantor.program"]).post(
        "/program/2023/selection/", {"quota": 50, "max_per_province": 3, "min_score": "2,75"}
    )
    cohort.refresh_from_db()
    assert cohort.min_score == Decimal("2.75")


def test_the_demo_has_an_assessor_with_unscored_work_in_an_open_cohort(demo) -> None:  # type: ignore[no-untyped-def]
    assessor = User.objects.get(username=NEW_ASSESSOR)
    assert assessor.role == "assessor" and assessor.check_password("kotacerdas-demo")
    waiting = AssessorAssignment.objects.filter(assessor=assessor, submitted_at=None)
    assert waiting.count() == 5
    assert not waiting.filter(scores__isnull=False).exists()
    cohort = waiting.first().application.cohort
    assert cohort.status == "open" and cohort.registration_open
    client = _as(assessor)
    listing = client.get("/program/").content.decode()
    assert listing.count("Perlu dinilai") == 5
    assert client.get(f"/program/assignments/{waiting.first().pk}/").status_code == 200
    # The seed regions have not applied, so their coordinators can try it.
    region = _as(demo["batang.kominfo"]).get(f"/program/{cohort.year}/").content.decode()
    assert "Daftarkan daerah kami" in region
    # Loading again adds nothing.
    load_program_demo(User.objects.get(username="kantor.program"), SEED_REGIONS)
    assert AssessorAssignment.objects.filter(assessor=assessor).count() == 5
