"""Problems found walking the demo after issue 10: the audit trail in Indonesian,
numbers in the English documents, the demo's review list."""

import html
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from kotacerdas.accounts.models import User
from kotacerdas.masterplan import services
from kotacerdas.masterplan.models import Masterplan
from tests.masterplan.conftest import program_input
from tests.masterplan.test_demo import demo  # noqa: F401 (the loaded demo, once per module)


def _audit(user: Any, url: str, language: str) -> str:
    client = Client()
    client.cookies["django_language"] = language
    client.force_login(user)
    page = client.get(url).content.decode()
    assert 'id="h-audit"' in page, url
    return html.unescape(page.split('id="h-audit"')[1])


def _changed_program(users: Any, plan: Any) -> Any:
    officer = users["opd_officer"]
    program = services.save_program(officer, plan, program_input(officer.opd_id))
    indicator = program_input(officer.opd_id).indicators[0]
    changed = program_input(
        officer.opd_id,
        budget=[(2024, "apbd", 6_500_000_000), (2025, "dak", 400_000_000)],
        indicators=[
            services.IndicatorInput(
                indicator.kind,
                indicator.name,
                indicator.unit,
                2023,
                Decimal("25.5"),
                {2024: Decimal(40), 2025: Decimal("75.25"), 2026: Decimal(1500)},
            )
        ],
    )
    return services.save_program(
        users["coordinator"], plan, changed, program=program, expected_version=program.version
    )


def test_the_indonesian_audit_trail_shows_labels_and_amounts_in_indonesian(users, plan) -> None:  # type: ignore[no-untyped-def]
    program = _changed_program(users, plan)
    for url in (
        "/regions/33.25/workspace/",
        f"/masterplans/{plan.pk}/",
        f"/masterplans/{plan.pk}/programs/{program.pk}/",
    ):
        audit = _audit(users["coordinator"], url, "id")
        assert "Indicator" not in audit, url
        assert "Indikator</strong>" in audit, url
        assert "Rp250.000.000 → Rp6.500.000.000" in audit, url
        assert "6500000000" not in audit, url
        assert "20 → 25,5" in audit, url
        assert "70 → 75,25" in audit, url
        assert "→ 1.500" in audit, url


def test_the_english_audit_trail_writes_decimals_the_english_way(users, plan) -> None:  # type: ignore[no-untyped-def]
    program = _changed_program(users, plan)
    audit = _audit(users["coordinator"], f"/masterplans/{plan.pk}/programs/{program.pk}/", "en")
    assert "Indicator</strong>" in audit
    assert "Rp250.000.000 → Rp6.500.000.000" in audit
    assert "20 → 25.5" in audit
    assert "70 → 75.25" in audit
    assert "→ 1,500" in audit


@pytest.mark.usefixtures("demo")
def test_the_demo_gives_the_mentor_a_masterplan_to_review(db) -> None:  # type: ignore[no-untyped-def]
    statuses = dict(Masterplan.objects.values_list("region__name", "status"))
    assert statuses["Kabupaten Musi Rawas"] == "submitted"
    assert statuses["Kabupaten Batang"] == "approved"
    assert sorted(statuses.values()).count("draft") == 3  # one per other region
    plan = Masterplan.objects.get(region__name="Kabupaten Musi Rawas")
    assert plan.versions.count() == 1
    assert services.check_masterplan(plan).can_submit
    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(User.objects.get(username="mentor"))
    page = client.get("/masterplans/").content.decode()
    row = page.split("Kabupaten Musi Rawas", 1)[1].split("</tr>", 1)[0]
    assert "Submitted for review" in row


@pytest.mark.slow
def test_numbers_in_documents_follow_the_documents_language(db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import io
    import re
    import subprocess

    import docx

    from kotacerdas.core.money import format_rupiah
    from kotacerdas.masterplan import documents
    from kotacerdas.regions.models import Region
    from kotacerdas.seed.synthetic import build_synthetic_masterplan

    # Kabupaten Pekalongan: a region without a masterplan, demo loaded or not.
    plan = build_synthetic_masterplan(Region.objects.get(pk="33.26"), programs=12, seed=1)

    def docx_text(language: str) -> str:
        data = documents.render(plan, fmt="docx", summary=True, language=language).data
        document = docx.Document(io.BytesIO(data))
        cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)

    english, indonesian = docx_text("en"), docx_text("id")
    assert re.search(r"\b\d+\.\d%", english) and not re.search(r"\b\d+,\d%", english)
    assert re.search(r"Rp\d{1,3}(,\d{3})+\b", english)
    assert not re.search(r"Rp\d{1,3}(\.\d{3})+\b", english)
    assert re.search(r"\b\d+,\d%", indonesian) and re.search(r"Rp\d{1,3}(\.\d{3})+", indonesian)
    # The English PDF too; and the pages keep writing Rupiah the Indonesian way.
    path = tmp_path / "summary.pdf"
    path.write_bytes(documents.render(plan, fmt="pdf", summary=True, language="en").data)
    text = subprocess.run(  # noqa: S603
        ["/usr/bin/pdftotext", "-layout", str(path), "-"], capture_output=True, text=True
    ).stdout
    assert re.search(r"\b\d+\.\d%", text) and not re.search(r"\b\d+,\d%", text)
    assert format_rupiah(6_500_000_000) == "Rp6.500.000.000"
