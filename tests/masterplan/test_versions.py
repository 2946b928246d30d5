"""Snapshots of a masterplan and the comparison of two versions."""

import copy
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kotacerdas.masterplan import diff, services, versions
from kotacerdas.masterplan.models import (
    Finding,
    PillarAnalysis,
    ProfileFigure,
    Program,
    RpjmdGoal,
    Strategy,
)
from kotacerdas.regions.models import DimensionElement, Pillar
from tests.masterplan import conftest_workflow
from tests.masterplan.conftest_workflow import ELEMENTS, program_data
from tests.queries import assert_queries

# Shared fixtures (pytest finds fixtures by module attribute).
clean_plan = conftest_workflow.clean_plan
dinkes = conftest_workflow.dinkes


def test_snapshot_holds_programs_and_every_section(users, plan, dinkes, make_opd, batang) -> None:  # type: ignore[no-untyped-def]
    bappeda = make_opd(batang, "Bappeda Batang")
    finding = Finding.objects.create(
        masterplan=plan, opd_id=dinkes, kind="problem", title="Antrean puskesmas panjang"
    )
    goal = RpjmdGoal.objects.create(masterplan=plan, code="T1", text="Layanan kesehatan merata")
    ProfileFigure.objects.create(
        masterplan=plan,
        key="population",
        value=Decimal("801718"),
        unit="jiwa",
        year=2023,
        source="BPS Kabupaten Batang",
    )
    PillarAnalysis.objects.create(
        masterplan=plan,
        pillar=Pillar.objects.get(code="struktur"),
        readiness=Decimal("3.50"),
        strengths="Tim TIK solid",
    )
    Strategy.objects.create(
        masterplan=plan,
        element=DimensionElement.objects.get(code="health"),
        text="Digitalisasi layanan primer",
    )
    plan.vision, plan.roadmap = "Batang cerdas melayani", "2024: fondasi\n2025: integrasi"
    plan.rpjmd_first_year, plan.rpjmd_last_year = 2022, 2026
    plan.save()
    program = services.save_program(
        users["coordinator"],
        plan,
        program_data(
            dinkes,
            "living",
            name="Puskesmas Digital",
            supporting_opds=[bappeda.pk],
            problems=[finding.pk],
            goals=[goal.pk],
        ),
    )

    snap = versions.snapshot(plan)
    assert json.loads(json.dumps(snap)) == snap  # plain JSON, nothing lost on the way
    (row,) = snap["programs"]
    assert row["id"] == program.pk and row["element"] == "health"
    assert row["dimension"] == "living"
    assert row["lead_opd"] == "Dinas Kesehatan Batang"
    assert row["supporting_opds"] == ["Bappeda Batang"]
    assert (row["horizon"], row["start_year"], row["end_year"]) == ("medium", 2024, 2026)
    assert row["budget"][0] == {"year": 2024, "source": "apbd", "amount": 100_000_000}
    (ind,) = row["indicators"]
    assert (ind["baseline_year"], ind["baseline_value"]) == (2023, "20")
    assert ind["targets"] == [
        {"year": 2024, "value": "40"},
        {"year": 2025, "value": "50"},
        {"year": 2026, "value": "60"},
    ]
    assert row["problems"] == ["Antrean puskesmas panjang"] and row["goals"] == ["T1"]
    assert snap["texts"]["vision"] == "Batang cerdas melayani"
    assert snap["texts"]["rpjmd_period"] == "2022–2026"
    assert snap["profile"][0]["value"] == "801718" and snap["profile"][0]["year"] == 2023
    assert snap["findings"][0]["title"] == "Antrean puskesmas panjang"
    assert snap["analyses"][0] == {
        "pillar": "struktur",
        "readiness": "3.5",
        "readiness_notes": "",
        "strengths": "Tim TIK solid",
        "weaknesses": "",
        "opportunities": "",
        "threats": "",
    }
    assert snap["strategies"] == [{"element": "health", "text": "Digitalisasi layanan primer"}]
    assert snap["totals"] == {
        "programs": 1,
        "budget": 300_000_000,
        "by_year": {"2024": 100_000_000, "2025": 100_000_000, "2026": 100_000_000},
        "by_source": {"apbd": 300_000_000},
    }


