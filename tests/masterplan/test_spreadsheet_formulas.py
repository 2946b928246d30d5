"""The masterplan workbook writes every person's text as text, never as a formula,
and its own export still imports back unchanged."""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from kotacerdas.masterplan import services, spreadsheet
from kotacerdas.masterplan.models import Finding, RpjmdGoal
from kotacerdas.regions.models import OPD
from tests.formulas import HOSTILE, assert_no_formulas_in_xlsx
from tests.masterplan.conftest import program_input


def test_every_sheet_of_the_export_holds_no_formula(users, plan, batang) -> None:  # type: ignore[no-untyped-def]
    dinkes = OPD.objects.get(pk=users["opd_officer"].opd_id)
    hostile_opd = OPD.objects.create(region=batang, name="=cmd|' /C calc'!A0", kind="dinas")
    goal = RpjmdGoal.objects.create(masterplan=plan, code="T1", text="+SUM(1,2)")
    problem = Finding.objects.create(
        masterplan=plan, opd=dinkes, kind="problem", title="@SUM(1+1)*cmd|' /C calc'!A0"
    )
    indicator = services.IndicatorInput(
        "output", "-2+3+cmd|' /C calc'!A0", "=1+1", None, None, {2024: Decimal(1)}
    )
    services.save_program(
        users["coordinator"],
        plan,
        program_input(
            hostile_opd.pk,
            name=HOSTILE[0],
            description="-satu; dua",
            quick_win_reason="",
            indicators=[indicator],
            goals=[goal.pk],
            problems=[problem.pk],
        ),
    )
    content = spreadsheet.export_programs(plan)
    assert assert_no_formulas_in_xlsx(content) > 20
    # The quote is the platform's: importing the file back gives the same text.
    upload = SimpleUploadedFile("p.xlsx", content)
    assert spreadsheet.import_programs(users["coordinator"], plan, upload).updated == 1
    program = plan.programs.get()
    assert (program.name, program.description) == (HOSTILE[0], "-satu; dua")
    assert program.lead_opd == hostile_opd
    assert list(program.goals.all()) == [goal] and list(program.problems.all()) == [problem]
    assert program.indicators.get().name == "-2+3+cmd|' /C calc'!A0"


def test_the_template_holds_no_formula(db) -> None:  # type: ignore[no-untyped-def]
    assert assert_no_formulas_in_xlsx(spreadsheet.template_xlsx(2025)) > 0
