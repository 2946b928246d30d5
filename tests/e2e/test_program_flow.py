"""The national program end to end in a browser: apply, score, select, publish,
see the result, and carry the agreement from signed to received."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from kotacerdas.accounts.models import User
from kotacerdas.core.roles import Role
from kotacerdas.program import services
from kotacerdas.program.models import Application, ApplicationStatus
from kotacerdas.regions.models import Province, Region

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
PASSWORD = "Program-Flow-2026"
LEVELS = ["Belum ada", "Rintisan", "Berkembang", "Mapan", "Optimal"]
CRITERIA = ["kebijakan", "tik", "anggaran"]


def _user(username: str, role: str, **extra: object) -> User:
    user = User(username=username, role=role, **extra)
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def program(regions, settings):  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    office = _user("kantor", Role.PROGRAM_OFFICE)
    batang = Region.objects.get(pk="33.25")
    _user("batang", Role.REGION_COORDINATOR, region=batang)
    _user("asesor-a", Role.ASSESSOR, home_province=Province.objects.get(pk="31"))
    _user("asesor-b", Role.ASSESSOR, home_province=Province.objects.get(pk="51"))
    cohort = services.create_cohort(
        office,
        year=2023,
        name="GMSC 2023",
        quota=3,
        application_deadline=timezone.now() + timedelta(days=7),
        criteria=[
            services.CriterionInput(
                CRITERIA[0], "suprastruktur", "Kebijakan smart city", Decimal(40), LEVELS
            ),
            services.CriterionInput(
                CRITERIA[1], "infrastruktur", "Infrastruktur TIK", Decimal(35), LEVELS
            ),
            services.CriterionInput(
                CRITERIA[2], "struktur", "Kapasitas anggaran", Decimal(25), LEVELS
            ),
        ],
    )
    services.set_cohort_status(office, cohort, "open")
    # Other applicants, already assessed.
    for code, score in (("33.26", "4.500"), ("15.04", "3.000"), ("73.71", "2.500")):
        Application.objects.create(
            cohort=cohort,
            region=Region.objects.get(pk=code),
            status=ApplicationStatus.SUBMITTED,
            score=Decimal(score),
        )
    return cohort


def _login(browser: Browser, base_url: str, username: str) -> Page:
    page = browser.new_context(base_url=base_url, locale="id-ID").new_page()
    page.set_default_timeout(15_000)
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto("/accounts/login/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("button", name="Keluar")).to_be_visible()
    return page


def test_apply_score_select_publish_and_sign(browser: Browser, live_server, program) -> None:  # type: ignore[no-untyped-def]
    base = live_server.url

    # 1. The region applies.
    region = _login(browser, base, "batang")
    region.goto("/program/2023/")
    region.get_by_role("button", name="Daftarkan daerah kami").click()
    for code in CRITERIA:
        region.locator(f"#id_{code}-self_score").select_option("4")
        region.locator(f"#id_{code}-answer").fill("Perbup smart city 2022 dan jaringan fiber OPD")
    region.get_by_role("button", name="Kirim pendaftaran").click()
    expect(region.get_by_test_id("application-status")).to_have_text("Terkirim")

    # 2. The office assigns two assessors.
    office = _login(browser, base, "kantor")
    office.goto("/program/2023/")
    office.locator("#id_assessors").select_option(["asesor-a", "asesor-b"])
    office.get_by_role("button", name="Tugaskan").click()
    expect(office.get_by_text("penugasan dibuat")).to_be_visible()

    # 3. Two assessors score.
    for username in ("asesor-a", "asesor-b"):
        assessor = _login(browser, base, username)
        assessor.goto("/program/")
        assessor.get_by_role("link", name="Kabupaten Batang", exact=True).click()
        for code in CRITERIA:
            assessor.locator(f"#id_{code}-score").select_option("5")
            assessor.locator(f"#id_{code}-comment").fill("Sangat siap, bukti lengkap")
        assessor.get_by_role("button", name="Kirim skor").click()
        expect(assessor.get_by_role("status")).to_have_text("Skor Anda telah dikirim.")

    # 4. Registration closes; selection under a province rule, one override, publication.
    office.goto("/program/2023/")
    office.get_by_role("button", name="Tutup pendaftaran").click()
    expect(office.get_by_test_id("cohort-status")).to_have_text("Penilaian")
    office.goto("/program/2023/selection/")
    office.get_by_label("Kuota").fill("2")
    office.get_by_label("Paling banyak per provinsi").fill("1")
    office.get_by_role("button", name="Jalankan seleksi").click()
    expect(office.get_by_text("Provinsinya sudah memiliki 1 daerah terpilih")).to_be_visible()
    makassar = office.get_by_role("row").filter(has_text="Kota Makassar")
    makassar.get_by_label("Alasan").fill("Afirmasi kawasan timur")
    makassar.get_by_role("button", name="Pilih").click()
    expect(office.get_by_text("diubah: Afirmasi kawasan timur")).to_be_visible()
    office.get_by_role("button", name="Umumkan hasil").click()
    expect(office.get_by_text("Hasil telah diumumkan")).to_be_visible()

    # 5. The region sees its own result.
    region.goto("/program/2023/result/")
    expect(region.get_by_test_id("result")).to_contain_text("Kabupaten Batang terpilih")
    expect(region.get_by_text("Sangat siap, bukti lengkap").first).to_be_visible()

    # 6. The agreement: drafted, signed, sent by the region, received.
    office.goto("/program/2023/agreements/")
    office.get_by_role("button", name="Susun draf nota kesepakatan").click()
    office.get_by_role("link", name="Kabupaten Batang", exact=True).click()
    office.get_by_label("Nomor nota kesepakatan").fill("26/KOMINFO/HK.03.02/05/2023")
    office.get_by_label("Tanggal tanda tangan").fill(str(timezone.localdate() - timedelta(days=2)))
    office.locator("#id_ministry_name").fill("Dirjen Aptika")
    office.get_by_label("Jabatan penanda tangan kementerian").fill("Direktur Jenderal")
    office.locator("#id_region_name").fill("Bupati Batang")
    office.get_by_label("Jabatan penanda tangan daerah").fill("Bupati")
    office.get_by_role("button", name="Ditandatangani").click()
    expect(office.get_by_test_id("agreement-status")).to_have_text("Ditandatangani")

    region.goto(office.url.replace(base, ""))
    region.get_by_label("Jasa pengiriman").fill("Pos Indonesia")
    region.get_by_label("Nomor resi").fill("P2305001234")
    region.get_by_label("Tanggal kirim").fill(str(timezone.localdate() - timedelta(days=1)))
    region.get_by_role("button", name="Terkirim").click()
    expect(region.get_by_test_id("agreement-status")).to_have_text("Dokumen asli dikirim lewat pos")

    office.reload()
    office.get_by_label("Tanggal terima").fill(str(timezone.localdate()))
    office.get_by_role("button", name="Diterima").click()
    expect(office.get_by_test_id("agreement-status")).to_have_text(
        "Dokumen asli diterima kementerian"
    )