def test_snapshot_queries_do_not_grow_with_programs(  # type: ignore[no-untyped-def]
    users, clean_plan, dinkes
) -> None:
    with assert_queries("service masterplan.versions.snapshot") as few:
        versions.snapshot(clean_plan)
    for n in range(6):
        services.save_program(
            users["coordinator"], clean_plan, program_data(dinkes, "economy", name=f"Pasar {n}")
        )
    with assert_queries("service masterplan.versions.snapshot") as many:
        snap = versions.snapshot(clean_plan)
    assert len(many) <= len(few)
    assert snap["totals"]["programs"] == 12


# The diff is pure: these tests build snapshots by hand.


def _program(pid: int, **extra: object) -> dict[str, object]:
    row: dict[str, object] = {
        "id": pid,
        "name": f"Program {pid}",
        "description": "",
        "dimension": "living",
        "element": "health",
        "lead_opd": "Dinkes",
        "supporting_opds": [],
        "horizon": "medium",
        "start_year": 2024,
        "end_year": 2025,
        "quick_win_reason": "",
        "budget": [
            {"year": 2024, "source": "apbd", "amount": 100},
            {"year": 2025, "source": "apbd", "amount": 200},
        ],
        "indicators": [
            {
                "kind": "outcome",
                "name": "Cakupan",
                "unit": "%",
                "baseline_year": 2023,
                "baseline_value": "10",
                "targets": [{"year": 2024, "value": "20"}, {"year": 2025, "value": "30"}],
            }
        ],
        "problems": [],
        "goals": [],
    }
    row.update(extra)
    return row


def _snap(*programs: dict[str, object], **texts: str) -> dict[str, object]:
    by_year: dict[str, int] = {}
    by_source: dict[str, int] = {}
    for p in programs:
        for line in p["budget"]:  # type: ignore[attr-defined]
            by_year[str(line["year"])] = by_year.get(str(line["year"]), 0) + line["amount"]
            by_source[line["source"]] = by_source.get(line["source"], 0) + line["amount"]
    return {
        "texts": {"vision": "", "roadmap": "", **texts},
        "programs": list(programs),
        "totals": {"by_year": by_year, "by_source": by_source},
    }


def test_diff_lists_added_removed_and_changed_programs() -> None:
    old = _snap(_program(1), _program(2), _program(3), vision="Batang maju")
    new = _snap(
        _program(
            1,
            name="Program 1 baru",
            lead_opd="Bappeda",
            supporting_opds=["Diskominfo", "Dinsos"],
            budget=[
                {"year": 2024, "source": "apbd", "amount": 100},
                {"year": 2025, "source": "apbd", "amount": 250},
                {"year": 2025, "source": "dak", "amount": 75},
            ],
        ),
        _program(2),
        _program(4, name="Program baru"),
        vision="Batang maju dan cerdas",
    )
    changes = versions.diff(old, new)
    assert [p.id for p in changes.programs_added] == [4]
    assert changes.programs_added[0].total_budget == 300
    assert [p.name for p in changes.programs_removed] == ["Program 3"]
    (changed,) = changes.programs_changed  # program 2 did not change
    assert changed.id == 1 and changed.name == "Program 1 baru"
    assert [(f.field, f.old, f.new) for f in changed.fields] == [
        ("name", "Program 1", "Program 1 baru"),
        ("lead_opd", "Dinkes", "Bappeda"),
        ("supporting_opds", "", "Diskominfo, Dinsos"),
    ]
    assert [(b.year, b.source, b.old, b.new) for b in changed.budget] == [
        (2025, "apbd", 200, 250),
        (2025, "dak", 0, 75),
    ]
    assert (changed.budget_before, changed.budget_after) == (300, 425)
    (vision,) = changes.sections_changed
    assert vision.section == "vision"
    assert versions.SECTION_LABELS[vision.section] == "Smart-city vision"
    assert vision.added_lines == ("Batang maju dan cerdas",)
    assert vision.removed_lines == ("Batang maju",)
    totals = changes.totals
    assert (totals.programs_before, totals.programs_after) == (3, 3)
    assert (totals.budget_before, totals.budget_after) == (900, 1025)
    assert [(t.year, t.old, t.new) for t in totals.by_year] == [(2025, 600, 725)]
    assert [(t.source, t.old, t.new) for t in totals.by_source] == [
        ("apbd", 900, 950),
        ("dak", 0, 75),
    ]


