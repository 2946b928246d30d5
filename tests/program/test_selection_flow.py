"""Selection in the platform: the optimiser's run, overrides, publication, results."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from kotacerdas.program import services
from kotacerdas.program.models import Application, ApplicationStatus
from kotacerdas.regions.models import Region
from tests.openapi import assert_matches_schema

JSON = "application/json"
# (region, score): two strong Jawa Tengah regions, one weaker elsewhere.
FIELD = [("33.25", "4.100"), ("33.26", "4.000"), ("33.27", "3.900"), ("15.04", "3.200")]


@pytest.fixture
def scored(cohort):  # type: ignore[no-untyped-def]
    """Submitted, scored applications (scores set directly: assessment is tested elsewhere)."""
    for code, score in FIELD:
        Application.objects.create(
            cohort=cohort,
            region=Region.objects.get(pk=code),
            status=ApplicationStatus.SUBMITTED,
            score=Decimal(score),
        )
    cohort.quota = 2
    cohort.status = "assessment"  # registration closed: the selection may run
    cohort.save()
    return cohort


def test_province_rule_changes_the_choice_and_explains_it(users, scored) -> None:  # type: ignore[no-untyped-def]
    office = users["program_office"]
    services.update_rules(
        office, scored, quota=2, max_per_province=1, min_per_island_group={}, min_score=None
    )
    run = services.run_selection(office, scored)
    decisions = {d.application.region_id: d for d in run.decisions.select_related("application")}
    assert run.status == "optimal"
    assert {code for code, d in decisions.items() if d.selected} == {"33.25", "15.04"}
    assert decisions["33.26"].reason == "province_limit"
    assert decisions["33.26"].in_top_n and not decisions["15.04"].in_top_n
    assert run.objective == Decimal("7.300") and run.greedy_objective == Decimal("8.100")


def test_conflicting_rules_are_explained_not_crashed(users, scored) -> None:  # type: ignore[no-untyped-def]
    office = users["program_office"]
    services.update_rules(
        office,
        scored,
        quota=2,
        max_per_province=None,
        min_per_island_group={"papua": 1},
        min_score=None,
    )
    run = services.run_selection(office, scored)
    assert run.status == "infeasible"
    assert run.conflicts and run.conflicts[0]["rule"] == "min_per_island_group"
    with pytest.raises(ValidationError, match="infeasible"):
        services.publish_selection(office, run)


def test_override_publish_and_the_region_sees_only_its_result(users, scored) -> None:  # type: ignore[no-untyped-def]
    office = Client()
    office.force_login(users["program_office"])
    run = office.post(f"/api/v1/cohorts/{scored.year}/selection-runs", {}, content_type=JSON)
    assert run.status_code == 201, run.content
    assert_matches_schema(run)
    decisions = {d["region_code"]: d for d in run.json()["decisions"]}
    assert decisions["33.25"]["selected"] and decisions["33.25"]["rank"] == 1
    assert decisions["15.04"]["reason"] == "below_cutoff"
    assert decisions["15.04"]["gap"] == "0.800"
    no_reason = office.post(
        f"/api/v1/selection-decisions/{decisions['33.27']['id']}/override",
        {"selected": True, "reason": ""},
        content_type=JSON,
    )
    assert no_reason.status_code == 422
    overridden = office.post(
        f"/api/v1/selection-decisions/{decisions['15.04']['id']}/override",
        {"selected": True, "reason": "Afirmasi daerah tertinggal"},
        content_type=JSON,
    )
    assert overridden.json()["selected"] and not overridden.json()["optimiser_selected"]
    published = office.post(f"/api/v1/selection-runs/{run.json()['id']}/publish")
    assert published.json()["published"] is True
    late = office.post(
        f"/api/v1/selection-decisions/{decisions['33.27']['id']}/override",
        {"selected": True, "reason": "terlambat"},
        content_type=JSON,
    )
    assert late.status_code == 422

    region = Client()
    region.force_login(users["other_coordinator"])  # Batanghari, 15.04
    result = region.get(f"/api/v1/cohorts/{scored.year}/results/15.04")
    assert result.status_code == 200
    assert result.json()["selected"] is True and result.json()["published"] is True
    assert_matches_schema(result)
    assert region.get(f"/api/v1/cohorts/{scored.year}/results/33.25").status_code == 403
    assert region.get(f"/api/v1/selection-runs/{run.json()['id']}").status_code == 403


def test_only_the_program_office_runs_selection(users, scored) -> None:  # type: ignore[no-untyped-def]
    for role in ("coordinator", "assessor", "mentor"):
        client = Client()
        client.force_login(users[role])
        response = client.post(
            f"/api/v1/cohorts/{scored.year}/selection-runs", {}, content_type=JSON
        )
        assert response.status_code == 403, role


def test_quota_above_eligible_selects_all_with_a_warning(users, scored) -> None:  # type: ignore[no-untyped-def]
    office = users["program_office"]
    services.update_rules(
        office, scored, quota=50, max_per_province=None, min_per_island_group={}, min_score=None
    )
    run = services.run_selection(office, scored)
    assert run.decisions.filter(selected=True).count() == 4
    assert "quota_exceeds_eligible" in run.warnings


def test_a_published_selection_is_final(users, scored) -> None:  # type: ignore[no-untyped-def]
    office = users["program_office"]
    services.publish_selection(office, services.run_selection(office, scored))
    with pytest.raises(ValidationError, match="already published"):
        services.run_selection(office, scored)
