"""The program's public record (issue 12): a cohort's participating regions and, once
published, its selection result; on a region's public page the cohorts it took part in,
its result and whether its agreement is signed. Anonymous visitors see exactly that:
never a draft cohort or application, an unpublished run, a score, an agreement's number
or scan."""

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from kotacerdas.program import services
from kotacerdas.program.models import Cohort, SelectionDecision, SelectionRun
from kotacerdas.regions.models import Region
from tests import files
from tests.program.conftest import answer_all, submitted


def english() -> Client:
    """An anonymous visitor who chose English."""
    client = Client()
    client.cookies["django_language"] = "en"
    return client


def _run(office: Any, cohort: Cohort, decisions: list[tuple[Any, bool, int | None]]) -> Any:
    """A selection run that chose as `decisions` say (application, selected, rank)."""
    run = SelectionRun.objects.create(
        cohort=cohort,
        run_by=office,
        rules={"quota": cohort.quota},
        status="optimal",
        objective=Decimal(3),
        greedy_objective=Decimal(3),
        solve_seconds=0.1,
    )
    for application, selected, rank in decisions:
        SelectionDecision.objects.create(
            run=run,
            application=application,
            optimiser_selected=selected,
            in_top_n=selected,
            selected=selected,
            rank=rank,
            score=Decimal("3.870"),
            reason="selected" if selected else "below_cutoff",
        )
    return run


@pytest.fixture
def applied(users, cohort, batang, batanghari) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Batang and Sarolangun submitted (scored), Batanghari's application is a draft."""
    office = users["program_office"]
    sarolangun = Region.objects.get(pk="15.03")
    coord_sarolangun = users["coordinator"].__class__.objects.create(
        username="coord-sl", role="region_coordinator", region=sarolangun
    )
    batang_app = submitted(users["coordinator"], cohort, batang)
    sarolangun_app = submitted(coord_sarolangun, cohort, sarolangun)
    draft = services.start_application(users["other_coordinator"], cohort, batanghari)
    answer_all(users["other_coordinator"], draft)
    for application in (batang_app, sarolangun_app):
        application.score = Decimal("3.870")
        application.save(update_fields=["score"])
    return {"office": office, "batang": batang_app, "sarolangun": sarolangun_app}


def test_a_cohort_page_lists_the_participants_and_no_result_before_publication(
    cohort, applied
) -> None:  # type: ignore[no-untyped-def]
    _run(
        applied["office"],
        cohort,
        [(applied["batang"], True, 1), (applied["sarolangun"], False, None)],
    )
    page = english().get(f"/program/{cohort.year}/public/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Kabupaten Batang" in body and "Kabupaten Sarolangun" in body
    assert "Kabupaten Batanghari" not in body  # a draft application is not participation
    assert 'data-testid="result-not-published"' in body
    assert "Not selected" not in body and "3.87" not in body and "3,87" not in body


def test_a_draft_cohort_is_not_public(users) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from django.utils import timezone

    from tests.program.conftest import CRITERIA

    draft = services.create_cohort(
        users["program_office"],
        year=2025,
        name="Gerakan Menuju Smart City 2025",
        quota=50,
        application_deadline=timezone.now() + timedelta(days=40),
        criteria=CRITERIA,
    )
    assert Client().get(f"/program/{draft.year}/public/").status_code == 404
    assert Client().get("/program/2031/public/").status_code == 404
    assert "Smart City 2025" not in Client().get("/").content.decode()


def test_the_published_result_and_the_agreement_are_public_without_documents(
    cohort, applied, batang
) -> None:  # type: ignore[no-untyped-def]
    office = applied["office"]
    run = _run(office, cohort, [(applied["batang"], True, 1), (applied["sarolangun"], False, None)])
    services.publish_selection(office, run)
    (agreement,) = services.draft_agreements(office, cohort)
    client = english()
    before = client.get(f"/regions/{batang.code}/").content.decode()
    assert "Selected" in before and "rank 1" in before and "Not yet" in before
    services.sign(
        office,
        agreement,
        number="26/KOMINFO/HK.03.02/05/2023",
        signed_on=date(2023, 7, 6),
        mode="virtual",
        signatories=[
            services.SignatoryInput("Semuel", "Dirjen Aptika", "ministry"),
            services.SignatoryInput("Wihaji", "Bupati Batang", "region"),
        ],
        scan=SimpleUploadedFile("nota.pdf", files.PDF, content_type="application/pdf"),
    )
    cohort_page = client.get(f"/program/{cohort.year}/public/").content.decode()
    region_page = client.get(f"/regions/{batang.code}/").content.decode()
    other_page = client.get("/regions/15.03/").content.decode()
    for body in (cohort_page, region_page):
        assert "Selected" in body and "6 July 2023" in body
        assert "26/KOMINFO" not in body and "Wihaji" not in body and "/scan/" not in body
        assert "3.87" not in body
    assert "Not selected" in cohort_page and "Not selected" in other_page
    assert 'data-testid="result-not-published"' not in cohort_page
    home = client.get("/").content.decode()
    assert f"/program/{cohort.year}/public/" in home and "2 participating regions" in home


def test_a_region_that_took_part_in_nothing_says_so(batanghari) -> None:  # type: ignore[no-untyped-def]
    body = english().get("/regions/15.04/").content.decode()
    assert "has not taken part in a cohort" in body
