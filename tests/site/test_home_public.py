"""The landing page's public record (issue 12): the national funnel, per island group and
for the country, counted from what is public (submitted applications, the published
selection, signed agreements, approved and legalised masterplans), in a fixed number of
queries whatever the volume; and the public cohorts with their participants."""

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from kotacerdas.masterplan.models import Masterplan, MasterplanStatus
from kotacerdas.program.models import (
    Agreement,
    AgreementStatus,
    Application,
    ApplicationStatus,
    Cohort,
    CohortStatus,
    SelectionDecision,
    SelectionRun,
)
from kotacerdas.regions import public
from kotacerdas.regions.models import Region
from tests.queries import assert_queries

STAGES = [
    "regions",
    "applied",
    "selected",
    "agreement_signed",
    "masterplan_approved",
    "masterplan_legalised",
]


def _cohort(year: int, status: str = CohortStatus.PUBLISHED) -> Cohort:
    return Cohort.objects.create(
        year=year,
        name=f"Gerakan Menuju Smart City {year}",
        quota=50,
        status=status,
        application_deadline=timezone.now() - timedelta(days=30),
    )


def _apply(cohort: Cohort, code: str, *, submitted: bool = True) -> Application:
    return Application.objects.create(
        cohort=cohort,
        region_id=code,
        status=ApplicationStatus.SUBMITTED if submitted else ApplicationStatus.DRAFT,
        submitted_at=timezone.now() if submitted else None,
        score=Decimal(3) if submitted else None,
    )


def _decide(cohort: Cohort, published: bool, chosen: list[tuple[Application, bool]]) -> None:
    run = SelectionRun.objects.create(
        cohort=cohort,
        rules={},
        status="optimal",
        objective=Decimal(1),
        greedy_objective=Decimal(1),
        solve_seconds=0.1,
        published=published,
    )
    for rank, (application, selected) in enumerate(chosen, start=1):
        SelectionDecision.objects.create(
            run=run,
            application=application,
            optimiser_selected=selected,
            in_top_n=selected,
            selected=selected,
            rank=rank if selected else None,
            score=Decimal(3),
            reason="selected" if selected else "below_cutoff",
        )


def _plan(code: str, status: str, first_year: int = 2024) -> Masterplan:
    return Masterplan.objects.create(region_id=code, first_year=first_year, status=status)


@pytest.fixture
def record(db) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """2023 published: Batang selected and signed, Sarolangun not selected, Batanghari
    a draft. 2024 in selection: Musi Rawas submitted, its unpublished run selected it.
    Batang's plan legalised, Batanghari's approved, Musi Rawas's a draft. 2025 a draft
    cohort with a submitted application (bad data: still not public)."""
    published = _cohort(2023)
    batang, sarolangun = _apply(published, "33.25"), _apply(published, "15.03")
    _apply(published, "15.04", submitted=False)
    _decide(published, True, [(batang, True), (sarolangun, False)])
    Agreement.objects.create(application=batang, status=AgreementStatus.SENT)
    selecting = _cohort(2024, CohortStatus.SELECTION)
    musi = _apply(selecting, "16.05")
    _decide(selecting, False, [(musi, True)])
    _apply(_cohort(2025, CohortStatus.DRAFT), "17.03")
    _plan("33.25", MasterplanStatus.LEGALISED)
    _plan("15.04", MasterplanStatus.APPROVED)
    _plan("16.05", MasterplanStatus.DRAFT)
    return {"published": published, "selecting": selecting}


def _row(result: public.Funnel, key: str) -> dict[str, int]:
    rows = {row.key: row for row in [result.national, *result.by_island_group]}
    return dict(zip([s.key for s in result.stages], rows[key].counts, strict=True))


def test_the_funnel_counts_only_what_is_public(record) -> None:  # type: ignore[no-untyped-def]
    result = public.funnel()
    assert [s.key for s in result.stages] == STAGES
    jawa_regions = Region.objects.filter(island_group="jawa").count()
    assert _row(result, "jawa") == dict(zip(STAGES, [jawa_regions, 1, 1, 1, 1, 1], strict=True))
    # Sumatera: Sarolangun and Musi Rawas applied; Batanghari's draft and Bengkulu
    # Utara's application to a draft cohort do not count, nor the unpublished run.
    sumatera = _row(result, "sumatera")
    assert [sumatera[s] for s in STAGES[1:]] == [2, 0, 0, 1, 0]
    national = _row(result, "")
    assert national["regions"] == Region.objects.count() == 514
    assert [national[s] for s in STAGES[1:]] == [3, 1, 1, 2, 1]
    assert result.national.percents[0] == 100


def test_the_landing_page_shows_the_funnel_and_the_public_cohorts(record) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.cookies["django_language"] = "en"
    body = client.get("/").content.decode()
    assert 'data-testid="public-funnel"' in body
    for label in ("Applied", "Selected", "Agreement signed", "Masterplan legalised"):
        assert f'<th scope="col" class="text-end">{label}</th>' in body
    assert "Regions at each stage of the program" in body  # the table's caption
    assert "/program/2023/public/" in body and "/program/2024/public/" in body
    assert "/program/2025/public/" not in body and "Smart City 2025" not in body
    assert "2 participating regions, 1 selected" in body
    assert "1 participating region." in body  # 2024: no result before publication


def _grow(record: dict[str, Any]) -> None:
    """More of everything in every stage: more regions applied, selected and signed,
    more masterplans at every status, another cohort."""
    more = [r.code for r in Region.objects.exclude(code__in=["33.25", "15.03", "16.05"])[:12]]
    chosen = []
    for code in more[:8]:
        application = _apply(record["published"], code)
        chosen.append((application, True))
        Agreement.objects.create(application=application, status=AgreementStatus.SIGNED)
    _decide(record["published"], True, chosen)
    later = _cohort(2022)
    for code in more[8:]:
        _apply(later, code)
        _plan(code, MasterplanStatus.LEGALISED)
        _plan(code, MasterplanStatus.SUBMITTED, first_year=2035)
    for first_year in (2034, 2044):
        _plan("33.25", MasterplanStatus.APPROVED, first_year=first_year)


def test_the_landing_page_costs_the_same_queries_whatever_the_volume(record) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    with assert_queries("page home (public record, anonymous)") as small:
        assert client.get("/").status_code == 200
    _grow(record)
    with assert_queries("page home (public record, anonymous)") as large:
        assert client.get("/").status_code == 200
    assert len(small) == len(large)


def test_the_region_page_costs_the_same_queries_whatever_the_volume(record) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    with assert_queries("page regions:detail (public record, anonymous)") as small:
        assert client.get("/regions/33.25/").status_code == 200
    _grow(record)
    another = _cohort(2021)
    _apply(another, "33.25")
    with assert_queries("page regions:detail (public record, anonymous)") as large:
        body = client.get("/regions/33.25/").content.decode()
    assert len(small) == len(large)
    assert "/program/2021/public/" in body and body.count("2034–2043") == 1
