"""The admin is no back door: the program office (staff, in the office group) reads
accounts there but cannot grant rights, nor change a superuser or their password."""

from typing import Any

import pytest
from django.test import Client

from kotacerdas.accounts.models import User
from kotacerdas.core.roles import Role
from kotacerdas.seed.accounts import program_office_group


@pytest.fixture
def office_client(db: Any) -> tuple[Client, User]:
    office = User.objects.create_user("kantor", role=Role.PROGRAM_OFFICE, is_staff=True)
    office.groups.add(program_office_group())
    client = Client()
    client.force_login(office)
    return client, office


def test_the_office_cannot_touch_a_superuser_or_grant_rights_in_the_admin(
    office_client: tuple[Client, User],
) -> None:
    client, office = office_client
    root = User.objects.create_superuser("root", "root@example.org", "Akar-Sandi-2026")
    response = client.post(
        f"/admin/accounts/user/{root.pk}/password/",
        {"password1": "Hijacked-pass-999!", "password2": "Hijacked-pass-999!"},
    )
    assert response.status_code == 403
    root.refresh_from_db()
    assert root.check_password("Akar-Sandi-2026")
    # Their own account: seen, not changed (people are managed in the platform's pages).
    page = client.get(f"/admin/accounts/user/{office.pk}/change/")
    assert page.status_code == 200
    assert 'name="is_superuser"' not in page.content.decode()
    client.post(f"/admin/accounts/user/{office.pk}/change/", {"is_superuser": "on"})
    office.refresh_from_db()
    assert not office.is_superuser
