from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kotacerdas.program import services
from kotacerdas.program.models import AssessorAssignment
from tests.program.conftest import submitted


def _scores(values: dict[str, int], comment: str = "") -> list[services.ScoreInput]:
    return [
        services.ScoreInput(code, score, comment or f"alasan {code}")
        for code, score in values.items()
    ]


def test_conflict_of_interest_rule_and_its_recorded_relaxation(
    users, cohort, batang, assessors
) -> None:  # type: ignore[no-untyped-def]
    application = submitted(users["coordinator"], cohort, batang)
    office = users["program_office"]
    with pytest.raises(ValidationError, match="own province"):
        services.assign_assessor(office, application, assessors["33"])
    relaxed = services.assign_assessor(
        office, application, assessors["33"], "Satu-satunya ahli SPBE"
    )
    assert relaxed.conflict_override_reason == "Satu-satunya ahli SPBE"
    with pytest.raises(ValidationError, match="already assigned"):
        services.assign_assessor(office, application, assessors["33"], "lagi")
    with pytest.raises(PermissionDenied):
        services.assign_assessor(users["coordinator"], application, assessors["31"])


def test_bulk_assignment_balances_load_and_respects_provinces(
    users, cohort, batang, batanghari, make_user, assessors
) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.core.roles import Role
    from kotacerdas.regions.models import Region

    coordinator_bh = users["other_coordinator"]
    first = submitted(users["coordinator"], cohort, batang)
    second = submitted(coordinator_bh, cohort, batanghari)
    others = []
    for code in ("73.71", "51.71"):
        region = Region.objects.get(pk=code)
        coordinator = make_user(f"coord-{code}", Role.REGION_COORDINATOR, region=region)
        others.append(submitted(coordinator, cohort, region))
    created = services.bulk_assign(users["program_office"], cohort, list(assessors.values()))
    assert len(created) == 8
    for application in [first, second, *others]:
        assigned = AssessorAssignment.objects.filter(application=application)
        assert assigned.count() == 2
        assert all(a.assessor.home_province_id != application.region.province_id for a in assigned)
    loads = [AssessorAssignment.objects.filter(assessor=a).count() for a in assessors.values()]
    assert max(loads) - min(loads) <= 1


def test_scores_are_validated_and_combined(users, cohort, batang, assessors) -> None:  # type: ignore[no-untyped-def]
    application = submitted(users["coordinator"], cohort, batang)
    office = users["program_office"]
    first = services.assign_assessor(office, application, assessors["31"])
    second = services.assign_assessor(office, application, assessors["15"])
    with pytest.raises(ValidationError) as error:
        services.save_scores(assessors["31"], first, [services.ScoreInput("tik", 5, "")])
    assert "tik" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.save_scores(assessors["31"], first, [services.ScoreInput("tik", 6, "x")])
    with pytest.raises(PermissionDenied):
        services.save_scores(assessors["15"], first, _scores({"tik": 3}))
    services.save_scores(assessors["31"], first, _scores({"kebijakan": 4, "tik": 3, "anggaran": 2}))
    services.save_scores(
        assessors["15"], second, _scores({"kebijakan": 4, "tik": 5, "anggaran": 2})
    )
    summary = services.application_score(application)
    # (0.40*4 + 0.35*3 + 0.25*2) = 3.15 and (0.40*4 + 0.35*5 + 0.25*2) = 3.85
    assert summary.per_assessor == {
        str(assessors["31"].pk): Decimal("3.150"),
        str(assessors["15"].pk): Decimal("3.850"),
    }
    assert summary.score == Decimal("3.500")
    assert summary.disagreements == ["tik"]
    assert summary.per_pillar["infrastruktur"] == Decimal("4.000")
    application.refresh_from_db()
    assert application.score == Decimal("3.500")


def test_submitted_scores_are_frozen(users, cohort, batang, assessors) -> None:  # type: ignore[no-untyped-def]
    application = submitted(users["coordinator"], cohort, batang)
    assignment = services.assign_assessor(users["program_office"], application, assessors["31"])
    with pytest.raises(ValidationError, match="Score every criterion"):
        services.submit_scores(assessors["31"], assignment)
    services.save_scores(
        assessors["31"], assignment, _scores({"kebijakan": 3, "tik": 3, "anggaran": 3})
    )
    services.submit_scores(assessors["31"], assignment)
    with pytest.raises(ValidationError, match="submitted"):
        services.save_scores(assessors["31"], assignment, _scores({"tik": 4}))
