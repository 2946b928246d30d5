"""People and their work in a browser (issue 12, "Done when"): the office invites a
mentor and assigns Batang; the mentor accepts from the email, finds Batang's submitted
masterplan in their inbox and asks for changes; the coordinator is emailed and finds the
request in their inbox, invites an OPD officer who accepts and edits their OPD's
program; once the plan is legalised, an anonymous visitor downloads it from Batang's
public page."""

import re
from pathlib import Path

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import Browser, Page, expect

from kotacerdas.accounts.models import User
from kotacerdas.core.roles import Role
from kotacerdas.masterplan import services
from kotacerdas.masterplan.models import Masterplan, MasterplanStatus, Program
from kotacerdas.regions.models import OPD, OPDKind, Region
from tests.masterplan.conftest_workflow import make_clean_plan, tiny_pdf

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
PASSWORD = "People-Flow-2026"
NEW_PASSWORD = "Mentor-Batang-2026"
OFFICER_PASSWORD = "Dinkes-Batang-2026"


def _user(username: str, role: str, **extra: object) -> User:
    user = User(username=username, role=role, first_name=username.title(), **extra)
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def submitted_plan(regions, settings) -> Masterplan:  # type: ignore[no-untyped-def]
    """Batang's complete masterplan, submitted for review, with no mentor assigned yet;
    the health department has an OPD but no officer account."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    batang = Region.objects.get(pk="33.25")
    kominfo = OPD.objects.create(region=batang, name="Dinas Kominfo", kind=OPDKind.DINAS)
    dinkes = OPD.objects.create(
        region=batang, name="Dinas Kesehatan", abbreviation="Dinkes", kind=OPDKind.DINAS
    )
    _user("kantor", Role.PROGRAM_OFFICE, email="kantor@kominfo.go.id")
    coordinator = _user(
        "koordinator", Role.REGION_COORDINATOR, region=batang, email="kominfo@batangkab.go.id"
    )
    plan = services.start_masterplan(coordinator, batang, 2024)
    programs = make_clean_plan(coordinator, plan, kominfo.pk)
    health = programs["society"]
    Program.objects.filter(pk=health.pk).update(lead_opd=dinkes)
    services.submit(coordinator, plan)
    return plan


def _context_page(browser: Browser, base_url: str) -> Page:
    context = browser.new_context(base_url=base_url, locale="id-ID", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    return page


def _login(browser: Browser, base_url: str, username: str, password: str = PASSWORD) -> Page:
    page = _context_page(browser, base_url)
    page.goto("/accounts/login/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("heading", name="Pekerjaan saya")).to_be_visible()
    return page


def _link_in_last_email(to: str) -> str:
    sent = [message for message in mail.outbox if to in message.to]
    assert sent, f"no email to {to}"
    match = re.search(r"https?://\S+", sent[-1].body)
    assert match, sent[-1].body
    return match.group(0)


def _path(link: str) -> str:
    return re.sub(r"^https?://[^/]+", "", link)


def test_invite_accept_review_and_publish(browser: Browser, live_server, submitted_plan) -> None:  # type: ignore[no-untyped-def]
    plan = submitted_plan

    # 1. The office invites a mentor and assigns Batang.
    office = _login(browser, live_server.url, "kantor")
    office.get_by_role("link", name="Personel", exact=True).click()
    office.get_by_role("link", name="Undang seseorang").click()
    office.locator("#id_email").fill("dewi.mentor@example.id")
    office.get_by_label("Nama depan").fill("Dewi")
    office.get_by_label("Nama belakang").fill("Lestari")
    office.locator("#id_role").select_option("mentor")
    office.get_by_label("Daerah yang ditugaskan").select_option(label="Kabupaten Batang (33.25)")
    office.get_by_role("button", name="Kirim undangan").click()
    expect(office.get_by_text("dewi.mentor@example.id").first).to_be_visible()

    # 2. The mentor follows the link of the email and sets a password.
    mentor = _context_page(browser, live_server.url)
    mentor.goto(_path(_link_in_last_email("dewi.mentor@example.id")))
    mentor.locator("#id_password1").fill(NEW_PASSWORD)
    mentor.locator("#id_password2").fill(NEW_PASSWORD)
    mentor.get_by_role("button", name="Buat akun saya").click()

    # 3. Their inbox shows Batang's submitted masterplan.
    expect(mentor.get_by_role("heading", name="Pekerjaan saya")).to_be_visible()
    to_review = mentor.get_by_role("link", name=re.compile("Batang"))
    expect(to_review.first).to_be_visible()
    to_review.first.click()

    # 4. The mentor asks for changes.
    mentor.goto(f"/masterplans/{plan.pk}/")
    mentor.locator("#changes-comment").fill("Lengkapi target indikator kesehatan untuk 2026.")
    mentor.get_by_role("button", name="Minta perbaikan").click()
    plan.refresh_from_db()
    assert plan.status == MasterplanStatus.CHANGES_REQUESTED

    # 5. The coordinator is emailed and finds the request at the top of their inbox.
    assert "kominfo@batangkab.go.id" in [to for message in mail.outbox for to in message.to]
    coordinator = _login(browser, live_server.url, "koordinator")
    first_item = coordinator.locator("[data-testid=inbox-item]").first
    expect(first_item).to_contain_text("meminta perbaikan")

    # 6. The coordinator invites the health department's officer, who accepts and edits
    # the department's program.
    coordinator.get_by_role("link", name="Personel", exact=True).click()
    coordinator.get_by_role("link", name="Undang seseorang").click()
    coordinator.locator("#id_email").fill("dinkes@batangkab.go.id")
    coordinator.get_by_label("Nama depan").fill("Rina")
    coordinator.locator("#id_role").select_option("opd_officer")
    coordinator.locator("#id_opd").select_option(label="Dinas Kesehatan (Dinkes)")
    coordinator.get_by_role("button", name="Kirim undangan").click()
    officer = _context_page(browser, live_server.url)
    officer.goto(_path(_link_in_last_email("dinkes@batangkab.go.id")))
    officer.locator("#id_password1").fill(OFFICER_PASSWORD)
    officer.locator("#id_password2").fill(OFFICER_PASSWORD)
    officer.get_by_role("button", name="Buat akun saya").click()
    expect(officer.get_by_role("heading", name="Pekerjaan saya")).to_be_visible()
    health = Program.objects.get(masterplan=plan, lead_opd__abbreviation="Dinkes")
    officer.goto(f"/masterplans/{plan.pk}/programs/{health.pk}/")
    officer.get_by_label("Nama program").fill("Puskesmas Digital Terpadu")
    officer.get_by_role("button", name="Simpan program").last.click()
    expect(officer.get_by_text("Puskesmas Digital Terpadu").first).to_be_visible()
    health.refresh_from_db()
    assert health.name == "Puskesmas Digital Terpadu"
    assert User.objects.get(username="dinkes@batangkab.go.id").opd == health.lead_opd

    # 7. The plan is resubmitted, approved and legalised; an anonymous visitor opens
    # Batang's public page and downloads it.
    coordinator_user = User.objects.get(username="koordinator")
    mentor_user = User.objects.get(username="dewi.mentor@example.id")
    services.submit(coordinator_user, plan)
    services.approve(mentor_user, plan)
    services.legalise(
        coordinator_user,
        plan,
        number="12 Tahun 2026",
        date=plan.updated_at.date(),
        document=SimpleUploadedFile("perbup.pdf", tiny_pdf(), content_type="application/pdf"),
    )
    visitor = _context_page(browser, live_server.url)
    visitor.goto("/regions/33.25/")
    expect(visitor.get_by_text("12 Tahun 2026").first).to_be_visible()
    with visitor.expect_download() as download_info:
        visitor.locator("[data-testid=public-masterplan-download]").click()
    path = download_info.value.path()
    assert Path(path).read_bytes().startswith(b"%PDF")
