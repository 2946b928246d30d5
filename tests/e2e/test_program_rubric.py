"""In a browser, the program office edits a cohort's rubric and phases on the platform
(no admin): a weight typed the Indonesian way, a phase out of order refused with the
reason, and once applications are in, a change that records why."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, expect

from kotacerdas.accounts.models import User
from kotacerdas.core.roles import Role
from kotacerdas.program import services
from kotacerdas.program.models import Application, ApplicationStatus, RubricRevision
from kotacerdas.regions.models import Region

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
PASSWORD = "Rubric-Editor-2026"
LEVELS = ["Belum ada", "Rintisan", "Berkembang", "Mapan", "Optimal"]


@pytest.fixture
def cohort(regions):  # type: ignore[no-untyped-def]
    office = User(username="kantor", role=Role.PROGRAM_OFFICE)
    office.set_password(PASSWORD)
    office.save()
    cohort = services.create_cohort(
        office,
        year=timezone.localdate().year + 1,
        name="Gerakan Menuju Smart City",
        quota=10,
        application_deadline=timezone.now() + timedelta(days=30),
        criteria=[
            services.CriterionInput(
                "kebijakan", "suprastruktur", "Kebijakan smart city", Decimal(40), LEVELS
            ),
            services.CriterionInput(
                "tik", "infrastruktur", "Infrastruktur TIK", Decimal(35), LEVELS
            ),
        ],
    )
    return services.set_cohort_status(office, cohort, "open")


def test_the_program_office_edits_the_rubric(browser: Browser, live_server, cohort) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_context(base_url=live_server.url, locale="id-ID").new_page()
    page.set_default_timeout(15_000)
    page.goto("/accounts/login/")
    page.get_by_label("Nama pengguna").fill("kantor")
    page.get_by_label("Sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()

    page.goto(f"/program/{cohort.year}/")
    page.get_by_role("link", name="Ubah rubrik dan tahapan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Rubrik dan tahapan")

    # A phase that starts before the one it follows is refused with the reason.
    year = cohort.year
    page.locator("#id_applications-starts_on").fill(f"{year}-03-01")
    page.locator("#id_applications-ends_on").fill(f"{year}-04-30")
    page.locator("#id_assessment-starts_on").fill(f"{year}-02-01")
    page.locator("#id_assessment-ends_on").fill(f"{year}-05-31")
    page.get_by_role("button", name="Simpan batas akhir dan tahapan").click()
    expect(page.get_by_text("tahapan mengikuti urutan program")).to_be_visible()
    page.locator("#id_assessment-starts_on").fill(f"{year}-05-02")
    page.get_by_role("button", name="Simpan batas akhir dan tahapan").click()
    expect(page.get_by_text("Batas akhir dan tahapan telah disimpan.")).to_be_visible()

    # A weight with a decimal comma, and a new criterion.
    page.locator("#id_criteria-0-weight").fill("37,5")
    page.locator("#id_criteria-2-code").fill("sdm")
    page.locator("#id_criteria-2-title").fill("SDM pelaksana")
    page.locator("#id_criteria-2-pillar").select_option("struktur")
    page.locator("#id_criteria-2-weight").fill("10")
    for level, text in enumerate(LEVELS, start=1):
        page.locator(f"#id_criteria-2-level_{level}").fill(text)
    page.get_by_role("button", name="Simpan rubrik").click()
    expect(page.get_by_text("Rubrik telah disimpan.")).to_be_visible()
    expect(page.get_by_test_id("total-weight")).to_have_text("82,50")

    # Once a region has submitted, a change needs a reason, which is kept.
    Application.objects.create(
        cohort=cohort, region=Region.objects.get(pk="33.25"), status=ApplicationStatus.SUBMITTED
    )
    page.reload()
    page.locator("#id_criteria-1-weight").fill("30")
    page.get_by_role("button", name="Simpan rubrik").click()
    expect(page.get_by_text("catat alasan perubahannya")).to_be_visible()
    page.get_by_label("Alasan perubahan rubrik").fill("Arahan Dirjen Aptika")
    page.get_by_role("button", name="Simpan rubrik").click()
    expect(page.get_by_text("Rubrik telah disimpan.")).to_be_visible()
    expect(page.get_by_text("Arahan Dirjen Aptika")).to_be_visible()
    assert RubricRevision.objects.filter(reason="Arahan Dirjen Aptika").exists()
    assert cohort.criteria.get(code="tik").weight == Decimal("30.00")