def test_diff_follows_indicators_by_name() -> None:
    base = _program(1)
    changed = copy.deepcopy(base)
    cakupan = changed["indicators"][0]  # type: ignore[index]
    cakupan["baseline_value"] = "12"
    cakupan["targets"] = [{"year": 2024, "value": "20"}, {"year": 2025, "value": "35"}]
    changed["indicators"].append(  # type: ignore[attr-defined]
        {
            "kind": "output",
            "name": "Aplikasi terpasang",
            "unit": "unit",
            "baseline_year": 2023,
            "baseline_value": "0",
            "targets": [{"year": 2024, "value": "5"}],
        }
    )
    (program,) = versions.diff(_snap(base), _snap(changed)).programs_changed
    by_name = {i.name: i for i in program.indicators}
    assert by_name["Cakupan"].change == "changed"
    assert (by_name["Cakupan"].baseline_old, by_name["Cakupan"].baseline_new) == (
        "10 (2023)",
        "12 (2023)",
    )
    assert by_name["Cakupan"].baseline_changed
    assert [(t.year, t.old, t.new) for t in by_name["Cakupan"].targets] == [(2025, "30", "35")]
    assert by_name["Aplikasi terpasang"].change == "added"
    assert [(t.year, t.old, t.new) for t in by_name["Aplikasi terpasang"].targets] == [
        (2024, None, "5")
    ]
    (removed,) = versions.diff(_snap(changed), _snap(base)).programs_changed[0].indicators[1:]
    assert removed.change == "removed" and removed.name == "Aplikasi terpasang"


def test_the_pages_name_every_section_and_field_the_pure_diff_compares() -> None:
    assert tuple(versions.SECTION_LABELS) == diff.SECTIONS
    assert tuple(versions.FIELD_LABELS) == diff.PROGRAM_FIELDS


def test_identical_snapshots_differ_in_nothing() -> None:
    snap = _snap(_program(1), vision="Sama")
    assert versions.diff(snap, copy.deepcopy(snap)).is_empty


def test_real_versions_compare_by_number(users, clean_plan, dinkes) -> None:  # type: ignore[no-untyped-def]
    plan, coordinator = clean_plan, users["coordinator"]
    services.submit(coordinator, plan)
    services.request_changes(users["mentor"], plan, "Tambahkan program ekonomi")
    services.save_program(coordinator, plan, program_data(dinkes, "economy", name="Pasar Online"))
    removed = Program.objects.get(masterplan=plan, element__code=ELEMENTS["society"])
    # A program goes (deleted directly: this tests versions, not deletion rules).
    services.save_program(coordinator, plan, program_data(dinkes, "society", name="Sekolah"))
    removed.delete()
    services.submit(coordinator, plan)

    changes = versions.compare(plan, 1, 2)
    assert [p.name for p in changes.programs_added] == ["Pasar Online", "Sekolah"]
    assert [p.name for p in changes.programs_removed] == ["Program society"]
    assert not changes.programs_changed
    assert versions.compare(plan, 2, 2).is_empty
    backwards = versions.compare(plan, 2, 1)
    assert [p.name for p in backwards.programs_removed] == ["Pasar Online", "Sekolah"]
    with pytest.raises(ValidationError) as error:
        versions.compare(plan, 0, 7)
    assert set(error.value.message_dict) == {"a", "b"}
    assert "There is no version 7" in error.value.message_dict["b"][0]


def test_changes_since_review_is_none_until_there_is_something_new(users, clean_plan) -> None:  # type: ignore[no-untyped-def]
    plan, mentor = clean_plan, users["mentor"]
    assert versions.changes_since_last_review(mentor, plan) is None  # never reviewed
    services.submit(users["coordinator"], plan)
    assert versions.changes_since_last_review(mentor, plan) is None
    services.request_changes(mentor, plan, "Perbaiki indikator")
    assert versions.changes_since_last_review(mentor, plan) is None  # nothing newer
    services.submit(users["coordinator"], plan)  # resubmitted unchanged
    unchanged = versions.changes_since_last_review(mentor, plan)
    assert unchanged is not None and unchanged.is_empty
    assert versions.changes_since_last_review(users["program_office"], plan) is None
