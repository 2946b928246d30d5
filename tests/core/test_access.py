"""Every role against every private page and endpoint: allowed where it should
be, 403/404 where not, and a login (302/401) for anonymous visitors."""

import pytest
from django.test import Client

ROLES = [
    "program_office",
    "assessor",
    "mentor",
    "coordinator",
    "opd_officer",
    "other_coordinator",
    "no_role",
    "anonymous",
]
VIEWERS = {"program_office", "assessor", "mentor", "coordinator", "opd_officer"}
MANAGERS = {"program_office", "coordinator"}


def _client(users, role: str) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    if role != "anonymous":
        client.force_login(users[role])
    return client


def _expected(role: str, allowed: set[str], ok: int, denied: int, api: bool) -> int:
    if role == "anonymous":
        return 401 if api else 302
    return ok if role in allowed else denied


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("method", "url", "allowed", "ok", "denied", "api"),
    [
        ("get", "/regions/33.25/workspace/", VIEWERS, 200, 403, False),
        ("get", "/regions/33.25/opds/new/", MANAGERS, 200, 403, False),
        ("get", "/regions/opds/{opd}/edit/", MANAGERS, 200, 403, False),
        ("get", "/api/v1/regions/33.25/opds", VIEWERS, 200, 403, True),
        ("get", "/api/v1/regions/33.25/audit", VIEWERS, 200, 403, True),
        ("get", "/api/v1/opds/{opd}", VIEWERS, 200, 404, True),
        ("patch", "/api/v1/opds/{opd}", MANAGERS, 200, 403, True),
        ("post", "/api/v1/regions/33.25/opds", MANAGERS, 201, 403, True),
    ],
)
def test_private_region_data(users, role, method, url, allowed, ok, denied, api) -> None:  # type: ignore[no-untyped-def]
    opd = users["opd_officer"].opd
    client = _client(users, role)
    body = {"name": f"Dinas Baru {role}", "kind": "dinas"}
    if method == "patch":
        body = {"head_name": f"Kepala {role}"}
    kwargs = {"content_type": "application/json", "data": body} if method != "get" else {}
    response = getattr(client, method)(url.format(opd=opd.pk), **kwargs)
    expected = _expected(role, allowed, ok, denied, api)
    # An OPD is looked up among those the user may see: a viewer who may not
    # manage it gets 403, an outsider does not learn it exists (404).
    if "{opd}" in url and role not in VIEWERS and role != "anonymous":
        expected = 404
    assert response.status_code == expected, response.content[:300]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "url", ["/jobs/", "/accounts/tokens/", "/api/v1/me", "/api/v1/jobs", "/api/v1/tokens"]
)
def test_account_pages_need_login(users, role, url) -> None:  # type: ignore[no-untyped-def]
    response = _client(users, role).get(url)
    api = url.startswith("/api/")
    assert response.status_code == ((401 if api else 302) if role == "anonymous" else 200)


@pytest.mark.parametrize("role", ROLES)
def test_admin_is_for_staff_only(users, role) -> None:  # type: ignore[no-untyped-def]
    response = _client(users, role).get("/admin/regions/dimension/")
    assert response.status_code == 302  # to the admin login: none of these is staff


def test_program_office_staff_edits_reference_model_in_admin(users) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.regions.models import Dimension
    from kotacerdas.seed.accounts import program_office_group

    office = users["program_office"]
    office.is_staff = True
    office.save()
    office.groups.add(program_office_group())
    client = _client(users, "program_office")
    dimension = Dimension.objects.get(code="governance")
    page = client.get(f"/admin/regions/dimension/{dimension.pk}/change/")
    assert page.status_code == 200


def test_region_user_never_lists_other_regions_opds(users, make_opd, batanghari) -> None:  # type: ignore[no-untyped-def]
    make_opd(batanghari, "Dinas Rahasia Batanghari")
    client = _client(users, "coordinator")
    listed = client.get("/api/v1/regions/33.25/opds").json()["items"]
    assert {item["region_code"] for item in listed} == {"33.25"}
    page = client.get("/regions/33.25/workspace/")
    assert "Dinas Rahasia Batanghari" not in page.content.decode()
    assert client.get("/regions/15.04/workspace/").status_code == 403


def test_public_region_page_hides_private_link_from_outsiders(users) -> None:  # type: ignore[no-untyped-def]
    outsider = _client(users, "other_coordinator").get("/regions/33.25/").content.decode()
    insider = _client(users, "coordinator").get("/regions/33.25/").content.decode()
    assert "/regions/33.25/workspace/" not in outsider
    assert "/regions/33.25/workspace/" in insider


def test_opd_officer_sees_own_opd_page(users, make_opd, batanghari) -> None:  # type: ignore[no-untyped-def]
    officer = _client(users, "opd_officer")
    own = users["opd_officer"].opd
    page = officer.get(f"/regions/opds/{own.pk}/")
    assert page.status_code == 200 and own.name in page.content.decode()
    assert f'href="/regions/opds/{own.pk}/"' in officer.get("/").content.decode()  # "My OPD"
    elsewhere = make_opd(batanghari, "Dinas Luar")
    assert officer.get(f"/regions/opds/{elsewhere.pk}/").status_code == 404
    assert _client(users, "anonymous").get(f"/regions/opds/{own.pk}/").status_code == 302
