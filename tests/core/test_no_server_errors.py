"""Odd input anywhere gets a clear 4xx, never a 500."""

import re

import pytest
from django.test import Client

ODD_VALUES = ["99.99", "0", "-1", "x" * 300, "%00", "ñ-ü", "1e9", "null", "../etc"]


@pytest.fixture
def clients(users):  # type: ignore[no-untyped-def]
    signed_in = Client(raise_request_exception=False)
    signed_in.force_login(users["coordinator"])
    return [Client(raise_request_exception=False), signed_in]


def test_every_api_path_with_odd_parameters(clients) -> None:  # type: ignore[no-untyped-def]
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    for path, operations in paths.items():
        for method in operations:
            for value in ODD_VALUES:
                url = (
                    re.sub(r"\{[^}]+\}", value, path) + f"?page={value}&page_size={value}&q={value}"
                )
                for client in clients:
                    response = getattr(client, method)(
                        url,
                        data="{" if method != "get" else None,
                        content_type="application/json",
                    )
                    assert response.status_code < 500, (method, url, response.content[:200])


@pytest.mark.parametrize(
    "url",
    [
        "/regions/?page=-3&province=zz&kind=desa&island_group=mars",
        "/regions/%00/",
        "/regions/99.99/workspace/",
        "/regions/opds/999999/edit/",
        "/jobs/00000000-0000-0000-0000-000000000000/",
        "/jobs/not-a-uuid/",
        "/accounts/tokens/999/revoke/",
    ],
)
def test_pages_with_odd_input(clients, url) -> None:  # type: ignore[no-untyped-def]
    for client in clients:
        assert client.get(url).status_code < 500
        assert client.post(url, {"name": "x" * 500}).status_code < 500


def test_nul_characters_are_refused_with_a_clear_error(users) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.accounts.services import create_token

    _token, raw = create_token(users["coordinator"], "nul")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    body = '{"name": "Dinas\\u0000Sosial", "kind": "dinas"}'
    response = client.post("/api/v1/regions/33.25/opds", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_request"
    assert (
        not users["coordinator"]
        .region.opds.filter(name__startswith="Dinas")
        .exclude(name="Dinas Kesehatan Batang")
        .exists()
    )
    assert Client().get("/regions/?q=%00").status_code == 400
