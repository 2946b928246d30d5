"""Writing masterplan programs: permissions, bad input, concurrent edits, the checker."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kotacerdas.masterplan import services
from kotacerdas.masterplan.models import Program
from tests.masterplan.conftest import program_input as _input
from tests.queries import assert_queries


def test_opd_officer_adds_a_program_for_own_opd_only(users, plan, make_opd, batang) -> None:  # type: ignore[no-untyped-def]
    officer = users["opd_officer"]
    program = services.save_program(officer, plan, _input(officer.opd_id))
    assert program.budget.count() == 2 and program.indicators.get().targets.count() == 3
    other = make_opd(batang, "Dinas Pendidikan")
    with pytest.raises(PermissionDenied):
        services.save_program(officer, plan, _input(other.pk))


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"lead_opd": -1}, "lead_opd"),
        ({"start_year": 2020}, "start_year"),
        ({"end_year": 2031}, "end_year"),
        ({"budget": [(2024, "apbd", -5)]}, "budget.0.amount"),
        ({"budget": [(2029, "apbd", 5)]}, "budget.0.year"),
        ({"budget": [(2024, "apbd", 10**20)]}, "budget.0.amount"),
        ({"budget": [(2024, "apbd", 5), (2024, "apbd", 7)]}, "budget.1.source"),
        (
            {
                "indicators": [
                    services.IndicatorInput(
                        "outcome", "x", "%", 2023, Decimal(1), {2030: Decimal(1)}
                    )
                ]
            },
            "indicators.0.targets",
        ),
    ],
)
def test_bad_programs_are_refused_and_save_nothing(users, plan, change, field) -> None:  # type: ignore[no-untyped-def]
    data = _input(users["opd_officer"].opd_id, **change)
    with pytest.raises(ValidationError) as error:
        services.save_program(users["coordinator"], plan, data)
    assert field in error.value.message_dict
    assert not Program.objects.exists()


def test_another_regions_opd_is_refused(users, plan, make_opd, batanghari) -> None:  # type: ignore[no-untyped-def]
    foreign = make_opd(batanghari, "Dinas Kesehatan Batanghari")
    with pytest.raises(ValidationError) as error:
        services.save_program(users["coordinator"], plan, _input(foreign.pk))
    assert "lead_opd" in error.value.message_dict


def test_the_second_of_two_concurrent_saves_is_told(users, plan) -> None:  # type: ignore[no-untyped-def]
    coordinator = users["coordinator"]
    program = services.save_program(coordinator, plan, _input(users["opd_officer"].opd_id))
    seen_by_both = program.version
    services.save_program(
        coordinator,
        plan,
        _input(program.lead_opd_id, name="Versi A"),
        program=Program.objects.get(pk=program.pk),
        expected_version=seen_by_both,
    )
    with pytest.raises(services.EditConflict):
        services.save_program(
            coordinator,
            plan,
            _input(program.lead_opd_id, name="Versi B"),
            program=Program.objects.get(pk=program.pk),
            expected_version=seen_by_both,
        )
    assert Program.objects.get(pk=program.pk).name == "Versi A"


def test_checker_reads_the_stored_plan(users, plan) -> None:  # type: ignore[no-untyped-def]
    services.save_program(users["coordinator"], plan, _input(users["opd_officer"].opd_id))
    with assert_queries("service masterplan.services.check_masterplan"):
        report = services.check_masterplan(plan)
    codes = {f.code for f in report.findings}
    assert "dimension_without_program" in codes and "no_quick_wins" in codes
    assert "no_rpjmd_goal" in codes  # a warning on the one program
    assert report.budget.total == 650_000_000
    assert not report.can_submit


def test_program_api_refuses_stale_saves_with_409(users, plan) -> None:  # type: ignore[no-untyped-def]
    from django.test import Client

    from tests.openapi import assert_matches_schema

    client = Client()
    client.force_login(users["coordinator"])
    body = {
        "name": "Puskesmas Digital",
        "element": "health",
        "lead_opd": users["opd_officer"].opd_id,
        "horizon": "medium",
        "start_year": 2024,
        "end_year": 2025,
        "budget": [{"year": 2024, "source": "apbd", "amount": 100}],
        "indicators": [
            {
                "kind": "outcome",
                "name": "Cakupan",
                "unit": "%",
                "baseline_year": 2023,
                "baseline_value": "10",
                "targets": {"2024": "20", "2025": "30"},
            }
        ],
    }
    created = client.post(
        f"/api/v1/masterplans/{plan.pk}/programs", body, content_type="application/json"
    )
    assert created.status_code == 201, created.content
    assert_matches_schema(created)
    program = created.json()
    first = client.put(
        f"/api/v1/programs/{program['id']}",
        {**body, "version": program["version"]},
        content_type="application/json",
    )
    assert first.status_code == 200
    stale = client.put(
        f"/api/v1/programs/{program['id']}",
        {**body, "name": "Lama", "version": program["version"]},
        content_type="application/json",
    )
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "conflict"
    negative = client.post(
        f"/api/v1/masterplans/{plan.pk}/programs",
        {**body, "budget": [{"year": 2024, "source": "apbd", "amount": -1}]},
        content_type="application/json",
    )
    assert negative.status_code == 422
    for budget, field in (
        ([{"year": 2024, "source": "apbd", "amount": 10**20}], "budget.0.amount"),
        ([{"year": 2024, "source": "dak", "amount": 1}] * 2, "budget.1.source"),
    ):
        refused = client.post(
            f"/api/v1/masterplans/{plan.pk}/programs",
            {**body, "budget": budget},
            content_type="application/json",
            HTTP_ACCEPT_LANGUAGE="en",
        )
        assert refused.status_code == 422, refused.content
        assert field in refused.content.decode()
    assert Program.objects.count() == 1
    report = client.get(f"/api/v1/masterplans/{plan.pk}/check", HTTP_ACCEPT_LANGUAGE="en")
    assert_matches_schema(report)
    messages = [f["message"] for f in report.json()["findings"]]
    assert any(m.startswith("Dimension") for m in messages)
    outsider = Client()
    outsider.force_login(users["other_coordinator"])
    assert outsider.get(f"/api/v1/masterplans/{plan.pk}/check").status_code == 404


def test_api_lists_the_masterplans_the_caller_may_see(users, plan, batanghari) -> None:  # type: ignore[no-untyped-def]
    from django.test import Client

    from tests.openapi import assert_matches_schema

    other = services.start_masterplan(users["program_office"], batanghari, 2025)
    office = Client()
    office.force_login(users["program_office"])
    everything = office.get("/api/v1/masterplans")
    assert everything.status_code == 200
    assert_matches_schema(everything)
    assert {item["id"] for item in everything.json()["items"]} == {plan.pk, other.pk}
    jambi = office.get(f"/api/v1/masterplans?province={batanghari.province_id}").json()
    assert [item["id"] for item in jambi["items"]] == [other.pk]
    drafts = office.get("/api/v1/masterplans?region=33.25&status=draft").json()
    assert [(i["id"], i["region_code"], i["status"]) for i in drafts["items"]] == [
        (plan.pk, "33.25", "draft")
    ]
    assert office.get("/api/v1/masterplans?status=finished").status_code == 422
    coordinator = Client()
    coordinator.force_login(users["coordinator"])
    own = coordinator.get("/api/v1/masterplans").json()["items"]
    assert [item["id"] for item in own] == [plan.pk]  # not Batanghari's
    assert Client().get("/api/v1/masterplans").status_code == 401
