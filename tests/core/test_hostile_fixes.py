"""Faults a hostile reviewer found in what every app shares (issue 10): bad bodies and
values answer a clear 4xx in the API's error shape, never a 500."""

from typing import Any

import pytest
from django.test import Client


def _client(user: Any) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


@pytest.mark.parametrize("field", ["head_name", "abbreviation", "duties", "name", "kind"])
def test_null_in_an_opd_patch_is_a_422_and_nothing_changes(users: Any, field: str) -> None:
    opd = users["opd_officer"].opd
    before = {f: getattr(opd, f) for f in ("name", "abbreviation", "head_name", "duties", "kind")}
    response = _client(users["coordinator"]).patch(
        f"/api/v1/opds/{opd.pk}", {field: None}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["field"] == field
    opd.refresh_from_db()
    assert {f: getattr(opd, f) for f in before} == before


def _multipart(filename: str) -> tuple[bytes, str]:
    boundary = "----kotacerdas"
    body = (
        f"--{boundary}\r\n"
        f'Content-Disposition: form-data; name="file"; filename="{filename}"\r\n'
        "Content-Type: application/pdf\r\n\r\n"
        "%PDF-1.4\r\n"
        f"--{boundary}--\r\n"
    ).encode()
    return body, f"multipart/form-data; boundary={boundary}"


def test_broken_multipart_bodies_are_a_400_in_the_error_shape(users: Any) -> None:
    client = _client(users["coordinator"])
    opd = users["opd_officer"].opd
    no_boundary = [
        f"/api/v1/opds/{opd.pk}/commitment/scan",
        "/api/v1/regions/33.25/opds/import",
    ]
    for url in no_boundary:
        response = client.post(url, b"--x\r\n", content_type="multipart/form-data")
        assert response.status_code == 400, (url, response.content)
        assert response.json()["error"]["code"] == "bad_upload"
    body, content_type = _multipart("a" * 1200 + ".pdf")
    response = client.post(
        "/api/v1/regions/33.25/bodies/council/decree", body, content_type=content_type
    )
    assert response.status_code in (400, 422), response.content
    assert response.json()["error"]["status"] == response.status_code


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize(
    "url",
    [
        "/program/opds/9223372036854775808/commitment/scan/",
        "/program/opds/99999999999999999999999/commitment/",
        "/regions/opds/9223372036854775808/edit/",
    ],
)
def test_an_id_past_the_database_in_a_page_path_is_a_404(users: Any, method: str, url: str) -> None:
    response = getattr(_client(users["coordinator"]), method)(url)
    assert response.status_code == 404


@pytest.mark.parametrize("char", ["\u202e", "\u200b", "\u200f", "\u2066", "\ufeff"])
def test_invisible_characters_are_refused_in_names(users: Any, char: str) -> None:
    from kotacerdas.masterplan import limits

    assert limits.line_problem(f"Dinas{char} Kominfo") is not None
    opd = users["opd_officer"].opd
    response = _client(users["coordinator"]).patch(
        f"/api/v1/opds/{opd.pk}", {"head_name": f"Budi{char}"}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["field"] == "head_name"
