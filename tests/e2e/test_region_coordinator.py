import re

import pytest
from playwright.sync_api import Page, expect

from kotacerdas.accounts.models import User
from kotacerdas.core.roles import Role
from kotacerdas.regions.models import OPD, Region

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
PASSWORD = "Batang-Smart-2026"


@pytest.fixture
def coordinator(regions, settings) -> User:  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    batang = Region.objects.get(pk="33.25")
    OPD.objects.create(region=batang, name="Dinas Kesehatan", abbreviation="Dinkes", kind="dinas")
    user = User(
        username="batang.kominfo",
        role=Role.REGION_COORDINATOR,
        region=batang,
        first_name="Koordinator",
        last_name="Batang",
    )
    user.set_password(PASSWORD)
    user.save()
    return user


def test_coordinator_logs_in_switches_language_and_stays_in_own_region(
    page: Page, coordinator: User
) -> None:
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "id")

    # The first Tab reaches the skip link: the page works from the keyboard.
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text(re.compile("Lewati ke konten"))

    page.get_by_role("link", name="Masuk").first.click()
    page.get_by_label("Nama pengguna").fill("batang.kominfo")
    page.get_by_label("Sandi").fill(PASSWORD)
    page.get_by_label("Sandi").press("Enter")
    # Logged in, the coordinator lands on the work inbox ("Pekerjaan saya").
    expect(page.get_by_role("navigation").get_by_text("Koordinator daerah")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Pekerjaan saya")

    # Switch to English; the choice sticks on the next page.
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("link", name="Regions").first.click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Regencies and cities")).to_be_visible()

    # And back to Indonesian.
    page.get_by_role("button", name="Bahasa Indonesia").click()
    expect(page.locator("html")).to_have_attribute("lang", "id")

    # The own region's private workspace opens.
    page.get_by_role("link", name="Wilayah saya").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kabupaten Batang")
    expect(page.get_by_role("cell", name="Dinas Kesehatan (Dinkes)")).to_be_visible()

    # Another region's private page does not.
    response = page.goto("/regions/15.04/workspace/")
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", name="Akses ditolak")).to_be_visible()
    expect(page.get_by_text("Dinas Kesehatan")).to_have_count(0)


def test_region_search_from_the_keyboard(page: Page, regions) -> None:  # type: ignore[no-untyped-def]
    page.goto("/regions/")
    search = page.get_by_role("textbox", name="Cari")
    search.fill("Sarolangun")
    search.press("Enter")
    expect(page.get_by_role("link", name="Kabupaten Sarolangun")).to_be_visible()
    expect(page.get_by_text("1 wilayah ditemukan")).to_be_visible()
    page.get_by_role("link", name="Kabupaten Sarolangun").click()
    expect(page.get_by_role("heading", name="Kabupaten Sarolangun")).to_be_visible()
    expect(page.get_by_text("WIB (UTC+7)")).to_be_visible()
