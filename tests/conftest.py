import os

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.utils import translation

from kotacerdas.accounts.models import User
from kotacerdas.core.roles import Role
from kotacerdas.regions.models import OPD, OPDKind, Region
from tests import openapi

PASSWORD = "a-Test-password-2026"


def pytest_configure(config: pytest.Config) -> None:
    # In CI the PostgreSQL run must really be on PostgreSQL, never silently SQLite.
    wanted = os.environ.get("KOTACERDAS_EXPECT_DB_VENDOR")
    engine = django_settings.DATABASES["default"]["ENGINE"]
    if wanted and not engine.endswith(wanted):
        raise pytest.UsageError(f"expected a {wanted} database, settings use {engine}")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Browser tests use a live server, which flushes the database after each test
    # (and so the regions loaded by migration): run them last.
    items.sort(key=lambda item: "e2e" in item.nodeid)


@pytest.fixture(autouse=True)
def immediate_jobs(settings: pytest.FixtureRequest) -> None:
    # Hashing passwords properly costs ~0.3 s each; tests need no protection.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.STORAGES = {
        **django_settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def english_outside_requests():  # type: ignore[no-untyped-def]
    """Services called directly speak English here, so messages read plainly in
    assertions; pages and the API choose their language per request as usual."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def api_answers_as_documented(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every /api/ response a test client receives must match /api/v1/openapi.json:
    its status listed for the operation, its body and headers as the schema says."""
    monkeypatch.setattr(Client, "request", openapi.checking(Client.request))


@pytest.fixture
def batang(db) -> Region:  # type: ignore[no-untyped-def]
    return Region.objects.get(pk="33.25")


@pytest.fixture
def batanghari(db) -> Region:  # type: ignore[no-untyped-def]
    return Region.objects.get(pk="15.04")


@pytest.fixture
def make_opd(db):  # type: ignore[no-untyped-def]
    def make(region: Region, name: str = "Dinas Kesehatan", **extra: object) -> OPD:
        return OPD.objects.create(region=region, name=name, kind=OPDKind.DINAS, **extra)

    return make


@pytest.fixture
def make_user(db):  # type: ignore[no-untyped-def]
    def make(username: str, role: str = "", **extra: object) -> User:
        user = User(username=username, role=role, email=f"{username}@example.org", **extra)
        user.set_password(PASSWORD)
        user.save()
        return user

    return make


@pytest.fixture
def users(make_user, make_opd, batang, batanghari) -> dict[str, User]:  # type: ignore[no-untyped-def]
    """One account per role; the regional ones in Batang, assigned staff on Batang."""
    dinkes = make_opd(batang, "Dinas Kesehatan Batang", abbreviation="Dinkes")
    accounts = {
        "program_office": make_user("office", Role.PROGRAM_OFFICE),
        "assessor": make_user("assessor", Role.ASSESSOR),
        "mentor": make_user("mentor", Role.MENTOR),
        "coordinator": make_user("coord", Role.REGION_COORDINATOR, region=batang),
        "opd_officer": make_user("officer", Role.OPD_OFFICER, region=batang, opd=dinkes),
        "other_coordinator": make_user("coord-bh", Role.REGION_COORDINATOR, region=batanghari),
        "no_role": make_user("nobody"),
    }
    accounts["assessor"].assigned_regions.add(batang)
    accounts["mentor"].assigned_regions.add(batang)
    return accounts
