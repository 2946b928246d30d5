"""A program's budget lines, indicators and targets in the audit trail (issue 10): a changed
amount shows its old and new value in the region's audit trail, the masterplan's and the
program's own, deleted lines included."""

import html
from decimal import Decimal
from typing import Any

from auditlog.models import LogEntry
from django.test import Client

from kotacerdas.masterplan import services
from kotacerdas.masterplan.models import BudgetLine, IndicatorTarget, Program
from tests.masterplan.conftest import program_input


def _audit(client: Client, url: str) -> str:
    page = client.get(url).content.decode()
    assert 'id="h-audit"' in page, url
    return html.unescape(page.split('id="h-audit"')[1])


def _client(user: Any) -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(user)
    return client


def test_a_changed_budget_shows_old_and_new_amounts_in_the_regions_audit(users, plan) -> None:  # type: ignore[no-untyped-def]
    officer = users["opd_officer"]
    program = services.save_program(officer, plan, program_input(officer.opd_id))
    indicator = program_input(officer.opd_id).indicators[0]
    changed = program_input(
        officer.opd_id,
        budget=[(2024, "apbd", 275_000_000), (2026, "apbn", 90_000_000)],  # 2025 DAK removed
        indicators=[
            services.IndicatorInput(
                indicator.kind,
                indicator.name,
                indicator.unit,
                2023,
                Decimal(25),
                {2024: Decimal(40), 2025: Decimal(75), 2026: Decimal(100)},
            )
        ],
    )
    services.save_program(
        users["coordinator"], plan, changed, program=program, expected_version=program.version
    )
    # Changed line by line: the unchanged lines keep their rows.
    assert BudgetLine.objects.filter(program=program, year=2024).get().amount == 275_000_000
    assert IndicatorTarget.objects.count() == 3
    client = _client(users["coordinator"])
    for url in (
        "/regions/33.25/workspace/",
        f"/masterplans/{plan.pk}/",
        f"/masterplans/{plan.pk}/programs/{program.pk}/",
    ):
        audit = _audit(client, url)
        assert "Puskesmas Digital · 2024 APBD" in audit, url
        assert "Amount (Rp)</strong>: Rp250.000.000 → Rp275.000.000" in audit, url
        # The removed line keeps its old amount, the new one shows its own.
        assert "Amount (Rp)</strong>: Rp400.000.000 → —" in audit, url
        assert "Amount (Rp)</strong>: — → Rp90.000.000" in audit, url
        assert "Target</strong>: 70" in audit and "→ 75" in audit, url
        assert "Baseline value</strong>: 20" in audit and "→ 25" in audit, url
        assert "coord" in audit
    # The change names who made it.
    entry = LogEntry.objects.get_for_model(BudgetLine).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.actor == users["coordinator"]
    assert entry.changes_dict == {"amount": ["250000000", "275000000"]}


def test_an_unchanged_save_writes_no_budget_or_target_entries(users, plan) -> None:  # type: ignore[no-untyped-def]
    officer = users["opd_officer"]
    program = services.save_program(officer, plan, program_input(officer.opd_id))
    last = LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first()
    services.save_program(
        officer,
        plan,
        program_input(officer.opd_id),
        program=program,
        expected_version=program.version,
    )
    assert not LogEntry.objects.filter(pk__gt=last).exists()  # nothing changed, nothing told


def test_a_deleted_program_leaves_its_budget_in_the_masterplans_audit(users, plan) -> None:  # type: ignore[no-untyped-def]
    officer = users["opd_officer"]
    program = services.save_program(officer, plan, program_input(officer.opd_id))
    services.delete_program(users["coordinator"], Program.objects.get(pk=program.pk))
    audit = _audit(_client(users["coordinator"]), f"/masterplans/{plan.pk}/")
    assert "Amount (Rp)</strong>: Rp250.000.000 → —" in audit


def test_other_regions_do_not_see_the_masterplans_audit(users, plan) -> None:  # type: ignore[no-untyped-def]
    officer = users["opd_officer"]
    services.save_program(officer, plan, program_input(officer.opd_id))
    other = _client(users["other_coordinator"])
    assert other.get("/regions/33.25/workspace/").status_code in (403, 404)
    own = _audit(other, f"/regions/{users['other_coordinator'].region_id}/workspace/")
    assert "Puskesmas Digital" not in own
