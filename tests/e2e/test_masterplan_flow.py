"""The masterplan in a browser: an OPD officer adds a program, the coordinator fixes
the checker's findings (a target, the empty vision) and submits, a mentor comments and approves, and the
coordinator downloads the DOCX and the PDF."""

import re

import pytest
from docx import Document
from playwright.sync_api import Browser, Page, expect

from kotacerdas.accounts.models import User
from kotacerdas.core.roles import Role
from kotacerdas.masterplan import services
from kotacerdas.masterplan.models import Masterplan, MasterplanStatus, Program
from kotacerdas.regions.models import OPD, OPDKind, Region
from tests.masterplan.conftest_workflow import TEXTS, program_data, write_chapters

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
PASSWORD = "Masterplan-Flow-2026"
HEALTH_PROGRAM = "Rekam Medis Elektronik Puskesmas"


def _user(username: str, role: str, **extra: object) -> User:
    user = User(username=username, role=role, first_name=username.title(), **extra)
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def masterplan(regions, settings) -> Masterplan:  # type: ignore[no-untyped-def]
    """Batang's masterplan with every chapter written but the vision, and a clean program
    in five dimensions: Smart Living, the health department's, is still missing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    batang = Region.objects.get(pk="33.25")
    kominfo = OPD.objects.create(region=batang, name="Dinas Kominfo", kind=OPDKind.DINAS)
    dinkes = OPD.objects.create(
        region=batang, name="Dinas Kesehatan", abbreviation="Dinkes", kind=OPDKind.DINAS
    )
    coordinator = _user("koordinator", Role.REGION_COORDINATOR, region=batang)
    _user("dinkes", Role.OPD_OFFICER, region=batang, opd=dinkes)
    _user("mentor", Role.MENTOR).assigned_regions.add(batang)
    plan = services.start_masterplan(coordinator, batang, 2024)
    refs = write_chapters(coordinator, plan, kominfo.pk, leave_empty=("vision",))
    problem = plan.findings.get(pk=refs["problem"])
    services.set_aside_problem(coordinator, problem, "Ditangani lewat Renstra Dinkes.")
    for dimension in ("governance", "branding", "economy", "society", "environment"):
        extra: dict[str, object] = {}
        if dimension == "governance":
            extra = {
                "name": "Mal Pelayanan Publik Digital",
                "horizon": "quick_win",
                "quick_win_reason": "Gedung dan aplikasi sudah ada.",
                "budget": [(2024, "apbd", 300_000_000)],
            }
        services.save_program(coordinator, plan, program_data(kominfo.pk, dimension, **extra))
    return plan


def _login(browser: Browser, base_url: str, username: str) -> Page:
    context = browser.new_context(base_url=base_url, locale="id-ID", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto("/accounts/login/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("button", name="Keluar")).to_be_visible()
    # The rest of the flow reads in English, the platform's second language.
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    return page


def test_write_check_submit_review_approve_and_download(
    browser: Browser, live_server, masterplan, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    plan = masterplan

    # 1. The health department's officer adds its program, one target short.
    officer = _login(browser, live_server.url, "dinkes")
    officer.goto(f"/masterplans/{plan.pk}/programs/new/")
    expect(officer.get_by_label("Lead OPD")).to_be_disabled()
    officer.get_by_label("Program name").fill(HEALTH_PROGRAM)
    officer.get_by_label("Dimension element").select_option(label="Health")
    officer.get_by_label("Horizon").select_option("medium")
    officer.get_by_label("Start year").select_option("2024")
    officer.get_by_label("End year").select_option("2026")
    officer.locator("#id_budget-0-year").select_option("2024")
    officer.locator("#id_budget-0-source").select_option("apbd")
    officer.locator("#id_budget-0-amount").fill("150.000.000")
    officer.locator("#id_indicators-0-kind").select_option("outcome")
    officer.locator("#id_indicators-0-name").fill("Puskesmas dengan rekam medis elektronik")
    officer.locator("#id_indicators-0-unit").fill("%")
    officer.locator("#id_indicators-0-baseline_year").fill("2023")
    officer.locator("#id_indicators-0-baseline_value").fill("20")
    officer.get_by_label("Target 2024").first.fill("40")
    officer.get_by_label("Target 2025").first.fill("70")
    officer.get_by_role("button", name="Save the program").last.click()
    expect(officer.get_by_text(HEALTH_PROGRAM).first).to_be_visible()
    program = Program.objects.get(name=HEALTH_PROGRAM)
    assert program.lead_opd.abbreviation == "Dinkes"

    # 2. The coordinator sees the checker's finding, fixes it and submits.
    coordinator = _login(browser, live_server.url, "koordinator")
    coordinator.goto(f"/masterplans/{plan.pk}/")
    finding = coordinator.get_by_role("link", name=re.compile("no target for 2026"))
    expect(finding).to_be_visible()
    expect(coordinator.get_by_role("button", name="Submit for review")).to_be_disabled()
    finding.click()
    coordinator.get_by_label("Target 2026").first.fill("100")
    coordinator.get_by_role("button", name="Save the program").last.click()
    coordinator.goto(f"/masterplans/{plan.pk}/")
    expect(coordinator.get_by_text("no target for 2026")).to_have_count(0)
    # The checker names the empty vision and links to it; filling it in lifts the block.
    expect(coordinator.get_by_role("button", name="Submit for review")).to_be_disabled()
    coordinator.get_by_role("link", name=re.compile("smart-city vision is empty")).click()
    coordinator.get_by_role("textbox", name="Smart-city vision").fill(TEXTS["vision"])
    coordinator.get_by_role("button", name="Save the vision, strategies and roadmap").click()
    expect(coordinator.get_by_text("were saved")).to_be_visible()
    coordinator.goto(f"/masterplans/{plan.pk}/")
    expect(coordinator.get_by_text("smart-city vision is empty")).to_have_count(0)
    coordinator.get_by_role("button", name="Submit for review").click()
    expect(coordinator.get_by_text("Submitted for review").first).to_be_visible()
    plan.refresh_from_db()
    assert plan.status == MasterplanStatus.SUBMITTED and plan.versions.count() == 1

    # 3. The mentor comments on the new program and approves.
    mentor = _login(browser, live_server.url, "mentor")
    mentor.goto(f"/masterplans/{plan.pk}/review/")
    thread = mentor.locator("#new-thread")
    thread.get_by_label("Program", exact=True).select_option(str(program.pk))
    thread.get_by_label(re.compile(r"^Comment")).fill(
        "Target 2026 sebaiknya selaras dengan Renstra Dinkes."
    )
    mentor.get_by_role("button", name="Post the comment").click()
    expect(mentor.get_by_text("selaras dengan Renstra Dinkes")).to_be_visible()
    mentor.goto(f"/masterplans/{plan.pk}/")
    mentor.get_by_role("button", name="Approve the masterplan").click()
    expect(mentor.get_by_text("Approved by mentor").first).to_be_visible()
    plan.refresh_from_db()
    assert plan.status == MasterplanStatus.APPROVED
    assert plan.comments.filter(program=program).exists()

    # 4. The coordinator makes and downloads both documents.
    coordinator.goto(f"/masterplans/{plan.pk}/documents/")
    files = {}
    for fmt, button in (("docx", "Make the DOCX"), ("pdf", "Make the PDF")):
        coordinator.goto(f"/masterplans/{plan.pk}/documents/")
        coordinator.get_by_role("button", name=button).click()
        coordinator.goto(f"/masterplans/{plan.pk}/documents/")
        row = coordinator.get_by_role("row", name=re.compile(fmt.upper()))
        with coordinator.expect_download() as download:
            row.get_by_role("link", name="Download").first.click()
        path = tmp_path / download.value.suggested_filename
        download.value.save_as(path)
        files[fmt] = path
    assert files["docx"].suffix == ".docx" and files["pdf"].suffix == ".pdf"
    text = "\n".join(p.text for p in Document(str(files["docx"])).paragraphs)
    assert "Kabupaten Batang" in text or "BATANG" in text.upper()
    tables = Document(str(files["docx"])).tables
    assert any(HEALTH_PROGRAM in cell.text for t in tables for row in t.rows for cell in row.cells)
    assert files["pdf"].read_bytes().startswith(b"%PDF")


def test_pages_fit_a_phone_screen(browser: Browser, live_server, masterplan) -> None:  # type: ignore[no-untyped-def]
    """At 390 px, wide tables scroll within themselves: the page never scrolls sideways
    (screen-reader text in a table once widened it to 900 px)."""
    context = browser.new_context(
        base_url=live_server.url, locale="id-ID", viewport={"width": 390, "height": 800}
    )
    page = context.new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Nama pengguna").fill("koordinator")
    page.get_by_label("Sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Pekerjaan saya")
    for url in (
        "/my-work/",
        "/regions/33.25/workspace/",
        f"/masterplans/{masterplan.pk}/",
        f"/masterplans/{masterplan.pk}/programs/",
        f"/masterplans/{masterplan.pk}/programs/new/",
        f"/masterplans/{masterplan.pk}/findings/",
        "/masterplans/",
    ):
        page.goto(url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, url
    context.close()
